"""Communities, paths, structure, similarity and the bipartite views on the mini dataset."""

from __future__ import annotations

import networkx as nx
import pytest
from networkx.algorithms import community as nxc

from b2bkg.analytics import (
    BIPARTITE_VIEWS,
    METHODS,
    bipartite,
    communities,
    components,
    k_core,
    neighbourhood,
    shortest_paths,
    similar,
    summary,
)
from b2bkg.analytics.views import undirected
from b2bkg.errors import BadRequest, NotFound

KG = "https://w3id.org/b2bkg/id/"


@pytest.mark.parametrize("method", METHODS)
def test_communities_partition_every_node_reproducibly(G, method):
    out = communities(G, method, members=500)
    members = [m["iri"] for c in out["communities"] for m in c["members"]]
    assert sorted(members) == sorted(G.nodes)  # a partition: every node once
    parts = [{m["iri"] for m in c["members"]} for c in out["communities"]]
    assert out["modularity"] == pytest.approx(nxc.modularity(undirected(G), parts, weight="weight"), abs=1e-6)
    assert communities(G, method, members=500) == out  # same seed, same answer


def test_communities_keep_the_two_components_apart(G):
    out = communities(G, "louvain", members=500)
    region = next(c for c in out["communities"] if any(m["iri"] == KG + "region/eastern" for m in c["members"]))
    assert {m["iri"] for m in region["members"]} == {KG + "region/eastern", KG + "concept/efficiency"}


def test_path_hops_carry_triples_and_quotes(G):
    out = shortest_paths(G, KG + "tool/big-data-matching", KG + "actor/sme")
    assert out["connected"] and out["length"] == 2
    hops = out["paths"][0]["hops"]
    first = hops[0]["triples"][0]
    assert first["predicate"].endswith("enables") and first["direction"] == "forward"
    assert {e["quote"] for e in first["evidence"]} == {"借助大数据匹配降低信息搜寻成本", "大数据精准匹配供需"}
    assert hops[1]["triples"][0]["evidence"][0]["paragraph"] == "2.1-1"


def test_path_against_the_direction_and_between_components(G):
    back = shortest_paths(G, KG + "mechanism/cost-reduction", KG + "theory/transaction-cost")
    assert back["paths"][0]["hops"][0]["triples"][0]["direction"] == "backward"
    none = shortest_paths(G, KG + "actor/sme", KG + "region/eastern")
    assert none["connected"] is False and none["paths"] == []


def test_several_shortest_paths_and_limit(G):
    # credit enhancement -> blockchain: via blockchain traceability or via smart contract
    out = shortest_paths(G, KG + "mechanism/credit-enhancement", KG + "technology/blockchain")
    assert len(out["paths"]) == 2
    capped = shortest_paths(G, KG + "mechanism/credit-enhancement", KG + "technology/blockchain", limit=1)
    assert len(capped["paths"]) == 1 and capped["notes"]


def test_unknown_iri_is_not_found_and_names_it(G):
    with pytest.raises(NotFound, match="kg-nothing"):
        shortest_paths(G, KG + "kg-nothing", KG + "actor/sme")
    with pytest.raises(BadRequest, match="'target' is required"):
        shortest_paths(G, KG + "actor/sme", None)


def test_summary_counts(G):
    s = summary(G)
    assert s["nodes"] == G.number_of_nodes() and s["edges"] == G.number_of_edges()
    # the main argument, region–concept, resource-based theory–resource integration, the lone statistic
    assert s["components"] == nx.number_connected_components(undirected(G)) == 4
    assert s["isolated"] == 1
    assert sum(s["degree_distribution"].values()) == s["nodes"]
    assert s["predicates"]["b2b:enables"] == 4 and s["classes"]["Mechanism"] == 4


def test_components_and_k_core(G):
    comps = components(G)
    assert [c["size"] for c in comps["components"]] == [G.number_of_nodes() - 5, 2, 2, 1]
    assert comps["components"][3]["members"][0]["iri"] == KG + "stat/b2b-market-size"
    core = k_core(G)
    assert core["main_core"] == max(nx.core_number(undirected(G)).values())
    assert all(m["core"] >= core["k"] for m in core["members"])
    assert k_core(G, k=0)["size"] == G.number_of_nodes()
    assert k_core(G, k=1)["size"] == G.number_of_nodes() - 1  # all but the lone statistic


def test_neighbourhood_radius_and_cap(G):
    one = neighbourhood(G, KG + "mechanism/cost-reduction", 1)
    iris = {n["iri"] for n in one["nodes"]}
    assert iris == {KG + "mechanism/cost-reduction", KG + "tool/big-data-matching", KG + "actor/sme",
                    KG + "theory/transaction-cost"}
    assert all(e["source"] in iris and e["target"] in iris for e in one["edges"])
    capped = neighbourhood(G, KG + "mechanism/cost-reduction", 50)
    assert capped["radius"] == 3 and "capped" in capped["notes"][0]
    with pytest.raises(BadRequest, match="radius"):
        neighbourhood(G, KG + "actor/sme", -1)


@pytest.mark.parametrize("method", ["jaccard", "adamic_adar"])
def test_similarity_matches_networkx(G, method):
    node = KG + "tool/blockchain-traceability"
    out = similar(G, node, method)
    assert out["results"][0]["iri"] == KG + "tool/smart-contract"  # same mechanism, same technology
    fn = nx.jaccard_coefficient if method == "jaccard" else nx.adamic_adar_index
    [(_, _, expected)] = fn(undirected(G), [(node, KG + "tool/smart-contract")])
    assert out["results"][0]["score"] == pytest.approx(expected, abs=1e-6)
    pair = similar(G, node, method, other=KG + "actor/sme")
    assert pair["results"][0]["score"] == 0


def test_bipartite_views(G):
    assert set(BIPARTITE_VIEWS) == {"theory-mechanism", "tool-mechanism", "governance-risk"}
    tm = bipartite(G, "theory-mechanism")
    assert [n["iri"] for n in tm["left"]] == [KG + "theory/resource-based", KG + "theory/transaction-cost"]
    assert len(tm["edges"]) == 3 and sum(map(sum, tm["matrix"]["values"])) == 3
    tools = bipartite(G, "tool-mechanism")
    assert tools["left_projection"][0] == {
        "source": KG + "tool/blockchain-traceability", "target": KG + "tool/smart-contract", "shared": 1}
    gov = bipartite(G, "governance-risk")
    # the approach is a TechnologyEnabledGovernance, a GovernanceApproach by the ontology
    assert {e["source"] for e in gov["edges"]} == {KG + "governance/technology-enabled",
                                                  KG + "instrument/regulatory-sandbox"}
    with pytest.raises(BadRequest, match="theory-mechanism"):
        bipartite(G, "tool-risk")
