"""Decoded answers: what in-process callers get from a store (rdflib terms, never bytes).

One decoding target for every backend: ``Answer`` holds rdflib terms (``URIRef``, ``Literal``,
``BNode``). Backends in this process (memory, oxigraph) convert pyoxigraph's terms directly,
without serialising; backends across a pipe or HTTP (the worker pool, a remote endpoint) send
SPARQL JSON / N-Triples, which ``from_result`` decodes. Serialised bytes remain only for what goes
out over HTTP (``Store.query``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from typing import Literal as Kind

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from b2bkg.errors import ResultTooLarge

if TYPE_CHECKING:  # base.Store.evaluate imports this module: the type only, no import cycle
    from b2bkg.store.base import QueryResult

__all__ = ["Answer", "forget_terms", "from_oxigraph", "from_result", "from_json_term", "from_ox_term"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_NAMED, _LITERAL, _BLANK = ox.NamedNode, ox.Literal, ox.BlankNode
Row = tuple[Node | None, ...]
Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Answer:
    """A decoded answer: ``kind`` is "select", "ask" or "graph".

    SELECT: ``variables`` and ``rows`` (tuples of rdflib terms, ``None`` when unbound);
    ASK: ``boolean``; CONSTRUCT/DESCRIBE: ``triples``.
    """

    kind: Kind["select", "ask", "graph"]
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)

    def records(self) -> list[dict[str, Node | None]]:
        """SELECT rows as dicts of variable -> term (unbound variables map to None)."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def graph(self) -> Graph:
        """CONSTRUCT/DESCRIBE triples as an rdflib ``Graph``."""
        g = Graph()
        for t in self.triples:
            g.add(t)
        return g


@lru_cache(maxsize=1 << 16)
def _iri(value: str) -> URIRef:
    return URIRef(value)


@lru_cache(maxsize=1 << 16)
def _literal(value: str, lang: str | None, datatype: str | None) -> Literal:
    if lang:
        return Literal(value, lang=lang)
    if not datatype or datatype == XSD_STRING:
        return Literal(value)
    return Literal(value, datatype=_iri(datatype))


def forget_terms() -> None:
    """Empty the caches of decoded IRIs and literals (65,536 each: tens of MB after a bulk read)."""
    _iri.cache_clear()
    _literal.cache_clear()


def from_ox_term(t) -> Node | None:
    """A pyoxigraph term as an rdflib term.

    >>> from_ox_term(ox.Literal("信用", language="zh"))
    rdflib.term.Literal('信用', lang='zh')
    """
    cls = type(t)
    if cls is _NAMED:
        return _iri(t.value)
    if cls is _LITERAL:
        return _literal(t.value, t.language, t.datatype.value)
    if t is None:
        return None
    if cls is _BLANK:
        return BNode(t.value)
    return Literal(str(t))  # an RDF-star triple term: its N-Triples text


def from_json_term(term: dict | None) -> Node | None:
    """A SPARQL 1.1 Results JSON term as an rdflib term.

    >>> from_json_term({"type": "uri", "value": "https://w3id.org/b2bkg/id/x"})
    rdflib.term.URIRef('https://w3id.org/b2bkg/id/x')
    """
    if term is None:
        return None
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return _iri(value)
    if kind == "bnode":
        return BNode(value)
    return _literal(value, term.get("xml:lang"), term.get("datatype"))


def _capped(items, max_rows: int, what: str) -> list:
    out = []
    for item in items:
        if len(out) >= max_rows:
            raise ResultTooLarge(
                f"the {what} has more than {max_rows} rows, the service's limit; add LIMIT or narrow the query"
            )
        out.append(item)
    return out


def from_oxigraph(answer, max_rows: int) -> Answer:
    """What ``pyoxigraph.Store.query`` returned, decoded (at most ``max_rows`` rows or triples)."""
    if isinstance(answer, ox.QueryBoolean):
        return Answer("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        n = len(variables)
        rows = _capped((tuple(from_ox_term(s[i]) for i in range(n)) for s in answer), max_rows, "result")
        return Answer("select", variables, tuple(rows))
    triples = _capped(
        ((from_ox_term(t.subject), from_ox_term(t.predicate), from_ox_term(t.object)) for t in answer),
        max_rows, "graph",
    )
    return Answer("graph", triples=tuple(triples))


def from_result(result: QueryResult) -> Answer:
    """A serialised answer (SPARQL JSON for SELECT/ASK, N-Triples for graphs) decoded."""
    if result.kind == "graph":
        if result.format != "ntriples":
            raise ValueError(f"cannot decode a graph answer in {result.format!r}; ask for ntriples")
        return Answer("graph", triples=tuple(
            (from_ox_term(t.subject), from_ox_term(t.predicate), from_ox_term(t.object))
            for t in ox.parse(result.body, format=ox.RdfFormat.N_TRIPLES)
        ))
    if result.format != "json":
        raise ValueError(f"cannot decode a {result.kind} answer in {result.format!r}; ask for json")
    doc = json.loads(result.body)
    if "boolean" in doc:
        return Answer("ask", boolean=bool(doc["boolean"]))
    variables = tuple(doc["head"]["vars"])
    rows = tuple(tuple(from_json_term(b.get(v)) for v in variables) for b in doc["results"]["bindings"])
    return Answer("select", variables, rows)
