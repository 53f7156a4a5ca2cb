"""Server-side positions for a view's first drawing.

A force-directed layout (networkx's seeded Fruchterman–Reingold) computed once per view and
dataset version, so the browser draws at once (Cytoscape's ``preset`` layout) and runs a client
layout only when the reader asks for one. Same input, same positions.
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["positions", "with_positions"]


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


def with_positions(view: dict) -> dict:
    """A copy of a ``view_elements`` answer whose nodes carry ``position`` (and layout ``preset``
    unless the view prefers another)."""
    els = view["elements"]
    pos = positions([n["data"]["id"] for n in els["nodes"]],
                    [(e["data"]["source"], e["data"]["target"]) for e in els["edges"]])
    nodes = [{**n, "position": {"x": pos[n["data"]["id"]][0], "y": pos[n["data"]["id"]][1]}} for n in els["nodes"]]
    layout = "preset" if view["layout"] == "fcose" else view["layout"]
    return {**view, "layout": layout, "elements": {"nodes": nodes, "edges": els["edges"]}}
