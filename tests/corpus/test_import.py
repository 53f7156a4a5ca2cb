"""Importing: merging across formats, provenance in the graph, idempotence, persistence, and the
same answers on every store."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from b2bkg.cli import cli
from b2bkg.corpus.match import match_records
from b2bkg.corpus.model import Author, Record
from b2bkg.corpus.persist import dataset_with_corpora, import_corpus, list_corpora, remove_corpus
from b2bkg.corpus.service import CorpusView
from b2bkg.corpus.sparql import select
from b2bkg.errors import BadRequest, NotFound
from b2bkg.store import MemoryStore, OxigraphStore, prepare_oxigraph


def _record(line, title, year=2001, author="Smith, J", doi=None, **kw):
    return Record(file="t.txt", line=line, format="wos", title=title, year=year, authors=[Author(full=author)],
                  doi=doi, **kw)


def test_title_similarity_threshold():
    base = "Lateral shifts of a light beam at total internal reflection"
    records = [
        _record(1, base),
        _record(2, base.upper() + "."),                        # same title, other case: merged
        _record(3, "Lateral shifts of a light beam at total internal reflections"),  # ratio > 0.9: merged
        _record(4, "Angular shifts of a sound beam at partial reflection"),  # dissimilar: kept apart
        _record(5, base, year=2002),                            # another year: kept apart
        _record(6, base, author="Jones, J"),                    # another first author: kept apart
    ]
    m = match_records(records)
    merged = {x.merged for x in m.merges}
    assert merged == {"t.txt:2", "t.txt:3"}
    assert len([w for w in m.works.values() if w.records]) == 4


def test_different_dois_never_merge_on_title():
    m = match_records([_record(1, "Erratum", doi="10.1000/aaa1"), _record(2, "Erratum", doi="10.1000/bbb2")])
    assert not m.merges


def test_reference_meets_the_corpus_record_it_cites():
    cited = _record(1, "A", year=1990, author="Levy, Y", source_abbrev="OPT COMMUN", volume="13", page_start="56")
    citing = _record(2, "B", year=2000, author="Other, A")
    from b2bkg.corpus.refs import parse_wos_reference

    citing.references = [parse_wos_reference("LEVY Y, 1990, OPT COMMUN, V13, P56")]
    m = match_records([cited, citing])
    assert m.cites[(1, 0)] == m.record_work[0]
    assert m.refs_matched == 1


def test_mixed_formats_merge_and_report(mixed_files):
    report = import_corpus(mixed_files, "mixed").as_dict()
    assert report["records_read"] == 46 and report["records_imported"] == 43
    merged = {(m["merged"].rsplit("/", 1)[-1], m["into"].rsplit("/", 1)[-1], m["rule"]) for m in report["merged"]}
    assert ("scopus-optics.csv:2", "wos-optics-34-damaged.isi:468", "same DOI") in merged
    assert ("scopus-optics.csv:3", "wos-optics-34-damaged.isi:803", "same year and first author, similar title") \
        in merged
    assert ("zotero-optics.ris:1", "wos-optics-34-damaged.isi:803", "same year and first author, similar title") \
        in merged
    assert ("wos-optics.bib:1", "wos-optics-34-damaged.isi:362", "same DOI") in merged
    assert report["works_created"] == report["records_imported"] - report["merged_count"]
    assert report["references_rejected_by_reason"]["no title captured"] == 4


def test_merges_and_provenance_are_in_the_graph(mixed_files, corpus_dir):
    report = import_corpus(mixed_files, "mixed")
    store = MemoryStore(report.path)
    rows = select(store, "SELECT ?w ?file ?line ?rule WHERE { ?w prov:wasDerivedFrom ?r . ?r b2b:sourceFile ?file ; "
                         "b2b:sourceLine ?line . OPTIONAL { ?r b2b:mergeRule ?rule } } ORDER BY ?file ?line")
    by_origin = {(r["file"], r["line"]): (r["w"], r["rule"]) for r in rows}
    wos, scopus = by_origin[("wos-optics-34-damaged.isi", 803)], by_origin[("scopus-optics.csv", 3)]
    assert wos[0] == scopus[0]                       # one work from two source records
    assert scopus[1] is not None and wos[1] is None   # the merged one carries the rule
    assert len(by_origin) == 43


def test_reimport_is_idempotent_and_list_remove(mixed_files, corpus_dir):
    first = import_corpus(mixed_files, "mixed")
    data = (corpus_dir / "mixed.nq").read_bytes()
    second = import_corpus(mixed_files, "mixed")
    assert (corpus_dir / "mixed.nq").read_bytes() == data
    assert first.triples == second.triples
    assert [c["name"] for c in list_corpora()] == ["mixed"]
    remove_corpus("mixed")
    assert list_corpora() == [] and not (corpus_dir / "mixed.nq").exists()
    with pytest.raises(NotFound):
        remove_corpus("mixed")


def test_bad_corpus_name_is_refused(wos_damaged):
    with pytest.raises(BadRequest, match="corpus name"):
        import_corpus([wos_damaged], "../etc")


def test_cited_work_is_one_node_whatever_cites_it(mixed_files):
    report = import_corpus(mixed_files, "mixed")
    store = MemoryStore(report.path)
    goos = [w for w, n in _cited_counts(store).items() if "goos-f-1947" in w and w.endswith("-1-333")]
    assert len(goos) == 1, goos  # WoS short form, Scopus long form and CSL reference meet


def _cited_counts(store):
    rows = select(store, "SELECT ?w (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d cito:cites ?w } GROUP BY ?w")
    return {r["w"]: r["n"] for r in rows}


def test_summary_keys_and_counts(mixed_files):
    report = import_corpus(mixed_files, "mixed")
    s = CorpusView(MemoryStore(report.path)).summary("mixed")
    for key in ("documents", "sources", "timespan", "annual_production", "annual_growth_rate_pct",
                "references_distinct", "authors_distinct", "author_appearances", "single_authored_documents",
                "top_authors", "top_sources", "top_cited_references"):
        assert key in s
    assert s["documents"] == report.works_created
    assert s["timespan"] == [1964, 2012]
    assert sum(s["annual_production"].values()) == s["documents"]
    assert s["references_distinct"] == report.cited_works
    assert all({"label", "count"} <= set(e) for e in s["top_cited_references"])
    assert s["top_cited_references"][0]["count"] >= s["top_cited_references"][-1]["count"]
    # one name per document type, however each format prints it (WoS Article, RIS JOUR, CSL article-journal)
    assert s["document_types"] == {"article": 33, "review": 1}
    assert {"Article", "JOUR", "article-journal"} <= set(s["document_types_printed"])
    assert sum(s["document_types"].values()) == sum(s["document_types_printed"].values()) == s["documents"]


def test_a_corpus_summary_is_its_own_when_its_documents_are_in_another_import(mixed_files, wos_damaged,
                                                                             tmp_path, corpus_dir):
    """A work is one node in every import that has it, with one source record per import: the
    summary of one corpus counts the reference entries, times cited and export date of its own
    records only (the WoS file imported again under another name doubled its reference entries)."""
    dataset = tmp_path / "d.nq"
    dataset.write_text('<http://ex/s> <http://ex/p> "o" <http://ex/g> .\n', encoding="utf-8")
    alone = CorpusView(MemoryStore(import_corpus(mixed_files, "mixed").path)).summary("mixed")
    import_corpus([wos_damaged], "wos-again")
    both = CorpusView(MemoryStore(dataset_with_corpora(dataset)))
    assert both.summary("mixed") == alone
    net = CorpusView(MemoryStore(import_corpus(mixed_files, "mixed").path)).network(
        "co-citation", "references", corpus="mixed", min_occurrences=3).as_dict()
    assert both.network("co-citation", "references", corpus="mixed", min_occurrences=3).as_dict() == net
    assert alone["reference_entries"] == 869
    whole = both.summary()
    assert whole["documents"] == alone["documents"]  # the WoS documents are the mixed corpus's
    assert whole["reference_entries"] > alone["reference_entries"]  # every import's records


def test_every_store_gives_the_same_network(mixed_files, tmp_path):
    report = import_corpus(mixed_files, "mixed")
    memory = CorpusView(MemoryStore(report.path))
    prepare_oxigraph(report.path, tmp_path / "ox")
    oxigraph = CorpusView(OxigraphStore(tmp_path / "ox", read_only=True))
    a = memory.network("co-citation", "references", min_occurrences=2).as_dict()
    b = oxigraph.network("co-citation", "references", min_occurrences=2).as_dict()
    assert a == b and a["nodes"] and a["modularity"] is not None


def test_dataset_with_corpora_adds_the_imports(mixed_files, tmp_path, corpus_dir):
    dataset = tmp_path / "d.nq"
    dataset.write_text('<http://ex/s> <http://ex/p> "o" <http://ex/g> .\n', encoding="utf-8")
    assert dataset_with_corpora(dataset) == dataset
    import_corpus(mixed_files, "mixed")
    combined = dataset_with_corpora(dataset)
    store = ox.Store()
    store.bulk_load(path=str(combined), format=ox.RdfFormat.N_QUADS)
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {"http://ex/g", "https://w3id.org/b2bkg/graph/corpus/mixed"}


def test_cli_import_list_summary_network_remove(mixed_files, tmp_path):
    runner = CliRunner()
    dataset = tmp_path / "d.nq"
    dataset.write_text('<http://ex/s> <http://ex/p> "o" <http://ex/g> .\n', encoding="utf-8")
    result = runner.invoke(cli, ["corpus", "import", *map(str, mixed_files), "--name", "mixed"])
    assert result.exit_code == 0, result.output
    assert "refused: " in result.output and ":415: record refused" in result.output
    assert "merged: " in result.output
    result = runner.invoke(cli, ["corpus", "list"])
    assert result.output.startswith("mixed: 43 records")
    result = runner.invoke(cli, ["corpus", "summary", "--format", "json", "--dataset", str(dataset)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["documents"] == 34
    result = runner.invoke(cli, ["corpus", "network", "co-citation", "--unit", "references", "--min-occurrences",
                                 "3", "--format", "vosviewer-map", "--dataset", str(dataset)])
    assert result.exit_code == 0 and result.output.startswith("id\tlabel\tdescription\turl\tx\ty\tcluster")
    result = runner.invoke(cli, ["corpus", "export", "--format", "ris", "--dataset", str(dataset)])
    assert result.output.count("TY  - JOUR") == 34
    result = runner.invoke(cli, ["corpus", "remove", "mixed"])
    assert result.exit_code == 0
