"""Server-side positions for a view's first drawing.

A force-directed layout (networkx's seeded Fruchterman–Reingold) computed once per view and
dataset version, so the browser draws at once (Cytoscape's ``preset`` layout) and runs a client
layout only when the reader asks for one. Same input, same positions.
"""

from __future__ import annotations

from b2bkg.readmodel.layout import positions

__all__ = ["positions", "with_positions"]


def with_positions(view: dict) -> dict:
    """A copy of a ``view_elements`` answer whose nodes carry ``position`` (and layout ``preset``
    unless the view prefers another)."""
    els = view["elements"]
    pos = positions([n["data"]["id"] for n in els["nodes"]],
                    [(e["data"]["source"], e["data"]["target"]) for e in els["edges"]])
    nodes = [{**n, "position": {"x": pos[n["data"]["id"]][0], "y": pos[n["data"]["id"]][1]}} for n in els["nodes"]]
    layout = "preset" if view["layout"] == "fcose" else view["layout"]
    return {**view, "layout": layout, "elements": {"nodes": nodes, "edges": els["edges"]}}
