"""Every format's parser on real or format-faithful files, into one record model."""

from __future__ import annotations

import pytest

from b2bkg.corpus.read import decode, detect_format, parse_text, read_file
from b2bkg.errors import BadRequest

from .conftest import FIXTURES


def test_wos_damaged_export_reports_each_damaged_record_and_imports_the_rest(wos_damaged):
    result = read_file(wos_damaged, name="wos-optics-34-damaged.isi")
    assert result.format == "wos"
    assert result.records_read == 34
    assert len(result.records) == 32
    problems = {p.line: p.reason for p in result.problems}
    assert set(problems) == {3, 415}
    assert "line 13" in problems[3] and "CR tag is missing" in problems[3]
    assert "line 416" in problems[415] and "AUGilles" in problems[415]
    assert all(str(p).startswith("wos-optics-34-damaged.isi:") for p in result.problems)
    # nothing read is lost silently: the entries that are not references are counted
    assert result.rejected_refs == {"fragment: neither year nor DOI": 18}


def test_wos_record_fields(wos_damaged):
    records = {r.line: r for r in read_file(wos_damaged).records}
    r = records[468]
    assert [a.full for a in r.authors][:3] == ["Pillon, F", "Gilles, H", "Girard, S"]
    assert [a.key for a in r.authors][:2] == ["PILLON F", "GILLES H"]
    assert r.title == "Goos-Hanchen and Imbert-Fedorov shifts for leaky guided modes"
    assert (r.source_abbrev, r.year, r.volume, r.issue, r.page_start, r.page_end) == (
        "J OPT SOC AM B", 2005, "22", "6", "1290", "1299")
    assert r.doi == "10.1364/josab.22.001290"
    assert r.doc_type == "Article" and r.language == "English"
    assert r.times_cited == 37
    assert r.countries == ["FRANCE", "BOSNIA & HERCEG"]  # its C1 has Caen, Valbonne and Sarajevo
    assert len(r.references) == 16
    assert r.references[0].key == "artmann-k-1948-annphysberlin-2-87"
    title_continued = records[140]
    assert title_continued.title.startswith("LONGITUDINAL AND TRANSVERSE DISPLACEMENTS OF A BOUNDED MICROWAVE BEAM AT")
    with_keywords = [rec for rec in records.values() if rec.author_keywords and rec.index_keywords]
    assert with_keywords, "DE and ID are both read"
    for rec in with_keywords:
        assert set(rec.author_keywords) != set(rec.index_keywords)


@pytest.mark.parametrize(
    "name, fmt, records, problems",
    [
        ("scopus-optics.csv", "scopus", 3, 0),
        ("wos-optics.bib", "bibtex", 2, 0),
        ("zotero-optics.ris", "ris", 2, 0),
        ("crossref-optics.json", "csl-json", 1, 0),
        ("openalex-optics.jsonl", "openalex", 2, 1),
        ("wos-optics-tab.txt", "wos-tab", 1, 0),
    ],
)
def test_format_detected_and_read(name, fmt, records, problems):
    path = FIXTURES / name
    assert detect_format(decode(path.read_bytes())) == fmt
    result = read_file(path)
    assert (result.format, len(result.records), len(result.problems)) == (fmt, records, problems)
    for record in result.records:
        assert record.title and record.year and record.authors
        assert record.line >= 1 and record.file.endswith(name)


def test_scopus_fields_and_long_form_references():
    rows = read_file(FIXTURES / "scopus-optics.csv").records
    pillon = rows[0]
    assert pillon.authors[1].full == "Gilles, Hervé" and pillon.authors[1].abbreviated == "Gilles H."
    assert pillon.author_keywords == ["Goos-Hänchen shift", "guided waves"]
    assert pillon.index_keywords == ["Light beams", "Total reflection", "Thin films"]
    assert pillon.times_cited == 41 and pillon.identifier == "2-s2.0-21244450001"
    refs = pillon.references
    assert [(r.author, r.year, r.volume, r.page) for r in refs] == [
        ("Artmann, K.", 1948, "2", "87"), ("Goos, F.", 1947, "1", "333"), ("Renard, R.H.", 1964, "54", "1190")]
    newer = rows[2].references  # the post-2021 layout: "…, Source, vol, issue, pp. a-b, (year)"
    assert (newer[1].author_key, newer[1].year, newer[1].volume, newer[1].page) == ("GILLES H", 2002, "27", "1421")


def test_cjk_authors_kept_whole():
    record = read_file(FIXTURES / "crossref-optics.json").records[0]
    assert [a.key for a in record.authors] == ["张志伟", "王小明", "ZHANG ZW"]
    assert record.author_keywords == ["古斯-汉森位移", "全内反射"]


def test_openalex_broken_line_reported_rest_read():
    result = read_file(FIXTURES / "openalex-optics.jsonl")
    assert [p.line for p in result.problems] == [3]
    taya = result.records[0]
    assert taya.doi == "10.1016/j.aeue.2011.07.004" and taya.countries == ["PALESTINE"]
    assert [r.openalex for r in taya.references] == ["W2022222222", "W1999999999"]
    assert taya.abstract == "The Goos–Hänchen shift"


def test_unknown_format_is_a_clear_error():
    with pytest.raises(BadRequest, match="cannot tell the format"):
        parse_text("just some words\n", "notes.txt")


def test_wos_file_ending_inside_a_record_refuses_that_record():
    text = "FN Web of Science\nVR 1.0\nPT J\nAU Smith, J\nTI A\nPY 2001\nER\n\nPT J\nAU Doe, J\nTI B\n"
    result = parse_text(text, "cut.isi")
    assert len(result.records) == 1 and result.records_read == 2
    assert result.problems[0].line == 9 and "ends before" in result.problems[0].reason
