"""Matching: which records are one work, and which work each cited reference points to.

The rule (also in ``docs/corpus.md``):

1. **Records** of one import (all its files, all formats) are one work when they share a DOI;
   records without a common DOI are one work when their years are equal, their first authors'
   surnames fold to the same letters, and their normalised titles (NFKC, case-folded, Latin
   folded to ASCII, only letters and digits kept, words space-separated) have a
   ``difflib.SequenceMatcher`` ratio of at least :data:`TITLE_SIMILARITY` (0.90).
   The first record read (files in the order given) is the work's primary record; each merge
   is listed with its rule and score.
2. **Cited references** point to, in order: the work of their DOI; the work whose key (first
   author surname + initial, year, source, volume, first page; :func:`b2bkg.works.reference_key`)
   equals theirs, among the corpus records, the DOI-bearing references and the works already in
   the store; the work whose *loose* key (the same without the source, used only when volume
   and first page are both known, so that ``ANN PHYS-BERLIN`` and ``Annalen der Physik`` meet)
   equals theirs and is unambiguous; else the work of the first reference with that key or loose
   key; else a new work minted from their own key. A key (or loose key) that two different
   corpus records share is ambiguous and matches neither.
3. OpenAlex ``referenced_works`` meet corpus records by OpenAlex id; the others become works
   keyed ``openalex-w…``.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from b2bkg.corpus.model import CitedRef, Record
from b2bkg.works import fold, reference_key, work_iri

__all__ = ["TITLE_SIMILARITY", "Work", "Merge", "Matching", "match_records", "normalise_title", "loose_key"]

TITLE_SIMILARITY = 0.90
_AMBIGUOUS = "\0ambiguous"


def normalise_title(title: str) -> str:
    """>>> normalise_title("The Goos–Hänchen effect: a REVIEW.")
    'the goos hanchen effect a review'
    """
    return " ".join(re.findall(r"\w+", fold(title or "")))


def loose_key(key: str) -> str | None:
    """The key without its source part, when volume and first page are both there.

    >>> loose_key("allen-p-1966-amjphys-34-1185")
    'allen-p-1966-34-1185'
    >>> loose_key("allen-p-1966-amjphys--1185") is None
    True
    """
    parts = key.split("-")
    if len(parts) != 6 or not parts[4] or not parts[5] or not parts[0] or not parts[2]:
        return None
    return "-".join(parts[:3] + parts[4:])


@dataclass
class Work:
    """One work of the import: its IRI, its source records (primary first) and, for a cited-only
    work, the reference entry that first described it."""

    iri: str
    records: list[Record] = field(default_factory=list)
    ref: CitedRef | None = None

    @property
    def primary(self) -> Record | None:
        return self.records[0] if self.records else None


@dataclass(frozen=True)
class Merge:
    """Record ``merged`` (file:line) became part of the work of ``into`` by ``rule``."""

    work: str
    into: str
    merged: str
    rule: str
    score: float = 1.0

    def as_dict(self) -> dict:
        return {"work": self.work, "into": self.into, "merged": self.merged, "rule": self.rule,
                "score": round(self.score, 3)}


@dataclass
class Matching:
    """The outcome: works by IRI, merges, and for each (record, reference index) its work IRI."""

    works: dict[str, Work] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    cites: dict[tuple[int, int], str] = field(default_factory=dict)
    record_work: dict[int, str] = field(default_factory=dict)
    refs_matched: int = 0  # references placed on a corpus record or on a work already in the store
    refs_parsed: int = 0


def _surname(record: Record) -> str:
    a = record.first_author
    return re.sub(r"[^\w]", "", fold(a.surname)) if a else ""


def _record_iri(record: Record) -> str:
    if record.doi:
        return str(work_iri(doi=record.doi))
    return str(work_iri(key=record.key))


def match_records(
    records: list[Record],
    *,
    known_dois: dict[str, str] | None = None,
    known_keys: dict[str, str] | None = None,
    threshold: float = TITLE_SIMILARITY,
) -> Matching:
    """Group ``records`` into works and point every cited reference at a work.

    ``known_dois`` / ``known_keys``: DOI or reference key -> IRI of works already in the store
    (earlier imports, the papers' reference entries)."""
    m = Matching()
    by_doi: dict[str, Work] = {}
    by_block: dict[tuple[int | None, str], list[tuple[str, Work]]] = defaultdict(list)
    for index, record in enumerate(records):
        work: Work | None = None
        rule, score = "", 1.0
        if record.doi and record.doi in by_doi:
            work, rule = by_doi[record.doi], "same DOI"
        title = normalise_title(record.title)
        block = (record.year, _surname(record))
        if work is None and record.year is not None and block[1]:
            best, best_score = None, 0.0
            for other_title, candidate in by_block[block]:
                if record.doi and candidate.primary is not None and candidate.primary.doi and \
                        candidate.primary.doi != record.doi:
                    continue  # two different DOIs are two works, however alike the titles
                matcher = difflib.SequenceMatcher(None, title, other_title, autojunk=False)
                # the two upper bounds of ratio() first: a title that cannot reach the threshold
                # (or the best so far) is not compared in full (same result, far fewer full
                # comparisons in the big blocks of a large corpus: many WANG 2020)
                floor = max(threshold, best_score)
                if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                    continue
                s = matcher.ratio()
                if s > best_score:
                    best, best_score = candidate, s
            if best is not None and best_score >= threshold:
                work, rule, score = best, "same year and first author, similar title", best_score
        if work is None:
            iri = _record_iri(record)
            if iri in m.works:  # same key, dissimilar title: keep both, apart
                iri = iri + "-" + str(len(m.works))
            work = Work(iri=iri)
            m.works[iri] = work
        else:
            m.merges.append(Merge(work.iri, work.primary.origin if work.primary else "", record.origin, rule, score))
        work.records.append(record)
        if record.doi:
            by_doi.setdefault(record.doi, work)
        if record.year is not None and block[1]:
            by_block[block].append((title, work))
        m.record_work[index] = work.iri

    # indexes for references: DOI -> IRI, key -> IRI, loose key -> IRI, OpenAlex id -> IRI
    doi_index: dict[str, str] = dict(known_dois or {})
    key_index: dict[str, str] = dict(known_keys or {})
    loose_index: dict[str, str] = {}
    openalex_index: dict[str, str] = {}

    def add_key(key: str, iri: str) -> None:
        if key.strip("-") == "":
            return
        current = key_index.get(key)
        key_index[key] = iri if current in (None, iri) else _AMBIGUOUS
        lk = loose_key(key)
        if lk:
            cur = loose_index.get(lk)
            loose_index[lk] = iri if cur in (None, iri) else _AMBIGUOUS

    for work in m.works.values():
        for record in work.records:
            if record.doi:
                doi_index[record.doi] = work.iri
            add_key(record.key, work.iri)
            if record.source_abbrev and record.source:  # the key with the full source name too
                a = record.first_author
                add_key(reference_key(a.surname if a else "", a.initial if a else "", record.year, record.source,
                                      record.volume, record.page_start), work.iri)
            if record.format == "openalex" and record.identifier:
                openalex_index[record.identifier.upper()] = work.iri
    for record in records:
        for ref in record.references:
            if ref.doi:
                doi_index.setdefault(ref.doi, str(work_iri(doi=ref.doi)))
    for record in records:
        for ref in record.references:
            if ref.doi and (ref.author or ref.year):
                add_key(ref.key, doi_index[ref.doi])
    # references without DOI meet each other: the first reference with a key (or a loose key)
    # names the work; a loose key two corpus records share stays ambiguous
    for record in records:
        for ref in record.references:
            if ref.doi or ref.openalex:
                continue
            key = ref.key
            if key.strip("-") == "" or key in key_index:
                continue
            lk = loose_key(key)
            if lk and lk in loose_index:
                key_index[key] = loose_index[lk]
                continue
            iri = str(work_iri(key=key))
            key_index[key] = iri
            if lk:
                loose_index[lk] = iri

    placed = set(m.record_work.values()) | set((known_dois or {}).values()) | set((known_keys or {}).values())
    for index, record in enumerate(records):
        for j, ref in enumerate(record.references):
            m.refs_parsed += 1
            iri, _ = _resolve(ref, doi_index, key_index, loose_index, openalex_index)
            if iri in placed:
                m.refs_matched += 1
            if iri == m.record_work[index]:
                continue  # a record citing itself (a merge artefact) is not a citation
            m.cites[(index, j)] = iri
            if iri not in m.works:
                m.works[iri] = Work(iri=iri, ref=ref)
    return m


def _resolve(ref: CitedRef, doi_index, key_index, loose_index, openalex_index) -> tuple[str, bool]:
    """The IRI of ``ref`` and whether it met something already known (DOI or key of another)."""
    if ref.openalex:
        iri = openalex_index.get(ref.openalex.upper())
        return (iri, True) if iri else (str(work_iri(key="openalex-" + ref.openalex.lower())), False)
    if ref.doi:
        return doi_index.get(ref.doi) or str(work_iri(doi=ref.doi)), True
    key = ref.key
    iri = key_index.get(key)
    if iri and iri != _AMBIGUOUS:
        return iri, True
    lk = loose_key(key)
    if lk:
        iri = loose_index.get(lk)
        if iri and iri != _AMBIGUOUS:
            return iri, True
    return str(work_iri(key=key)), False
