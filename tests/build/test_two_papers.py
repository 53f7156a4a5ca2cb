"""Two papers built together: the seed paper (data/papers/wang-2025) and a small paper written for
the tests (tests/fixtures/papers/lee-2026) that cites two of the same works and discusses the same
theory. Each paper gets its own graphs; shared works and theories are one node each; coverage,
the reader and the queries answer for either paper; no evidence crosses from one paper to the other.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from b2bkg import KnowledgeGraph
from b2bkg.build import build_dataset
from b2bkg.cli import cli
from b2bkg.errors import BuildError
from b2bkg.web import create_app

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "papers" / "wang-2025"
TEST_PAPER = ROOT / "tests" / "fixtures" / "papers" / "lee-2026"
KG = "https://w3id.org/b2bkg/id/"
GRAPH = "https://w3id.org/b2bkg/graph/"
COASE = KG + "work/doi/10.1111/j.1468-0335.1937.tb00002.x"
WILLIAMSON = KG + "work/key/williamson-o-1985---"

SHARED_WORKS = f"""
SELECT DISTINCT ?work ?title WHERE {{
  <{KG}paper/wang-2025> cito:cites ?work . <{KG}paper/lee-2026> cito:cites ?work .
  ?work dcterms:title ?title .
}} ORDER BY ?work"""
SHARED_THEORIES = f"""
SELECT ?theory (COUNT(DISTINCT ?label) AS ?labels) WHERE {{
  GRAPH <{GRAPH}paper/wang-2025/assertions> {{ ?theory a b2b:Theory }}
  GRAPH <{GRAPH}paper/lee-2026/assertions> {{ ?theory a b2b:Theory }}
  ?theory rdfs:label ?label .
}} GROUP BY ?theory"""
CROSSED = f"""
SELECT ?g ?ann ?source ?para WHERE {{
  GRAPH ?g {{ ?ann oa:hasTarget/oa:hasSource ?source ; b2b:inParagraph ?para }}
  FILTER(STRSTARTS(STR(?g), "{GRAPH}paper/"))
  BIND(STRBEFORE(STRAFTER(STR(?g), "{GRAPH}paper/"), "/") AS ?pid)
  FILTER(?source != IRI(CONCAT("{KG}paper/", ?pid, "/text"))
         || !STRSTARTS(STR(?para), CONCAT("{KG}paper/", ?pid, "/para/"))
         || !STRSTARTS(STR(?ann), CONCAT("{KG}paper/", ?pid, "/")))
}}"""


@pytest.fixture(scope="module")
def two(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("two") / "dataset.nq"
    result = build_dataset(out, papers=[SEED, TEST_PAPER], reason=False)
    for name, n in result.counts.items():  # the triples of each graph, in the test log
        print(f"graph {name}: {n} triples")
    return out


@pytest.fixture(scope="module")
def kg(two):
    with KnowledgeGraph(dataset=two, queries_dir=ROOT / "queries") as graph:
        yield graph


def test_each_paper_has_its_own_graphs(two):
    manifest = json.loads(two.with_name("dataset.manifest.json").read_text(encoding="utf-8"))
    triples = manifest["triples"]
    assert manifest["papers"] == ["wang-2025", "lee-2026"]
    for pid in ("wang-2025", "lee-2026"):
        assert triples[f"paper/{pid}/assertions"] > 0 and triples[f"paper/{pid}/evidence"] > 0
    assert triples["paper/lee-2026/assertions"] < triples["paper/wang-2025/assertions"]


def test_shared_works_are_one_node_each(kg):
    rows = kg.query(SHARED_WORKS).records()
    assert [str(r["work"]) for r in rows] == [COASE, WILLIAMSON]
    # each paper keeps its own printed entry (its number) pointing at the one work
    entries = kg.query(f"SELECT ?entry ?n WHERE {{ ?entry biro:references <{WILLIAMSON}> ; "
                       "b2b:referenceNumber ?n } ORDER BY ?entry").records()
    assert [(str(r["entry"]), int(r["n"])) for r in entries] == [
        (KG + "paper/lee-2026/reference/2", 2), (KG + "paper/wang-2025/reference/23", 23)]


def test_the_named_query_lists_the_shared_works_and_theories(kg):
    rows = kg.query("shared-across-papers").records()
    assert [(str(r["kind"]), str(r["thing"]), int(r["papers"])) for r in rows] == [
        ("theory", KG + "theory/transaction-cost", 2), ("work", COASE, 2), ("work", WILLIAMSON, 2)]


def test_shared_theory_is_one_node_with_one_label_per_language(kg):
    rows = kg.query(SHARED_THEORIES).records()
    assert [(str(r["theory"]), int(r["labels"])) for r in rows] == [(KG + "theory/transaction-cost", 2)]


def test_no_evidence_crosses_from_one_paper_to_the_other(kg):
    assert kg.query(CROSSED).records() == []
    # the test paper's statement about the shared theory has evidence from the test paper only
    rows = kg.query(f"""SELECT ?g WHERE {{ GRAPH ?g {{ ?st rdf:subject <{KG}theory/transaction-cost> ;
        rdf:predicate b2b:systematisedBy . ?ann oa:hasBody ?st }} }}""").records()
    assert sorted(str(r["g"]) for r in rows) == [GRAPH + "paper/lee-2026/evidence", GRAPH + "paper/wang-2025/evidence"]


def test_both_papers_queries_answer(kg):
    cited = kg.query("most-cited-references").records()
    by_paper = {}
    for r in cited:
        by_paper.setdefault(str(r["reference"]), set()).add(int(r["number"]))
    assert by_paper[COASE] == {1, 22} and by_paper[WILLIAMSON] == {2, 23}
    proponents = kg.query("theory-proponents").records()
    assert proponents, "the seed paper's theory-proponents query still answers"
    sections = kg.query("references-supporting-section", section="2").records()
    assert {int(r["number"]) for r in sections} == {1, 2, 3}  # the test paper's §2


def test_coverage_reports_per_paper(two):
    r = CliRunner().invoke(cli, ["coverage", "--dataset", str(two), "--paper-dir", str(SEED),
                                 "--paper-dir", str(TEST_PAPER), "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert [p["paper"] for p in doc["papers"]] == ["wang-2025", "lee-2026"] and doc["ok"]
    lee = doc["papers"][1]
    assert lee["paragraphs"] == 3 and lee["covered"] == 3


def test_the_reader_shows_either_paper(two):
    app = create_app({"dataset": str(two), "queries_dir": str(ROOT / "queries"), "workers": 1})
    try:
        client = app.test_client()
        lee = client.get("/api/paper/lee-2026").json
        assert lee["id"] == "lee-2026" and lee["papers"] == ["lee-2026", "wang-2025"]
        assert [s["id"] for s in lee["sections"]][:3] == ["front", "1", "2"]
        assert lee["counts"]["citations"] == 5  # [1][2], [1], [2], [3]: one per reference cited
        assert {c["number"] for s in lee["spans"] for c in s["cites"]} == {1, 2, 3}
        seed = client.get("/api/paper/wang-2025").json
        assert seed["counts"]["citations"] == 28 and seed["paper"]["iri"] == KG + "paper/wang-2025"
        assert client.get("/paper/lee-2026").status_code == 200
        theory = client.get("/api/entity", query_string={"iri": KG + "theory/transaction-cost"}).json
        papers = {q["paper"] for q in theory["evidence"]}
        assert papers == {"lee-2026", "wang-2025"}  # one node, evidence from each paper, each linking to its reader
        assert all(q["href"].startswith("/paper#" if q["paper"] == "lee-2026" else "/paper/wang-2025#")
                   for q in theory["evidence"])
        missing = client.get("/api/paper/nobody-2000")
        assert missing.status_code == 404 and "lee-2026, wang-2025" in missing.json["error"]
    finally:
        app.extensions["b2bkg"].close()


def test_moved_iris_answer_301(two):
    app = create_app({"dataset": str(two), "queries_dir": str(ROOT / "queries"), "workers": 1})
    try:
        client = app.test_client()
        r = client.get("/id/ref/22", headers={"Accept": "text/turtle"})
        assert r.status_code == 301 and r.headers["Location"].endswith("/id/paper/wang-2025/reference/22")
        entry = client.get("/id/paper/wang-2025/reference/22", headers={"Accept": "text/turtle"})
        assert entry.status_code == 200 and COASE.encode() in entry.data
        ev = kg_evidence_ids(two)[0]
        r = client.get("/id/" + ev.removeprefix(KG).replace("paper/wang-2025/", "", 1) + "/target")
        assert r.status_code == 301 and r.headers["Location"].endswith(ev.removeprefix(KG) + "/target")
        r = client.get("/id/" + ev.removeprefix(KG).replace("paper/wang-2025/", "", 1) + "/target/quote")
        assert r.status_code == 301 and r.headers["Location"].endswith(ev.removeprefix(KG) + "/target/quote")
        assert client.get("/id/ref/999").status_code == 404
    finally:
        app.extensions["b2bkg"].close()


def kg_evidence_ids(dataset: Path) -> list[str]:
    marker = f"<{KG}paper/wang-2025/evidence/"
    out = []
    for line in dataset.read_text(encoding="utf-8").splitlines():
        if line.startswith(marker):
            out.append(line.split(">", 1)[0][1:].split("/target", 1)[0])
            break
    return out


def test_a_shared_entity_keeps_its_names(tmp_path):
    paper = tmp_path / "lee-2026"
    shutil.copytree(TEST_PAPER, paper)
    f = paper / "statements" / "paper.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace(
        "- id: theory/transaction-cost\n  a: [Theory]\n",
        "- id: theory/transaction-cost\n  a: [Theory]\n  label: {en: TCE, zh: 交易费用理论}\n"), encoding="utf-8")
    with pytest.raises(BuildError) as err:
        build_dataset(tmp_path / "x.nq", papers=[SEED, paper], reason=False)
    text = "\n".join(err.value.problems)
    assert "theory/transaction-cost" in text and "defined by paper wang-2025 with label.en" in text
