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
    GRAPH_INFERENCES,
    GRAPH_ONTOLOGY,
    PREFIXES,
    curie,
    local_name,
)

__all__ = ["Value", "Row", "select", "KG_BASE", "GRAPHS", "MAX_ROWS", "curie", "local_name", "in_papers",
           "paper_ids"]

KG_BASE = BASE + "id/"
MAX_ROWS = 1_000_000
GRAPHS = {
    "inferences": str(GRAPH_INFERENCES),
    "ontology": str(GRAPH_ONTOLOGY),
}
PAPER_GRAPHS = BASE + "graph/paper/"


def in_papers(kind: str, pattern: str, var: str = "?_g") -> str:
    """A group graph pattern matching ``pattern`` in every paper's ``kind`` graph
    (``assertions`` or ``evidence``): ``GRAPH ?_g { … } FILTER(…)``."""
    return (f'GRAPH {var} {{ {pattern} }} '
            f'FILTER(STRSTARTS(STR({var}), "{PAPER_GRAPHS}") && STRENDS(STR({var}), "/{kind}"))')


def paper_ids(store: Store) -> list[str]:
    """The ids of the papers the store holds (those with an assertions graph), sorted."""
    from b2bkg.vocab import graph_kind, graph_paper

    return sorted({graph_paper(g) for g in store.graph_counts() if graph_kind(g) == "assertions"} - {None})


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
