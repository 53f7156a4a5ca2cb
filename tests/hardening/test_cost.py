"""The static cost estimate (``b2bkg.sparql.cost``) on the built paper dataset: runaways of
different shapes (a cartesian product counted or ordered, an open transitive path with both ends
free, a huge VALUES product, OPTIONALs that share no variable) are told apart from ordinary and
merely heavy queries, and no query of the named-query library is called costly (precision first:
a false alarm would send an ordinary query to the long lane, or refuse it).

What each class means in time was measured with pyoxigraph on this dataset (46,793 triples,
a loaded shared machine): the "runaway" ones below did not finish in 8 s; the "heavy" ones took
0.9 s to more than 8 s (two of them, under load); the "ordinary" ones under 0.3 s
(``benchmarks/cost_bench.py`` prints the figures).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from b2bkg.sparql.cost import Statistics, estimate_cost
from b2bkg.sparql.protocol import SparqlService
from b2bkg.store.memory import MemoryStore

ROOT = Path(__file__).resolve().parents[2]
VALUES_2000 = " ".join(str(i) for i in range(2000))


@pytest.fixture(scope="module")
def service() -> SparqlService:
    from b2bkg.build import ensure_dataset

    return SparqlService(MemoryStore(ensure_dataset()), collect_statistics=True)


RUNAWAY = {
    "product counted": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
    "product of eight": "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8)) + " }",
    "product ordered": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c LIMIT 1",
    "product grouped": "SELECT ?a (COUNT(?d) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f } GROUP BY ?a",
    "open path counted": "SELECT (COUNT(*) AS ?n) WHERE { ?a (!rdf:type)* ?b }",
    "open path streamed": "SELECT * WHERE { ?a (<urn:x>|!<urn:x>)+ ?b } LIMIT 10",
    "product in a sub-query": "SELECT * WHERE { { SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f } } }",
    "union of products": "SELECT (COUNT(*) AS ?n) WHERE { { ?a ?b ?c . ?d ?e ?f } UNION { ?g ?h ?i } }",
    "graph product": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } }",
    "three labels": "SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?l . ?b rdfs:label ?m . ?c rdfs:label ?o }",
    "three patterns meeting at a hub": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?b . ?d ?r ?b }",
}
HEAVY = {
    "two labels counted": "SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?l . ?d rdfs:label ?m }",
    "optionals sharing nothing": "SELECT (COUNT(*) AS ?n) WHERE { ?a a b2b:Mechanism OPTIONAL { ?x rdfs:label ?l "
                                 "OPTIONAL { ?y rdfs:label ?m } } }",
    "values product": f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?x {{ {VALUES_2000} }} "
                      f"VALUES ?y {{ {VALUES_2000} }} }}",
    "two instances of one class": "SELECT (COUNT(*) AS ?n) WHERE { ?a a ?t . ?c a ?t }",
    "filter across a product": "SELECT * WHERE { ?a rdfs:label ?c . ?d rdfs:label ?f "
                               "FILTER(STRLEN(?c) + STRLEN(?f) > 100000) } LIMIT 10",
}
ORDINARY = {
    "product streamed": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 100",
    "product distinct, streamed": "SELECT DISTINCT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 10",
    "product filtered by a constant": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f FILTER(?b = <urn:none>) } LIMIT 10",
    "closed path, both ends free": "SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:subClassOf* ?b }",
    "open path from a constant": "SELECT (COUNT(*) AS ?n) WHERE { kg:mechanism\\/credit-enhancement (!rdf:type)* ?b }",
    "joined patterns": "SELECT ?t ?l WHERE { ?t b2b:enables ?m . ?m rdfs:label ?l } ORDER BY ?l",
    "classes counted": "SELECT (COUNT(*) AS ?n) WHERE { ?a a b2b:Mechanism . ?d a b2b:Theory }",
    "instances of one class, streamed": "SELECT ?a ?c WHERE { ?a a ?t . ?c a ?t } LIMIT 10",
    "values joined": f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {VALUES_2000} }} ?s rdfs:label ?l }} LIMIT 5",
    "not SPARQL": "SELECT WHERE { ?a ?b",
}


@pytest.mark.parametrize("expected, name, query", [
    *(("runaway", n, q) for n, q in RUNAWAY.items()),
    *(("heavy", n, q) for n, q in HEAVY.items()),
    *(("ordinary", n, q) for n, q in ORDINARY.items()),
])
def test_each_shape_gets_its_class_on_the_paper_dataset(service, expected, name, query):
    request = service.prepare(query)
    assert request.request.cost_class == expected, (name, request.request.cost_reason)
    if expected == "ordinary":
        assert request.request.cost_reason == ""
    else:  # a reason a client can act on: how much, and what makes it so
        assert "solutions to produce" in request.request.cost_reason


def test_the_reasons_name_the_shape(service):
    product = service.prepare(RUNAWAY["product counted"]).request.cost_reason
    n = service.store.triple_count()  # every triple of the dataset, twice
    assert "share no variable" in product and f"{n:,} × {n:,}" in product and "COUNT" in product
    path = service.prepare(RUNAWAY["open path counted"]).request.cost_reason
    assert "transitive path" in path and "both ends free" in path


@pytest.mark.parametrize("path", sorted((ROOT / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_no_named_query_is_called_costly(service, path):
    request = service.prepare(path.read_text(encoding="utf-8"))
    assert request.request.cost_class == "ordinary", request.request.cost_reason


def test_statistics_are_the_stores_counts(service):
    stats = service.statistics()
    assert stats.triples == service.store.triple_count()
    assert sum(stats.predicates.values()) == stats.triples
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert sum(stats.classes.values()) == stats.predicates[rdf_type]
    assert stats.classes["https://w3id.org/b2bkg/def/Mechanism"] >= 1


def test_a_bound_parameter_is_a_constant():
    stats = Statistics(50_000)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
    assert estimate_cost(query, stats).cost_class == "runaway"
    assert estimate_cost(query, stats, bound=frozenset({"a", "b", "d", "e"})).cost_class == "ordinary"


def test_the_estimate_grows_with_the_dataset():
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
    assert [estimate_cost(query, Statistics(n)).cost_class for n in (100, 2000, 50_000)] == \
        ["ordinary", "heavy", "runaway"]


def test_a_service_on_a_worker_pool_reads_the_statistics_through_its_workers():
    from b2bkg.store import open_store
    from support.hardening import DATASET
    from support.hardening import RUNAWAY as EIGHT

    store = open_store(DATASET, workers=1)
    try:
        service = SparqlService(store)
        stats = service.statistics()
        assert stats.triples == 29 and sum(stats.predicates.values()) == 29 and stats.classes
        assert service.prepare(EIGHT).request.cost_class == "runaway"  # 29 ** 8 solutions, counted
        assert service.prepare("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3").request.cost_class == "ordinary"
    finally:
        store.close()


def test_the_estimate_never_fails_on_mutated_queries():
    """It runs on every request before evaluation: whatever the text, a class, never an exception."""
    from hypothesis import HealthCheck, given, settings

    from hardening.test_fuzz import mutated_query

    stats = Statistics(50_000, {"http://www.w3.org/2000/01/rdf-schema#label": 2000},
                       {"https://w3id.org/b2bkg/def/Mechanism": 5})

    @settings(max_examples=int(os.environ.get("B2BKG_FUZZ_EXAMPLES", "50")) * 8, deadline=None,
              suppress_health_check=list(HealthCheck), database=None)
    @given(query=mutated_query())
    def check(query: str) -> None:
        cost = estimate_cost(query, stats, {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
        assert cost.cost_class in ("ordinary", "heavy", "runaway")

    check()
