"""Every IRI of our namespace dereferences: RDF to machines, HTML to browsers, 404 otherwise."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal

from b2bkg.vocab import B2B, KG, ONTOLOGY_IRI, OWL, RDF, RDFS

ENTITY = "/id/mechanism/credit-enhancement"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def parse_rdf(text: str, media_type: str) -> Graph:
    """Parse with Oxigraph (rdflib's JSON-LD parser warns of its own deprecations)."""
    triples = ox.parse(text.encode(), format=ox.RdfFormat.from_media_type(media_type))
    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
    return Graph().parse(data=nt, format="nt")


@pytest.mark.parametrize(
    "accept", ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]
)
def test_entity_as_rdf(live, accept):
    r = live.get(ENTITY, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith(accept)
    g = parse_rdf(r.text, accept)
    iri = KG["mechanism/credit-enhancement"]
    assert (iri, RDF.type, B2B.Mechanism) in g
    assert (iri, RDFS.label, Literal("信用增进机制", lang="zh")) in g
    # labels of what it points to come along
    assert (B2B.Mechanism, RDFS.label, Literal("Mechanism", lang="en")) in g


def test_entity_as_html(live):
    r = live.get(ENTITY, headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert "Credit enhancement mechanism" in r.text and "信用增进机制" in r.text
    assert 'href="/def/Mechanism"' in r.text
    assert 'href="/id/tool/blockchain-traceability"' in r.text  # referenced by
    assert 'rel="alternate"' in r.headers["Link"]


def test_term_and_ontology(live):
    r = live.get("/def/Mechanism", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    assert (B2B.Mechanism, RDF.type, OWL.Class) in g
    whole = Graph().parse(data=live.get("/def", headers={"Accept": "text/turtle"}).text,
                          format="turtle")
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in whole and len(whole) == 9
    page = live.get("/def", headers={"Accept": BROWSER})
    assert page.status_code == 200 and 'href="/def/Mechanism"' in page.text


def test_named_graph(live):
    r = live.get("/graph/evidence", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and len(r.text.strip().splitlines()) == 4
    assert live.get("/graph/nope").status_code == 404


def test_unknown_entity_is_404_json_and_html(live):
    r = live.get("/id/mechanism/unknown")
    assert r.status_code == 404 and r.json()["status"] == 404
    r = live.get("/id/mechanism/unknown", headers={"Accept": BROWSER})
    assert r.status_code == 404 and r.headers["Content-Type"].startswith("text/html")


def test_not_acceptable(live):
    assert live.get(ENTITY, headers={"Accept": "image/png"}).status_code == 406
