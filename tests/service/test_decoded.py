"""In-process callers get decoded answers (rdflib terms) from one decoding path, evaluated once;
serialised bytes only for what goes out over HTTP."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from b2bkg.api import KnowledgeGraph, Table
from b2bkg.store import MemoryStore, QueryRequest, Store, WorkerPoolStore
from b2bkg.store.decode import from_result
from b2bkg.vocab import PREFIXES

FIXTURES = Path(__file__).parent / "fixtures"
DATASET = FIXTURES / "dataset.nq"
QUERIES = Path(__file__).parents[2] / "queries"
CONSTRUCT = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"
SELECT = ("SELECT ?s ?l ?n ?b WHERE { ?s rdfs:label ?l . BIND(STRLEN(?l) AS ?n) BIND(BNODE() AS ?b) "
          "OPTIONAL { ?s <urn:x:none> ?unbound } } ORDER BY ?s ?l")


class CountingStore(Store):
    """The real memory store, counting how many times a query reaches it (either entry point)."""

    def __init__(self, inner: Store):
        self.inner = inner
        self.evaluations: list[str] = []

    @property
    def version(self) -> str:
        return self.inner.version

    def triple_count(self) -> int:
        return self.inner.triple_count()

    def graph_counts(self) -> dict[str, int]:
        return self.inner.graph_counts()

    def query(self, request, timeout=None):
        self.evaluations.append("query")
        return self.inner.query(request, timeout)

    def evaluate(self, request, timeout=None):
        self.evaluations.append("evaluate")
        return self.inner.evaluate(request, timeout)


@pytest.fixture
def counting() -> CountingStore:
    return CountingStore(MemoryStore(DATASET))


def test_construct_is_evaluated_once(counting):
    kg = KnowledgeGraph(store=counting, queries_dir=QUERIES)
    g = kg.query(CONSTRUCT)
    assert isinstance(g, Graph) and len(g) > 5
    assert counting.evaluations == ["evaluate"]
    labels = {o for o in g.objects()}
    assert all(isinstance(o, Literal) for o in labels)
    # the same triples as the serialised answer sent over HTTP
    wire = Graph().parse(data=kg.raw(CONSTRUCT, "ntriples").body.decode(), format="nt")
    assert set(g) == set(wire)


def test_select_and_ask_are_evaluated_once_and_decoded(counting):
    kg = KnowledgeGraph(store=counting, queries_dir=QUERIES)
    table = kg.query(SELECT)
    assert counting.evaluations == ["evaluate"]
    assert table.variables == ("s", "l", "n", "b") and len(table) > 5
    s, label, n, b = table.rows[0]
    assert isinstance(s, URIRef) and isinstance(label, Literal) and isinstance(b, BNode)
    assert n == Literal(len(str(label))) and n.toPython() == len(str(label))
    assert kg.query("ASK { ?s ?p ?o }").boolean is True
    assert counting.evaluations == ["evaluate", "evaluate"]


def _comparable(rows):
    """Rows with blank nodes replaced by their position (their labels are per answer)."""
    return [tuple("bnode" if isinstance(t, BNode) else t for t in row) for row in rows]


def test_one_decoding_for_in_process_and_wire_answers():
    """The direct conversion (memory) and the JSON decoding (the worker pool, a remote endpoint)
    give the same rdflib terms, language tags and datatypes included."""
    memory = MemoryStore(DATASET)
    request = QueryRequest(SELECT, prefixes=tuple(PREFIXES.items()), max_rows=1000)
    direct = memory.evaluate(request)
    wire = from_result(memory.query(request))
    assert direct.variables == wire.variables
    assert _comparable(direct.rows) == _comparable(wire.rows)
    assert any(isinstance(t, Literal) and t.language for row in direct.rows for t in row)
    with WorkerPoolStore(partial(MemoryStore, DATASET), workers=1, sandbox=False) as pool:
        pooled = pool.evaluate(request)
    assert _comparable(pooled.rows) == _comparable(direct.rows)
    graph = QueryRequest(CONSTRUCT, prefixes=tuple(PREFIXES.items()), max_rows=1000)
    assert set(memory.evaluate(graph).triples) == set(from_result(memory.query(
        QueryRequest(CONSTRUCT, graph_format="ntriples", prefixes=tuple(PREFIXES.items()), max_rows=1000))).triples)


def test_table_from_json_uses_the_same_decoder():
    memory = MemoryStore(DATASET)
    request = QueryRequest(SELECT, prefixes=tuple(PREFIXES.items()), max_rows=1000)
    assert _comparable(Table.from_json(memory.query(request).body).rows) == _comparable(memory.evaluate(request).rows)


def test_the_row_cap_holds_for_decoded_answers():
    from b2bkg.errors import ResultTooLarge

    memory = MemoryStore(DATASET)
    with pytest.raises(ResultTooLarge, match="more than 3 rows"):
        memory.evaluate(QueryRequest("SELECT * WHERE { ?s ?p ?o }", max_rows=3))
