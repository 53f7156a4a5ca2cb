"""Run a SELECT through any ``Store`` and get plain rows back.

Every query of the explorer goes through the store seam (``Store.query``), so the explorer works
on whatever backend serves the dataset; answers come decoded (``Store.evaluate``). Rows are
dicts of variable name to a ``Value`` (lexical form, kind, language tag); unbound variables are
absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from b2bkg.store.base import QueryRequest, Store, Term
from b2bkg.vocab import (
    BASE,
    GRAPH_ASSERTIONS,
    GRAPH_EVIDENCE,
    GRAPH_INFERENCES,
    GRAPH_ONTOLOGY,
    PREFIXES,
    curie,
    local_name,
)

__all__ = ["Value", "Row", "select", "KG_BASE", "GRAPHS", "MAX_ROWS", "curie", "local_name"]

KG_BASE = BASE + "id/"
MAX_ROWS = 1_000_000
GRAPHS = {
    "assertions": str(GRAPH_ASSERTIONS),
    "evidence": str(GRAPH_EVIDENCE),
    "inferences": str(GRAPH_INFERENCES),
    "ontology": str(GRAPH_ONTOLOGY),
}


@dataclass(frozen=True)
class Value:
    value: str
    kind: str  # "uri", "literal", "bnode"
    lang: str = ""

    def __str__(self) -> str:
        return self.value


Row = dict[str, Value]


def select(store: Store, query: str, bindings: Iterable[tuple[str, Term]] = (),
           timeout: float | None = None) -> list[Row]:
    """The solutions of SELECT ``query`` (graphs named with ``{assertions}``-style placeholders
    already substituted by the caller) as rows of ``Value``."""
    request = QueryRequest(query=query, bindings=tuple(bindings), max_rows=MAX_ROWS,
                           prefixes=tuple(PREFIXES.items()))
    answer = store.evaluate(request, timeout=timeout)
    return [{k: _value(t) for k, t in zip(answer.variables, row, strict=True) if t is not None}
            for row in answer.rows]


def _value(t: Node) -> Value:
    if isinstance(t, URIRef):
        return Value(str(t), "uri")
    if isinstance(t, Literal):
        return Value(str(t), "literal", t.language or "")
    return Value(str(t), "bnode")
