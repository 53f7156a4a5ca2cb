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
    "GRAPH_INFERENCES",
    "GRAPH_ASSERTIONS",
    "GRAPH_EVIDENCE",
    "GRAPH_REDIRECTS",
    "GRAPH_PAPERS",
    "paper_iri",
    "paper_graph",
    "graph_kind",
    "graph_paper",
    "union_of",
    "BIRO",
    "FRBR",
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

GRAPH_ONTOLOGY = GRAPH["ontology"]
GRAPH_INFERENCES = GRAPH["inferences"]
#: the single-graph names of the layout before paper folders (the build no longer writes them;
#: readers that merge every paper's graphs into one snapshot use them as its role graphs)
GRAPH_ASSERTIONS = GRAPH["assertions"]
GRAPH_EVIDENCE = GRAPH["evidence"]
#: old IRIs -> their new place (``dcterms:isReplacedBy``), written by the build
GRAPH_REDIRECTS = GRAPH["redirects"]
#: each paper's graphs are ``graph/paper/<paper-id>/assertions`` and ``…/evidence``
GRAPH_PAPERS = GRAPH["paper/"]
PAPER_GRAPH_KINDS = ("assertions", "evidence")

OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
DOCO = Namespace("http://purl.org/spar/doco/")
BIRO = Namespace("http://purl.org/spar/biro/")
FRBR = Namespace("http://purl.org/vocab/frbr/core#")
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
    "biro": str(BIRO),
    "frbr": str(FRBR),
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


def paper_iri(paper_id: str) -> URIRef:
    """The IRI of a curated paper; everything that belongs to it lives under it.

    >>> str(paper_iri("doe-2024"))
    'https://w3id.org/b2bkg/id/paper/doe-2024'
    """
    return KG[f"paper/{paper_id}"]


def paper_graph(paper_id: str, kind: str) -> URIRef:
    """The named graph of one paper's ``assertions`` or ``evidence``.

    >>> str(paper_graph("doe-2024", "evidence"))
    'https://w3id.org/b2bkg/graph/paper/doe-2024/evidence'
    """
    if kind not in PAPER_GRAPH_KINDS:
        raise ValueError(f"a paper graph is one of {PAPER_GRAPH_KINDS}, not {kind!r}")
    return GRAPH[f"paper/{paper_id}/{kind}"]


def graph_kind(iri: object) -> str | None:
    """What a dataset graph holds: ``assertions``/``evidence`` (of some paper), ``ontology``,
    ``inferences``, ``redirects``, or None for a graph that is not one of the dataset's.

    >>> graph_kind("https://w3id.org/b2bkg/graph/paper/doe-2024/assertions")
    'assertions'
    >>> graph_kind("https://w3id.org/b2bkg/graph/inferences")
    'inferences'
    >>> graph_kind("urn:other") is None
    True
    """
    text = str(iri)
    if text.startswith(str(GRAPH_PAPERS)):
        kind = text.rsplit("/", 1)[-1]
        return kind if kind in PAPER_GRAPH_KINDS else None
    if text in (str(GRAPH_ONTOLOGY), str(GRAPH_INFERENCES), str(GRAPH_REDIRECTS)):
        return text.rsplit("/", 1)[-1]
    return None


def graph_paper(iri: object) -> str | None:
    """The paper id of a paper graph (None for the shared graphs).

    >>> graph_paper("https://w3id.org/b2bkg/graph/paper/doe-2024/evidence")
    'doe-2024'
    """
    text = str(iri)
    if not text.startswith(str(GRAPH_PAPERS)) or graph_kind(text) is None:
        return None
    return text[len(str(GRAPH_PAPERS)):].rsplit("/", 1)[0]


def union_of(dataset, kind: str):
    """One rdflib Graph with the triples of every graph of ``kind`` in an rdflib Dataset
    (e.g. every paper's assertions)."""
    from rdflib import Graph

    out = Graph()
    for g in dataset.graphs():
        if graph_kind(g.identifier) == kind:
            out += g
    return out
