"""Real SPARQL clients reading from our endpoint: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

from urllib.error import HTTPError

import pytest
import SPARQLWrapper as SW
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


# SPARQLWrapper's every return format for every query form, with its defaults (it sends
# format=/output=/results= besides Accept). Tabular forms get SPARQL results formats; graph
# forms read xml as RDF/XML, n3 and turtle as Turtle, json as JSON-LD; the rest is a 406.
_FORMS = {
    "SELECT": "PREFIX b2b: <https://w3id.org/b2bkg/def/> SELECT ?s WHERE { ?s a b2b:Mechanism }",
    "ASK": "ASK { ?s ?p ?o }",
    "CONSTRUCT": "PREFIX b2b: <https://w3id.org/b2bkg/def/> CONSTRUCT WHERE { ?s a b2b:Mechanism }",
    "DESCRIBE": f"DESCRIBE <{KG['mechanism/cost-reduction']}>",
}
_RETURNS = {  # return format -> (media type for SELECT/ASK, media type for CONSTRUCT/DESCRIBE)
    SW.JSON: ("application/sparql-results+json", "application/ld+json"),
    SW.XML: ("application/sparql-results+xml", "application/rdf+xml"),
    SW.CSV: ("text/csv", None),
    SW.TSV: ("text/tab-separated-values", None),
    SW.TURTLE: (None, "text/turtle"),
    SW.N3: (None, "text/turtle"),
    SW.RDF: (None, "application/rdf+xml"),
    SW.RDFXML: (None, "application/rdf+xml"),
    SW.JSONLD: (None, "application/ld+json"),
}


def _graph_of(converted, media: str) -> Graph:
    if isinstance(converted, Graph):
        return converted
    return Graph().parse(data=converted, format={"text/turtle": "turtle"}[media])


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # SPARQLWrapper: "Sending Accept header '*/*'"
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib: ConjunctiveGraph
@pytest.mark.parametrize("fmt", list(_RETURNS))
@pytest.mark.parametrize("form", list(_FORMS))
def test_sparqlwrapper_every_return_format(live, form, fmt):
    w = SPARQLWrapper(live.url + "/sparql")
    w.setQuery(_FORMS[form])
    w.setReturnFormat(fmt)
    graph = form in ("CONSTRUCT", "DESCRIBE")
    expected = _RETURNS[fmt][graph]
    if expected is None:
        with pytest.raises(HTTPError) as exc:
            w.query()
        exc.value.close()
        assert exc.value.code == 406
        return
    result = w.query()
    assert result.info()["content-type"].split(";")[0] == expected
    converted = result.convert()
    if graph:
        g = _graph_of(converted, expected)
        assert (KG["mechanism/cost-reduction"], RDF.type, B2B.Mechanism) in g
    elif fmt == SW.JSON:
        assert converted.get("boolean") is True or len(converted["results"]["bindings"]) == 2
    elif fmt == SW.XML:
        assert converted.getElementsByTagName("boolean") or len(converted.getElementsByTagName("result")) == 2
    else:
        assert len(converted.decode().splitlines()) == (2 if form == "ASK" else 3)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib: ConjunctiveGraph
def test_sparqlwrapper_defaults_for_construct(live):
    """No return format set: SPARQLWrapper asks for XML, which for a graph is RDF/XML."""
    w = SPARQLWrapper(live.url + "/sparql")
    w.setQuery(_FORMS["CONSTRUCT"])
    g = w.queryAndConvert()
    assert (KG["mechanism/cost-reduction"], RDF.type, B2B.Mechanism) in g
