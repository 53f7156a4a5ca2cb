"""The SPARQL 1.1 Service Description and the VoID description of the dataset (rdflib graphs)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from b2bkg.sparql.negotiate import GRAPH as GRAPH_TYPES
from b2bkg.sparql.negotiate import TABULAR
from b2bkg.vocab import B2B, BASE, KG, PREFIXES, SD, VOID, bind_prefixes

__all__ = ["service_description", "void_description", "void_statistics", "VoidStatistics", "FORMAT_IRIS"]

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


@dataclass(frozen=True)
class VoidStatistics:
    """What VoID counts over the dataset (the union of its graphs): distinct classes,
    properties and entities (IRIs in the ``kg:`` URI space that are subjects), instances per
    class and triples per property."""

    classes: int = 0
    properties: int = 0
    entities: int = 0
    class_partitions: dict[str, int] = field(default_factory=dict)
    property_partitions: dict[str, int] = field(default_factory=dict)

    def vocabularies(self) -> list[str]:
        """The namespaces (of the project's known prefixes) of the classes and properties used."""
        used = [*self.class_partitions, *self.property_partitions]
        return sorted({ns for ns in PREFIXES.values() if any(iri.startswith(ns) for iri in used)})


_COUNTS = f"""SELECT (COUNT(DISTINCT ?c) AS ?classes) (COUNT(DISTINCT ?p) AS ?properties)
  (COUNT(DISTINCT ?e) AS ?entities) WHERE {{
  {{ ?x a ?c }} UNION {{ ?x ?p ?y }} UNION {{ ?e ?q ?z FILTER(STRSTARTS(STR(?e), "{KG}")) }} }}"""
_CLASSES = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c ORDER BY ?c"
_PROPERTIES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"


def void_statistics(sparql) -> VoidStatistics:
    """The counts of ``VoidStatistics``, by three aggregate queries through ``sparql`` (a
    ``SparqlService``), so every backend answers them the same way."""
    counts = sparql.evaluate(_COUNTS).records()[0]
    classes = {str(r["c"]): int(r["n"]) for r in sparql.evaluate(_CLASSES).records()}
    properties = {str(r["p"]): int(r["n"]) for r in sparql.evaluate(_PROPERTIES).records()}
    return VoidStatistics(int(counts["classes"]), int(counts["properties"]), int(counts["entities"]),
                          classes, properties)


def void_description(root: str, version: str, graph_counts: dict[str, int],
                     stats: VoidStatistics | None = None) -> Graph:
    """VoID: the dataset, one subset per named graph, its SPARQL endpoint and URI space; with
    ``stats`` also ``void:classes``, ``void:properties``, ``void:entities``, a class partition
    per class (``void:entities``), a property partition per property (``void:triples``) and
    every vocabulary used."""
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
    if stats is not None:
        _add_statistics(g, ds, root, stats)
    for iri, n in graph_counts.items():
        sub = URIRef(iri)
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, VOID.triples, Literal(n, datatype=XSD.integer)))
        g.add((sub, VOID.dataDump, URIRef(root.rstrip("/") + "/" + iri[len(BASE):])))
    return g


def _add_statistics(g: Graph, ds: URIRef, root: str, stats: VoidStatistics) -> None:
    base = root.rstrip("/") + "/void#"
    g.add((ds, VOID.classes, Literal(stats.classes, datatype=XSD.integer)))
    g.add((ds, VOID.properties, Literal(stats.properties, datatype=XSD.integer)))
    g.add((ds, VOID.entities, Literal(stats.entities, datatype=XSD.integer)))
    for ns in stats.vocabularies():
        g.add((ds, VOID.vocabulary, URIRef(ns)))
    for i, (iri, n) in enumerate(sorted(stats.class_partitions.items()), start=1):
        part = URIRef(f"{base}class-{i}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(iri)))
        g.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for i, (iri, n) in enumerate(sorted(stats.property_partitions.items()), start=1):
        part = URIRef(f"{base}property-{i}")
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(iri)))
        g.add((part, VOID.triples, Literal(n, datatype=XSD.integer)))


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
