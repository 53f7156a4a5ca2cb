"""Cited references: read the printed forms, refuse what is not a reference.

- Web of Science short form: ``AUTHOR, YEAR, SOURCE, V<volume>, P<page>, DOI <doi>`` (any part
  may be missing; ``DOI [a, b]`` lists several DOIs, the first is kept).
- Scopus long form, old and new layouts::

    Aria, M., Cuccurullo, C., bibliometrix: An R-tool … (2017) Journal of Informetrics, 11 (4), pp. 959-975.
    Aria M., Cuccurullo C., bibliometrix: An R-tool …, Journal of Informetrics, 11, 4, pp. 959-975, (2017)

- free-text reference strings (BibTeX/RIS/CSL notes): a DOI if one is written, else a year and
  the first author read as the Scopus form does.

:func:`rejection` names why an entry is not a reference (``NO TITLE CAPTURED``, ``[ANONYMOUS]``
with nothing else, a fragment with neither year nor DOI); such entries are counted by the
parsers and never become works.
"""

from __future__ import annotations

import re

from b2bkg.corpus.model import CitedRef
from b2bkg.works import normalise_doi

__all__ = ["parse_wos_reference", "parse_scopus_reference", "parse_free_reference", "rejection"]

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_DOI_IN = re.compile(r"\b(10\.\d{3,9}(?:\.\d+)*/[^\s,\];]+)", re.I)
_PAREN_YEAR = re.compile(r"\((1[5-9]\d\d|20\d\d)[a-z]?\)")
_SCOPUS_OLD_AUTHOR = re.compile(r"^\s*([^,()]+?),\s*((?:[A-Z][a-z]?\.\s?-?\s?)+)(?:,|$)")
_SCOPUS_NEW_AUTHOR = re.compile(r"^\s*([^,()]+?)\s((?:[A-Z][a-z]?\.\s?-?)+)(?:,|$)")
_PAGES = re.compile(r"\bpp?\.\s*([A-Za-z]?\d+[A-Za-z]?)")


def rejection(raw: str) -> str | None:
    """Why ``raw`` is not a cited reference, or None when it is one.

    >>> rejection("NO TITLE CAPTURED")
    'no title captured'
    >>> rejection("[ANONYMOUS]")
    'anonymous with nothing else'
    >>> rejection("SMITH J")
    'fragment: neither year nor DOI'
    >>> rejection("[ANONYMOUS], 1968, PHYS REV, V171, P1385") is None
    True
    """
    text = (raw or "").strip().strip(";").strip()
    if not text:
        return "empty entry"
    if "NO TITLE CAPTURED" in text.upper():
        return "no title captured"
    bare = re.sub(r"[\s,.;*]+", "", text.upper())
    if bare in {"[ANONYMOUS]", "ANONYMOUS", "ANON", "[ANON]"}:
        return "anonymous with nothing else"
    has_year = bool(re.search(r"\b(1[5-9]\d\d|20\d\d)\b", text))
    if not has_year and not _DOI_IN.search(text):
        return "fragment: neither year nor DOI"
    if len(re.sub(r"[^\w]", "", text)) < 6:
        return "fragment: too short"
    return None


def _first_doi(text: str) -> str | None:
    m = _DOI_IN.search(text)
    return normalise_doi(m.group(1)) if m else None


