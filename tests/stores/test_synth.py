"""The synthetic corpus generator: deterministic, about the size asked, valid N-Quads in our
ontology, and shaped so that the real named queries find answers in it."""

from __future__ import annotations

from pathlib import Path

from b2bkg import KnowledgeGraph
from b2bkg.store import MemoryStore
from support.synth import generate, write_corpus

ROOT = Path(__file__).resolve().parents[2]


def test_deterministic_and_about_the_size_asked(tmp_path):
    a = write_corpus(tmp_path / "a.nq", 5_000, seed=3)
    b = write_corpus(tmp_path / "b.nq", 5_000, seed=3)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != write_corpus(tmp_path / "c.nq", 5_000, seed=4).read_bytes()
    store = MemoryStore(a)
    assert 4_500 <= store.triple_count() <= 5_500
    assert set(store.graph_counts()) == {f"https://w3id.org/b2bkg/graph/{g}"
                                         for g in ("ontology", "assertions", "evidence", "inferences")}
    assert len(list(generate(500, seed=1))) < len(list(generate(5_000, seed=1)))


def test_named_queries_find_answers_in_it(tmp_path):
    path = write_corpus(tmp_path / "corpus.nq", 5_000)
    with KnowledgeGraph(path, queries_dir=ROOT / "queries") as kg:
        rows = kg.query("tools-driving-mechanism", mechanism="kg:mechanism/credit-enhancement").records()
        assert rows and all(r["quote"] and r["paragraph"] for r in rows)
        assert len(kg.query("SELECT ?p WHERE { ?p cito:cites ?q }")) > 100
