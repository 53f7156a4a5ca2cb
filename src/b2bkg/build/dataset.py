"""Assemble the dataset (the ontology, each paper's assertions and evidence, the inferences, the
redirects of moved IRIs) and write it as sorted, byte-stable N-Quads."""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph

from b2bkg import progress
from b2bkg.build.compile import CompiledSet, compile_papers
from b2bkg.errors import BuildError, SourceError
from b2bkg.resources import CHECKOUT, dataset_file, resource
from b2bkg.sources.papers import DEFAULT_PAPERS_DIR, discover_papers, load_paper_source, paper_input_files
from b2bkg.vocab import (
    GRAPH,
    GRAPH_INFERENCES,
    GRAPH_ONTOLOGY,
    GRAPH_REDIRECTS,
    bind_prefixes,
    paper_graph,
)

__all__ = [
    "BuildResult",
    "ROOT",
    "DEFAULT_DATASET",
    "build_dataset",
    "ensure_dataset",
    "load_dataset",
    "load_ontology",
    "serialize_nquads",
    "dataset_version",
    "is_stale",
    "sources_digest",
    "graph_key",
]

ROOT = CHECKOUT
DEFAULT_DATASET = dataset_file()
DEFAULT_ONTOLOGY_DIR = resource("ontology")


@dataclass(frozen=True)
class BuildResult:
    path: Path
    version: str
    counts: dict[str, int]
    quotes: int
    citations: int
    statements: int
    entities: int
    reasoner: str
    papers: tuple[str, ...] = ()


def graph_key(name: URIRef | str) -> str:
    """A graph's name relative to ``graph/`` (``ontology``, ``paper/<id>/assertions`` …)."""
    return str(name)[len(str(GRAPH)):]


def load_ontology(directory: str | Path | None = None) -> Graph:
    """Every ``*.ttl`` of ontology/ except the SHACL shapes, merged."""
    d = Path(directory) if directory else DEFAULT_ONTOLOGY_DIR
    g = Graph()
    for path in sorted(d.glob("*.ttl")):
        if path.name == "shapes.ttl":
            continue
        try:
            g.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many types; report file and message
            raise SourceError(f"{path}: cannot parse Turtle: {exc}") from None
    return g


