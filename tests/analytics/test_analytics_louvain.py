"""Louvain for large graphs (b2bkg.analytics.louvain) against networkx's, and its use in communities."""

from __future__ import annotations

import networkx as nx
import pytest
from networkx.algorithms import community as nxc

from b2bkg.analytics import communities
from b2bkg.analytics.communities import partition
from b2bkg.analytics.louvain import LARGE_GRAPH, louvain
from b2bkg.analytics.views import undirected


def planted(groups: int = 12, size: int = 200, seed: int = 3) -> nx.Graph:
    """``groups`` dense blocks with a few links between them (more than ``LARGE_GRAPH`` nodes)."""
    U = nx.planted_partition_graph(groups, size, 0.05, 0.0008, seed=seed)
    nx.set_edge_attributes(U, 1, "weight")
    return U


def test_finds_planted_blocks_as_well_as_networkx():
    U = planted()
    ours = louvain(U, seed=42)
    theirs = nxc.louvain_communities(U, weight="weight", seed=42)
    assert sorted(n for c in ours for n in c) == sorted(U)  # a partition: every node once
    assert nxc.is_partition(U, ours)
    q_ours = nxc.modularity(U, ours, weight="weight")
    q_theirs = nxc.modularity(U, theirs, weight="weight")
    assert q_ours >= q_theirs - 0.01
    blocks = U.graph["partition"]
    best_overlap = [max(len(b & c) for c in ours) / len(b) for b in blocks]
    assert min(best_overlap) > 0.9  # every planted block is (almost) one community


def test_seeded_weighted_and_resolution():
    U = planted(groups=4, size=60)
    assert louvain(U, seed=7) == louvain(U, seed=7)
    # a high resolution splits more; a very low one merges
    assert len(louvain(U, resolution=8.0)) > len(louvain(U, resolution=1.0)) > len(louvain(U, resolution=0.01))
    T = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("a", "x")], weight=1)
    assert sorted(map(sorted, louvain(T))) == [["a", "b", "c"], ["x", "y", "z"]]
    T["a"]["x"]["weight"] = 10  # the bridge now outweighs each triangle
    assert {"a", "x"} in louvain(T)
    assert sorted(map(sorted, louvain(T))) == sorted(map(sorted, nxc.louvain_communities(T, seed=42)))


def test_isolated_nodes_self_loops_and_empty():
    U = nx.Graph([("a", "b"), ("b", "c"), ("c", "a")])
    U.add_edge("c", "c", weight=2)
    U.add_node("lonely")
    parts = louvain(U)
    assert {"lonely"} in parts and nxc.is_partition(U, parts)
    assert louvain(nx.empty_graph(3)) == [{0}, {1}, {2}]
    assert louvain(nx.Graph()) == []


def test_communities_use_it_above_the_limit_and_say_so():
    U = planted()
    assert len(U) > LARGE_GRAPH
    G = nx.MultiDiGraph()
    G.add_edges_from((f"n{u}", f"n{v}") for u, v in U.edges())
    out = communities(G, "louvain", members=1)
    assert out["count"] == 12 and any("louvain on more than" in n for n in out["notes"])
    parts = partition(G, "louvain")
    assert [len(p) for p in parts] == [c["size"] for c in out["communities"]]
    assert out["modularity"] == pytest.approx(nxc.modularity(undirected(G), parts, weight="weight"), abs=1e-6)
