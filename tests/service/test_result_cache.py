"""Repeated queries are answered from the result cache (keyed by dataset version, query, bindings,
graphs and format), ETag-aware over HTTP, bounded in memory; errors are never kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from b2bkg.api import KnowledgeGraph
from b2bkg.errors import ResultTooLarge
from b2bkg.sparql.cache import ResultCache
from b2bkg.sparql.protocol import Limits, SparqlService
from b2bkg.store import MemoryStore
from b2bkg.store.base import QueryResult
from b2bkg.web import create_app
from b2bkg.web.server import background_server

from .test_decoded import CountingStore

FIXTURES = Path(__file__).parent / "fixtures"
DATASET = FIXTURES / "dataset.nq"
QUERIES = Path(__file__).parents[2] / "queries"
LABELS = "SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?s ?l"


@pytest.fixture
def counting() -> CountingStore:
    return CountingStore(MemoryStore(DATASET))


def service(store, **kw) -> SparqlService:
    return SparqlService(store, Limits(**kw), cache=ResultCache(1 << 20))


def test_the_same_request_is_evaluated_once(counting):
    svc = service(counting)
    first = svc.run(svc.prepare(LABELS, accept="application/sparql-results+json"))
    again = svc.run(svc.prepare(LABELS, accept="application/sparql-results+json"))
    assert again.body == first.body and first.rows > 0
    assert counting.evaluations == ["query"]
    assert svc.cache.stats()["hits"] == 1


@pytest.mark.parametrize("change", [
    {"accept": "text/csv"},
    {"query": LABELS + " LIMIT 1"},
    {"default_graphs": ["https://w3id.org/b2bkg/graph/ontology"]},
    {"bindings": [("s", ("iri", "https://w3id.org/b2bkg/id/none"))]},
])
def test_another_format_query_dataset_or_binding_is_evaluated_again(counting, change):
    svc = service(counting)
    base = {"query": LABELS, "accept": "application/sparql-results+json"}
    svc.run(svc.prepare(**{"query": LABELS, "accept": "application/sparql-results+json"}))
    svc.run(svc.prepare(**{**base, **change}))
    assert counting.evaluations == ["query", "query"]


def test_another_dataset_version_is_another_key(tmp_path, counting):
    svc = service(counting)
    other_file = tmp_path / "other.nq"
    other_file.write_bytes(DATASET.read_bytes() + b'<urn:x:a> <urn:x:b> "c" <urn:x:g> .\n')
    other = service(CountingStore(MemoryStore(other_file)))
    other.cache = svc.cache  # one cache, two versions: no answer of one is served for the other
    a = svc.prepare(LABELS)
    b = other.prepare(LABELS)
    assert a.etag != b.etag
    svc.run(a)
    other.run(b)
    assert counting.evaluations == ["query"] and other.store.evaluations == ["query"]


def test_errors_are_not_kept(counting):
    svc = service(counting, max_rows=1)
    for _ in range(2):
        with pytest.raises(ResultTooLarge):
            svc.run(svc.prepare(LABELS))
    assert counting.evaluations == ["query", "query"]
    assert svc.cache.stats()["entries"] == 0


def test_the_cache_is_bounded_by_bytes():
    cache = ResultCache(max_bytes=1000, max_entry=400)
    for i in range(10):
        cache.put(i, QueryResult("select", "json", b"x" * 300, 1))
    stats = cache.stats()
    assert stats["bytes"] <= 1000 and stats["entries"] == 3
    assert cache.get(9) is not None and cache.get(0) is None  # the least recently used went first
    cache.put("big", QueryResult("select", "json", b"x" * 401, 1))
    assert cache.get("big") is None  # larger than one entry may be: not kept


def test_the_service_answers_a_named_query_from_the_cache_and_304s_its_etag(counting):
    kg = KnowledgeGraph.from_settings({"queries_dir": str(QUERIES), "result_cache_mb": 1}, store=counting)
    app = create_app(kg=kg)
    with background_server(app) as url:
        import requests

        first = requests.get(url + "/api/queries/statistics", timeout=10)
        second = requests.get(url + "/api/queries/statistics", timeout=10)
        assert first.status_code == second.status_code == 200
        assert first.content == second.content and first.headers["ETag"] == second.headers["ETag"]
        assert counting.evaluations.count("query") == 1
        again = requests.get(url + "/api/queries/statistics", headers={"If-None-Match": first.headers["ETag"]},
                             timeout=10)
        assert again.status_code == 304 and again.content == b""
        csv = requests.get(url + "/api/queries/statistics", headers={"Accept": "text/csv"}, timeout=10)
        assert csv.status_code == 200 and csv.headers["ETag"] != first.headers["ETag"]
        assert counting.evaluations.count("query") == 2
    kg.close()


def test_zero_turns_the_cache_off(counting):
    kg = KnowledgeGraph.from_settings({"queries_dir": str(QUERIES), "result_cache_mb": 0}, store=counting)
    assert kg.sparql.cache is None
    for _ in range(2):
        kg.sparql.run(kg.sparql.prepare(LABELS))
    assert counting.evaluations == ["query", "query"]


def test_a_request_prepared_before_is_not_looked_at_again(counting):
    svc = service(counting)
    first = svc.prepare(LABELS, accept="text/csv")
    assert svc.prepare(LABELS, accept="text/csv") is first
    other = svc.prepare(LABELS, accept="application/sparql-results+json")
    assert other is not first and other.format == "json" and other.etag != first.etag
    with pytest.raises(ResultTooLarge):  # refusals are never kept: the same request fails again
        svc.run(service(counting, max_rows=1).prepare(LABELS))
    from b2bkg.errors import Forbidden

    for _ in range(2):
        with pytest.raises(Forbidden):
            svc.prepare("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
