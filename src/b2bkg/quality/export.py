"""Serialize the whole dataset (ontology, assertions, evidence, inferences) in one RDF syntax.
Quad syntaxes keep the named graphs; triple syntaxes write their union. N-Triples and N-Quads
are sorted line by line, with blank nodes given canonical labels (RDFC via
``rdflib.compare.to_canonical_graph``, per graph), so the same dataset gives the same bytes.

Writing is pyoxigraph's (its serialisers, in Rust): ``export_file`` reads the built N-Quads file
(whose blank nodes already carry canonical labels) and writes any format in well under a second
for the paper's ~38k quads (rdflib's TriG writer took 52 s); ``export_dataset`` does the same for
an rdflib Dataset by way of its canonical N-Quads. ``benchmarks/export_bench.py`` prints the
figures."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, BNode, Dataset, Graph
from rdflib.compare import to_canonical_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from b2bkg import progress
from b2bkg.errors import BadRequest
from b2bkg.quality.sources import quiet_rdflib, union
from b2bkg.vocab import PREFIXES

__all__ = ["EXPORT_FORMATS", "QUAD_FORMATS", "MEDIA_TYPES", "export_dataset", "export_file", "export_ontology",
           "export_quads", "merged_ontology", "union_graph"]

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


_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}


def _check(fmt: str) -> None:
    if fmt not in EXPORT_FORMATS:
        raise BadRequest(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")


def export_quads(quads: list[ox.Quad], fmt: str) -> bytes:
    """``quads`` (blank nodes already canonically labelled) in ``fmt``, deterministic."""
    _check(fmt)
    if fmt in QUAD_FORMATS:
        items: list = sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate),
                                                         str(q.object)))
    else:
        items = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    data = ox.serialize(items, format=_OX_FORMATS[fmt], prefixes=None if fmt in ("nt", "nquads") else PREFIXES)
    if fmt in ("nt", "nquads"):
        return _sorted_lines(data.decode("utf-8"))
    return data


def export_file(path: str | Path, fmt: str) -> bytes:
    """The dataset file ``path`` (N-Quads or TriG) in ``fmt``, straight from pyoxigraph's parser to
    its serialiser (blank node labels kept, so the build's canonical labels stay)."""
    _check(fmt)
    p = Path(path)
    source = ox.RdfFormat.TRIG if p.suffix == ".trig" else ox.RdfFormat.N_QUADS
    try:
        with progress.reading(p, f"read {p.name}") as f:
            quads = list(ox.parse(f, format=source))
    except (SyntaxError, ValueError, OSError) as exc:
        raise BadRequest(f"cannot read the dataset {p}: {exc}") from exc
    return export_quads(quads, fmt)


def export_dataset(dataset: Dataset | Graph, fmt: str) -> bytes:
    """The dataset in ``fmt`` (one of EXPORT_FORMATS) as UTF-8 bytes."""
    _check(fmt)
    if not isinstance(dataset, Dataset):
        ds = Dataset()
        with quiet_rdflib():
            for triple in dataset:
                ds.default_graph.add(triple)
        dataset = ds
    canonical = _nquads(dataset)
    if fmt == "nquads":
        return canonical
    return export_quads(list(ox.parse(canonical, format=ox.RdfFormat.N_QUADS)), fmt)


def merged_ontology(ontology: Graph) -> Graph:
    """The ontology's files (b2bkg.ttl with the external declarations it imports) as one
    self-contained ontology: the owl:imports and the imported ontology's header dropped, so
    owlready2 and Protégé read it directly without fetching anything."""
    imported = set(ontology.objects(None, OWL.imports))
    merged = Graph()
    for prefix, ns in ontology.namespaces():
        merged.bind(prefix, ns, override=True)
    for s, p, o in ontology:
        if p != OWL.imports and s not in imported:
            merged.add((s, p, o))
    return merged


def export_ontology(ontology: Graph, fmt: str) -> bytes:
    """The merged ontology (see merged_ontology) in ``fmt`` (one of EXPORT_FORMATS)."""
    return export_dataset(merged_ontology(ontology), fmt)
