"""RIS (rispy): reference-manager exports and the RIS exports of WoS and Scopus."""

from __future__ import annotations

import re

import rispy

from b2bkg.corpus.fields import countries_of, split_list, to_int
from b2bkg.corpus.model import Author, ParseResult, Problem, Record
from b2bkg.corpus.refs import parse_free_reference, rejection

__all__ = ["parse_ris"]

_TY = re.compile(r"^TY  - ", re.M)


def parse_ris(text: str, file: str) -> ParseResult:
    result = ParseResult(file=file, format="ris")
    text = text.lstrip("\ufeff")
    starts = [text.count("\n", 0, m.start()) + 1 for m in _TY.finditer(text)]
    chunks = [c for c in re.split(r"(?m)^(?=TY  - )", text) if c.strip().startswith("TY  - ")]
    for line, chunk in zip(starts, chunks, strict=False):
        result.records_read += 1
        try:
            entries = rispy.loads(chunk)
        except (OSError, ValueError, KeyError, IndexError) as exc:
            result.problems.append(Problem(file, line, f"record refused: not a valid RIS record ({exc})"))
            continue
        if len(entries) != 1:
            result.problems.append(Problem(file, line, "record refused: no ER line closes this record"))
            continue
        e = entries[0]
        title = (e.get("title") or e.get("primary_title") or "").strip()
        if not title:
            result.problems.append(Problem(file, line, "record refused: no title (TI/T1)"))
            continue
        names = e.get("authors") or e.get("first_authors") or []
        addresses = [a for a in (e.get("author_address") or "").split("\n") if a.strip()] if isinstance(
            e.get("author_address"), str) else list(e.get("author_address") or [])
        countries = countries_of(addresses)
        refs = []
        for raw in _reference_notes(e):
            why = rejection(raw)
            if why:
                result.reject_ref(why)
            else:
                refs.append(parse_free_reference(raw))
        year = to_int(str(e.get("year") or e.get("publication_year") or e.get("date") or ""))
        result.records.append(Record(
            file=file, line=line, format="ris",
            title=re.sub(r"\s+", " ", title), authors=[Author(full=n) for n in names],
            affiliations=addresses, countries=countries,
            source=e.get("secondary_title") or e.get("journal_name") or e.get("alternate_title3") or "",
            source_abbrev=e.get("alternate_title1") or e.get("alternate_title2") or "",
            year=year, volume=str(e.get("volume") or ""), issue=str(e.get("number") or ""),
            page_start=str(e.get("start_page") or ""), page_end=str(e.get("end_page") or ""),
            doi=e.get("doi") or None, doc_type=e.get("type_of_reference", ""), language=e.get("language", ""),
            author_keywords=[k.strip() for k in e.get("keywords", []) if k.strip()],
            abstract=re.sub(r"\s+", " ", e.get("abstract") or ""),
            references=refs, identifier=e.get("accession_number") or e.get("id") or "",
            publisher=e.get("publisher", ""), issn=e.get("issn", "") if isinstance(e.get("issn"), str) else "",
        ))
    if not starts and text.strip():
        result.problems.append(Problem(file, 1, "no RIS record (no 'TY  - ' line)"))
    return result


def _reference_notes(entry: dict) -> list[str]:
    """Scopus RIS puts cited references in ``N1`` notes after ``References:``."""
    out: list[str] = []
    for note in entry.get("notes") or []:
        m = re.search(r"References:\s*(.*)", note, re.S)
        if m:
            out.extend(split_list(m.group(1)))
    return out
