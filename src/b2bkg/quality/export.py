"""Serialize the whole dataset (ontology, assertions, evidence, inferences) in one RDF syntax.
Quad syntaxes keep the named graphs; triple syntaxes write their union. N-Triples and N-Quads
are sorted line by line, with blank nodes given canonical labels (RDFC via
``rdflib.compare.to_canonical_graph``, per graph), so the same dataset gives the same bytes."""

from __future__ import annotations

from rdflib import BNode, Dataset, Graph
from rdflib.compare import to_canonical_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from b2bkg.errors import BadRequest
from b2bkg.quality.sources import quiet_rdflib, union
from b2bkg.vocab import bind_prefixes

__all__ = ["EXPORT_FORMATS", "QUAD_FORMATS", "MEDIA_TYPES", "export_dataset", "union_graph"]

QUAD_FORMATS = ("nquads", "trig", "json-ld")
EXPORT_FORMATS = ("turtle", "nt", "nquads", "trig", "json-ld", "xml")
MEDIA_TYPES = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "nquads": "application/n-quads",
    "trig": "application/trig",
    "json-ld": "application/ld+json",
    "xml": "application/rdf+xml",
}


def union_graph(dataset: Dataset | Graph) -> Graph:
    """Every triple of every graph of the dataset, in one Graph."""
    if not isinstance(dataset, Dataset):
        return dataset
    with quiet_rdflib():
        return union(list(dataset.graphs()))


def _canonical(graph: Graph) -> Graph:
    """The graph with deterministic blank node labels (unchanged when it has none)."""
    if any(isinstance(t, BNode) for triple in graph for t in triple[::2]):
        return to_canonical_graph(graph)
    return graph


def _sorted_lines(text: str) -> bytes:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _nquads(dataset: Dataset) -> bytes:
    lines: list[str] = []
    with quiet_rdflib():
        graphs = list(dataset.graphs())
    for graph in graphs:
        text = _canonical(graph).serialize(format="nt", encoding="utf-8").decode("utf-8")
        suffix = "" if graph.identifier == DATASET_DEFAULT_GRAPH_ID else f" {graph.identifier.n3()}"
        for line in text.splitlines():
            if line.strip():
                lines.append(line[: -len(" .")] + suffix + " .")
    return _sorted_lines("\n".join(lines))


def export_dataset(dataset: Dataset | Graph, fmt: str) -> bytes:
    """The dataset in ``fmt`` (one of EXPORT_FORMATS) as UTF-8 bytes."""
    if fmt not in EXPORT_FORMATS:
        raise BadRequest(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if not isinstance(dataset, Dataset):
        ds = Dataset()
        with quiet_rdflib():
            for triple in dataset:
                ds.default_graph.add(triple)
        dataset = ds
    if fmt == "nquads":
        return _nquads(dataset)
    if fmt in QUAD_FORMATS:
        bind_prefixes(dataset)
        with quiet_rdflib():
            return dataset.serialize(format=fmt, encoding="utf-8")
    graph = union_graph(dataset)
    if fmt == "nt":
        return _sorted_lines(_canonical(graph).serialize(format="nt", encoding="utf-8").decode())
    bind_prefixes(graph)
    return graph.serialize(format=fmt, encoding="utf-8")
