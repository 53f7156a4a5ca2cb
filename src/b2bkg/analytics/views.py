"""Shared helpers of the analyses: simple views of the multigraph, argument checks, caps.

Every check raises ``BadRequest`` or ``NotFound`` with a message naming the parameter and what is
allowed, so the HTTP layer and the CLI report the same words.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from b2bkg.errors import BadRequest, NotFound

__all__ = [
    "undirected",
    "directed",
    "require_node",
    "choice",
    "integer",
    "number",
    "class_filter",
    "classes_of",
]


def undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """A simple undirected copy: one edge per linked pair, ``weight`` = number of triples.

    >>> M = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "b")])
    >>> undirected(M)["a"]["b"]["weight"]
    3
    """
    return _collapse(G, nx.Graph())


def _collapse(G: nx.MultiDiGraph, H: nx.Graph) -> nx.Graph:
    """Fill the empty simple graph ``H`` with ``G``'s nodes and one edge per linked pair
    (self-loops dropped), ``weight`` = how many triples link the pair."""
    H.add_nodes_from(G.nodes(data=True))
    for u, v in G.edges():
        if u == v:
            continue
        if H.has_edge(u, v):
            H[u][v]["weight"] += 1
        else:
            H.add_edge(u, v, weight=1)
    return H


def directed(G: nx.MultiDiGraph) -> nx.DiGraph:
    """A simple directed copy, ``weight`` = number of parallel triples.

    >>> directed(nx.MultiDiGraph([("a", "b"), ("a", "b")]))["a"]["b"]["weight"]
    2
    """
    return _collapse(G, nx.DiGraph())


def require_node(G: nx.Graph, iri: str | None, param: str) -> str:
    """``iri`` if it is a node of ``G``; else ``BadRequest`` (missing) or ``NotFound`` (unknown)."""
    if not iri:
        raise BadRequest(f"parameter {param!r} is required: the IRI of an entity")
    if iri not in G:
        raise NotFound(f"{param} {iri!r} is not a node of the projected graph")
    return iri


def choice(value: str | None, param: str, allowed: Iterable[str], default: str | None = None) -> str:
    """``value`` (or ``default``) if allowed, else ``BadRequest`` naming the allowed values."""
    allowed = list(allowed)
    if value is None or value == "":
        if default is None:
            raise BadRequest(f"parameter {param!r} is required; one of {', '.join(allowed)}")
        return default
    if value not in allowed:
        raise BadRequest(f"parameter {param!r} must be one of {', '.join(allowed)} (got {value!r})")
    return value


def integer(
    value: str | int | None, param: str, default: int, minimum: int, cap: int, notes: list[str]
) -> int:
    """An integer parameter: below ``minimum`` is a ``BadRequest``; above ``cap`` is capped with a note."""
    if value is None or value == "":
        return default
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise BadRequest(f"parameter {param!r} must be an integer ≥ {minimum} (got {value!r})") from None
    if n < minimum:
        raise BadRequest(f"parameter {param!r} must be an integer ≥ {minimum} (got {n})")
    if n > cap:
        notes.append(f"{param}={n} capped at {cap}")
        return cap
    return n


def number(value: str | float | None, param: str, default: float, low: float, high: float) -> float:
    """A float parameter within [low, high], else ``BadRequest``."""
    if value is None or value == "":
        return default
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise BadRequest(f"parameter {param!r} must be a number in [{low}, {high}] (got {value!r})") from None
    if not low <= x <= high:
        raise BadRequest(f"parameter {param!r} must be a number in [{low}, {high}] (got {x})")
    return x


def classes_of(G: nx.Graph) -> list[str]:
    """The display classes present in ``G``, sorted."""
    return sorted({d.get("display_class", "") for _, d in G.nodes(data=True)} - {""})


def class_filter(G: nx.Graph, cls: str | None) -> set[str] | None:
    """The nodes whose types include ``cls`` (a local name like ``Mechanism`` or a CURIE), or None
    for no filter. An unknown class is a ``BadRequest`` listing the classes present."""
    if not cls:
        return None
    wanted = cls if ":" in cls else f"b2b:{cls}"
    members = {n for n, d in G.nodes(data=True) if wanted in d.get("types", ()) or d.get("display_class") == cls}
    if not members:
        raise BadRequest(f"parameter 'class' must name a class with members, one of {', '.join(classes_of(G))} "
                         f"(got {cls!r})")
    return members
