"""BibTeX (bibtexparser 2): reference-manager libraries and the BibTeX exports of WoS and Scopus.

Beyond the standard fields, the WoS BibTeX fields ``Cited-References`` (short-form references,
one per line), ``Keywords-Plus``, ``Times-Cited``, ``Unique-ID``, ``Affiliation`` and the Scopus
field ``references`` (long-form references split by ``;``) are read."""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware

from b2bkg.corpus.fields import countries_of, split_list, to_int
from b2bkg.corpus.model import Author, ParseResult, Problem, Record
from b2bkg.corpus.refs import parse_free_reference, parse_wos_reference, rejection

__all__ = ["parse_bibtex", "split_bibtex_names"]


def split_bibtex_names(value: str) -> list[str]:
    """BibTeX ``and``-separated names, braces respected."""
    names, depth, buf = [], 0, ""
    tokens = re.split(r"(\s+and\s+|[{}])", value, flags=re.I)
    for tok in tokens:
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        if depth == 0 and re.fullmatch(r"\s+and\s+", tok or "", flags=re.I):
            names.append(buf.strip())
            buf = ""
        else:
            buf += tok or ""
    if buf.strip():
        names.append(buf.strip())
    return [re.sub(r"[{}]", "", n).strip() for n in names if n.strip()]


def parse_bibtex(text: str, file: str) -> ParseResult:
    result = ParseResult(file=file, format="bibtex")
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    for block in library.failed_blocks:
        result.records_read += 1
        result.problems.append(Problem(file, (block.start_line or 0) + 1,
                                       f"record refused: not a valid BibTeX entry ({type(block).__name__})"))
    for entry in library.entries:
        result.records_read += 1
        fields = {k.lower(): str(v.value).strip() for k, v in entry.fields_dict.items()}
        line = (entry.start_line or 0) + 1
        title = re.sub(r"[{}]", "", fields.get("title", "")).strip()
        if not title:
            result.problems.append(Problem(file, line, f"record refused: entry {entry.key!r} has no title"))
            continue
        authors = [Author(full=n) for n in split_bibtex_names(fields.get("author", ""))]
        addresses = [a.strip() for a in re.split(r"\n|;\s*(?=\S)", fields.get("affiliation", "")) if a.strip()]
        countries = countries_of(addresses)
        refs = []
        wos_refs = fields.get("cited-references", "")
        raws = ([(r.strip().rstrip("."), "wos") for r in wos_refs.splitlines() if r.strip()] if wos_refs else
                [(r, "free") for r in split_list(fields.get("references", ""))])
        for raw, kind in raws:
            why = rejection(raw)
            if why:
                result.reject_ref(why)
            else:
                refs.append(parse_wos_reference(raw.strip()) if kind == "wos" else parse_free_reference(raw))
        pages = fields.get("pages", "")
        start, _, end = re.sub(r"\s", "", pages).replace("--", "-").replace("–", "-").replace("—", "-").partition("-")
        keywords = fields.get("author_keywords") or fields.get("keywords", "")
        result.records.append(Record(
            file=file, line=line, format="bibtex",
            title=re.sub(r"\s+", " ", title), authors=authors, affiliations=addresses, countries=countries,
            source=fields.get("journal") or fields.get("booktitle", ""), source_abbrev=fields.get("journal-iso", ""),
            year=to_int(fields.get("year")), volume=fields.get("volume", ""), issue=fields.get("number", ""),
            page_start=start, page_end=end, doi=fields.get("doi") or None,
            doc_type=fields.get("type") or entry.entry_type, language=fields.get("language", ""),
            author_keywords=split_list(keywords.replace(",", ";") if ";" not in keywords else keywords),
            index_keywords=split_list(fields.get("keywords-plus", "")),
            abstract=re.sub(r"\s+", " ", fields.get("abstract", "")),
            times_cited=to_int(fields.get("times-cited")) if fields.get("times-cited") else None,
            references=refs, identifier=fields.get("unique-id") or entry.key, publisher=fields.get("publisher", ""),
            issn=fields.get("issn", ""),
        ))
    return result
