"""The paper's references as BibTeX (bibtexparser), RIS (rispy) and CSL-JSON (plain JSON in the
shape of the CSL data schema).

Names: Chinese-language works keep their authors' Chinese names as one literal name; in
other works a person whose id is ``person/<family>-<given>`` with an English label of the same
words is written family name first ("Li Xiaoping"), other persons given names first
("R.H. Coase"); organisations are always one literal name.
"""

from __future__ import annotations

import json

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field

from b2bkg.analytics.literature import Author, Reference
from b2bkg.analytics.readwrite.graphs import Export
from b2bkg.analytics.views import choice

__all__ = ["REFERENCE_FORMATS", "export_references", "to_bibtex", "to_ris", "to_csl", "citation_key", "name_parts"]

REFERENCE_FORMATS: dict[str, tuple[str, str]] = {
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
}
_BIBTEX_TYPES = {
    "JournalArticle": "article", "Book": "book", "MastersThesis": "mastersthesis",
    "DoctoralThesis": "phdthesis", "ReportDocument": "techreport", "Expression": "misc",
}
_RIS_TYPES = {
    "JournalArticle": "JOUR", "Book": "BOOK", "MastersThesis": "THES", "DoctoralThesis": "THES",
    "ReportDocument": "RPRT", "Expression": "GEN",
}
_CSL_TYPES = {
    "JournalArticle": "article-journal", "Book": "book", "MastersThesis": "thesis", "DoctoralThesis": "thesis",
    "ReportDocument": "report", "Expression": "document",
}
_GENRES = {"MastersThesis": "Master's thesis", "DoctoralThesis": "Doctoral dissertation"}


def citation_key(ref: Reference) -> str:
    """``ref<N>``: the paper's own numbering, stable across exports."""
    return f"ref{ref.number}"


def name_parts(author: Author, language: str) -> tuple[str, str] | str:
    """(family, given) for a person written in Latin script, else one literal name.

    >>> name_parts(Author("x", "R.H. Coase", "科斯", False), "en")
    ('Coase', 'R.H.')
    >>> name_parts(Author("kg:person/li-xiaoping", "Li Xiaoping", "李小平", False), "en")
    ('Li', 'Xiaoping')
    >>> name_parts(Author("kg:person/li-xiaoping", "Li Xiaoping", "李小平", False), "zh")
    '李小平'
    """
    if author.organization:
        return author.name_zh if language == "zh" and author.name_zh else author.name_en or author.name_zh
    if language == "zh" and author.name_zh:
        return author.name_zh
    name = author.name_en.strip()
    if " " not in name:
        return name
    if author.iri.rsplit("/", 1)[-1] == "-".join(name.lower().split()):
        # person/<family>-<given> in pinyin (design.md): the English label is family name first
        family, given = name.split(" ", 1)
        return family, given
    given, family = name.rsplit(" ", 1)
    return family, given


def _title(ref: Reference) -> str:
    return ref.title or ref.title_en or ref.title_zh


def _venue(ref: Reference) -> str:
    return (ref.venue_zh if ref.language == "zh" else ref.venue_en) or ref.venue_en or ref.venue_zh


def _publisher(ref: Reference) -> str:
    return (ref.publisher_zh if ref.language == "zh" else ref.publisher_en) or ref.publisher_en or ref.publisher_zh


def _pages(ref: Reference, dash: str) -> str:
    if ref.page_start and ref.page_end:
        return f"{ref.page_start}{dash}{ref.page_end}"
    return ref.page_start


def _note(ref: Reference) -> str:
    english = f"English title: {ref.title_en}. " if ref.language != "en" and ref.title_en else ""
    return f"{english}Reference [{ref.number}] of Wang (2025)."


def _bib_value(text: str) -> str:
    return text.replace("{", "(").replace("}", ")")


