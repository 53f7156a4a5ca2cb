"""The ``memory`` backend: the dataset in Oxigraph's embedded in-memory store.

Oxigraph parses and evaluates SPARQL natively (tens of microseconds for this dataset), which is
why the service evaluates here rather than with rdflib. No server, no files written.
This class evaluates in the calling thread and cannot stop a runaway query by itself: the
service wraps it in ``b2bkg.store.pool.WorkerPoolStore``, which can.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pyoxigraph as ox

from b2bkg.errors import BadRequest, SourceError
from b2bkg.store.base import QueryRequest, QueryResult, Store, Term

if TYPE_CHECKING:
    from b2bkg.store.decode import Answer
from b2bkg.store.manifest import verify_manifest
from b2bkg.store.results import serialize_answer

__all__ = ["MemoryStore", "file_version", "to_ox_term", "syntax_message"]

log = logging.getLogger(__name__)
_NOT_PROJECTED = re.compile(r"does not contains? variable \?(\w+)")
T = TypeVar("T")
_CUSTOM_FUNCTION = re.compile(r"custom function (<[^>\s]*>) is not supported")
_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


def file_version(path: Path) -> str:
    """The dataset version: the first 16 hex digits of the file's SHA-256 (as the build's)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def to_ox_term(term: Term):
    kind = term[0]
    if kind == "iri":
        return ox.NamedNode(term[1])
    if kind == "bnode":
        return ox.BlankNode(term[1])
    if kind == "literal":
        _, lexical, datatype, lang = (*term, "", "")[:4]
        if lang:
            return ox.Literal(lexical, language=lang)
        return ox.Literal(lexical, datatype=ox.NamedNode(datatype) if datatype else None)
    raise ValueError(f"unknown term kind {kind!r}")


class MemoryStore(Store):
    """An N-Quads (or TriG) file loaded into ``pyoxigraph.Store()``."""

    def __init__(self, path: str | Path, label: str | Path | None = None):
        """``label``: the file to name in errors (the one the operator gave, when ``path`` is the
        service's private copy of it)."""
        self.path = Path(path)
        label = label or self.path
        if not self.path.is_file():
            raise SourceError(f"dataset file not found: {label}")
        fmt = ox.RdfFormat.TRIG if self.path.suffix == ".trig" else ox.RdfFormat.N_QUADS
        self._store = ox.Store()
        try:
            self._store.bulk_load(path=str(self.path), format=fmt)
        except (SyntaxError, ValueError, OSError) as exc:
            raise SourceError(f"cannot load dataset {label}: {exc}") from exc
        self._version = file_version(self.path)
        verify_manifest(self.path, self._version, len(self._store))
        self._counts: dict[str, int] | None = None

    @classmethod
    def from_data(cls, data: bytes, format: str = "nquads") -> MemoryStore:
        """A store over serialised quads held in memory (N-Quads or TriG), e.g. an rdflib
        ``Dataset`` written out by a caller; versioned like a file with the same bytes."""
        self = cls.__new__(cls)
        self.path = Path("<memory>")
        self._store = ox.Store()
        fmt = ox.RdfFormat.TRIG if format == "trig" else ox.RdfFormat.N_QUADS
        try:
            self._store.bulk_load(data, format=fmt)
        except (SyntaxError, ValueError, OSError) as exc:
            raise SourceError(f"cannot load the dataset: {exc}") from exc
        self._version = hashlib.sha256(data).hexdigest()[:16]
        self._counts = None
        return self

    @property
    def version(self) -> str:
        return self._version

    def triple_count(self) -> int:
        if getattr(self, "_len", None) is None:  # Oxigraph counts every quad: once, the store never changes
            self._len = len(self._store)
        return self._len

    def graph_counts(self) -> dict[str, int]:
        if self._counts is None:
            counts: dict[str, int] = {}
            for g in self._store.named_graphs():
                counts[g.value] = sum(1 for _ in self._store.quads_for_pattern(None, None, None, g))
            self._counts = dict(sorted(counts.items()))
        return self._counts

    def query(self, request: QueryRequest, timeout: float | None = None) -> QueryResult:
        return self._run(request, lambda answer: serialize_answer(
            answer,
            tabular_format=request.tabular_format,
            graph_format=request.graph_format,
            max_rows=request.max_rows,
            prefixes=dict(request.prefixes) or None,
        ))

    def evaluate(self, request: QueryRequest, timeout: float | None = None) -> Answer:
        """The decoded answer, converted from pyoxigraph's terms without serialising."""
        from b2bkg.store.decode import from_oxigraph  # rdflib terms: only callers in this process
        return self._run(request, lambda answer: from_oxigraph(answer, request.max_rows))

    def _run(self, request: QueryRequest, finish: Callable[[Any], T]) -> T:
        kwargs: dict = {}
        if request.exact_dataset:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
        elif request.default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
        elif request.union_default:
            kwargs["use_default_graph_as_union"] = True
        if request.named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
        if request.bindings:
            try:
                kwargs["substitutions"] = {
                    ox.Variable(name): to_ox_term(term) for name, term in request.bindings
                }
            except ValueError as exc:
                raise BadRequest(f"a parameter is not a valid RDF term: {exc}") from None
        if request.prefixes:
            kwargs["prefixes"] = dict(request.prefixes)
        try:
            return finish(self._store.query(request.query, **kwargs))
        except SyntaxError as exc:
            raise BadRequest(f"malformed SPARQL query: {syntax_message(exc)}") from exc
        except RuntimeError as exc:
            m = _NOT_PROJECTED.search(str(exc))
            if m:
                raise BadRequest(
                    f"cannot bind ?{m[1]}: a bound variable must be in the SELECT projection"
                ) from exc
            m = _CUSTOM_FUNCTION.search(str(exc))
            if m:
                raise BadRequest(f"the function {m[1]} is not supported by this store") from None
            # what else Oxigraph refuses at evaluation is the query's doing, not the server's
            log.warning("query evaluation refused: %s", exc)
            raise BadRequest(f"the store cannot evaluate this query: {str(exc)[:200]}") from None
        except OSError as exc:
            # evaluation errors Oxigraph reports as I/O errors; their text stays in the log
            log.warning("query evaluation failed: %s", exc)
            raise BadRequest("the query could not be evaluated by the store") from exc


def syntax_message(exc: SyntaxError) -> str:
    """Oxigraph's "error at L:C: what" as "line L, column C: what"."""
    text = str(exc.msg or exc)
    m = _POSITION.match(text)
    if not m:
        return text[:300]
    what = m[3] if len(m[3]) <= 200 else m[3][:200].rsplit(",", 1)[0] + ", …"
    return f"line {m[1]}, column {m[2]}: {what}"
