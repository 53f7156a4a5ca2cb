"""The curated papers' notions found in corpus records: a bilingual thesaurus of the ontology's
labels, matched on titles, abstracts and keywords, each hit kept with its verbatim span.

Matching rules (precision above recall):
- **English**: text and labels are split into word tokens (letters and digits; a hyphen or
  apostrophe splits) and compared case-insensitively; a label's word also matches its
  inflected forms (plural ``-s``/``-es``/``-ies``, possessive ``'s``, ``-ed``/``-d``,
  ``-ing``) and the American spelling of ``-isation``/``-ise``/``-our``. Tokens are whole
  words: "cost" never matches inside "costume", nor "trade" inside "trademark".
- **Chinese** (and other CJK): a label matches only as the whole label string.
- **Overlaps**: where matches overlap, the longest wins (then the earlier): "transaction cost
  theory" is tagged as the theory, not also as the cost. Where one span is a preferred label
  (``rdfs:label``/``skos:prefLabel``) of one entity and an ``altLabel`` of another, the preferred
  one wins ("跨境电商" is the keyword cross-border e-commerce, not the rise of it).
- **Rejected labels** (the rule measured on the hand-labelled sample in the tests): an English
  label of a single word (``Innovation``, ``Compliance``, ``transparent``: in a record they
  rarely mean the paper's notion) unless it is an acronym, and a CJK label shorter than three
  characters (``合规``, ``创新``); text in parentheses in a label is dropped (``Trade power (a
  strong trading nation)`` is matched as ``Trade power``). A thesaurus file can add any of
  them back as an explicit synonym.

Thesaurus file: VOSviewer's two tab-separated columns with the header ``label`` and
``replace by``. A row ``term → existing label or entity IRI`` adds ``term`` as a synonym of that
entity (when ``term`` is itself a label of another entity, that entity's labels are merged into
the target); a row with an empty ``replace by`` ignores ``term``.

>>> th = Thesaurus.from_labels([("kg:m/ce", "Credit enhancement", "pref"), ("kg:m/ce", "信用增级", "alt")])
>>> [(t.exact, t.entity) for t in tag_text(th, "w1", "title", "Credit-enhancements and 信用增级 in B2B")]
[('Credit-enhancements', 'kg:m/ce'), ('信用增级', 'kg:m/ce')]
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

__all__ = ["CONTEXT", "Tag", "Thesaurus", "ThesaurusError", "surface_forms", "tag_text", "tag_records"]

CONTEXT = 24  # characters of prefix / suffix, as the paper's own evidence selectors

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SPLIT = {"ecommerce": ("e", "commerce")}


class ThesaurusError(ValueError):
    """A thesaurus file that cannot be read: the line and what is wrong."""


@dataclass(frozen=True)
class Tag:
    """One mention of an entity in one field of one record, as a TextQuoteSelector."""

    work: str
    field: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    entity: str
    label: str

    def as_dict(self) -> dict:
        return asdict(self)


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKC", s).casefold()


def surface_forms(word: str) -> frozenset[str]:
    """The forms a label word matches: itself, its inflections and American spellings.

    >>> sorted(surface_forms("cost"))
    ['cost', "cost's", 'costed', 'costing', 'costs']
    """
    w = _fold(word)
    bases = {w}
    for uk, us in (("isation", "ization"), ("ise", "ize"), ("our", "or"), ("yse", "yze")):
        if w.endswith(uk):
            bases.add(w[: -len(uk)] + us)
    forms = set()
    for b in bases:
        forms |= {b, b + "'s"}
        if len(b) < 3 or not b.isalpha():
            continue
        if b.endswith("y") and b[-2:-1] not in "aeiou":
            forms |= {b[:-1] + "ies", b[:-1] + "ied", b + "ing"}
        elif b.endswith(("s", "x", "z", "ch", "sh")):
            forms |= {b + "es", b + "ed", b + "ing"}
        elif b.endswith("e"):
            forms |= {b + "s", b + "d", b[:-1] + "ing"}
        else:
            forms |= {b + "s", b + "ed", b + "ing"}
    return frozenset(forms)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        if _CJK.search(raw):
            continue  # CJK is matched on whole labels, not tokens
        low = _fold(raw)
        if low in _SPLIT:
            parts = _SPLIT[low]
            out.extend((p, m.start(), m.end()) for p in parts)
            continue
        # keep a possessive with its word: "platform's"
        end = m.end()
        if text[end:end + 2] in ("'s", "’s"):
            low, end = low + "'s", end + 2
        out.append((low, m.start(), end))
    return out


def _label_words(label: str) -> tuple[str, ...]:
    return tuple(p for t in _TOKEN.findall(label) for p in _SPLIT.get(_fold(t), (_fold(t),)))


def _usable(label: str) -> str | None:
    label = re.sub(r"\s*[(（][^)）]*[)）]", "", label).strip()
    if not label:
        return None
    if _CJK.search(label):
        return label if len(re.sub(r"\s", "", label)) >= 3 else None
    words = _TOKEN.findall(label)
    if len(words) == 1 and not re.fullmatch(r"[A-Z0-9]{2,}s?", words[0]):  # an acronym (SMEs) passes
        return None
    return label


@dataclass
class Thesaurus:
    """Labels to entities: ``english`` maps a first-word form to (word-form sets, entity, label);
    ``cjk`` maps a CJK label to its entities."""

    english: dict[str, list[tuple[tuple[frozenset[str], ...], str, str]]] = field(default_factory=dict)
    cjk: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, set[str]] = field(default_factory=dict)  # entity -> usable labels
    alt: set[tuple[str, str]] = field(default_factory=set)  # (entity, label) known only as altLabel
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (entity, label)

    @classmethod
    def from_labels(cls, labels: Iterable[tuple[str, str, str | None]], thesaurus_file: str | None = None,
                    ) -> Thesaurus:
        """From ``(entity, label, kind)`` triples (kind ``pref`` or ``alt``), then the rows of a
        VOSviewer thesaurus (its synonyms count as preferred)."""
        pairs: dict[str, set[str]] = {}
        rejected, pref, alt = [], set(), set()
        for entity, label, kind in labels:
            usable = _usable(label)
            if usable is None:
                rejected.append((entity, label))
                continue
            pairs.setdefault(entity, set()).add(usable)
            (alt if kind == "alt" else pref).add((entity, usable))
        if thesaurus_file is not None:
            pairs = _apply_file(pairs, thesaurus_file)
        th = cls(rejected=sorted(set(rejected)), alt=alt - pref)
        for entity in sorted(pairs):
            for label in sorted(pairs[entity]):
                th._add(entity, label)
        return th

    def _add(self, entity: str, label: str) -> None:
        self.labels.setdefault(entity, set()).add(label)
        if _CJK.search(label):
            self.cjk.setdefault(label, set()).add(entity)
            return
        words = _label_words(label)
        if not words:
            return
        forms = tuple(frozenset({w}) if len(words) > 1 and i < len(words) - 1 and w in _FUNCTION else surface_forms(w)
                      for i, w in enumerate(words))
        for first in forms[0]:
            self.english.setdefault(first, []).append((forms, entity, label))

    def __len__(self) -> int:
        return sum(len(v) for v in self.labels.values())


_FUNCTION = frozenset("a an and of the for in on to with by or".split())


def _apply_file(pairs: dict[str, set[str]], text: str) -> dict[str, set[str]]:
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    if not rows or [c.strip().casefold() for c in rows[0][:2]] != ["label", "replace by"]:
        raise ThesaurusError("line 1: a VOSviewer thesaurus starts with the header 'label<TAB>replace by'")
    by_label: dict[str, str] = {}
    for entity, labels in pairs.items():
        for label in labels:
            by_label.setdefault(_fold(label), entity)
    pairs = {e: set(ls) for e, ls in pairs.items()}
    for n, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) > 2:
            raise ThesaurusError(f"line {n}: two tab-separated columns expected, got {len(row)}")
        term, target = row[0].strip(), (row[1].strip() if len(row) > 1 else "")
        if not term:
            raise ThesaurusError(f"line {n}: the label column is empty")
        if not target:  # ignore the term
            for labels in pairs.values():
                labels.discard(next((x for x in labels if _fold(x) == _fold(term)), ""))
            continue
        entity = target if target in pairs else by_label.get(_fold(target))
        if entity is None:
            raise ThesaurusError(f"line {n}: 'replace by' {target!r} is neither a label nor an entity of the thesaurus")
        source = by_label.get(_fold(term))
        if source is not None and source != entity:  # merge that entity into the target
            pairs[entity] |= pairs.pop(source)
            for label in pairs[entity]:
                by_label[_fold(label)] = entity
        pairs[entity].add(term)
        by_label[_fold(term)] = entity
    return {e: ls for e, ls in pairs.items() if ls}


def tag_text(thesaurus: Thesaurus, work: str, field_name: str, text: str) -> list[Tag]:
    """Every mention of a thesaurus label in ``text`` (the ``field_name`` of record ``work``)."""
    found: list[tuple[int, int, str, str]] = []
    toks = _tokens(text)
    for i, (tok, start, _) in enumerate(toks):
        for forms, entity, label in thesaurus.english.get(tok, ()):
            n = len(forms)
            if i + n <= len(toks) and all(toks[i + k][0] in forms[k] for k in range(n)):
                found.append((start, toks[i + n - 1][2], entity, label))
    for label, entities in thesaurus.cjk.items():
        pos = text.find(label)
        while pos >= 0:
            for entity in entities:
                found.append((pos, pos + len(label), entity, label))
            pos = text.find(label, pos + 1)
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0], (f[2], f[3]) in thesaurus.alt, f[2]))
    kept: list[tuple[int, int, str, str]] = []
    for f in found:
        same = [k for k in kept if (k[0], k[1]) == (f[0], f[1])]
        if same and (f[2], f[3]) in thesaurus.alt and any((k[2], k[3]) not in thesaurus.alt for k in same):
            continue  # an altLabel reading of a span another entity has as its preferred label
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept if (k[0], k[1]) != (f[0], f[1])):
            if not any(k[2] == f[2] for k in same):
                kept.append(f)
    kept.sort()
    return [Tag(work, field_name, text[s:e], text[max(0, s - CONTEXT):s], text[e:e + CONTEXT], s, e, entity, label)
            for s, e, entity, label in kept]


def tag_records(thesaurus: Thesaurus, records: Iterable[dict]) -> list[Tag]:
    """Tags of every record (dicts with ``work``, ``title``, ``abstract``, ``keywords``: a list)."""
    tags: list[Tag] = []
    for r in records:
        tags += tag_text(thesaurus, r["work"], "title", r.get("title") or "")
        tags += tag_text(thesaurus, r["work"], "abstract", r.get("abstract") or "")
        for k, kw in enumerate(_keywords(r)):
            tags += tag_text(thesaurus, r["work"], f"keyword/{k}", kw)
    return tags


def _keywords(r: dict) -> Sequence[str]:
    return list(r.get("keywords") or ())