def to_bibtex(refs: list[Reference]) -> str:
    """BibTeX of ``refs`` written by bibtexparser (values in braces, organisations double-braced)."""
    library = bibtexparser.Library()
    for ref in refs:
        names = []
        for a in ref.authors:
            parts = name_parts(a, ref.language)
            names.append(f"{parts[0]}, {parts[1]}" if isinstance(parts, tuple) else f"{{{_bib_value(parts)}}}")
        fields = [
            ("author", " and ".join(names)),
            ("title", _bib_value(_title(ref))),
            ("year", str(ref.year) if ref.year else ""),
            ("volume", ref.volume),
            ("number", ref.issue),
            ("pages", _pages(ref, "--")),
            ("doi", ref.doi),
            ("language", {"zh": "chinese", "en": "english"}.get(ref.language, ref.language)),
            ("note", _bib_value(_note(ref))),
        ]
        venue, publisher = _bib_value(_venue(ref)), _bib_value(_publisher(ref))
        kind = ref.type
        if kind == "JournalArticle":
            fields.append(("journal", venue))
        elif kind in ("MastersThesis", "DoctoralThesis"):
            fields.append(("school", publisher))
        elif kind == "ReportDocument":
            fields.append(("institution", publisher))
        elif kind == "Book":
            fields.append(("publisher", publisher))
        else:
            fields.append(("howpublished", publisher or venue))
        library.add(Entry(_BIBTEX_TYPES.get(kind, "misc"), citation_key(ref),
                          [Field(k, v) for k, v in fields if v]))
    return bibtexparser.write_string(library)


class _PlainRisWriter(rispy.RisWriter):
    """rispy's writer without its "1." counter line before each record (not part of RIS)."""

    def set_header(self, count: int) -> str:
        return ""


def to_ris(refs: list[Reference]) -> str:
    """RIS of ``refs`` written by rispy."""
    entries = []
    for ref in refs:
        authors = []
        for a in ref.authors:
            parts = name_parts(a, ref.language)
            authors.append(f"{parts[0]}, {parts[1]}" if isinstance(parts, tuple) else parts)
        entry = {
            "type_of_reference": _RIS_TYPES.get(ref.type, "GEN"),
            "id": citation_key(ref),
            "authors": authors,
            "title": _title(ref),
            "translated_title": ref.title_en if ref.language != "en" else "",
            "year": str(ref.year) if ref.year else "",
            "secondary_title": _venue(ref),
            "publisher": _publisher(ref),
            "volume": ref.volume,
            "number": ref.issue,
            "start_page": ref.page_start,
            "end_page": ref.page_end,
            "doi": ref.doi,
            "language": ref.language,
            "type_of_work": _GENRES.get(ref.type, ""),
            "notes": [_note(ref)],
        }
        entries.append({k: v for k, v in entry.items() if v})
    return rispy.dumps(entries, implementation=_PlainRisWriter)


def to_csl(refs: list[Reference]) -> list[dict]:
    """CSL-JSON items of ``refs`` (``id``, ``type`` and the CSL variables that apply)."""
    items = []
    for ref in refs:
        authors = []
        for a in ref.authors:
            parts = name_parts(a, ref.language)
            authors.append({"family": parts[0], "given": parts[1]} if isinstance(parts, tuple) else {"literal": parts})
        item = {
            "id": citation_key(ref),
            "type": _CSL_TYPES.get(ref.type, "document"),
            "title": _title(ref),
            "author": authors,
            "issued": {"date-parts": [[ref.year]]} if ref.year else None,
            "container-title": _venue(ref) if ref.type == "JournalArticle" else "",
            "publisher": _publisher(ref),
            "volume": ref.volume,
            "issue": ref.issue,
            "page": _pages(ref, "-"),
            "DOI": ref.doi,
            "language": ref.language,
            "genre": _GENRES.get(ref.type, ""),
            "citation-number": str(ref.number),
            "note": _note(ref),
        }
        items.append({k: v for k, v in item.items() if v})
    return items


def export_references(refs: list[Reference], fmt: str) -> Export:
    """``refs`` in ``fmt`` (one of ``REFERENCE_FORMATS``), UTF-8."""
    fmt = choice(fmt, "format", REFERENCE_FORMATS)
    media, ext = REFERENCE_FORMATS[fmt]
    if fmt == "bibtex":
        text = to_bibtex(refs)
    elif fmt == "ris":
        text = to_ris(refs)
    else:
        text = json.dumps(to_csl(refs), ensure_ascii=False, indent=1) + "\n"
    return Export(text.encode("utf-8"), media, ext)