def parse_wos_reference(raw: str) -> CitedRef:
    """A WoS short-form reference.

    >>> r = parse_wos_reference("ALLEN PJ, 1966, AM J PHYS, V34, P1185, DOI 10.1119/1.1972585")
    >>> r.author, r.year, r.source, r.volume, r.page, r.doi
    ('ALLEN PJ', 1966, 'AM J PHYS', '34', '1185', '10.1119/1.1972585')
    >>> r.key
    'allen-p-1966-amjphys-34-1185'
    >>> parse_wos_reference("Arnaud J. A., 1973, Optics Communications, V7, DOI 10.1016/0030-4018(73)90041-2").doi
    '10.1016/0030-4018(73)90041-2'
    >>> parse_wos_reference("X Y, 2001, J X, V1, P2, DOI [10.1038/AB1, 10.1038/CD2]").doi
    '10.1038/ab1'
    """
    text = raw.strip()
    ref = CitedRef(raw=text)
    doi_part = ""
    m = re.search(r",?\s*DOI\s+(.*)$", text)
    if m:
        doi_part, text = m.group(1), text[: m.start()]
        ref.doi = _first_doi(doi_part)
    parts = [p.strip() for p in text.split(",")]
    i = 0
    if parts and not _YEAR.match(parts[0]):
        ref.author = parts[0].lstrip("*").strip()
        i = 1
    if ref.author.upper() in {"[ANONYMOUS]", "ANONYMOUS"}:
        ref.author = ""
    if i < len(parts) and _YEAR.match(parts[i]):
        ref.year = int(parts[i])
        i += 1
    if i < len(parts) and not re.match(r"^[VP]\w+$", parts[i]):
        ref.source = parts[i]
        i += 1
    for part in parts[i:]:
        if re.match(r"^V\w+$", part) and not ref.volume:
            ref.volume = part[1:]
        elif re.match(r"^P\w+$", part) and not ref.page:
            ref.page = part[1:]
    return ref


def parse_scopus_reference(raw: str) -> CitedRef:
    """A Scopus long-form reference (old ``(year) Source, vol (issue), pp.`` or new ``…, (year)``).

    >>> r = parse_scopus_reference("Aria, M., Cuccurullo, C., bibliometrix: An R-tool for comprehensive "
    ...     "science mapping analysis (2017) Journal of Informetrics, 11 (4), pp. 959-975.")
    >>> r.author, r.year, r.source, r.volume, r.page
    ('Aria, M.', 2017, 'Journal of Informetrics', '11', '959')
    >>> r = parse_scopus_reference("Aria M., Cuccurullo C., bibliometrix: An R-tool for comprehensive "
    ...     "science mapping analysis, Journal of Informetrics, 11, 4, pp. 959-975, (2017)")
    >>> r.author, r.year, r.volume, r.page
    ('Aria M.', 2017, '11', '959')
    """
    text = raw.strip()
    ref = CitedRef(raw=text, doi=_first_doi(text))
    years = list(_PAREN_YEAR.finditer(text))
    m_old = _SCOPUS_OLD_AUTHOR.match(text)
    m_new = _SCOPUS_NEW_AUTHOR.match(text)
    if m_old and (not m_new or len(m_old.group(0)) >= len(m_new.group(0))):
        ref.author = f"{m_old.group(1).strip()}, {m_old.group(2).strip()}"
    elif m_new:
        ref.author = f"{m_new.group(1).strip()} {m_new.group(2).strip()}"
    if not years:
        m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", text)
        ref.year = int(m.group(1)) if m else None
        return ref
    last = years[-1]
    ref.year = int(last.group(1))
    after = text[last.end():].strip(" ,.")
    if after:  # old layout: "(year) Source, vol (issue), pp. x-y"
        pieces = [p.strip() for p in after.split(",")]
        ref.source = pieces[0]
        for p in pieces[1:]:
            vm = re.match(r"^(\d+[A-Za-z]?)(?:\s*\(|$)", p)
            if vm and not ref.volume:
                ref.volume = vm.group(1)
    else:  # new layout: "title, Source, vol, issue, pp. x-y, (year)"
        before = text[: last.start()].rstrip(" ,")
        pieces = [p.strip() for p in before.split(",")]
        nums = [i for i, p in enumerate(pieces) if re.fullmatch(r"\d+[A-Za-z]?", p)]
        if nums:
            ref.volume = pieces[nums[0]]
            if nums[0] >= 1:
                ref.source = pieces[nums[0] - 1]
    pm = _PAGES.search(text)
    if pm:
        ref.page = pm.group(1)
    return ref


def parse_free_reference(raw: str) -> CitedRef:
    """A reference written as free text (a BibTeX/RIS note, a CSL ``unstructured`` string)."""
    ref = parse_scopus_reference(raw)
    if ref.year is None:
        m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", raw)
        ref.year = int(m.group(1)) if m else None
    return ref
