"""Centrality measures on the mini dataset, against hand-checked values and networkx."""

from __future__ import annotations

import importlib

import networkx as nx
import pytest

from b2bkg.analytics import MEASURES, centrality
from b2bkg.analytics.views import undirected
from b2bkg.errors import BadRequest

KG = "https://w3id.org/b2bkg/id/"


@pytest.mark.parametrize("measure", MEASURES)
def test_every_measure_ranks_every_node(G, measure):
    out = centrality(G, measure, top=1000)
    assert out["measure"] == measure
    assert len(out["results"]) == G.number_of_nodes()
    scores = [r["score"] for r in out["results"]]
    assert scores == sorted(scores, reverse=True)
    assert [r["rank"] for r in out["results"]] == list(range(1, len(scores) + 1))


def test_in_degree_counts_incoming_triples(G):
    top = centrality(G, "in_degree", top=1)["results"][0]
    # credit enhancement is enabled by two tools and explained by one theory
    assert top["iri"] == KG + "mechanism/credit-enhancement" and top["triples"] == 3


def test_betweenness_matches_networkx_exact(G):
    out = centrality(G, "betweenness", top=3)
    expected = nx.betweenness_centrality(undirected(G))
    assert out["computed"]["exact"] is True
    for r in out["results"]:
        assert r["score"] == pytest.approx(expected[r["iri"]], abs=1e-6)
    assert out["results"][0]["iri"] == KG + "mechanism/cost-reduction"


def test_class_filter_and_top(G):
    out = centrality(G, "pagerank", top=2, cls="Mechanism")
    assert len(out["results"]) == 2 and out["candidates"] == 4
    assert all(r["class"] == "Mechanism" for r in out["results"])
    # a superclass filters by type, not only display class
    assert {r["iri"] for r in centrality(G, "degree", cls="Actor")["results"]} == {KG + "actor/sme"}


def test_top_is_capped_with_a_note(G):
    out = centrality(G, "degree", top=10**6)
    assert out["top"] == 1000 and "capped" in out["notes"][0]


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"measure": "katz"}, ["measure", "pagerank", "betweenness"]),
        ({"measure": "degree", "top": "ten"}, ["top", "integer"]),
        ({"measure": "degree", "top": 0}, ["top"]),
        ({"measure": "degree", "cls": "Unicorn"}, ["class", "Mechanism", "Theory"]),
    ],
)
def test_bad_arguments_name_parameter_and_allowed_values(G, kwargs, words):
    with pytest.raises(BadRequest) as err:
        centrality(G, **kwargs)
    for w in words:
        assert w in err.value.message


def test_sampled_closeness_and_betweenness_on_large_graphs(monkeypatch):
    C = importlib.import_module("b2bkg.analytics.centrality")  # the module, not the re-exported function

    U = nx.barabasi_albert_graph(400, 2, seed=7)
    G = nx.MultiDiGraph()
    G.add_edges_from((f"n{u}", f"n{v}") for u, v in U.edges())
    G.add_edge("x", "y")  # a small second component stays exact
    monkeypatch.setattr(C, "EXACT_LIMIT", 50)
    exact = nx.closeness_centrality(undirected(G))
    est, how = C.scores(G, "closeness")
    assert how == {"measure": "closeness", "view": "undirected", "exact": False, "k": 64, "seed": 42}
    errors = sorted(abs(est[n] - exact[n]) / exact[n] for n in exact)
    assert errors[len(errors) // 2] < 0.05 and errors[-1] < 0.25
    assert est["x"] == pytest.approx(exact["x"])
    bet, how = C.scores(G, "betweenness")
    assert how["exact"] is False and how["k"] == 64
    top_exact = sorted(nx.betweenness_centrality(undirected(G)).items(), key=lambda kv: -kv[1])[:5]
    assert top_exact[0][0] == max(bet, key=bet.get)
