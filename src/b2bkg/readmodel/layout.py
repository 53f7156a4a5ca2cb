"""Server-side positions for a first drawing: networkx's seeded Fruchterman–Reingold, spread in
proportion to the square root of the number of nodes. Same input, same positions. The explorer
draws with them; the graph exports (GEXF, Cytoscape.js, Pajek, VOSviewer) carry them."""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["positions"]


def positions(nodes: list[str], edges: list[tuple[str, str]], seed: int = 42) -> dict[str, tuple[float, float]]:
    """Pixel positions of ``nodes`` (spread in proportion to the square root of their number).

    >>> p = positions(["a", "b", "c"], [("a", "b")])
    >>> sorted(p) == ["a", "b", "c"] and all(isinstance(x, float) for xy in p.values() for x in xy)
    True
    """
    if not nodes:
        return {}
    G = nx.Graph()
    G.add_nodes_from(nodes)
    G.add_edges_from((u, v) for u, v in edges if u != v)
    pos = nx.spring_layout(G, seed=seed, iterations=80, k=1.6 / math.sqrt(len(nodes)))
    scale = 90 * math.sqrt(len(nodes))
    return {n: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for n, (x, y) in pos.items()}
