"""The paper's references as BibTeX (bibtexparser), RIS (rispy) and CSL-JSON (plain JSON in the
shape of the CSL data schema).

What the printed entry says is kept in every format (``printed.py`` reads it from the entry's
verbatim text): the page range as printed (``120-134+137``), the place of publication, the
thesis degree and the GB/T 7714 document type ([J] article, [M] book, [D] thesis, [R] report,
[Z] other). BibTeX titles protect acronyms and mixed-case words (``{B2B}``, ``{DiMaggio}``) so
sentence-casing styles keep them.

Names: Chinese-language works keep their authors' Chinese names as one literal name (a name
printed in Latin script stays family name + initials: ``Ocloo, E.C.``); in
other works a person whose id is ``person/<family>-<given>`` with an English label of the same
words is written family name first ("Li Xiaoping"), other persons given names first
("R.H. Coase"); organisations are always one literal name.
"""

from __future__ import annotations

import json
import re

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field

from b2bkg.analytics.literature import Author, Reference
from b2bkg.analytics.readwrite.graphs import Export
from b2bkg.analytics.readwrite.printed import printed
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


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# a word to protect from case changes: two capitals or more (B2B, SMEs, GVC), or a capital after
# a lower-case letter (DiMaggio, iResearch), or letters mixed with digits (B2B, 1688)
_PROTECT = re.compile(r"(?<![\w{])(?=\w*[A-Z]\w*[A-Z]|\w*[a-z][A-Z]|\w*[A-Za-z]\d|\w*\d[A-Za-z])[A-Za-z0-9]+(?![\w}])")


def protect_case(title: str) -> str:
    """``title`` with its acronyms and mixed-case words in braces (BibTeX's case protection).

    >>> protect_case("基于 B2B 模式创新的研究"), protect_case("The Iron Cage Revisited: DiMaggio and SMEs")
    ('基于 {B2B} 模式创新的研究', 'The Iron Cage Revisited: {DiMaggio} and {SMEs}')
    """
    return _PROTECT.sub(lambda m: "{" + m.group() + "}", title)


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
    if language == "zh" and author.name_zh and _CJK.search(author.name_zh):
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
    """The page range as printed (``120-134+137``), ranges joined with ``dash``."""
    shown = printed(ref.text).pages
    if shown:
        return re.sub(r"(?<=\w)[-–](?=\w)", dash, shown)
    if ref.page_start and ref.page_end:
        return f"{ref.page_start}{dash}{ref.page_end}"
    return ref.page_start



def _genre(ref: Reference) -> str:
    """The degree of a thesis: as printed (博士学位论文) for a Chinese entry, else in English."""
    degree = printed(ref.text).degree
    return degree if degree and ref.language == "zh" else _GENRES.get(ref.type, "")


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
            ("title", protect_case(_bib_value(_title(ref)))),
            ("year", str(ref.year) if ref.year else ""),
            ("volume", ref.volume),
            ("number", ref.issue),
            ("pages", _pages(ref, "--")),
            ("doi", ref.doi),
            ("address", _bib_value(printed(ref.text).place)),
            ("type", _bib_value(_genre(ref)) if ref.type in ("MastersThesis", "DoctoralThesis") else ""),
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


def _ris_pages(ref: Reference) -> dict[str, str]:
    """SP and EP; a printed range that is not one span (``120-134+137``) goes whole into SP."""
    shown = _pages(ref, "-")
    if re.fullmatch(r"\w+-\w+", shown):
        start, end = shown.split("-")
        return {"start_page": start, "end_page": end}
    return {"start_page": shown} if shown else {}


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
            "place_published": printed(ref.text).place,
            "volume": ref.volume,
            "number": ref.issue,
            **_ris_pages(ref),
            "doi": ref.doi,
            "language": ref.language,
            "type_of_work": _genre(ref),
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
            "publisher-place": printed(ref.text).place,
            "volume": ref.volume,
            "issue": ref.issue,
            "page": _pages(ref, "-"),
            "DOI": ref.doi,
            "language": ref.language,
            "genre": _genre(ref),
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
