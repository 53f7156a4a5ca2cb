"""Namespaces and fixed IRIs shared by every layer.

The namespace is stable: ``https://w3id.org/b2bkg/``. Terms of the ontology live under
``def/``, entities of the paper under ``id/``, the dataset's named graphs under ``graph/``.
The service dereferences all three (the path after the base maps onto its own routes).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "BASE",
    "B2B",
    "KG",
    "GRAPH",
    "ONTOLOGY_IRI",
    "GRAPH_ONTOLOGY",
    "GRAPH_ASSERTIONS",
    "GRAPH_EVIDENCE",
    "GRAPH_INFERENCES",
    "NAMED_GRAPHS",
    "PAPER_IRI",
    "OA",
    "CITO",
    "FABIO",
    "BIBO",
    "DOCO",
    "ORG",
    "VANN",
    "VOID",
    "SD",
    "PREFIXES",
    "bind_prefixes",
    "curie",
    "local_name",
    "DCTERMS",
    "FOAF",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "XSD",
]

BASE = "https://w3id.org/b2bkg/"
B2B = Namespace(BASE + "def/")
KG = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")

ONTOLOGY_IRI = URIRef(BASE + "def")
PAPER_IRI = KG["paper/wang-2025"]

GRAPH_ONTOLOGY = GRAPH["ontology"]
GRAPH_ASSERTIONS = GRAPH["assertions"]
GRAPH_EVIDENCE = GRAPH["evidence"]
GRAPH_INFERENCES = GRAPH["inferences"]
NAMED_GRAPHS = (GRAPH_ONTOLOGY, GRAPH_ASSERTIONS, GRAPH_EVIDENCE, GRAPH_INFERENCES)

OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
DOCO = Namespace("http://purl.org/spar/doco/")
ORG = Namespace("http://www.w3.org/ns/org#")
VANN = Namespace("http://purl.org/vocab/vann/")
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

PREFIXES: dict[str, str] = {
    "b2b": str(B2B),
    "kg": str(KG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "prov": str(PROV),
    "org": str(ORG),
    "oa": str(OA),
    "cito": str(CITO),
    "fabio": str(FABIO),
    "bibo": str(BIBO),
    "doco": str(DOCO),
    "vann": str(VANN),
    "void": str(VOID),
}


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib Graph or Dataset (replacing rdflib defaults)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)


def curie(iri: str) -> str:
    """The ``prefix:local`` form of ``iri`` with the project's prefixes (the longest namespace
    that matches), or the IRI itself.

    >>> curie("https://w3id.org/b2bkg/def/Mechanism")
    'b2b:Mechanism'
    >>> curie("https://w3id.org/b2bkg/id/mechanism/cost-reduction")
    'kg:mechanism/cost-reduction'
    """
    best, name = "", ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(best) and len(iri) > len(ns):
            best, name = ns, prefix
    return f"{name}:{iri[len(best):]}" if best else iri


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or ``/``).

    >>> local_name("http://purl.org/spar/cito/citesAsEvidence")
    'citesAsEvidence'
    """
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
