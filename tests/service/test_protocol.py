"""The SPARQL 1.1 Protocol over a real server on loopback: methods, formats, graphs, statuses."""

from __future__ import annotations

import csv
import io
import json

import pytest
import requests

from b2bkg.vocab import GRAPH, GRAPH_ONTOLOGY

GRAPH_ASSERTIONS = GRAPH["assertions"]  # the service fixture's (tests/service/fixtures/dataset.nq) data graph

SELECT = "SELECT ?m WHERE { ?m a b2b:Mechanism } ORDER BY ?m"
MECHANISMS = [
    "https://w3id.org/b2bkg/id/mechanism/cost-reduction",
    "https://w3id.org/b2bkg/id/mechanism/credit-enhancement",
]
FORM = "application/x-www-form-urlencoded"


def _values(resp) -> list[str]:
    return [b["m"]["value"] for b in resp.json()["results"]["bindings"]]


def test_get(live):
    r = live.get("/sparql", params={"query": SELECT})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/sparql-results+json")
    assert _values(r) == MECHANISMS


def test_post_form(live):
    r = live.post("/sparql", data={"query": SELECT})
    assert r.status_code == 200 and _values(r) == MECHANISMS


def test_post_sparql_query(live):
    r = live.post("/sparql", data=SELECT.encode(),
                  headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    assert r.status_code == 200 and _values(r) == MECHANISMS


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_select_formats(live, accept, media_type):
    r = live.get("/sparql", params={"query": SELECT}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["Content-Type"].split(";")[0] == media_type
    assert MECHANISMS[0] in r.text and MECHANISMS[1] in r.text


def test_csv_and_tsv_content(live):
    r = live.get("/sparql", params={"query": SELECT, "format": "csv"})
    assert list(csv.reader(io.StringIO(r.text))) == [["m"], *[[m] for m in MECHANISMS]]
    r = live.get("/sparql", params={"query": SELECT, "format": "tsv"})
    assert r.text.splitlines() == ["?m", *[f"<{m}>" for m in MECHANISMS]]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_ask_formats(live, fmt):
    r = live.get("/sparql", params={"query": "ASK { ?s a b2b:Mechanism }", "format": fmt})
    assert r.status_code == 200 and "true" in r.text


@pytest.mark.parametrize(
    ("accept", "media_type", "marker"),
    [
        ("text/turtle", "text/turtle", "b2b:Mechanism"),
        ("application/n-triples", "application/n-triples", "<https://w3id.org/b2bkg/def/Mechanism>"),
        ("application/ld+json", "application/ld+json", '"@id"'),
        ("application/rdf+xml", "application/rdf+xml", "rdf:RDF"),
    ],
)
@pytest.mark.parametrize("form", ["CONSTRUCT WHERE { ?m a b2b:Mechanism }",
                                  "DESCRIBE kg:mechanism\\/cost-reduction"])
def test_graph_formats(live, accept, media_type, marker, form):
    r = live.get("/sparql", params={"query": form}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].split(";")[0] == media_type
    assert marker in r.text


def test_format_parameter_overrides_accept(live):
    r = live.get("/sparql", params={"query": SELECT, "format": "csv"},
                 headers={"Accept": "application/sparql-results+xml"})
    assert r.headers["Content-Type"].startswith("text/csv")


def test_default_graph_is_union(live):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert live.get("/sparql", params={"query": q}).json()["results"]["bindings"][0]["n"][
        "value"] == "29"


def test_default_graph_uri(live):
    q = "SELECT ?m WHERE { ?m a ?c } ORDER BY ?m"
    only_ontology = live.get("/sparql", params={"query": q, "default-graph-uri": GRAPH_ONTOLOGY})
    values = [b["m"]["value"] for b in only_ontology.json()["results"]["bindings"]]
    assert values and all(v.startswith("https://w3id.org/b2bkg/def") for v in values)


def test_named_graph_uri(live):
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = live.get("/sparql", params={"query": q, "named-graph-uri": [GRAPH_ASSERTIONS]})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [str(GRAPH_ASSERTIONS)]
    r = live.post("/sparql", data={"query": q, "named-graph-uri": str(GRAPH_ONTOLOGY)})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [str(GRAPH_ONTOLOGY)]


def test_from_clause_selects_a_graph(live):
    q = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH_ONTOLOGY}> WHERE {{ ?s ?p ?o }}"
    r = live.get("/sparql", params={"query": q})
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "9"


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(resp) -> int:
    assert resp.status_code == 200, resp.text
    return int(resp.json()["results"]["bindings"][0]["n"]["value"])


def _graphs(resp) -> list[str]:
    assert resp.status_code == 200, resp.text
    return [b["g"]["value"] for b in resp.json()["results"]["bindings"]]


def test_graph_the_store_lacks_is_an_empty_graph(live):
    """Protocol §2.1.4: a graph named in the request that holds nothing is empty, not a 400."""
    r = live.get("/sparql", params={"query": SELECT, "default-graph-uri": "http://nope/"})
    assert r.status_code == 200 and _values(r) == []
    r = live.get("/sparql", params={"query": GRAPHS, "named-graph-uri": "http://nope/"})
    assert _graphs(r) == []


def test_only_named_graph_uri_leaves_the_default_graph_empty(live):
    params = {"query": COUNT, "named-graph-uri": str(GRAPH_ASSERTIONS)}
    assert _count(live.get("/sparql", params=params)) == 0
    assert _count(live.post("/sparql", data=params)) == 0


def test_only_default_graph_uri_leaves_no_named_graphs(live):
    r = live.get("/sparql", params={"query": GRAPHS, "default-graph-uri": str(GRAPH_ONTOLOGY)})
    assert _graphs(r) == []
    r = live.get("/sparql", params={"query": COUNT, "default-graph-uri": str(GRAPH_ONTOLOGY)})
    assert _count(r) == 9


def test_protocol_dataset_overrides_from(live):
    q = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH_ONTOLOGY}> WHERE {{ ?s ?p ?o }}"
    assert _count(live.get("/sparql", params={"query": q})) == 9
    r = live.get("/sparql", params={"query": q, "default-graph-uri": str(GRAPH_ASSERTIONS)})
    only_assertions = live.get("/sparql", params={"query": COUNT, "default-graph-uri": str(GRAPH_ASSERTIONS)})
    assert _count(r) == _count(only_assertions) != 9
    assert _count(live.get("/sparql", params={"query": q, "named-graph-uri": str(GRAPH_ONTOLOGY)})) == 0


