"""Read the inputs of validation: the ontology directory (file by file, so a syntax error names
its file and line) and a data file (any RDF syntax rdflib reads, named graphs kept)."""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from b2bkg.errors import SourceError
from b2bkg.quality.model import ERROR, Finding
from b2bkg.vocab import GRAPH_INFERENCES, GRAPH_ONTOLOGY, GRAPH_REDIRECTS, bind_prefixes, graph_kind

__all__ = [
    "SHAPES_FILE",
    "OntologySources",
    "load_ontology_dir",
    "ontology_sources",
    "load_data",
    "DataGraphs",
    "split_data",
    "union",
    "FORMATS_BY_SUFFIX",
    "quiet_rdflib",
]

SHAPES_FILE = "shapes.ttl"

FORMATS_BY_SUFFIX = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}

_LINE = re.compile(r"at line (\d+)")
_WHY = re.compile(r"Bad syntax \((.*?)\) at \^", re.S)


@contextlib.contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Silence the DeprecationWarnings rdflib 7.6 raises from its *own* Dataset code
    (``default_context``, ``contexts``, ``ConjunctiveGraph``) when parsing or serializing
    quads; they are not about our calls and would fail tests run with warnings as errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


@dataclass
class OntologySources:
    """The parsed ontology: ``files`` maps each file name to its graph (files that failed to
    parse are absent and have a finding in ``errors``); ``ontology`` is the union of every file
    but the shapes file; ``shapes`` is the shapes graph (None when there is no shapes file)."""

    ontology: Graph
    shapes: Graph | None = None
    files: dict[str, Graph] = field(default_factory=dict)
    errors: list[Finding] = field(default_factory=list)
    directory: str = ""


def union(graphs: Iterable[Graph]) -> Graph:
    """A new Graph holding every triple of ``graphs`` (inputs are not modified)."""
    out = Graph()
    bind_prefixes(out)
    for graph in graphs:
        for triple in graph:
            out.add(triple)
    return out


def _parse_error(path: Path, exc: Exception) -> Finding:
    text = str(exc)
    line = _LINE.search(text)
    why = _WHY.search(text)
    reason = why.group(1) if why else text.splitlines()[0] if text else type(exc).__name__
    undeclared = "not bound" in reason
    location = f"{path}:{line.group(1)}" if line else str(path)
    return Finding(
        gate="syntax",
        severity=ERROR,
        code="undeclared-prefix" if undeclared else "parse-error",
        term=path.name,
        message=f"{location}: {reason}",
        location=location,
    )


def load_ontology_dir(directory: str | Path, shapes_file: str = SHAPES_FILE) -> OntologySources:
    """Parse every ``*.ttl`` in ``directory`` as Turtle.

    A file that does not parse becomes a finding (gate ``syntax``) with ``file:line``; the other
    files still load. Raises SourceError when the directory is missing or holds no Turtle."""
    root = Path(directory)
    if not root.is_dir():
        raise SourceError(f"ontology directory not found: {root}")
    paths = sorted(root.glob("*.ttl"))
    if not paths:
        raise SourceError(f"no *.ttl files in ontology directory {root}")
    files: dict[str, Graph] = {}
    errors: list[Finding] = []
    for path in paths:
        graph = Graph()
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several unrelated classes on bad syntax
            errors.append(_parse_error(path, exc))
            continue
        files[path.name] = graph
    sources = ontology_sources(files, shapes_file)
    sources.errors = errors
    sources.directory = str(root)
    return sources


def ontology_sources(files: dict[str, Graph], shapes_file: str = SHAPES_FILE) -> OntologySources:
    """Group already-parsed files: everything but ``shapes_file`` is the ontology."""
    ontology = union(g for name, g in sorted(files.items()) if name != shapes_file)
    shapes = files.get(shapes_file)
    return OntologySources(ontology=ontology, shapes=shapes, files=dict(files))


def load_data(path: str | Path) -> Dataset:
    """Read a data file into a Dataset (quad formats keep their named graphs)."""
    source = Path(path)
    if not source.is_file():
        raise SourceError(f"data file not found: {source}")
    fmt = FORMATS_BY_SUFFIX.get(source.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS_BY_SUFFIX))
        raise SourceError(f"cannot tell the RDF syntax of {source} (known suffixes: {known})")
    dataset = Dataset()
    try:
        with quiet_rdflib():
            dataset.parse(source, format=fmt)
    except Exception as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SourceError(f"cannot parse data file {source} as {fmt}: {first}") from exc
    return dataset


@dataclass
class DataGraphs:
    """The data split for the gates: ``assertions`` feeds the reasoner, ``data`` (assertions,
    evidence and any other non-ontology, non-inference graph) feeds SHACL and the term check."""

    assertions: Graph
    data: Graph


def split_data(data: Graph | Dataset | None) -> DataGraphs:
    """Split a dataset by named graph; a plain Graph (or a Dataset with only a default graph)
    is used whole for both."""
    if data is None:
        return DataGraphs(assertions=Graph(), data=Graph())
    if not isinstance(data, Dataset):
        return DataGraphs(assertions=data, data=data)
    named = {g.identifier: g for g in data.graphs() if len(g)}
    papers = [g for ident, g in sorted(named.items()) if graph_kind(ident) == "assertions"]
    skip = {GRAPH_ONTOLOGY, GRAPH_INFERENCES, GRAPH_REDIRECTS}
    if papers:  # the build's layout: every paper's assertions feed the reasoner
        rest = [g for ident, g in sorted(named.items()) if ident not in skip]
        return DataGraphs(assertions=union(papers), data=union(rest))
    everything = union(g for ident, g in sorted(named.items()) if ident not in skip)
    if DATASET_DEFAULT_GRAPH_ID in named and len(named) == 1:
        everything = named[DATASET_DEFAULT_GRAPH_ID]
    return DataGraphs(assertions=everything, data=everything)
