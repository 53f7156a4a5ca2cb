"""Thematic map, time slices, cluster timeline, historiograph and the concept maps."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import URIRef

from b2bkg.science.concepts import OA, annotations, by_year, cooccurrence, related_literature
from b2bkg.science.tagging import Tag
from b2bkg.science.thematic import equivalence_index, thematic_map
from b2bkg.science.timeline import cluster_timeline, historiograph, per_slice, time_slices


def test_thematic_map_callon_measures_and_quadrants():
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 4), ("b", "c", 4), ("a", "c", 4),  # dense, linked out: motor
                               ("d", "e", 1),                                 # sparse, isolated: emerging
                               ("f", "g", 5),                                 # dense, isolated: niche
                               ("h", "i", 1), ("c", "h", 3), ("i", "d", 1)])  # sparse, central: basic
    membership = {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 2, "g": 2, "h": 3, "i": 3}
    rows = {r["cluster"]: r for r in thematic_map(G, membership)}
    assert rows[0]["centrality"] == 30 and rows[0]["density"] == pytest.approx(400)
    assert rows[3]["centrality"] == 40 and rows[3]["density"] == 50
    assert [rows[c]["quadrant"] for c in range(4)] == [
        "motor themes", "emerging or declining themes", "niche themes", "basic themes"]
    E = equivalence_index(G, {n: 5 for n in G})
    assert E["a"]["b"]["weight"] == pytest.approx(16 / 25)


RECORDS = [
    {"work": "w1", "year": 2001, "title": "one", "references": []},
    {"work": "w2", "year": 2003, "title": "two", "references": ["w1", "x"]},
    {"work": "w3", "year": 2005, "title": "three", "references": ["w1", "w2", "x"]},
    {"work": "w4", "year": 2006, "title": "four", "references": ["w2", "w3", "y"]},
]


def test_slices_networks_and_timeline():
    assert time_slices(2001, 2006, 4) == [(2001, 2004), (2005, 2006)]
    with pytest.raises(ValueError, match="at least 1"):
        time_slices(2001, 2006, 0)
    def build(rs):
        return nx.Graph([(r["work"], ref) for r in rs for ref in r["references"]])
    slices = per_slice(RECORDS, time_slices(2001, 2006, 3), build)
    assert [(s["records"], s["links"]) for s in slices] == [(2, 2), (2, 6)]
    tl = cluster_timeline(RECORDS, {"w1": 0, "w2": 0, "x": 1, "y": 1}, marked=["x"])
    assert tl[0]["by_year"] == {2003: 1, 2005: 2, 2006: 1} and tl[0]["begin"] == 2003  # w3 cites w1 and w2
    assert tl[1]["marked"] == ["x"] and tl[1]["mean_year"] == pytest.approx((2003 + 2005 + 2006) / 3, abs=0.01)


def test_historiograph_most_locally_cited_and_their_links():
    h = historiograph(RECORDS, top=3)
    assert [n["work"] for n in h["nodes"]] == ["w1", "w2", "w3"]  # by year; local citations 2, 2, 1
    assert [n["local_citations"] for n in h["nodes"]] == [2, 2, 1]
    assert h["links"] == [{"citing": "w2", "cited": "w1"}, {"citing": "w3", "cited": "w1"},
                          {"citing": "w3", "cited": "w2"}]


def _tag(work, entity, start=0, exact="credit enhancement"):
    return Tag(work, "title", exact, "", "", start, start + len(exact), entity, exact)


def test_concept_maps_and_related_literature():
    tags = [_tag("w1", "kg:a"), _tag("w1", "kg:b", 30), _tag("w2", "kg:a"), _tag("w2", "kg:b", 30),
            _tag("w3", "kg:a"), _tag("w3", "kg:a", 40)]
    assert cooccurrence(tags) == [{"source": "kg:a", "target": "kg:b", "weight": 2}]
    assert by_year(tags, {"w1": 2001, "w2": 2001, "w3": 2004}) == {"kg:a": {2001: 2, 2004: 1}, "kg:b": {2001: 2}}
    rel = related_literature(tags, {"kg:a", "kg:b", "kg:c"}, exclude=["w2"], labels={"kg:a": "A"})
    assert [(r["work"], r["count"]) for r in rel] == [("w1", 2), ("w3", 1)]
    assert rel[1]["shared"] == [{"entity": "kg:a", "label": "A"}]


def test_tags_as_web_annotations():
    g = annotations([_tag("https://w3id.org/b2bkg/id/work/doi/10.1/x", "https://w3id.org/b2bkg/id/mechanism/m")])
    q = """SELECT ?exact ?body ?work WHERE { ?a a oa:Annotation ; oa:motivatedBy oa:tagging ; oa:hasBody ?body ;
           oa:hasTarget [ oa:hasSource [ dcterms:isPartOf ?work ] ; oa:hasSelector [ a oa:TextQuoteSelector ;
           oa:exact ?exact ] ] }"""
    (row,) = list(g.query(q, initNs={"oa": OA, "dcterms": URIRef("http://purl.org/dc/terms/")}))
    assert str(row.exact) == "credit enhancement" and str(row.body).endswith("/mechanism/m")
