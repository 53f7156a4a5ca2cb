"""Main path analysis of a direct-citation network (Hummon & Doreian 1989; Batagelj 2003;
Liu & Lu 2012).

Arcs run from the cited work to the citing one: the direction knowledge flows. A citation
network can hold cycles (two works citing each other, an erratum, a preprint and its version):
:func:`citation_dag` drops self-citations and, inside each strongly connected component, every
arc that runs against the order (year, then identifier) of its ends, so the arcs kept inside a
component all run forwards in one total order and the graph is acyclic. Dropped arcs are listed.

Traversal weights (Batagelj 2003), with ``N⁻(v)`` the number of paths from any source to ``v``
and ``N⁺(v)`` from ``v`` to any sink (a source or sink counts itself once):
``SPC(u, v) = N⁻(u) · N⁺(v)``, the number of source-to-sink paths through the arc. ``SPLC`` counts
paths from any node (each node is an origin), ``SPNP`` paths between any two nodes.

Searches: the *local* (forward) main path starts on the heaviest arc leaving a source and follows
the heaviest outgoing arc(s) to a sink, all of them on a tie; the *global* main path is the
source-to-sink path of largest total weight; *key-route* search (Liu & Lu 2012) takes the ``k``
heaviest arcs (ties included) and extends each backwards and forwards by local search.

>>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
>>> spc(G)[("a", "b")], spc(G)[("a", "c")]
(1, 1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import networkx as nx

__all__ = [
    "WEIGHTS",
    "citation_dag",
    "traversal_counts",
    "spc",
    "splc",
    "spnp",
    "local_main_path",
    "global_main_path",
    "key_route",
]

Arc = tuple[str, str]
#: the most paths a search enumerates before it stops branching (ties on large graphs)
MAX_PATHS = 64


def citation_dag(
    citations: Iterable[tuple[str, str]], years: Mapping[str, int | None] | None = None
) -> tuple[nx.DiGraph, list[tuple[str, str, str]]]:
    """The acyclic cited→citing graph of ``(citing, cited)`` pairs and the arcs dropped, each
    ``(citing, cited, reason)``."""
    years = years or {}
    G = nx.DiGraph()
    dropped: list[tuple[str, str, str]] = []
    for citing, cited in citations:
        if citing == cited:
            dropped.append((citing, cited, "self-citation"))
            continue
        G.add_edge(cited, citing)

    def order(n: str) -> tuple[int, str]:
        y = years.get(n)
        return (y if y is not None else 10**6, n)

    for component in nx.strongly_connected_components(G):
        if len(component) < 2:
            continue
        inside = [(a, b) for a in component for b in G.successors(a) if b in component]
        for u, v in inside:
            if order(u) >= order(v):
                G.remove_edge(u, v)
                dropped.append((v, u, "cycle: the cited work is not earlier (year, id) than the citing one"))
    for n in G:
        G.nodes[n]["year"] = years.get(n)
    dropped.sort()
    return G, dropped


def _counts(G: nx.DiGraph, origin: Callable[[str], int]) -> tuple[dict[str, int], dict[str, int]]:
    order = list(nx.topological_sort(G))
    before: dict[str, int] = {}
    for v in order:
        before[v] = origin(v) + sum(before[u] for u in G.predecessors(v))
    after: dict[str, int] = {}
    for v in reversed(order):
        succ = list(G.successors(v))
        after[v] = 1 + sum(after[w] for w in succ) if origin is _every else (sum(after[w] for w in succ) or 1)
    return before, after


def _sources_only(G: nx.DiGraph) -> Callable[[str], int]:
    return lambda v: 1 if G.in_degree(v) == 0 else 0


def _every(v: str) -> int:
    return 1


def traversal_counts(G: nx.DiGraph) -> tuple[dict[str, int], dict[str, int]]:
    """``N⁻`` (paths from the sources to each node) and ``N⁺`` (paths from each node to the sinks)."""
    if not nx.is_directed_acyclic_graph(G):
        raise ValueError("main path analysis needs an acyclic graph: build it with citation_dag")
    return _counts(G, _sources_only(G))


def spc(G: nx.DiGraph) -> dict[Arc, int]:
    """Search path count of every arc: the source-to-sink paths that pass through it."""
    before, after = traversal_counts(G)
    return {(u, v): before[u] * after[v] for u, v in G.edges}


def splc(G: nx.DiGraph) -> dict[Arc, int]:
    """Search path link count: paths from any node (as origin) to a sink through each arc."""
    traversal_counts(G)
    before, _ = _counts(G, _every)
    _, after = _counts(G, _sources_only(G))
    return {(u, v): before[u] * after[v] for u, v in G.edges}


def spnp(G: nx.DiGraph) -> dict[Arc, int]:
    """Search path node pair: paths between any two nodes through each arc."""
    traversal_counts(G)
    before, after = _counts(G, _every)
    return {(u, v): before[u] * after[v] for u, v in G.edges}


WEIGHTS: dict[str, Callable[[nx.DiGraph], dict[Arc, int]]] = {"spc": spc, "splc": splc, "spnp": spnp}


def _extend(G: nx.DiGraph, w: Mapping[Arc, float], path: list[str], forward: bool) -> list[list[str]]:
    """Every path got by following the heaviest arcs from the path's end (or start) to a sink
    (or source)."""
    done, todo = [], [path]
    while todo:
        p = todo.pop()
        end = p[-1] if forward else p[0]
        arcs = [(end, x) for x in G.successors(end)] if forward else [(x, end) for x in G.predecessors(end)]
        if not arcs or len(done) + len(todo) >= MAX_PATHS:
            done.append(p)
            continue
        best = max(w[a] for a in arcs)
        for a in sorted(a for a in arcs if w[a] == best):
            todo.append(p + [a[1]] if forward else [a[0]] + p)
    return sorted(done)


def local_main_path(G: nx.DiGraph, weights: Mapping[Arc, float] | None = None) -> list[list[str]]:
    """The local forward main path(s): from the heaviest arc(s) leaving a source, the heaviest
    outgoing arc(s) to a sink."""
    w = spc(G) if weights is None else weights
    starts = [(u, v) for u, v in G.edges if G.in_degree(u) == 0]
    if not starts:
        return []
    best = max(w[a] for a in starts)
    paths: list[list[str]] = []
    for u, v in sorted(a for a in starts if w[a] == best):
        paths.extend(_extend(G, w, [u, v], forward=True))
    return paths


def global_main_path(G: nx.DiGraph, weights: Mapping[Arc, float] | None = None) -> list[str]:
    """The source-to-sink path of largest total weight (on a tie, the first by node order)."""
    w = spc(G) if weights is None else weights
    if not G.number_of_edges():
        return []
    best: dict[str, tuple[float, list[str]]] = {}
    for v in nx.topological_sort(G):
        options = [(best[u][0] + w[(u, v)], best[u][1]) for u in G.predecessors(v)]
        if not options:
            best[v] = (0.0, [v])
            continue
        top = max(o[0] for o in options)
        best[v] = (top, min(o[1] for o in options if o[0] == top) + [v])
    sinks = [v for v in G if G.out_degree(v) == 0 and G.in_degree(v) > 0]
    top = max(best[v][0] for v in sinks)
    return min(best[v][1] for v in sinks if best[v][0] == top)


def key_route(G: nx.DiGraph, k: int = 1, weights: Mapping[Arc, float] | None = None) -> list[list[str]]:
    """Key-route main paths: the arcs of the ``k`` largest weights (ties included), each
    extended backwards to a source and forwards to a sink by local search."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    w = spc(G) if weights is None else weights
    values = sorted(set(w.values()), reverse=True)[:k]
    if not values:
        return []
    key = sorted(a for a, x in w.items() if x >= values[-1])
    paths: set[tuple[str, ...]] = set()
    for u, v in key:
        for back in _extend(G, w, [u], forward=False):
            for fwd in _extend(G, w, [v], forward=True):
                paths.add(tuple(back + fwd))
    return [list(p) for p in sorted(paths)]
