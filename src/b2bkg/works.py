"""Identifiers of shared works: one IRI per cited or recorded work, whoever mints it.

A *work* is a bibliographic work that is not one of our curated papers: an entry in a corpus
export, a reference printed in a paper, a cited reference of a corpus record. Every module that
mints a work IRI calls :func:`work_iri` here, so the same work always meets itself in one node.

Rules (documented in ``docs/corpus.md``):

- DOI first: ``kg:work/doi/<doi>``, the DOI normalised by :func:`normalise_doi` (resolver
  prefixes and ``doi:`` removed, lower-cased) and percent-encoded outside ``[A-Za-z0-9._~/-]``.
- Otherwise a reference key: ``kg:work/key/<key>`` built by :func:`reference_key` from the first
  author's surname and initial, year, source, volume and first page (each part NFKC-normalised,
  case-folded, Latin letters folded to ASCII, CJK kept as is, punctuation and spaces dropped;
  parts joined with ``-``, a missing part left empty). Non-ASCII characters of the key are
  percent-encoded (UTF-8) in the IRI; the key itself keeps them.
- Author names for counting follow bibliometrix: ``SURNAME INITIALS`` upper-cased with the
  initials run together (``ARIA M``, ``DE SOLLA PRICE DJ``); names written in Chinese, Japanese
  or Korean script are kept whole and never cut into initials (:func:`author_key`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote, unquote

from rdflib import URIRef

from .vocab import KG

__all__ = [
    "WORK_NS",
    "normalise_doi",
    "work_iri",
    "reference_key",
    "author_key",
    "fold",
    "is_cjk",
]

WORK_NS = str(KG) + "work/"

_DOI_PREFIX = re.compile(
    r"^(?:doi\s*[:=]?\s*|https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/|info:doi/|urn:doi:)+",
    re.IGNORECASE,
)
_DOI_SHAPE = re.compile(r"^10\.\d{3,9}(?:\.\d+)*/\S+$")
_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]"
)
_IRI_SAFE = "._~/-"


@lru_cache(maxsize=1 << 18)
def normalise_doi(s: str | None) -> str | None:
    """The DOI in ``s`` in its canonical form, or ``None`` when ``s`` holds no DOI.

    Resolver prefixes, ``doi:`` and surrounding punctuation are removed; DOIs are
    case-insensitive, so the result is lower-cased.

    >>> normalise_doi("https://doi.org/10.1016/J.JOI.2017.08.007")
    '10.1016/j.joi.2017.08.007'
    >>> normalise_doi("DOI 10.1364/OL.32.002168.")
    '10.1364/ol.32.002168'
    >>> normalise_doi("doi:10.1000/xyz%20a")
    '10.1000/xyz a'
    >>> normalise_doi("not a doi") is None
    True
    """
    if not s:
        return None
    text = unicodedata.normalize("NFKC", str(s)).strip().lstrip("[<\"' ").rstrip("\"' ")
    text = _DOI_PREFIX.sub("", text).strip()
    if "%" in text:
        text = unquote(text)
    while text and text[-1] in ".,;:)]}":
        closer = text[-1]
        opener = {")": "(", "]": "[", "}": "{"}.get(closer)
        if opener and text.count(opener) >= text.count(closer):
            break
        text = text[:-1]
    text = text.strip().lower()
    if not _DOI_SHAPE.match(text.replace(" ", "_")):
        return None
    return text


def work_iri(doi: str | None = None, key: str | None = None) -> URIRef:
    """The IRI of a shared work: by DOI when there is one, else by reference key.

    >>> str(work_iri(doi="10.1364/OL.32.002168"))
    'https://w3id.org/b2bkg/id/work/doi/10.1364/ol.32.002168'
    >>> str(work_iri(doi="10.1002/(SICI)1097-4571(199005)41:3<193::AID-ASI5>3.0.CO;2-D"))
    'https://w3id.org/b2bkg/id/work/doi/10.1002/%28sici%291097-4571%28199005%2941%3A3%3C193%3A%3Aaid-asi5%3E3.0.co%3B2-d'
    >>> str(work_iri(key="aria-m-2017-jinformetr-11-959"))
    'https://w3id.org/b2bkg/id/work/key/aria-m-2017-jinformetr-11-959'
    >>> str(work_iri(key="王小明--2020-管理世界--1"))
    'https://w3id.org/b2bkg/id/work/key/%E7%8E%8B%E5%B0%8F%E6%98%8E--2020-%E7%AE%A1%E7%90%86%E4%B8%96%E7%95%8C--1'
    """
    if doi:
        norm = normalise_doi(doi)
        if norm is None:
            raise ValueError(f"not a DOI: {doi!r}")
        return URIRef(WORK_NS + "doi/" + quote(norm, safe=_IRI_SAFE))
    if key:
        if not key.strip("-"):
            raise ValueError("a work key needs at least one non-empty part")
        return URIRef(WORK_NS + "key/" + quote(key, safe=_IRI_SAFE))
    raise ValueError("work_iri needs a doi or a key")


def is_cjk(text: str) -> bool:
    """Whether ``text`` contains a Chinese, Japanese or Korean character.

    >>> is_cjk("王小明"), is_cjk("Wang, X"), is_cjk("김민수")
    (True, False, True)
    """
    return bool(_CJK.search(text or ""))


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """NFKC, case-fold, Latin letters folded to ASCII; CJK and other scripts kept as is.

    >>> fold("Müller-Lüdenscheidt ŁÓDŹ")
    'muller-ludenscheidt lodz'
    >>> fold("管理世界 Ⅳ")
    '管理世界 iv'
    """
    return _latin_to_ascii(unicodedata.normalize("NFKC", text or "").casefold())


def _latin_to_ascii(text: str) -> str:
    """Latin letters with diacritics to their ASCII base letters, case kept; other scripts kept."""
    out = []
    for ch in text:
        if ch.isascii() or _CJK.match(ch):
            out.append(ch)
            continue
        special = _SPECIAL_FOLD.get(ch.lower())
        if special is not None:
            out.append(special.upper() if ch.isupper() else special)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if base and base.isascii() else ch)
    return "".join(out)


_SPECIAL_FOLD = {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i"}


@lru_cache(maxsize=1 << 18)
def _key_part(value: object) -> str:
    text = fold("" if value is None else str(value))
    return "".join(ch for ch in text if ch.isalnum())


def _number_part(value: object, letter: str) -> str:
    part = _key_part(value)
    if len(part) > 1 and part[0] == letter and part[1].isdigit():
        part = part[1:]
    return part


@lru_cache(maxsize=1 << 18)
def reference_key(
    first_author_surname: str | None,
    initial: str | None,
    year: int | str | None,
    source: str | None,
    volume: str | int | None,
    first_page: str | int | None,
) -> str:
    """The normalised matching key of a work that has no DOI.

    Each part: NFKC, case-folded, Latin folded to ASCII, CJK kept, everything but letters and
    digits dropped; volume and page lose a leading ``V``/``P`` as WoS prints them. Only the
    first letter of ``initial`` counts. Parts are joined with ``-``; a missing part is empty.

    >>> reference_key("Aria", "M", 2017, "J INFORMETR", "V11", "P959")
    'aria-m-2017-jinformetr-11-959'
    >>> reference_key("ARIA", "Massimo", "2017", "J. Informetr.", 11, 959)
    'aria-m-2017-jinformetr-11-959'
    >>> reference_key("王小明", None, 2020, "管理世界", None, "1")
    '王小明--2020-管理世界--1'
    >>> reference_key("de Solla Price", "D", 1965, "Science", "149", None)
    'desollaprice-d-1965-science-149-'
    """
    init = _key_part(initial)[:1]
    if is_cjk(first_author_surname or ""):
        init = ""
    year_part = "".join(ch for ch in str(year or "") if ch.isdigit())
    parts = [
        _key_part(first_author_surname),
        init,
        year_part,
        _key_part(source),
        _number_part(volume, "v"),
        _number_part(first_page, "p"),
    ]
    return "-".join(parts)


_PARTICLES = {
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "des", "la", "le", "dos", "das",
    "ter", "ten", "st", "al", "el", "bin", "ibn",
}


def _initials(given: str) -> str:
    given = given.replace(".", " ").replace("-", " ").strip()
    tokens = [t for t in given.split() if t]
    if not tokens:
        return ""
    # Already initials as WoS prints them ("DJ", "J", "JH"): every token upper-case and short.
    if all(t.isupper() and len(t) <= 3 for t in tokens) and not any(len(t) > 1 for t in tokens[1:]):
        return "".join(tokens)
    return "".join(t[0] for t in tokens if t[0].isalpha())


@lru_cache(maxsize=1 << 18)
def author_key(name: str | None) -> str:
    """An author's name in bibliometrix's counting form: ``SURNAME INITIALS``.

    ``Surname, Given`` and ``Given Surname`` are both read; a name in CJK script is kept whole
    (spaces and the comma removed), never cut into initials. The printed form is the caller's
    to keep.

    >>> author_key("Aria, Massimo")
    'ARIA M'
    >>> author_key("Aria, M.")
    'ARIA M'
    >>> author_key("de Solla Price, Derek J.")
    'DE SOLLA PRICE DJ'
    >>> author_key("Jean-Pierre Dupont")
    'DUPONT JP'
    >>> author_key("Müller, Jürgen")
    'MULLER J'
    >>> author_key("SMITH JA")
    'SMITH JA'
    >>> author_key("王, 小明")
    '王小明'
    >>> author_key("山田 太郎")
    '山田太郎'
    >>> author_key("CAVALLER.G")
    'CAVALLER G'
    >>> author_key("[Anonymous]")
    'ANONYMOUS'
    """
    text = unicodedata.normalize("NFKC", name or "").strip()
    if not text:
        return ""
    if is_cjk(text):
        return re.sub(r"[\s,，·・.]+", "", text)
    text = _latin_to_ascii(text).strip("[]() ").strip()
    truncated = re.fullmatch(r"([A-Za-z'-]+)\.([A-Z]{1,3})", text)  # WoS cuts long surnames: CAVALLER.G
    if truncated:
        return f"{truncated.group(1).upper()} {truncated.group(2)}"
    if "," in text:
        surname, _, given = text.partition(",")
        surname, given = surname.strip(), given.strip()
    else:
        tokens = text.split()
        if len(tokens) == 1:
            surname, given = tokens[0], ""
        elif _looks_like_initials(tokens[-1]):
            surname, given = " ".join(tokens[:-1]), tokens[-1]
        else:
            i = len(tokens) - 1
            while i > 1 and tokens[i - 1].lower() in _PARTICLES:
                i -= 1
            surname, given = " ".join(tokens[i:]), " ".join(tokens[:i])
    surname = re.sub(r"[^\w\s'-]", "", surname)
    surname = re.sub(r"\s+", " ", surname).strip().upper()
    return f"{surname} {_initials(given).upper()}".strip()


def _looks_like_initials(token: str) -> bool:
    token = token.replace(".", "").replace("-", "")
    return 0 < len(token) <= 3 and token.isalpha() and token.isupper()
