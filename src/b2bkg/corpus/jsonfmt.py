"""JSON formats: CSL-JSON (reference managers, Crossref's ``reference`` lists) and OpenAlex works
(a JSON list, an API page ``{"results": […]}`` or JSON lines). Each object's line in the file is
kept for provenance."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from b2bkg.corpus.fields import split_list
from b2bkg.corpus.model import Author, CitedRef, ParseResult, Problem, Record
from b2bkg.corpus.refs import parse_free_reference, rejection
from b2bkg.works import normalise_doi

__all__ = ["iter_json_objects", "parse_csl_json", "parse_openalex", "json_kind", "COUNTRY_CODES"]

#: OpenAlex's ISO 3166 codes as the names WoS/Scopus addresses give (bibliometrix's spellings);
#: a code not listed is kept as the code.
COUNTRY_CODES = {
    "US": "USA", "CN": "CHINA", "GB": "UNITED KINGDOM", "DE": "GERMANY", "FR": "FRANCE", "JP": "JAPAN",
    "IT": "ITALY", "ES": "SPAIN", "CA": "CANADA", "AU": "AUSTRALIA", "IN": "INDIA", "KR": "SOUTH KOREA",
    "BR": "BRAZIL", "NL": "NETHERLANDS", "CH": "SWITZERLAND", "SE": "SWEDEN", "RU": "RUSSIA", "PL": "POLAND",
    "BE": "BELGIUM", "AT": "AUSTRIA", "DK": "DENMARK", "FI": "FINLAND", "NO": "NORWAY", "PT": "PORTUGAL",
    "IL": "ISRAEL", "TW": "TAIWAN", "HK": "HONG KONG", "SG": "SINGAPORE", "MX": "MEXICO", "TR": "TURKEY",
    "IR": "IRAN", "ZA": "SOUTH AFRICA", "GR": "GREECE", "CZ": "CZECH REPUBLIC", "IE": "IRELAND",
    "NZ": "NEW ZEALAND", "MY": "MALAYSIA", "TH": "THAILAND", "SA": "SAUDI ARABIA", "EG": "EGYPT",
    "PK": "PAKISTAN", "AR": "ARGENTINA", "CL": "CHILE", "CO": "COLOMBIA", "VN": "VIETNAM", "ID": "INDONESIA",
    "UA": "UKRAINE", "HU": "HUNGARY", "RO": "ROMANIA", "AE": "UNITED ARAB EMIRATES", "BA": "BOSNIA & HERCEG",
    "PS": "PALESTINE",
}


def iter_json_objects(text: str, file: str, result: ParseResult) -> Iterator[tuple[int, object]]:
    """``(line, object)`` for each record of a JSON list, an OpenAlex page or JSON lines;
    broken parts are added to ``result.problems``."""
    stripped = text.lstrip("\ufeff").lstrip()
    offset = len(text) - len(stripped)
    decoder = json.JSONDecoder()
    if stripped.startswith("["):
        pos = offset + 1
        while True:
            while pos < len(text) and text[pos] in " \t\r\n,":
                pos += 1
            if pos >= len(text) or text[pos] == "]":
                return
            line = text.count("\n", 0, pos) + 1
            try:
                obj, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                result.records_read += 1
                result.problems.append(Problem(file, exc.lineno, f"record refused: broken JSON ({exc.msg}); "
                                                                 "the rest of the list cannot be read"))
                return
            yield line, obj
            pos = end
    try:
        whole = json.loads(stripped)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict):
        if isinstance(whole.get("results"), list):
            for i, obj in enumerate(whole["results"]):
                yield i + 1, obj
        else:
            yield 1, whole
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            result.records_read += 1
            result.problems.append(Problem(file, number, f"record refused: broken JSON line ({exc.msg})"))


def json_kind(obj: object) -> str | None:
    """``openalex``, ``csl`` or None for one JSON record."""
    if not isinstance(obj, dict):
        return None
    if "authorships" in obj or str(obj.get("id", "")).startswith("https://openalex.org/"):
        return "openalex"
    if "results" in obj and isinstance(obj["results"], list):
        return json_kind(obj["results"][0]) if obj["results"] else "openalex"
    if "title" in obj and ("type" in obj or "issued" in obj or "container-title" in obj or "author" in obj):
        return "csl"
    return None


def _csl_year(item: dict) -> int | None:
    for key in ("issued", "published-print", "published-online", "created"):
        parts = (item.get(key) or {}).get("date-parts") if isinstance(item.get(key), dict) else None
        if parts and parts[0] and parts[0][0]:
            try:
                return int(parts[0][0])
            except (TypeError, ValueError):
                continue
    return None


def _text(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return re.sub(r"<[^>]+>", "", str(value or "")).strip()


def _csl_reference(ref: dict) -> CitedRef | None:
    raw = ref.get("unstructured") or ", ".join(
        str(ref[k]) for k in ("author", "year", "journal-title", "volume", "first-page", "DOI") if ref.get(k))
    if ref.get("DOI"):
        return CitedRef(raw=raw, author=str(ref.get("author", "")), year=_int(ref.get("year")),
                        source=str(ref.get("journal-title", "")), volume=str(ref.get("volume", "")),
                        page=str(ref.get("first-page", "")), doi=normalise_doi(ref["DOI"]),
                        title=str(ref.get("article-title", "")))
    if rejection(raw):
        return None
    if ref.get("author") or ref.get("journal-title"):
        return CitedRef(raw=raw, author=str(ref.get("author", "")), year=_int(ref.get("year")),
                        source=str(ref.get("journal-title", "")), volume=str(ref.get("volume", "")),
                        page=str(ref.get("first-page", "")), title=str(ref.get("article-title", "")))
    return parse_free_reference(raw)


def _int(value: object) -> int | None:
    m = re.search(r"\d{4}", str(value or ""))
    return int(m.group(0)) if m else None


def parse_csl_json(text: str, file: str) -> ParseResult:
    result = ParseResult(file=file, format="csl-json")
    for line, item in iter_json_objects(text, file, result):
        result.records_read += 1
        if not isinstance(item, dict) or not _text(item.get("title")):
            result.problems.append(Problem(file, line, "record refused: not a CSL item with a title"))
            continue
        authors = []
        for a in item.get("author") or []:
            if not isinstance(a, dict):
                continue
            if a.get("literal"):
                authors.append(Author(full=a["literal"]))
            elif a.get("family"):
                full = f"{a['family']}, {a['given']}" if a.get("given") else a["family"]
                authors.append(Author(full=full))
                for aff in a.get("affiliation") or []:
                    if isinstance(aff, dict) and aff.get("name"):
                        authors[-1].affiliations.append(aff["name"])
        refs = []
        for ref in item.get("reference") or []:
            parsed = _csl_reference(ref) if isinstance(ref, dict) else None
            if parsed is None:
                result.reject_ref(rejection(str(ref.get("unstructured", "")) if isinstance(ref, dict) else "") or
                                  "fragment: neither year nor DOI")
            else:
                refs.append(parsed)
        page = str(item.get("page") or "")
        start, _, end = page.replace("–", "-").partition("-")
        keywords = item.get("keyword") or ""
        affiliations = sorted({aff for a in authors for aff in a.affiliations})
        result.records.append(Record(
            file=file, line=line, format="csl-json", title=_text(item.get("title")), authors=authors,
            affiliations=affiliations,
            source=_text(item.get("container-title")), source_abbrev=_text(item.get("container-title-short")),
            year=_csl_year(item), volume=str(item.get("volume") or ""), issue=str(item.get("issue") or ""),
            page_start=start.strip(), page_end=end.strip(), doi=item.get("DOI") or None,
            doc_type=str(item.get("type") or ""), language=str(item.get("language") or ""),
            author_keywords=split_list(keywords.replace(",", ";")) if isinstance(keywords, str) else list(keywords),
            abstract=_text(item.get("abstract")),
            times_cited=item.get("is-referenced-by-count") if isinstance(item.get("is-referenced-by-count"), int)
            else None,
            export_date=str((item.get("indexed") or {}).get("date-time", ""))[:10] if isinstance(
                item.get("indexed"), dict) else "",
            references=refs, identifier=str(item.get("id") or ""), publisher=str(item.get("publisher") or ""),
        ))
    return result


def _abstract(inverted: object) -> str:
    if not isinstance(inverted, dict):
        return ""
    slots: dict[int, str] = {}
    for word, positions in inverted.items():
        for p in positions or []:
            slots[int(p)] = word
    return " ".join(slots[i] for i in sorted(slots))


def parse_openalex(text: str, file: str) -> ParseResult:
    result = ParseResult(file=file, format="openalex")
    for line, work in iter_json_objects(text, file, result):
        result.records_read += 1
        if not isinstance(work, dict) or not (work.get("title") or work.get("display_name")):
            result.problems.append(Problem(file, line, "record refused: not an OpenAlex work with a title"))
            continue
        authors, affiliations, countries = [], [], []
        for authorship in work.get("authorships") or []:
            person = authorship.get("author") or {}
            name = person.get("display_name") or authorship.get("raw_author_name") or ""
            if not name:
                continue
            author = Author(full=name, orcid=str(person.get("orcid") or ""))
            for inst in authorship.get("institutions") or []:
                if inst.get("display_name"):
                    author.affiliations.append(inst["display_name"])
                    if inst["display_name"] not in affiliations:
                        affiliations.append(inst["display_name"])
            for code in authorship.get("countries") or [i.get("country_code") for i in
                                                        authorship.get("institutions") or [] if i.get("country_code")]:
                name = COUNTRY_CODES.get(str(code).upper(), str(code).upper()) if code else ""
                if name and name not in countries:
                    countries.append(name)
            authors.append(author)
        location = work.get("primary_location") or {}
        source = (location.get("source") or {}) if isinstance(location, dict) else {}
        biblio = work.get("biblio") or {}
        refs = []
        for ref in work.get("referenced_works") or []:
            wid = str(ref).rsplit("/", 1)[-1]
            if re.fullmatch(r"W\d+", wid):
                refs.append(CitedRef(raw=str(ref), openalex=wid))
            else:
                result.reject_ref("not an OpenAlex work id")
        keywords = [k.get("display_name", "") for k in work.get("keywords") or [] if isinstance(k, dict)]
        concepts = [c.get("display_name", "") for c in work.get("concepts") or [] if isinstance(c, dict)]
        result.records.append(Record(
            file=file, line=line, format="openalex",
            title=str(work.get("title") or work.get("display_name")), authors=authors, affiliations=affiliations,
            countries=countries, source=str(source.get("display_name") or ""),
            source_abbrev=str(source.get("abbreviated_title") or ""),
            year=work.get("publication_year") if isinstance(work.get("publication_year"), int) else None,
            volume=str(biblio.get("volume") or ""), issue=str(biblio.get("issue") or ""),
            page_start=str(biblio.get("first_page") or ""), page_end=str(biblio.get("last_page") or ""),
            doi=work.get("doi") or None, doc_type=str(work.get("type") or ""), language=str(work.get("language") or ""),
            author_keywords=[k for k in keywords if k], index_keywords=[c for c in concepts if c],
            abstract=_abstract(work.get("abstract_inverted_index")),
            times_cited=work.get("cited_by_count") if isinstance(work.get("cited_by_count"), int) else None,
            export_date=str(work.get("updated_date") or "")[:10], references=refs,
            identifier=str(work.get("id") or "").rsplit("/", 1)[-1], issn=str(source.get("issn_l") or ""),
        ))
    return result
