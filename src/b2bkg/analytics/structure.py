"""The shape of the graph: summary, connected components, k-core, an entity's neighbourhood."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from b2bkg.analytics.projection import node_ref
from b2bkg.analytics.views import integer, require_node, undirected

__all__ = ["summary", "components", "k_core", "neighbourhood", "MAX_RADIUS", "MAX_NODES"]

MAX_RADIUS = 3
MAX_NODES = 500


def summary(G: nx.MultiDiGraph) -> dict:
    """Counts, density, degree distribution, classes and predicates of ``G``.

    >>> s = summary(nx.MultiDiGraph([("a", "b"), ("b", "c")]))
    >>> s["nodes"], s["edges"], s["degree_distribution"]
    (3, 2, {'1': 2, '2': 1})
    """
    U = undirected(G)
    degrees = Counter(d for _, d in G.degree())
    classes = Counter(d.get("display_class", "") for _, d in G.nodes(data=True))
    predicates = Counter(k for _, _, k in G.edges(keys=True))
    n = G.number_of_nodes()
    comps = list(nx.connected_components(U)) if n else []
    supported = sum(1 for *_, e in G.edges(data="evidence") if e)
    return {
        "nodes": n,
        "edges": G.number_of_edges(),
        "linked_pairs": U.number_of_edges(),
        "density": round(nx.density(nx.DiGraph(G)), 6) if n > 1 else 0.0,
        "components": len(comps),
        "largest_component": max((len(c) for c in comps), default=0),
        "isolated": sum(1 for _ in nx.isolates(U)),
        "mean_degree": round(2 * G.number_of_edges() / n, 4) if n else 0.0,
        "degree_distribution": {str(k): v for k, v in sorted(degrees.items())},
        "classes": dict(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0]))),
        "predicates": dict(sorted(predicates.items(), key=lambda kv: (-kv[1], kv[0]))),
        "edges_with_evidence": supported,
    }


def components(G: nx.MultiDiGraph, members: int | str | None = 20) -> dict:
    """Connected components of the undirected view, largest first, with up to ``members`` members.

    >>> [c["size"] for c in components(nx.MultiDiGraph([("a", "b"), ("c", "d"), ("d", "e")]))["components"]]
    [3, 2]
    """
    notes: list[str] = []
    limit = integer(members, "members", 20, 1, MAX_NODES, notes)
    U = undirected(G)
    comps = sorted(nx.connected_components(U), key=lambda c: (-len(c), min(c)))
    out = []
    for i, c in enumerate(comps, start=1):
        ranked = sorted(c, key=lambda n: (-U.degree(n), n))
        out.append({"id": i, "size": len(c), "members": [node_ref(G, n) for n in ranked[:limit]]})
    if any(len(c) > limit for c in comps):
        notes.append(f"members listed per component capped at {limit}")
    return {"count": len(comps), "components": out, "notes": notes}


def k_core(G: nx.MultiDiGraph, k: int | str | None = None) -> dict:
    """The ``k``-core of the undirected view (every member has ≥ k neighbours inside); by default
    the main core (the largest k with a non-empty core), and every node's core number.

    >>> k_core(nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))["k"]
    2
    """
    notes: list[str] = []
    U = undirected(G)
    core = nx.core_number(U) if len(U) else {}
    main = max(core.values(), default=0)
    k = integer(k, "k", main, 0, max(main, 0) + 1000, notes)
    members = sorted((n for n, c in core.items() if c >= k), key=lambda n: (-core[n], n))
    if len(members) > MAX_NODES:
        notes.append(f"{len(members) - MAX_NODES} more members not listed")
    return {
        "k": k,
        "main_core": main,
        "size": len(members),
        "members": [dict(node_ref(G, n), core=core[n]) for n in members[:MAX_NODES]],
        "core_distribution": {str(c): v for c, v in sorted(Counter(core.values()).items())},
        "notes": notes,
    }


def neighbourhood(G: nx.MultiDiGraph, node: str | None, radius: int | str | None = 1) -> dict:
    """The entities within ``radius`` hops of ``node`` (either direction) and the triples among them.

    ``radius`` above ``MAX_RADIUS`` is capped, and so is the number of nodes (``MAX_NODES``),
    nearest first; both with a note.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="p")
    >>> _ = G.add_edge("b", "c", key="p")
    >>> [n["iri"] for n in neighbourhood(G, "a", 1)["nodes"]]
    ['a', 'b']
    """
    notes: list[str] = []
    node = require_node(G, node, "node")
    radius = integer(radius, "radius", 1, 0, MAX_RADIUS, notes)
    dist = nx.single_source_shortest_path_length(undirected(G), node, cutoff=radius)
    keep = sorted(dist, key=lambda n: (dist[n], n))
    if len(keep) > MAX_NODES:
        notes.append(f"{len(keep)} nodes within radius {radius}; showing the {MAX_NODES} nearest")
        keep = keep[:MAX_NODES]
    kept = set(keep)
    edges = [
        {"source": u, "target": v, "predicate": d.get("predicate", k), "label": d.get("label", k),
         "evidence": d.get("evidence", 0)}
        for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3])
        if u in kept and v in kept
    ]
    return {
        "node": node_ref(G, node),
        "radius": radius,
        "nodes": [dict(node_ref(G, n), distance=dist[n]) for n in keep],
        "edges": edges,
        "notes": notes,
    }
