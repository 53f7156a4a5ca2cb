"""The thematic map of Cobo et al. (2011), as bibliometrix's ``thematicMap`` draws it: keyword
clusters placed by Callon centrality (how strongly a theme links to the others) and Callon
density (how strongly its own keywords link to each other).

For a co-occurrence network with link weights ``e_ij`` (the equivalence index
``c_ij² / (c_i c_j)`` when raw counts are given with ``equivalence=True``):
``centrality(T) = 10 · Σ e_ij`` over links from ``T``'s keywords to other themes' keywords, and
``density(T) = 100 · Σ e_ij / n_T`` over links inside ``T`` (``n_T`` its keywords). The quadrants
split at the median of each: motor themes (high centrality, high density), niche themes (low,
high), emerging or declining themes (low, low), basic themes (high, low).
"""

from __future__ import annotations

import statistics
from collections.abc import Hashable, Mapping

import networkx as nx

__all__ = ["QUADRANTS", "equivalence_index", "thematic_map"]

QUADRANTS = {(True, True): "motor themes", (False, True): "niche themes",
             (False, False): "emerging or declining themes", (True, False): "basic themes"}


def equivalence_index(G: nx.Graph, occurrences: Mapping[Hashable, float], weight: str = "weight") -> nx.Graph:
    """A copy of ``G`` whose weights are ``c_ij² / (c_i c_j)``."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        H.add_edge(u, v, weight=d.get(weight, 1) ** 2 / (occurrences[u] * occurrences[v]))
    return H


def thematic_map(G: nx.Graph, membership: Mapping[Hashable, int], weight: str = "weight",
                 labels: Mapping[int, str] | None = None) -> list[dict]:
    """One entry per theme: ``{cluster, label, size, centrality, density, quadrant}``; the label
    defaults to the theme's keyword of largest weighted degree."""
    themes: dict[int, list] = {}
    for n in G:
        themes.setdefault(membership[n], []).append(n)
    inside = dict.fromkeys(themes, 0.0)
    outside = dict.fromkeys(themes, 0.0)
    for u, v, d in G.edges(data=True):
        w = d.get(weight, 1)
        if membership[u] == membership[v]:
            inside[membership[u]] += w
        else:
            outside[membership[u]] += w
            outside[membership[v]] += w
    rows = []
    for c, members in themes.items():
        top = max(members, key=lambda n: (G.degree(n, weight=weight), str(n)))
        rows.append({"cluster": c, "label": (labels or {}).get(c, str(top)), "size": len(members),
                     "centrality": round(10 * outside[c], 6), "density": round(100 * inside[c] / len(members), 6)})
    if rows:
        mc = statistics.median(r["centrality"] for r in rows)
        md = statistics.median(r["density"] for r in rows)
        for r in rows:
            r["quadrant"] = QUADRANTS[(r["centrality"] >= mc, r["density"] >= md)]
    return sorted(rows, key=lambda r: (-r["size"], r["cluster"]))
