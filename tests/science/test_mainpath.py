"""Main path analysis on a worked example whose SPC values are counted by hand (below) and by
enumerating every source-to-sink path."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from b2bkg.science.mainpath import (
    citation_dag,
    global_main_path,
    key_route,
    local_main_path,
    spc,
    splc,
    spnp,
    traversal_counts,
)

# Knowledge flows cited -> citing. Sources A, B; sinks G, H.
#   N-: A1 B1 C2 D1 E3 F1 G4 H1     N+: A1 B4 C1 D3 E1 F2 G1 H1     5 source-sink paths
ARCS = [("A", "C"), ("B", "C"), ("B", "D"), ("C", "E"), ("D", "E"), ("D", "F"), ("E", "G"), ("F", "G"), ("F", "H")]
SPC = {("A", "C"): 1, ("B", "C"): 1, ("B", "D"): 3, ("C", "E"): 2, ("D", "E"): 1,
       ("D", "F"): 2, ("E", "G"): 3, ("F", "G"): 1, ("F", "H"): 1}


@pytest.fixture
def G():
    return nx.DiGraph(ARCS)


def _all_paths(G, origins, ends):
    return [p for s, t in itertools.product(origins, ends) for p in nx.all_simple_paths(G, s, t)]


def test_spc_by_hand_and_by_enumeration(G):
    assert spc(G) == SPC
    sources = [n for n in G if G.in_degree(n) == 0]
    sinks = [n for n in G if G.out_degree(n) == 0]
    paths = _all_paths(G, sources, sinks)
    assert len(paths) == 5
    for u, v in G.edges:
        assert SPC[(u, v)] == sum(1 for p in paths if any(p[i:i + 2] == [u, v] for i in range(len(p) - 1)))
    before, after = traversal_counts(G)
    assert before == {"A": 1, "B": 1, "C": 2, "D": 1, "E": 3, "F": 1, "G": 4, "H": 1}
    assert after == {"A": 1, "B": 4, "C": 1, "D": 3, "E": 1, "F": 2, "G": 1, "H": 1}


def test_splc_and_spnp_by_enumeration(G):
    sinks = [n for n in G if G.out_degree(n) == 0]
    def through(paths, u, v):
        return sum(1 for p in paths if any(p[i:i + 2] == [u, v] for i in range(len(p) - 1)))
    from_any = _all_paths(G, list(G), sinks)
    between_any = [p for s, t in itertools.permutations(G, 2) for p in nx.all_simple_paths(G, s, t)]
    assert splc(G) == {(u, v): through(from_any, u, v) for u, v in G.edges}
    assert spnp(G) == {(u, v): through(between_any, u, v) for u, v in G.edges}


def test_local_global_and_key_route_paths(G):
    assert local_main_path(G) == [["B", "D", "F", "G"], ["B", "D", "F", "H"]]  # F: a tie, both kept
    assert global_main_path(G) == ["B", "D", "E", "G"]  # 3 + 1 + 3 = 7, the heaviest
    assert key_route(G, 1) == [["A", "C", "E", "G"], ["B", "C", "E", "G"], ["B", "D", "F", "G"], ["B", "D", "F", "H"]]
    assert all(p in key_route(G, 2) for p in key_route(G, 1))


def test_cycles_are_dropped_by_year_then_id():
    citations = [("p2", "p1"), ("p1", "p2"), ("p3", "p2"), ("p2", "p3"), ("p4", "p4")]
    dag, dropped = citation_dag(citations, {"p1": 2001, "p2": 2001, "p3": 2005})
    assert nx.is_directed_acyclic_graph(dag)
    assert sorted(dag.edges) == [("p1", "p2"), ("p2", "p3")]
    assert [(a, b) for a, b, _ in dropped] == [("p1", "p2"), ("p2", "p3"), ("p4", "p4")]
    assert dropped[-1][2] == "self-citation"


def test_a_cyclic_graph_is_refused_with_the_remedy():
    with pytest.raises(ValueError, match="citation_dag"):
        spc(nx.DiGraph([("a", "b"), ("b", "a")]))