def serialize_nquads(graphs: dict[URIRef, Graph]) -> bytes:
    """Sorted N-Quads of the named graphs: the same triples give the same bytes."""
    lines: set[str] = set()
    for name, g in graphs.items():
        if any(isinstance(term, BNode) for triple in g for term in triple):
            # blank nodes (OWL unions, lists) get fresh labels on every parse: relabel them
            # canonically so the same triples always give the same bytes
            g = to_canonical_graph(g)
        suffix = f" <{name}> ."
        for line in g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines():
            if line.strip():
                if not line.endswith(" ."):
                    raise ValueError(f"unexpected N-Triples line: {line[:80]}")
                lines.add(line[:-2] + suffix)
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def dataset_version(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _paper_dirs(papers: list[str | Path] | None) -> list[Path]:
    return [Path(p) for p in papers] if papers else discover_papers(DEFAULT_PAPERS_DIR)


def sources_digest(
    papers: list[str | Path] | None = None,
    ontology_dir: str | Path | None = None,
) -> str:
    """A digest of every input of the build (and of the build code's version), so a dataset
    built from other sources is recognised as stale."""
    from b2bkg._version import __version__

    h = hashlib.sha256(__version__.encode())
    for d in _paper_dirs(papers):
        h.update(b"paper\0" + d.name.encode() + b"\0")
        for path in paper_input_files(d):
            h.update(str(path.relative_to(d)).encode() + b"\0")
            h.update(path.read_bytes() if path.exists() else b"")
    for path in sorted((Path(ontology_dir) if ontology_dir else DEFAULT_ONTOLOGY_DIR).glob("*.ttl")):
        h.update(path.name.encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def manifest_path(dataset: Path) -> Path:
    return dataset.with_name(dataset.stem + ".manifest.json")


def is_stale(dataset: Path) -> bool:
    """True when the dataset is missing or was built from other sources than the current ones."""
    manifest = manifest_path(dataset)
    if not dataset.exists() or not manifest.exists():
        return True
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    try:
        digest = sources_digest()
    except SourceError:  # a paper folder cannot be read: rebuilding reports what is wrong
        return True
    if not isinstance(recorded, dict) or recorded.get("sources") != digest:
        return True
    # truncated, emptied or edited after the build: rebuilt rather than served
    return recorded.get("version") != dataset_version(dataset.read_bytes())


def _infer(ontology: Graph, assertions: Graph) -> tuple[Graph, str]:
    from b2bkg.quality.reasoner import reason  # the quality layer owns the reasoner

    result = reason(ontology + assertions)
    if not result.consistent:
        raise BuildError("the reasoner found the data inconsistent", [result.explanation])
    if result.unsatisfiable:
        raise BuildError("the reasoner found unsatisfiable classes", list(result.unsatisfiable))
    inferred = result.inferred - assertions - ontology  # only what is not already asserted
    return inferred, f"HermiT: consistent, {len(inferred)} inferred triples"


def build_dataset(
    out: str | Path | None = None,
    *,
    papers: list[str | Path] | None = None,
    ontology_dir: str | Path | None = None,
    reason: bool = True,
) -> BuildResult:
    """Compile the paper folders (every folder of ``data/papers/`` by default) into
    ``build/dataset.nq``. Raises BuildError listing every problem."""
    with progress.task("build", total=5) as bar:
        bar.describe("reading the papers")
        sources = [load_paper_source(d) for d in _paper_dirs(papers)]
        ids = [s.id for s in sources]
        if len(set(ids)) != len(ids):
            raise SourceError(f"a paper is listed twice: {', '.join(sorted(i for i in ids if ids.count(i) > 1))}")
        ontology = load_ontology(ontology_dir)
        bar.advance()
        bar.describe(f"compiling {', '.join(ids)}")
        compiled: CompiledSet = compile_papers(sources, ontology)
        if compiled.problems:
            raise BuildError(f"{len(compiled.problems)} problem(s) in the sources", compiled.problems)
        assertions = Graph()
        for c in compiled.papers.values():
            assertions += c.assertions
        bar.advance()
        bar.describe("reasoning (HermiT)" if reason else "reasoner skipped")
        inferences, verdict = (_infer(ontology, assertions) if reason else (Graph(), "skipped"))
        bar.advance()
        bar.describe("writing the dataset")
        path, version, graphs = _write(out, ontology, compiled, inferences)
        bar.advance()
        bar.describe("writing the manifest")
        _write_manifest(path, version, graphs, papers, ontology_dir, ids, compiled, verdict)
        bar.advance()
    counts = {graph_key(name): len(g) for name, g in graphs.items()}
    return BuildResult(
        path, version, counts, compiled.total("quotes"), compiled.total("citations"),
        compiled.total("statements"), compiled.total("entities"), verdict, tuple(ids),
    )


def _write(out: str | Path | None, ontology: Graph, compiled: CompiledSet, inferences: Graph
           ) -> tuple[Path, str, dict[URIRef, Graph]]:
    """Serialise every graph as sorted N-Quads and write the dataset file atomically."""
    graphs: dict[URIRef, Graph] = {GRAPH_ONTOLOGY: ontology}
    for pid, c in compiled.papers.items():
        graphs[paper_graph(pid, "assertions")] = c.assertions
        graphs[paper_graph(pid, "evidence")] = c.evidence
    graphs[GRAPH_INFERENCES] = inferences
    if len(compiled.redirects):
        graphs[GRAPH_REDIRECTS] = compiled.redirects
    data = serialize_nquads(graphs)
    path = Path(out) if out else DEFAULT_DATASET
    write_atomic(path, data)
    return path, dataset_version(data), graphs


def _write_manifest(path: Path, version: str, graphs: dict[URIRef, Graph], papers, ontology_dir,
                    ids: list[str], compiled: CompiledSet, verdict: str) -> None:
    counts = {graph_key(name): len(g) for name, g in graphs.items()}
    manifest = {
        "version": version,
        "sources": sources_digest(papers, ontology_dir),
        "papers": ids,
        "triples": counts,
        "quotes": compiled.total("quotes"),
        "citations": compiled.total("citations"),
        "statements": compiled.total("statements"),
        "entities": compiled.total("entities"),
        "reasoner": verdict,
        "paragraph_hits": {pid: dict(sorted(c.paragraph_hits.items())) for pid, c in compiled.papers.items()},
    }
    write_atomic(manifest_path(path),
                 (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all: a temporary file beside it, synced, then renamed over
    it. A full or read-only disk raises ``SourceError`` (exit code 2) and leaves no partial file;
    the previous ``path``, if any, is untouched."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise SourceError(f"cannot write {path}: {exc.strerror or exc}; nothing was changed "
                          "(free some space or make the directory writable, then build again)") from None


def ensure_dataset(path: str | Path | None = None) -> Path:
    """The dataset file. The default one (build/dataset.nq) is built first when it is missing or
    older than the sources; a dataset named explicitly is used as it is."""
    p = Path(path) if path else DEFAULT_DATASET
    if path is not None and p.resolve() != DEFAULT_DATASET.resolve():
        if not p.exists():
            raise SourceError(f"dataset not found: {p}")
        return p
    if is_stale(p):
        build_dataset(p)
    return p


def load_dataset(path: str | Path | None = None) -> Dataset:
    """The dataset as an rdflib Dataset with the project's prefixes bound."""
    p = ensure_dataset(path)
    ds = Dataset()
    bind_prefixes(ds)
    with warnings.catch_warnings():  # rdflib 7.6 warns about its own Dataset internals
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(p, format="nquads")
    return ds
