"""Real SPARQL clients reading from our endpoint: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from b2bkg.vocab import B2B, KG, RDF

SELECT = """PREFIX b2b: <https://w3id.org/b2bkg/def/>
SELECT ?m WHERE { ?m a b2b:Mechanism } ORDER BY ?m"""


def _wrapper(live, fmt, method="GET"):
    w = SPARQLWrapper(live.url + "/sparql")
    w.setReturnFormat(fmt)
    w.setMethod(method)
    return w


def test_sparqlwrapper_select_json_get_and_post(live):
    for method in ("GET", "POST"):
        w = _wrapper(live, JSON, method)
        w.setQuery(SELECT)
        rows = w.query().convert()["results"]["bindings"]
        assert [r["m"]["value"] for r in rows] == [
            str(KG["mechanism/cost-reduction"]), str(KG["mechanism/credit-enhancement"])]


def test_sparqlwrapper_select_xml_and_csv(live):
    w = _wrapper(live, XML)
    w.setQuery(SELECT)
    doc = w.query().convert()
    assert len(doc.getElementsByTagName("result")) == 2
    w = _wrapper(live, CSV)
    w.setQuery(SELECT)
    assert w.query().convert().decode().splitlines()[0] == "m"


def test_sparqlwrapper_construct_turtle(live):
    w = _wrapper(live, TURTLE)
    w.setQuery("PREFIX b2b: <https://w3id.org/b2bkg/def/> CONSTRUCT WHERE { ?m a b2b:Mechanism }")
    g = Graph().parse(data=w.query().convert(), format="turtle")
    assert (KG["mechanism/cost-reduction"], RDF.type, B2B.Mechanism) in g


def test_sparqlwrapper_ask(live):
    w = _wrapper(live, JSON)
    w.setQuery("ASK { ?s ?p ?o }")
    assert w.query().convert()["boolean"] is True


def test_rdflib_sparqlstore(live):
    store = SPARQLStore(live.url + "/sparql", returnFormat="json")
    g = Graph(store=store)
    rows = list(g.query(SELECT))
    assert [r.m for r in rows] == [KG["mechanism/cost-reduction"],
                                   KG["mechanism/credit-enhancement"]]
    assert (KG["tool/big-data-matching"], B2B.enables, KG["mechanism/cost-reduction"]) in g
    assert (URIRef("http://nope/"), B2B.enables, None) not in g
    store.close()
