"""The SPARQL 1.1 Service Description and the VoID description of the dataset (rdflib graphs)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from b2bkg.sparql.negotiate import GRAPH as GRAPH_TYPES
from b2bkg.sparql.negotiate import TABULAR
from b2bkg.vocab import B2B, BASE, KG, SD, VOID, bind_prefixes

__all__ = ["service_description", "void_description", "FORMAT_IRIS"]

_NS_FORMATS = "http://www.w3.org/ns/formats/"
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
}


def _dataset_iri(root: str) -> URIRef:
    return URIRef(root.rstrip("/") + "/void#dataset")


def void_description(root: str, version: str, graph_counts: dict[str, int]) -> Graph:
    """VoID: the dataset, one subset per named graph, its SPARQL endpoint and URI space."""
    g = Graph()
    bind_prefixes(g)
    g.bind("sd", SD)
    ds = _dataset_iri(root)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("b2bkg: knowledge graph of Wang (2025)", lang="en")))
    g.add((ds, DCTERMS.hasVersion, Literal(version)))
    g.add((ds, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(root.rstrip("/") + "/sparql")))
    g.add((ds, VOID.uriSpace, Literal(str(KG))))
    g.add((ds, VOID.vocabulary, URIRef(str(B2B))))
    g.add((ds, VOID.triples, Literal(sum(graph_counts.values()), datatype=XSD.integer)))
    g.add((ds, VOID.exampleResource, KG["mechanism/credit-enhancement"]))
    for iri, n in graph_counts.items():
        sub = URIRef(iri)
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, VOID.triples, Literal(n, datatype=XSD.integer)))
        g.add((sub, VOID.dataDump, URIRef(root.rstrip("/") + "/" + iri[len(BASE):])))
    return g


def service_description(root: str, graph_counts: dict[str, int], union_default: bool) -> Graph:
    """SPARQL 1.1 Service Description of ``root``/sparql."""
    g = Graph()
    bind_prefixes(g)
    g.bind("sd", SD)
    endpoint = URIRef(root.rstrip("/") + "/sparql")
    svc = BNode("service")
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, endpoint))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    if union_default:
        g.add((svc, SD.feature, SD.UnionDefaultGraph))
    for key in (*TABULAR, *GRAPH_TYPES):
        g.add((svc, SD.resultFormat, URIRef(_NS_FORMATS + FORMAT_IRIS[key])))
    dataset = BNode("dataset")
    g.add((svc, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, VOID.sparqlEndpoint, endpoint))
    g.add((dataset, DCTERMS.description, Literal("see " + root.rstrip("/") + "/void", lang="en")))
    default = BNode("default")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    if union_default:
        g.add((default, VOID.triples, Literal(sum(graph_counts.values()), datatype=XSD.integer)))
    for i, (iri, n) in enumerate(graph_counts.items()):
        ng = BNode(f"named{i}")
        gr = BNode(f"graph{i}")
        g.add((dataset, SD.namedGraph, ng))
        g.add((ng, RDF.type, SD.NamedGraph))
        g.add((ng, SD.name, URIRef(iri)))
        g.add((ng, SD.graph, gr))
        g.add((gr, RDF.type, SD.Graph))
        g.add((gr, VOID.triples, Literal(n, datatype=XSD.integer)))
    return g