def test_both_default_and_named_graphs(live):
    params = {"query": GRAPHS, "default-graph-uri": str(GRAPH_ONTOLOGY), "named-graph-uri": str(GRAPH_ASSERTIONS)}
    assert _graphs(live.get("/sparql", params=params)) == [str(GRAPH_ASSERTIONS)]
    params["query"] = COUNT
    assert _count(live.get("/sparql", params=params)) == 9


def test_malformed_query_gives_line_and_column(live):
    r = live.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert r.status_code == 400
    body = r.json()
    assert body["ok"] is False and body["status"] == 400
    assert "line 3, column " in body["error"]


def test_wrong_post_media_type_is_415(live):
    r = live.post("/sparql", data=json.dumps({"query": SELECT}),
                  headers={"Content-Type": "application/json"})
    assert r.status_code == 415 and "application/sparql-query" in r.json()["error"]


@pytest.mark.parametrize(
    ("query", "accept"),
    [(SELECT, "text/turtle"), ("CONSTRUCT WHERE { ?s ?p ?o }", "text/csv"),
     (SELECT, "image/png")],
)
def test_not_acceptable_is_406(live, query, accept):
    r = live.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert r.status_code == 406 and r.json()["status"] == 406


def test_bad_format_parameter_is_406(live):
    r = live.get("/sparql", params={"query": SELECT, "format": "turtle"})
    assert r.status_code == 406


def test_empty_query_is_400(live):
    assert live.get("/sparql", params={"query": "  "}).status_code == 400


def test_query_too_long_is_413(live):
    q = SELECT + " #" + "x" * 3000
    r = live.get("/sparql", params={"query": q})
    assert r.status_code == 413 and "2000" in r.json()["error"]
    assert live.post("/sparql", data={"query": q}).status_code == 413


