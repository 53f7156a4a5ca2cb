"""The SPARQL 1.1 Protocol without HTTP: check a request, choose its format, run it.

``SparqlService.prepare`` does everything that must happen before evaluation — length cap,
refusal of updates and of anything that would fetch a remote address, graph selection,
content negotiation — and returns a ``Prepared`` whose ``etag`` is known without evaluating.
``SparqlService.run`` evaluates it under the timeout and row cap, or answers it from the
``ResultCache`` (``b2bkg.sparql.cache``) when the same request was answered before.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from b2bkg.errors import B2BKGError, BadRequest, Forbidden, NotAcceptable, PayloadTooLarge
from b2bkg.sparql.cache import ResultCache
from b2bkg.sparql.cost import Statistics, estimate_cost
from b2bkg.sparql.inspect import QueryInfo, depth_message, inspect_query
from b2bkg.sparql.negotiate import GRAPH, TABULAR, format_from_param, negotiate
from b2bkg.store.base import QueryRequest, QueryResult, Store, Term
from b2bkg.store.decode import Answer
from b2bkg.vocab import PREFIXES

__all__ = ["Limits", "Prepared", "SparqlService"]

_PREPARED_ENTRIES = 2048  # prepared requests kept (their texts at most _PREPARED_TEXT characters each)
_PREPARED_TEXT = 8192

# an absolute IRI: a scheme, no character IRIs exclude, and what Oxigraph's RFC 3987 parser accepts
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*")


def _is_absolute_iri(iri: str) -> bool:
    if not _ABSOLUTE_IRI.fullmatch(iri):
        return False
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Limits:
    """``timeout`` in seconds; ``max_rows`` solutions or triples; ``max_query_length`` chars;
    ``max_depth`` nesting levels (``b2bkg.sparql.inspect.nesting_depth``)."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_query_length: int = 20_000
    max_depth: int = 128


@dataclass(frozen=True)
class Prepared:
    request: QueryRequest
    info: QueryInfo
    format: str  # the negotiated format key for this query's form
    etag: str


