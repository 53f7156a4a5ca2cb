"""The science-mapping analyses on a real corpus: ../shared/corpus/wos-optics-34-damaged.isi
imported with issue 12's importer (plus the seed paper's dataset), read back through the store.
Each analysis is checked against the store's own answer counted another way."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from b2bkg.api import KnowledgeGraph
from b2bkg.cli import cli
from b2bkg.corpus.persist import import_corpus
from b2bkg.science.query import select

ROOT = Path(__file__).resolve().parents[2]
WOS = ROOT.parent / "shared" / "corpus" / "wos-optics-34-damaged.isi"
FIXTURES = ROOT / "tests" / "corpus" / "fixtures"


@pytest.fixture(scope="module")
def corpus_env(tmp_path_factory):
    if not WOS.is_file():
        pytest.fail(f"{WOS} is missing (the shared corpus files are part of the test data)")
    directory = tmp_path_factory.mktemp("corpus")
    import_corpus([WOS], "wos-optics", directory=directory)
    old = os.environ.get("B2BKG_CORPUS_DIR")
    os.environ["B2BKG_CORPUS_DIR"] = str(directory)
    yield directory
    if old is None:
        os.environ.pop("B2BKG_CORPUS_DIR", None)
    else:
        os.environ["B2BKG_CORPUS_DIR"] = old


@pytest.fixture(scope="module")
def kg(corpus_env):
    with KnowledgeGraph() as graph:
        yield graph


def test_records_are_the_imported_documents(kg):
    recs = kg.science.records("wos-optics")
    assert len(recs) == 30  # 34 read, 2 refused, 2 merged (the import report)
    n = select(kg.store, "SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE { ?c a b2b:Corpus ; prov:hadMember ?d . "
                         "?d cito:cites ?w }")[0]["n"]
    assert len({w for r in recs for w in r["references"]}) == n
    assert all(r["year"] and r["title"] for r in recs)
    assert any(r["indexed"] for r in recs) and any(r["keywords"] for r in recs)


def test_reference_bursts_count_the_citing_records(kg):
    rows = kg.science.bursts("references", corpus="wos-optics")
    assert rows, "the optics corpus has reference bursts"
    assert [r["strength"] for r in rows] == sorted((r["strength"] for r in rows), reverse=True)
    years = Counter(r["year"] for r in kg.science.records("wos-optics"))
    for r in rows:
        assert {"label", "begin", "end", "strength", "work"} <= set(r)
        assert min(years) <= r["begin"] <= r["end"] <= max(years) and r["strength"] > 0
        cited_by = select(kg.store, f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?c a b2b:Corpus ; prov:hadMember ?d . "
                                    f"?d cito:cites <{r['work']}> }}")[0]["n"]
        assert r["count"] == cited_by
        assert not r["label"].startswith("https://")  # the reference's own label, SURNAME I, YEAR, SOURCE


def test_clusters_use_the_corpus_network_and_report_its_modularity(kg):
    out = kg.science.clusters("co-citation", "references", corpus="wos-optics")
    net = kg.corpus.network("co-citation", "references", corpus="wos-optics")
    assert out["modularity"] == net.modularity  # the same network, the same partition
    assert sum(c["size"] for c in out["clusters"]) == len(net.nodes) == out["nodes"]
    assert -1 <= out["silhouette"] <= 1
    for c in out["clusters"]:
        assert c["silhouette"] is None or -1 <= c["silhouette"] <= 1
        methods = {lab["method"] for lab in c["labels"]}
        assert "tfidf" in methods and c["documents"] >= 1
    assert any(lab["method"] == "llr" for c in out["clusters"] for lab in c["labels"])


def test_keyword_clusters_label_from_the_documents_they_occur_in(kg):
    out = kg.science.clusters("keywords", "indexed", corpus="wos-optics")
    assert out["clusters"] and out["modularity"] is not None
    for c in out["clusters"]:
        # a keyword cluster's documents are those carrying its keywords
        assert c["documents"] >= 1


def test_main_path_follows_citations_forward_in_time(kg):
    out = kg.science.mainpath(corpus="wos-optics")
    assert out["paths"] and out["global"]
    cites = {(r["work"], ref) for r in kg.science.records("wos-optics") for ref in r["references"]}
    for path in [*out["paths"], out["global"], *out["key_route"]]:
        for a, b in zip(path, path[1:], strict=False):
            assert (b["work"], a["work"]) in cites  # the later work cites the earlier
            assert a["year"] <= b["year"]
            assert a["arc"] >= 1
        assert all(n["spc"] >= 1 for n in path)


def test_timeline_places_the_clusters_and_the_seed_papers_references(kg):
    out = kg.science.timeline(corpus="wos-optics")
    assert out["clusters"]
    for c in out["clusters"]:
        assert c["begin"] <= c["mean_year"] <= c["end"] and c["size"] == len(c["members"])
    seed = out["seed_references_outside"]  # the seed paper's references are not optics works
    assert len(seed) >= 20 and all(s["papers"] for s in seed)
    assert [s["year"] for s in seed if s["year"]] == sorted(s["year"] for s in seed if s["year"])


def test_slices_and_historiograph(kg):
    rows = kg.science.slices(corpus="wos-optics", years_per_slice=5)
    recs = kg.science.records("wos-optics")
    assert sum(r["records"] for r in rows) == len(recs)
    assert all(r["nodes"] <= 50 for r in rows)
    h = kg.science.historiograph(corpus="wos-optics", top=10)
    ids = {r["work"]: r for r in recs}
    for link in h["links"]:
        assert link["cited"] in ids[link["citing"]]["references"]
    assert [n["year"] for n in h["nodes"]] == sorted(n["year"] for n in h["nodes"])


def test_thematic_map_names_every_quadrant_it_uses(kg):
    out = kg.science.thematic(corpus="wos-optics", unit="indexed")
    assert out["themes"]
    assert {t["quadrant"] for t in out["themes"]} <= set(out["quadrants"])
    net = kg.corpus.network("keywords", "indexed", corpus="wos-optics")
    G = nx.Graph()
    for e in net.links:
        G.add_edge(e["source"], e["target"], count=e["count"])
    occ = {n["id"]: n["occurrences"] for n in net.nodes}
    cluster = {n["id"]: n["cluster"] for n in net.nodes}
    for t in out["themes"]:
        inside = [n for n in cluster if cluster[n] == t["cluster"]]
        dens = sum(d["count"] ** 2 / (occ[u] * occ[v]) for u, v, d in G.edges(data=True)
                   if cluster[u] == cluster[v] == t["cluster"])
        assert t["density"] == pytest.approx(100 * dens / len(inside), abs=1e-5)


def test_tags_related_literature_and_concepts_over_the_store(kg):
    tags = kg.science.tags()
    assert not [t for t in tags if "/work/" in t["work"] and "wos" in t["work"]]
    hits = kg.science.tags(query="国际化")
    assert hits and all("国际化" in t["exact"] or t["entity"] for t in hits)
    related = kg.science.related()
    assert related and related[0]["paper"].endswith("/paper/wang-2025")
    assert all(r["shared"] for r in related[0]["related"])
    years = kg.science.concepts_by_year()
    assert years and all(sum(r["by_year"].values()) == r["records"] for r in years)


def test_cli_commands_answer_json_on_the_imported_corpus(corpus_env):
    runner = CliRunner()
    for args, key in ((["bursts", "--format", "json"], None), (["clusters"], "silhouette"),
                      (["mainpath"], "paths"), (["timeline"], "clusters"), (["slices", "--format", "json"], None),
                      (["historiograph"], "nodes"), (["thematic", "--unit", "indexed"], "themes"),
                      (["cooccurrence", "--format", "json"], None), (["concepts-by-year", "--format", "json"], None),
                      (["related"], None)):
        result = runner.invoke(cli, ["corpus", *args, "--name", "wos-optics"] if args[0] not in (
            "cooccurrence", "concepts-by-year", "related") else ["corpus", *args], catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
        data = json.loads(result.output)
        assert key is None and isinstance(data, list) or key in data


def test_bad_options_are_clear_errors(corpus_env):
    runner = CliRunner()
    result = runner.invoke(cli, ["corpus", "bursts", "-s", "0.5"])
    assert result.exit_code != 0 and "s must be above 1" in str(result.exception)
    result = runner.invoke(cli, ["corpus", "clusters", "--network", "keywords", "--unit", "references"])
    assert result.exit_code != 0 and "has no unit 'references'" in str(result.exception)
    result = runner.invoke(cli, ["corpus", "mainpath", "--name", "nope"])
    assert result.exit_code != 0 and "no corpus named 'nope'" in str(result.exception)


def test_the_records_network_is_the_store_network(kg):
    """The co-citation network counted from the records (a store without the corpus service)
    equals the one the store counts by SPARQL aggregates: same items, occurrences and links."""
    from b2bkg.science.service import records_network

    mine = records_network(kg.science.records("wos-optics"), "co-citation", "references", min_occurrences=2)
    theirs = kg.corpus.network("co-citation", "references", corpus="wos-optics", min_occurrences=2).as_dict()
    assert {n["id"]: n["occurrences"] for n in mine["nodes"]} == {n["id"]: n["occurrences"] for n in theirs["nodes"]}
    assert ({frozenset((e["source"], e["target"])): e["count"] for e in mine["links"]}
            == {frozenset((e["source"], e["target"])): e["count"] for e in theirs["links"]})
    assert len(mine["links"]) > 100
