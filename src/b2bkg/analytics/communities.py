"""Communities: groups of entities more linked to each other than to the rest.

All methods run on the undirected simple view with ``weight`` = number of triples per pair and a
fixed ``seed``, so the same dataset gives the same partition. Each answer reports the partition's
modularity (``networkx.community.modularity``). Louvain is networkx's ``louvain_communities`` up to
``LARGE_GRAPH`` nodes (the paper's graph); above it ``b2bkg.analytics.louvain``, the same method
with a stop rule for each level's sweeps (networkx's took 236 s on a 100k-node sparse graph), and
the answer says so in its notes.
"""

from __future__ import annotations

import networkx as nx
from networkx.algorithms import community as nxc

from b2bkg.analytics.louvain import LARGE_GRAPH, MIN_MOVED, louvain
from b2bkg.analytics.projection import node_ref
from b2bkg.analytics.views import choice, integer, number, undirected

__all__ = ["METHODS", "communities", "partition"]

METHODS = ("louvain", "label_propagation", "greedy_modularity")
MAX_MEMBERS = 500


def partition(G: nx.MultiDiGraph, method: str = "louvain", seed: int = 42, resolution: float = 1.0) -> list[set]:
    """The communities of ``G`` by ``method``, largest first (ties by smallest member IRI).

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("a", "x")])
    >>> [sorted(c) for c in partition(G, "louvain")]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    return _partition(undirected(G), choice(method, "method", METHODS), seed, resolution)


def _partition(U: nx.Graph, method: str, seed: int, resolution: float) -> list[set]:
    if len(U) == 0:
        return []
    if method == "louvain" and len(U) > LARGE_GRAPH:
        parts = louvain(U, weight="weight", resolution=resolution, seed=seed)
    elif method == "louvain":
        parts = nxc.louvain_communities(U, weight="weight", resolution=resolution, seed=seed)
    elif method == "label_propagation":
        parts = nxc.asyn_lpa_communities(U, weight="weight", seed=seed)
    else:
        parts = nxc.greedy_modularity_communities(U, weight="weight", resolution=resolution)
    return sorted((set(p) for p in parts), key=lambda p: (-len(p), min(p)))


def communities(
    G: nx.MultiDiGraph,
    method: str = "louvain",
    seed: int | str | None = 42,
    resolution: float | str | None = 1.0,
    members: int | str | None = 50,
) -> dict:
    """The partition of ``G`` by ``method`` with its modularity; each community lists up to
    ``members`` members by degree, and its classes.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("a", "x")])
    >>> out = communities(G, "greedy_modularity")
    >>> len(out["communities"]), out["modularity"] > 0.3
    (2, True)
    """
    notes: list[str] = []
    seed = integer(seed, "seed", 42, 0, 2**31 - 1, notes)
    resolution = number(resolution, "resolution", 1.0, 0.01, 10.0)
    limit = integer(members, "members", 50, 1, MAX_MEMBERS, notes)
    method = choice(method, "method", METHODS)
    U = undirected(G)
    parts = _partition(U, method, seed, resolution)
    if method == "louvain" and len(U) > LARGE_GRAPH:
        notes.append(f"louvain on more than {LARGE_GRAPH} nodes: each level's sweeps stop once one moves at most "
                     f"{MIN_MOVED:.1%} of its nodes")
    modularity = nxc.modularity(U, parts, weight="weight", resolution=resolution) if U.number_of_edges() else 0.0
    out = []
    for i, part in enumerate(parts, start=1):
        ranked = sorted(part, key=lambda n: (-U.degree(n), n))
        classes: dict[str, int] = {}
        for n in part:
            c = G.nodes[n].get("display_class", "")
            classes[c] = classes.get(c, 0) + 1
        out.append({
            "id": i,
            "size": len(part),
            "classes": dict(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0]))),
            "members": [node_ref(G, n) for n in ranked[:limit]],
        })
        if len(part) > limit:
            notes.append(f"community {i}: {len(part) - limit} more members not listed (members={limit})")
    return {
        "method": method,
        "seed": seed if method != "greedy_modularity" else None,
        "resolution": resolution if method != "label_propagation" else None,
        "modularity": round(modularity, 6),
        "count": len(parts),
        "communities": out,
        "notes": notes,
    }
