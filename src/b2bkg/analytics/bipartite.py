"""Two-mode views of the paper's argument: which theories explain which mechanisms, which tools
enable which mechanisms, which governance approaches and instruments address which risks.

Each view keeps the edges of one predicate whose subject has one of the left classes and whose
object has one of the right classes (types include superclasses, so ``GovernanceApproach`` takes
in ``TechnologyEnabledGovernance``).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from networkx.algorithms import bipartite as nxb

from b2bkg.analytics.projection import node_ref
from b2bkg.analytics.views import choice

__all__ = ["BipartiteView", "VIEWS", "bipartite_graph", "bipartite"]


@dataclass(frozen=True)
class BipartiteView:
    predicate: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    description: str


VIEWS: dict[str, BipartiteView] = {
    "theory-mechanism": BipartiteView(
        "b2b:explains", ("b2b:Theory",), ("b2b:Mechanism",), "theories (left) explaining mechanisms (right)"
    ),
    "tool-mechanism": BipartiteView(
        "b2b:enables", ("b2b:DigitalTool", "b2b:DigitalTechnology"), ("b2b:Mechanism",),
        "digital tools and technologies (left) enabling mechanisms (right)",
    ),
    "governance-risk": BipartiteView(
        "b2b:addresses",
        ("b2b:GovernanceInstrument", "b2b:GovernanceApproach", "b2b:GovernancePrinciple"),
        ("b2b:Risk", "b2b:Constraint"),
        "governance instruments, approaches and principles (left) addressing risks and constraints (right)",
    ),
}


def _has(G: nx.MultiDiGraph, n: str, classes: tuple[str, ...]) -> bool:
    return bool(set(G.nodes[n].get("types", ())) & set(classes))


def bipartite_graph(G: nx.MultiDiGraph, view: str) -> nx.Graph:
    """The two-mode graph of ``view``: nodes carry ``bipartite`` (0 left, 1 right), edges
    ``weight`` (1 + number of evidence quotes beyond the first) and ``evidence``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("t", types=("b2b:Theory",)); G.add_node("m", types=("b2b:Mechanism",))
    >>> _ = G.add_edge("t", "m", key="b2b:explains", evidence=2)
    >>> sorted(bipartite_graph(G, "theory-mechanism").nodes(data="bipartite"))
    [('m', 1), ('t', 0)]
    """
    spec = VIEWS[choice(view, "view", VIEWS)]
    B = nx.Graph(name=view)
    for u, v, k, d in G.edges(keys=True, data=True):
        if k != spec.predicate or not _has(G, u, spec.left) or not _has(G, v, spec.right):
            continue
        B.add_node(u, **G.nodes[u], bipartite=0)
        B.add_node(v, **G.nodes[v], bipartite=1)
        ev = int(d.get("evidence", 0))
        B.add_edge(u, v, weight=max(ev, 1), evidence=ev, predicate=d.get("predicate", k), label=d.get("label", k))
    return B


def bipartite(G: nx.MultiDiGraph, view: str) -> dict:
    """The ``view`` as plain data: both node sets, the edges, the biadjacency matrix and the
    left nodes' one-mode projection (pairs sharing right-hand partners, weighted by how many).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n, t in [("t1", "b2b:Theory"), ("t2", "b2b:Theory"), ("m", "b2b:Mechanism")]:
    ...     G.add_node(n, label=n, types=(t,))
    >>> _ = G.add_edge("t1", "m", key="b2b:explains"); _ = G.add_edge("t2", "m", key="b2b:explains")
    >>> out = bipartite(G, "theory-mechanism")
    >>> out["matrix"]["rows"], out["matrix"]["values"], out["left_projection"][0]["shared"]
    (['t1', 't2'], [[1], [1]], 1)
    """
    spec = VIEWS[choice(view, "view", VIEWS)]
    B = bipartite_graph(G, view)
    left = sorted(n for n, b in B.nodes(data="bipartite") if b == 0)
    right = sorted(n for n, b in B.nodes(data="bipartite") if b == 1)
    edges = [
        {"source": u, "target": v, "evidence": B[u][v]["evidence"]}
        for u in left for v in sorted(B[u])
    ]
    values = [[1 if B.has_edge(u, v) else 0 for v in right] for u in left]
    proj = nxb.weighted_projected_graph(B, left) if left else nx.Graph()
    pairs = sorted(
        ({"source": u, "target": v, "shared": d["weight"]} for u, v, d in proj.edges(data=True)),
        key=lambda r: (-r["shared"], min(r["source"], r["target"]), max(r["source"], r["target"])),
    )
    for r in pairs:
        r["source"], r["target"] = sorted((r["source"], r["target"]))
    return {
        "view": view,
        "predicate": spec.predicate,
        "description": spec.description,
        "left_classes": list(spec.left),
        "right_classes": list(spec.right),
        "left": [dict(node_ref(G, n), degree=B.degree(n)) for n in left],
        "right": [dict(node_ref(G, n), degree=B.degree(n)) for n in right],
        "edges": edges,
        "matrix": {"rows": left, "columns": right, "values": values},
        "density": round(nxb.density(B, left), 6) if left and right else 0.0,
        "left_projection": pairs,
    }