class SparqlService:
    """One store, its limits and its graph policy; shared by the HTTP layer, API and CLI."""

    def __init__(
        self,
        store: Store,
        limits: Limits | None = None,
        *,
        default_graphs: Iterable[str] = (),
        prefixes: dict[str, str] | None = None,
        cache: ResultCache | None = None,
        collect_statistics: bool | None = None,
    ):
        self.store = store
        #: answers by entity tag and row cap (None: every request is evaluated)
        self.cache = cache
        # the cost estimate's statistics cost two GROUP BY queries per version: worth it where
        # the estimate steers admission (a worker pool); elsewhere the dataset's size is enough
        self.collect_statistics = hasattr(store, "health") if collect_statistics is None else collect_statistics
        self.limits = limits or Limits()
        self.graphs = tuple(store.graph_counts())
        self.default_graphs = tuple(default_graphs)
        self._check_graphs(self.default_graphs, "configured default graph")
        self.prefixes = tuple(sorted((prefixes if prefixes is not None else PREFIXES).items()))
        self._prepared: OrderedDict[tuple, Prepared] = OrderedDict()  # recent requests, prepared
        self._prepared_lock = threading.Lock()
        self._stats: tuple[str, Statistics] | None = None
        self._stats_lock = threading.Lock()

    def statistics(self) -> Statistics:
        """The store's size, triples per predicate and instances per class, read once per version
        (two GROUP BY queries), for the cost estimate; only the size while the store cannot answer
        (tried again next time), or when ``collect_statistics`` is off."""
        if not self.collect_statistics:
            return Statistics(self.store.triple_count())
        version = self.store.version
        cached = self._stats
        if cached is not None and cached[0] == version:
            return cached[1]
        with self._stats_lock:
            if self._stats is not None and self._stats[0] == version:
                return self._stats[1]
            triples = self.store.triple_count()
            request = QueryRequest("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p",
                                   max_rows=1_000_000)
            try:
                answer = self.store.evaluate(request, timeout=self.limits.timeout)
            except B2BKGError:
                return Statistics(triples)
            predicates = {str(p): int(n.toPython()) for p, n in answer.rows if p is not None and n is not None}
            request = QueryRequest("SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c", max_rows=1_000_000)
            try:
                answer = self.store.evaluate(request, timeout=self.limits.timeout)
            except B2BKGError:
                return Statistics(triples, predicates)
            classes = {str(c): int(n.toPython()) for c, n in answer.rows if c is not None and n is not None}
            self._stats = (version, Statistics(triples, predicates, classes))
            return self._stats[1]

    def _check_graphs(self, iris: Iterable[str], what: str) -> None:
        for iri in iris:
            if iri not in self.graphs:
                raise BadRequest(
                    f"unknown {what} <{iri}>; the dataset's graphs are: "
                    + ", ".join(f"<{g}>" for g in self.graphs)
                )

    def prepare(
        self,
        query: str,
        *,
        accept: str | None = None,
        format: str | None = None,
        default_graphs: Iterable[str] = (),
        named_graphs: Iterable[str] = (),
        bindings: Iterable[tuple[str, Term]] = (),
    ) -> Prepared:
        """Check and negotiate a request (see the module). Pure given the store's version: a
        request prepared before (the same text, Accept, format, graphs and bindings) is not
        looked at again."""
        default_graphs, named_graphs, bindings = tuple(default_graphs), tuple(named_graphs), tuple(bindings)
        # the statistics object too: a cost estimate made before they were read is not kept after
        key = (query, accept, format, default_graphs, named_graphs, bindings, self.store.version, id(self._stats))
        with self._prepared_lock:
            prepared = self._prepared.get(key)
            if prepared is not None:
                self._prepared.move_to_end(key)
                return prepared
        prepared = self._prepare(query, accept, format, default_graphs, named_graphs, bindings)
        if len(query) <= _PREPARED_TEXT:
            with self._prepared_lock:
                self._prepared[key] = prepared
                if len(self._prepared) > _PREPARED_ENTRIES:
                    self._prepared.popitem(last=False)
        return prepared

    def _prepare(self, query: str, accept: str | None, format: str | None, default_graphs: tuple[str, ...],
                 named_graphs: tuple[str, ...], bindings: tuple[tuple[str, Term], ...]) -> Prepared:
        if not query or not query.strip():
            raise BadRequest("the query is empty; send it as 'query' (GET or form POST)")
        if len(query) > self.limits.max_query_length:
            raise PayloadTooLarge(
                f"the query is {len(query)} characters long; the limit is "
                f"{self.limits.max_query_length}"
            )
        info = inspect_query(query)
        if info.depth > self.limits.max_depth:
            raise BadRequest(depth_message(info.depth, self.limits.max_depth))
        if info.remote == "LOAD" or info.update_keyword:
            raise Forbidden(
                "this endpoint is read-only: SPARQL Update "
                f"({info.update_keyword or 'LOAD'}) is not accepted"
            )
        if info.remote:
            raise Forbidden(
                f"{info.remote} is not allowed: this endpoint never fetches remote data, "
                "it answers from its own dataset only (a prefix named 'service' is refused too)"
            )
        # Protocol §2.1.4: a dataset named in the request is exactly that dataset (overriding
        # FROM / FROM NAMED); a graph the store does not hold is an empty graph, not an error.
        exact = bool(default_graphs or named_graphs)
        for name, iris in (("default-graph-uri", default_graphs), ("named-graph-uri", named_graphs)):
            for iri in iris:
                if not _is_absolute_iri(iri):
                    raise BadRequest(f"{name} {iri!r} is not an absolute IRI (scheme:…, no spaces or <>\"{{}}|^`\\)")
        fmt = self._negotiate(info, accept, format)
        if not exact and not info.has_dataset_clause:
            default_graphs = self.default_graphs
        cost = estimate_cost(query, self.statistics(), dict(self.prefixes), self.limits.max_rows,
                             bound=frozenset(name for name, _ in bindings))
        request = QueryRequest(
            query=query,
            tabular_format=fmt if info.form in ("SELECT", "ASK") else "json",
            graph_format=fmt if info.form in ("CONSTRUCT", "DESCRIBE") else "turtle",
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            union_default=not info.has_dataset_clause,
            bindings=bindings,
            max_rows=self.limits.max_rows,
            prefixes=self.prefixes,
            shape=info.shape,
            exact_dataset=exact,
            cost_class=cost.cost_class,
            cost_reason=cost.reason,
        )
        return Prepared(request, info, fmt, self._etag(request, fmt))

    def _negotiate(self, info: QueryInfo, accept: str | None, format: str | None) -> str:
        table = GRAPH if info.form in ("CONSTRUCT", "DESCRIBE") else TABULAR
        kind = "RDF graph" if table is GRAPH else "query result"
        if format:
            key = format_from_param(format, table)
            if key is None:
                raise NotAcceptable(
                    f"format {format!r} cannot carry a {info.form or 'query'} result; "
                    f"use one of: {', '.join(table)}"
                )
            return key
        key = negotiate(accept, table)
        if key is None:
            raise NotAcceptable(
                f"none of the accepted media types ({accept}) can carry a {kind}; "
                f"available: {', '.join(table.values())}"
            )
        return key

    def _etag(self, request: QueryRequest, fmt: str) -> str:
        h = hashlib.sha256()
        for part in (
            self.store.version,
            request.query,
            fmt,
            repr(request.default_graphs),
            repr(request.named_graphs),
            repr(request.exact_dataset),
            repr(request.bindings),
        ):
            h.update(part.encode())
            h.update(b"\0")
        return h.hexdigest()[:24]

    def run(self, prepared: Prepared) -> QueryResult:
        """Evaluate ``prepared`` under the timeout and row cap, or answer it from the cache."""
        if self.cache is None:
            return self.store.query(prepared.request, timeout=self.limits.timeout)
        key = (prepared.etag, prepared.request.max_rows)
        result = self.cache.get(key)
        if result is None:
            result = self.store.query(prepared.request, timeout=self.limits.timeout)
            self.cache.put(key, result)
        return result

    def query(self, query: str, **kwargs) -> QueryResult:
        """prepare + run in one call."""
        return self.run(self.prepare(query, **kwargs))

    def evaluate(self, query: str | Prepared, **kwargs) -> Answer:
        """prepare (unless given a ``Prepared``) + evaluate once, decoded (rdflib terms) for
        callers in this process; no serialised bytes."""
        prepared = query if isinstance(query, Prepared) else self.prepare(query, **kwargs)
        return self.store.evaluate(prepared.request, timeout=self.limits.timeout)
