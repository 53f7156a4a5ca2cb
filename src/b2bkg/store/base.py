"""The store seam: one small interface every backend implements.

A backend loads a dataset (named graphs), answers one SPARQL query at a time with a graph
selection and a row limit, and reports its size and version. Results leave the backend already
serialised, so that a backend living in another process (or another server) costs one copy.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from b2bkg.store.decode import Answer

__all__ = [
    "Term",
    "QueryRequest",
    "QueryResult",
    "Store",
    "TABULAR_FORMATS",
    "GRAPH_FORMATS",
]

# An RDF term as plain, picklable data: ("iri", value) | ("literal", lexical, datatype, lang)
# | ("bnode", id). Used to bind query parameters as terms, never as spliced text.
Term = tuple[str, ...]

# Format keys understood by every backend; media types live in ``b2bkg.sparql.negotiate``.
TABULAR_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")


@dataclass(frozen=True)
class QueryRequest:
    """One query and how to evaluate it.

    ``default_graphs`` empty means "the backend's default": the union of the named graphs when
    ``union_default`` is true, else the store's own default graph. ``named_graphs`` empty means
    every named graph of the dataset. ``bindings`` substitute variables by RDF terms.

    ``exact_dataset`` true means the request named its dataset (SPARQL 1.1 Protocol §2.1.4:
    ``default-graph-uri`` / ``named-graph-uri``): the two tuples are then exactly the dataset,
    empty meaning empty (no default graph, no named graphs), and they override FROM/FROM NAMED.
    """

    query: str
    tabular_format: str = "json"
    graph_format: str = "turtle"
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    union_default: bool = True
    bindings: tuple[tuple[str, Term], ...] = ()
    max_rows: int = 10_000
    prefixes: tuple[tuple[str, str], ...] = ()
    #: the query with its variables renamed in order of appearance (``b2bkg.sparql.inspect``):
    #: queries that differ only in variable names share it; admission control keys on it
    shape: str = ""
    exact_dataset: bool = False
    #: the static cost estimate of a client's query (``b2bkg.sparql.cost.estimate_cost``, set by
    #: ``SparqlService.prepare``): "ordinary", "heavy" (about half a second or more of work: the
    #: pool's long lane) or "runaway" (minutes: cannot finish within any timeout; the pool may
    #: refuse it at once with a 503 naming ``cost_reason``); "" = not estimated (the
    #: application's own queries). Consumed by ``b2bkg.store.pool`` (p15a).
    cost_class: str = ""
    cost_reason: str = ""


@dataclass(frozen=True)
class QueryResult:
    """A serialised answer: ``kind`` is "select", "ask" or "graph"; ``rows`` counts solutions
    (or triples; 1 for ASK)."""

    kind: Literal["select", "ask", "graph"]
    format: str
    body: bytes
    rows: int
    variables: tuple[str, ...] = field(default=())


class Store(ABC):
    """A read-only RDF dataset that answers SPARQL queries."""

    @property
    @abstractmethod
    def version(self) -> str:
        """A short, stable identifier of the loaded data (changes when the data changes)."""

    @abstractmethod
    def triple_count(self) -> int:
        """Number of quads in the dataset."""

    @abstractmethod
    def graph_counts(self) -> dict[str, int]:
        """Named graph IRI -> number of triples in it."""

    @abstractmethod
    def query(self, request: QueryRequest, timeout: float | None = None) -> QueryResult:
        """Evaluate ``request``. Raises ``BadRequest`` for a malformed query,
        ``QueryTimeout`` when ``timeout`` seconds pass, ``ResultTooLarge`` over ``max_rows``."""

    def evaluate(self, request: QueryRequest, timeout: float | None = None) -> Answer:
        """Evaluate ``request`` and return the decoded answer (rdflib terms), for callers in
        this process. The default asks ``query`` for SPARQL JSON / N-Triples and decodes them;
        backends evaluating in this process override it and skip serialising."""
        from b2bkg.store.decode import from_result

        return from_result(self.query(replace(request, tabular_format="json", graph_format="ntriples"), timeout))

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources (worker processes, connections)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