def test_too_many_rows_is_422(live):
    r = live.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 422
    assert "20 rows" in r.json()["error"] and "LIMIT" in r.json()["error"]
    r = live.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 20"})
    assert r.status_code == 200


def test_etag_and_304(live):
    r = live.get("/sparql", params={"query": SELECT})
    etag = r.headers["ETag"]
    assert "max-age" in r.headers["Cache-Control"]
    again = live.get("/sparql", params={"query": SELECT}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    csv_ = live.get("/sparql", params={"query": SELECT}, headers={"If-None-Match": etag,
                                                                   "Accept": "text/csv"})
    assert csv_.status_code == 200 and csv_.headers["ETag"] != etag


def test_cors(live):
    r = live.get("/sparql", params={"query": SELECT}, headers={"Origin": "http://127.0.0.1:1"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    pre = requests.options(live.url + "/sparql", timeout=10, headers={
        "Origin": "http://127.0.0.1:1", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code == 200
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in pre.headers["Access-Control-Allow-Headers"]


def test_service_description(live):
    r = live.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    from rdflib import Graph
    from rdflib.namespace import RDF

    from b2bkg.vocab import SD

    g = Graph().parse(data=r.text, format="turtle")
    service = g.value(predicate=RDF.type, object=SD.Service)
    assert str(g.value(service, SD.endpoint)) == live.url + "/sparql"
    assert {str(n) for n in g.objects(None, SD.name)} >= {str(GRAPH_ONTOLOGY)}


def test_browser_gets_a_page(live):
    r = live.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and "<form" in r.text


def test_void_statistics(live, fixture_dataset):
    """void:classes/properties/entities and the partitions, checked against rdflib's own count."""
    import warnings

    from rdflib import Dataset, Graph, URIRef
    from rdflib.namespace import RDF

    from b2bkg.vocab import KG, VOID

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds = Dataset()
        ds.parse(fixture_dataset, format="nquads")
        triples = {(s, p, o) for s, p, o, _ in ds.quads()}
    g = Graph().parse(data=live.get("/void").text, format="turtle")
    dataset = next(g.subjects(VOID.sparqlEndpoint, None))
    classes = {o for s, p, o in triples if p == RDF.type}
    properties = {p for _, p, _ in triples}
    assert g.value(dataset, VOID.classes).toPython() == len(classes)
    assert g.value(dataset, VOID.properties).toPython() == len(properties)
    assert g.value(dataset, VOID.entities).toPython() == len({s for s, _, _ in triples if str(s).startswith(str(KG))})
    parts = {g.value(part, VOID["class"]): g.value(part, VOID.entities).toPython()
             for part in g.objects(dataset, VOID.classPartition)}
    assert parts == {c: len({s for s, p, o in triples if p == RDF.type and o == c}) for c in classes}
    props = {g.value(part, VOID.property): g.value(part, VOID.triples).toPython()
             for part in g.objects(dataset, VOID.propertyPartition)}
    assert props == {q: sum(1 for _, p, _ in triples if p == q) for q in properties}
    vocabularies = set(g.objects(dataset, VOID.vocabulary))
    assert {URIRef(str(RDF)), URIRef("https://w3id.org/b2bkg/def/")} <= vocabularies


def test_void(live):
    from rdflib import Graph, Literal
    from rdflib.namespace import XSD

    from b2bkg.vocab import VOID

    r = live.get("/void")
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    assert (None, VOID.triples, Literal(29, datatype=XSD.integer)) in g
    assert live.get("/.well-known/void", headers={"Accept": "application/ld+json"}).json()


@pytest.mark.parametrize("iri", ["", "not an iri", "relative/graph", "http://a b/"])
def test_graph_name_that_is_not_an_iri_is_400(live, iri):
    for param in ("default-graph-uri", "named-graph-uri"):
        r = live.get("/sparql", params={"query": SELECT, param: iri})
        assert r.status_code == 400 and param in r.json()["error"] and "absolute IRI" in r.json()["error"]
