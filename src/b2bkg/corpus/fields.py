"""From WoS-style tagged fields to a :class:`Record`: shared by the WoS plain-text and
tab-delimited readers (and usable for any export that speaks WoS field tags)."""

from __future__ import annotations

import re

from b2bkg.corpus.model import Author, ParseResult, Record
from b2bkg.corpus.refs import parse_wos_reference, rejection

__all__ = ["record_from_tags", "country_of", "countries_of", "split_list", "to_int"]

_COUNTRY_ALIASES = {
    "ENGLAND": "UNITED KINGDOM", "SCOTLAND": "UNITED KINGDOM", "WALES": "UNITED KINGDOM",
    "NORTH IRELAND": "UNITED KINGDOM", "NORTHERN IRELAND": "UNITED KINGDOM", "UK": "UNITED KINGDOM",
    "PEOPLES R CHINA": "CHINA", "PR CHINA": "CHINA", "P R CHINA": "CHINA", "U ARAB EMIRATES": "UNITED ARAB EMIRATES",
    "RUSSIA": "RUSSIA", "USSR": "RUSSIA", "FED REP GER": "GERMANY", "WEST GERMANY": "GERMANY",
    "UNITED STATES": "USA", "REPUBLIC OF KOREA": "SOUTH KOREA", "KOREA": "SOUTH KOREA",
}


def to_int(text: str | None) -> int | None:
    m = re.search(r"\d+", text or "")
    return int(m.group(0)) if m else None


def split_list(text: str, sep: str = ";") -> list[str]:
    """``a; b;c`` -> ``["a", "b", "c"]`` (empty items dropped, inner spaces collapsed)."""
    return [re.sub(r"\s+", " ", p).strip() for p in (text or "").split(sep) if p.strip()]


def country_of(address: str) -> str:
    """The country of a WoS/Scopus address: its last comma part, upper-cased, with the
    bibliometrix spellings (``USA`` for US addresses, ``UNITED KINGDOM`` for England …).

    >>> country_of("Stanford Univ, Dept Phys, Stanford, CA 94305 USA.")
    'USA'
    >>> country_of("Univ Oxford, Oxford OX1 3PU, England")
    'UNITED KINGDOM'
    >>> country_of("Zhejiang Univ, Hangzhou 310027, Peoples R China")
    'CHINA'
    """
    text = re.sub(r"^\[[^\]]*\]\s*", "", address or "").strip().rstrip(".").strip()
    if not text:
        return ""
    last = text.rsplit(",", 1)[-1].strip().upper()
    if re.search(r"\bUSA$", last):
        return "USA"
    last = re.sub(r"[\d-]+", " ", last)
    last = re.sub(r"\s+", " ", last).strip()
    if re.fullmatch(r"[A-Z]{2}", last):  # a US state code with the country left out
        return "USA"
    return _COUNTRY_ALIASES.get(last, last)


def countries_of(addresses: list[str]) -> list[str]:
    """The distinct countries of ``addresses``, in the order they first appear.

    >>> countries_of(["Univ Oxford, Oxford, England", "MIT, Cambridge, MA 02139 USA", "UCL, London, UK"])
    ['UNITED KINGDOM', 'USA']
    """
    countries: list[str] = []
    for address in addresses:
        c = country_of(address)
        if c and c not in countries:
            countries.append(c)
    return countries


def _authors(tags: dict[str, list[str]]) -> list[Author]:
    abbreviated = [a.strip() for a in tags.get("AU", []) if a.strip()]
    full = [a.strip() for a in tags.get("AF", []) if a.strip()]
    n = max(len(abbreviated), len(full))
    return [
        Author(full=full[i] if i < len(full) else abbreviated[i],
               abbreviated=abbreviated[i] if i < len(abbreviated) else "")
        for i in range(n)
    ]


def _affiliate(authors: list[Author], addresses: list[str]) -> None:
    """New-style C1 lines ``[A, B; C, D] address`` give each author their address."""
    by_name = {a.full.casefold(): a for a in authors}
    for address in addresses:
        m = re.match(r"^\[([^\]]*)\]\s*(.*)$", address)
        if not m:
            continue
        for name in m.group(1).split(";"):
            author = by_name.get(name.strip().casefold())
            if author is not None and m.group(2) not in author.affiliations:
                author.affiliations.append(m.group(2).strip())


def record_from_tags(tags: dict[str, list[str]], file: str, line: int, fmt: str, result: ParseResult) -> Record:
    """A record from WoS tags (tag -> its lines / values; continuation lines already split)."""

    def one(tag: str) -> str:
        return " ".join(v.strip() for v in tags.get(tag, []) if v.strip())

    addresses = [a.strip() for a in tags.get("C1", []) if a.strip()]
    authors = _authors(tags)
    _affiliate(authors, addresses)
    countries = countries_of(addresses)
    refs = []
    for raw in tags.get("CR", []):
        raw = raw.strip()
        if not raw:
            continue
        why = rejection(raw)
        if why:
            result.reject_ref(why)
            continue
        refs.append(parse_wos_reference(raw))
    return Record(
        file=file,
        line=line,
        format=fmt,
        title=one("TI"),
        authors=authors,
        affiliations=[re.sub(r"^\[[^\]]*\]\s*", "", a) for a in addresses],
        countries=countries,
        source=one("SO"),
        source_abbrev=one("J9") or one("JI"),
        year=to_int(one("PY")),
        volume=one("VL"),
        issue=one("IS"),
        page_start=one("BP") or one("AR"),
        page_end=one("EP"),
        doi=one("DI") or None,
        doc_type=one("DT"),
        language=one("LA"),
        author_keywords=split_list(one("DE")),
        index_keywords=split_list(one("ID")),
        abstract=one("AB"),
        times_cited=to_int(one("TC")) if one("TC") else None,
        export_date=one("DA"),
        references=refs,
        identifier=one("UT"),
        publisher=one("PU"),
        issn=one("SN"),
    )
