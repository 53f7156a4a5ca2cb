"""Shortest paths between two entities, each hop explained by its triple and evidence quotes.

Paths are searched on the undirected view (an argument can be read along an edge in either
direction); every hop says which way the triple points.
"""

from __future__ import annotations

import itertools

import networkx as nx

from b2bkg.analytics.projection import node_ref
from b2bkg.analytics.views import integer, require_node, undirected

__all__ = ["MAX_PATHS", "shortest_paths", "explain_hop"]

MAX_PATHS = 20


def explain_hop(G: nx.MultiDiGraph, u: str, v: str) -> dict:
    """The triples between ``u`` and ``v`` (either direction) with their quotes."""
    triples = []
    for s, o in ((u, v), (v, u)):
        for key, data in sorted((G.get_edge_data(s, o) or {}).items()):
            triples.append({
                "subject": s,
                "predicate": data.get("predicate", key),
                "predicate_label": data.get("label", key),
                "object": o,
                "direction": "forward" if s == u else "backward",
                "inferred": bool(data.get("inferred", False)),
                "evidence": [
                    {"quote": q, "paragraph": p, "section": sec} for q, p, sec in data.get("quotes", ())
                ],
            })
    return {"from": node_ref(G, u), "to": node_ref(G, v), "triples": triples}


def shortest_paths(
    G: nx.MultiDiGraph, source: str | None, target: str | None, limit: int | str | None = 5
) -> dict:
    """Up to ``limit`` shortest paths from ``source`` to ``target``, hop by hop.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("t", "m", key="b2b:enables", predicate="enables", quotes=(("q", "5.1-1", "5.1"),))
    >>> _ = G.add_edge("m", "s", key="b2b:benefits")
    >>> out = shortest_paths(G, "t", "s")
    >>> out["length"], out["paths"][0]["hops"][0]["triples"][0]["evidence"][0]["quote"]
    (2, 'q')
    """
    notes: list[str] = []
    source = require_node(G, source, "source")
    target = require_node(G, target, "target")
    limit = integer(limit, "limit", 5, 1, MAX_PATHS, notes)
    U = undirected(G)
    try:
        found = list(itertools.islice(nx.all_shortest_paths(U, source, target), limit + 1))
    except nx.NetworkXNoPath:
        found = []
    if len(found) > limit:
        notes.append(f"more than {limit} shortest paths exist; showing {limit} (limit={limit})")
        found = found[:limit]
    paths = [
        {"nodes": [node_ref(G, n) for n in p], "hops": [explain_hop(G, a, b) for a, b in itertools.pairwise(p)]}
        for p in sorted(found)
    ]
    return {
        "source": node_ref(G, source),
        "target": node_ref(G, target),
        "connected": bool(found),
        "length": len(found[0]) - 1 if found else None,
        "paths": paths,
        "notes": notes,
    }
