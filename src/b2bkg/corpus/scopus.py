"""Scopus CSV exports (the "CSV" export with all fields: one row per document, lists split by ``;``,
cited references in Scopus' long form)."""

from __future__ import annotations

import csv
import io
import re

from b2bkg.corpus.fields import countries_of, split_list, to_int
from b2bkg.corpus.model import Author, ParseResult, Problem, Record
from b2bkg.corpus.refs import parse_scopus_reference, rejection

__all__ = ["parse_scopus_csv", "SCOPUS_COLUMNS"]

SCOPUS_COLUMNS = ("Authors", "Title", "Year", "Source title")


def _split_authors(text: str) -> list[str]:
    text = (text or "").strip()
    if not text or text.lower() in {"[no author name available]", "[anonymous]"}:
        return []
    if ";" in text:
        return split_list(text)
    # older exports: "Aria M., Cuccurullo C." (comma between authors, initials end with a dot)
    return [p.strip() for p in re.split(r"(?<=\.),\s+", text) if p.strip()]


def _full_names(text: str) -> list[str]:
    """``Aria, Massimo (57193…); …`` -> ``["Aria, Massimo", …]``."""
    return [re.sub(r"\s*\(\d+\)\s*$", "", p).strip() for p in split_list(text)]


def parse_scopus_csv(text: str, file: str) -> ParseResult:
    """Read a Scopus CSV export; a row whose columns do not fit the header is refused."""
    result = ParseResult(file=file, format="scopus")
    stream = io.StringIO(text.lstrip("\ufeff"), newline="")
    reader = csv.reader(stream)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except (StopIteration, csv.Error):
        return result
    col = {name: i for i, name in enumerate(header)}
    if "Authors" not in col and "Author full names" not in col:
        result.problems.append(Problem(file, 1, "not a Scopus CSV header (no Authors column)"))
        return result
    line = reader.line_num + 1
    while True:
        row_start = line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.records_read += 1
            result.problems.append(Problem(file, row_start, f"record refused: broken CSV row ({exc})"))
            line = reader.line_num + 1
            continue
        line = reader.line_num + 1
        if not any(c.strip() for c in row):
            continue
        result.records_read += 1
        if len(row) != len(header):
            result.problems.append(Problem(file, row_start, f"record refused: {len(row)} columns, the header has "
                                                            f"{len(header)}"))
            continue

        def get(name: str, row: list[str] = row) -> str:
            i = col.get(name)
            return row[i].strip() if i is not None else ""

        if not get("Title"):
            result.problems.append(Problem(file, row_start, "record refused: no title"))
            continue
        abbreviated = _split_authors(get("Authors"))
        full = _full_names(get("Author full names"))
        n = max(len(abbreviated), len(full))
        authors = [Author(full=full[i] if i < len(full) else abbreviated[i],
                          abbreviated=abbreviated[i] if i < len(abbreviated) else "") for i in range(n)]
        addresses = split_list(get("Affiliations"))
        countries = countries_of(addresses)
        refs = []
        for raw in split_list(get("References")):
            why = rejection(raw)
            if why:
                result.reject_ref(why)
            else:
                refs.append(parse_scopus_reference(raw))
        result.records.append(Record(
            file=file, line=row_start, format="scopus",
            title=get("Title"), authors=authors, affiliations=addresses, countries=countries,
            source=get("Source title"), source_abbrev=get("Abbreviated Source Title"),
            year=to_int(get("Year")), volume=get("Volume"), issue=get("Issue"),
            page_start=get("Page start") or get("Art. No."), page_end=get("Page end"),
            doi=get("DOI") or None, doc_type=get("Document Type"),
            language=get("Language of Original Document"),
            author_keywords=split_list(get("Author Keywords")), index_keywords=split_list(get("Index Keywords")),
            abstract="" if get("Abstract").startswith("[No abstract") else get("Abstract"),
            times_cited=to_int(get("Cited by")) if get("Cited by") else 0 if "Cited by" in col else None,
            references=refs, identifier=get("EID"), publisher=get("Publisher"), issn=get("ISSN"),
        ))
    return result
