"""The projection: what becomes a node, an edge, an attribute; config and cache per version."""

from __future__ import annotations

import shutil

import pytest

from b2bkg.analytics import Analytics, ProjectionConfig, project
from b2bkg.errors import BadRequest

KG = "https://w3id.org/b2bkg/id/"
B2B = "https://w3id.org/b2bkg/def/"


def test_default_projection_keeps_entities_and_object_properties(G):
    assert KG + "tool/big-data-matching" in G
    assert G.has_edge(KG + "tool/big-data-matching", KG + "mechanism/cost-reduction", key="b2b:enables")
    # bibliographic layer and classes are out by default
    assert not any(n.startswith(tuple(KG + p for p in ("ref/", "paper/", "venue/"))) for n in G)
    assert KG + "person/li-xiaoping" not in G  # only an author
    assert KG + "person/coase" in G  # linked by b2b:proposedBy to a theory
    assert B2B + "Mechanism" not in G
    # inferred inverse edges are out by default
    assert not G.has_edge(KG + "mechanism/cost-reduction", KG + "tool/big-data-matching")


def test_node_and_edge_attributes(G):
    sme = G.nodes[KG + "actor/sme"]
    assert sme["label"] == "Small and medium-sized enterprises" and sme["label_zh"] == "中小企业"
    assert sme["display_class"] == "SME"
    assert {"b2b:SME", "b2b:Enterprise", "b2b:Actor"} <= set(sme["types"])
    stat = G.nodes[KG + "stat/b2b-market-size"]
    assert stat["b2b:value"] == "36.2" and stat["b2b:unit"] == "万亿美元"
    e = G.edges[KG + "tool/big-data-matching", KG + "mechanism/cost-reduction", "b2b:enables"]
    assert e["predicate"] == B2B + "enables" and e["label"] == "enables" and e["label_zh"] == "赋能"
    assert e["evidence"] == 2
    assert ("借助大数据匹配降低信息搜寻成本", "2.1-1", "2.1") in e["quotes"]
    assert e["inferred"] is False


def test_config_inferences_classes_bibliographic(dataset):
    P = project(dataset, ProjectionConfig(inferences=True, classes=True, bibliographic=True))
    G = P.graph
    e = G.edges[KG + "mechanism/cost-reduction", KG + "tool/big-data-matching", "b2b:enabledBy"]
    assert e["inferred"] is True
    assert G.has_edge(KG + "actor/sme", B2B + "SME", key="rdf:type")
    assert G.nodes[B2B + "SME"]["display_class"] == "Class"
    assert G.has_edge(KG + "ref/3", KG + "venue/economic-research-journal", key="dcterms:isPartOf")
    assert KG + "person/li-xiaoping" in G


def test_allow_and_deny_lists(dataset):
    only = project(dataset, ProjectionConfig(allow=("b2b:enables",))).graph
    assert {k for *_, k in only.edges(keys=True)} == {"b2b:enables"}
    without = project(dataset, ProjectionConfig(deny=(B2B + "enables", "b2b:basedOn"))).graph
    assert not {"b2b:enables", "b2b:basedOn"} & {k for *_, k in without.edges(keys=True)}
    assert without.number_of_nodes() == only.number_of_nodes() or without.number_of_edges() > 0


def test_projection_does_not_change_the_dataset(dataset):
    before = len(dataset)
    project(dataset, ProjectionConfig(inferences=True, classes=True))
    assert len(dataset) == before


@pytest.mark.parametrize(
    "params, word",
    [({"graphs": "all"}, "graphs"), ({"classes": "maybe"}, "classes"), ({"deny": "nope:x"}, "nope:x")],
)
def test_bad_config_parameters_name_the_parameter(params, word):
    with pytest.raises(BadRequest, match=word):
        ProjectionConfig.from_params(params)


def test_projection_is_cached_per_version(mini_path, tmp_path):
    path = tmp_path / "dataset.nq"
    shutil.copy(mini_path, path)
    a = Analytics(path)
    first = a.projection()
    assert a.projection() is first
    v1 = a.version
    calls = []
    assert a.answer("x", 1, lambda: calls.append(1) or "one") == "one"
    assert a.answer("x", 1, lambda: calls.append(1) or "two") == "one"
    with path.open("a", encoding="utf-8") as f:  # a new triple: a new version
        f.write(f"<{KG}tool/saas> <{B2B}enables> <{KG}mechanism/cost-reduction> "
                "<https://w3id.org/b2bkg/graph/paper/doe-2024/assertions> .\n")
    assert a.version != v1
    second = a.projection()
    assert second is not first and second.version == a.version
    assert second.graph.has_edge(KG + "tool/saas", KG + "mechanism/cost-reduction")
    assert a.answer("x", 1, lambda: "two") == "two"
