"""Similarity of entities by the neighbours they share (undirected view).

``jaccard`` = |N(u) ∩ N(v)| / |N(u) ∪ N(v)|; ``adamic_adar`` = Σ 1 / log(deg(w)) over shared
neighbours w (networkx's definitions).
"""

from __future__ import annotations

import networkx as nx

from b2bkg.analytics.projection import node_ref
from b2bkg.analytics.views import choice, class_filter, integer, require_node, undirected

__all__ = ["SIMILARITY_METHODS", "similar", "MAX_TOP"]

SIMILARITY_METHODS = ("jaccard", "adamic_adar")
MAX_TOP = 200


def similar(
    G: nx.MultiDiGraph,
    node: str | None,
    method: str = "jaccard",
    other: str | None = None,
    top: int | str | None = 10,
    cls: str | None = None,
) -> dict:
    """Entities most similar to ``node`` (or, with ``other``, the score of that one pair).

    Only entities sharing at least one neighbour are ranked; ``cls`` restricts candidates.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("t1", "m"), ("t2", "m"), ("t1", "x")])
    >>> r = similar(G, "t1", "jaccard")["results"][0]
    >>> r["iri"], r["score"], r["shared"]
    ('t2', 0.5, 1)
    """
    notes: list[str] = []
    node = require_node(G, node, "node")
    method = choice(method, "method", SIMILARITY_METHODS, "jaccard")
    top = integer(top, "top", 10, 1, MAX_TOP, notes)
    U = undirected(G)
    fn = nx.jaccard_coefficient if method == "jaccard" else nx.adamic_adar_index
    if other:
        other = require_node(G, other, "other")
        candidates = [other]
    else:
        members = class_filter(G, cls)
        near = {w for n in U[node] for w in U[n]} - {node}
        candidates = sorted(n for n in near if members is None or n in members)
    rows = []
    for _, v, score in fn(U, [(node, c) for c in candidates if c != node]):
        shared = sorted(set(U[node]) & set(U[v]))
        if score > 0 or other:
            rows.append((-score, v, shared))
    rows.sort()
    results = [
        dict(node_ref(G, v), score=round(-neg, 6), shared=len(shared),
             shared_neighbours=[node_ref(G, s)["label"] for s in shared[:20]])
        for neg, v, shared in rows[:top]
    ]
    return {"node": node_ref(G, node), "method": method, "results": results, "notes": notes}
