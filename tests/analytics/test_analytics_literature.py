"""The literature map on the mini dataset: references, co-citation, support, timeline."""

from __future__ import annotations

import pytest

from b2bkg.analytics import literature as L
from b2bkg.errors import BadRequest

KG = "https://w3id.org/b2bkg/id/"


def test_references_read_every_field(dataset):
    refs = {r.number: r for r in L.references(dataset)}
    assert sorted(refs) == [1, 2, 3, 4, 5]
    r3 = refs[3]
    assert (r3.title, r3.year, r3.type, r3.language) == ("跨境电商与企业出口产品转换", 2023, "JournalArticle", "zh")
    assert [a.name_zh for a in r3.authors] == ["李小平", "余娟娟"]  # rdf:Seq order
    assert (r3.venue_zh, r3.volume, r3.issue, r3.page_start, r3.page_end) == ("经济研究", "58", "1", "124", "140")
    assert refs[1].authors[0].organization and not r3.authors[0].organization
    assert refs[4].type == "DoctoralThesis" and refs[4].publisher_en == "Nankai University"
    assert refs[5].doi == "10.1111/j.1468-0335.1937.tb00002.x" and refs[5].language == "en"


def test_cocitation_by_sentence_and_paragraph(dataset):
    para = {(p["a"], p["b"]): p for p in L.cocitation(dataset, "paragraph")["pairs"]}
    sent = {(p["a"], p["b"]): p for p in L.cocitation(dataset, "sentence")["pairs"]}
    # refs 3 and 4 share a sentence of ¶2.1-1; 5 is in the same paragraph, another sentence
    assert sent[(3, 4)]["weight"] == 1 and para[(3, 4)]["weight"] == 1
    assert (3, 5) not in sent and para[(3, 5)]["weight"] == 1 and para[(3, 5)]["sentences"] == 0
    # ¶1-1 cites 1, 2 (one sentence) and 3 (another)
    assert sent[(1, 2)]["weight"] == 1 and para[(1, 3)]["shared_paragraphs"] == ["1-1"]
    assert set(para) == {(1, 2), (1, 3), (2, 3), (3, 4), (3, 5), (4, 5)}
    rows = {r["number"]: r for r in L.cocitation(dataset)["references"]}
    assert rows[3]["paragraphs"] == 2 and rows[3]["sentences"] == 2


def test_cocitation_graph_mirrors_the_table(dataset):
    G = L.cocitation_graph(dataset, "paragraph")
    assert G.number_of_nodes() == 5 and G.number_of_edges() == 6
    assert G[KG + "ref/3"][KG + "ref/4"]["sentences"] == 1


def test_bad_level_is_named(dataset):
    with pytest.raises(BadRequest, match="'level' must be one of paragraph, sentence"):
        L.cocitation(dataset, "chapter")


def test_support_by_topic_and_section(dataset):
    s = L.reference_support(dataset)
    by_num = {r["number"]: r for r in s["references"]}
    assert [m["iri"] for m in by_num[3]["mechanisms"]] == [KG + "mechanism/cost-reduction",
                                                         KG + "mechanism/market-expansion"]
    assert by_num[3]["sections"] == ["1", "2.1"]
    assert by_num[5]["theories"][0]["iri"] == KG + "theory/transaction-cost"
    assert by_num[2]["governance"][0]["iri"] == KG + "governance/technology-enabled"
    cost = next(t for t in s["topics"]["mechanisms"] if t["iri"] == KG + "mechanism/cost-reduction")
    assert cost["references"] == [3, 4]
    assert {x["section"]: x["references"] for x in s["sections"]} == {"1": [1, 2, 3], "2.1": [3, 4, 5]}


def test_timeline(dataset):
    t = L.timeline(dataset)
    assert t["span"] == [1937, 2024] and t["count"] == 5
    assert [y["year"] for y in t["years"]] == [1937, 2021, 2023, 2024]
    y2023 = next(y for y in t["years"] if y["year"] == 2023)
    assert y2023["types"] == {"Expression": 1, "JournalArticle": 1} and y2023["languages"] == {"zh": 2}
    assert t["languages"] == {"en": 1, "zh": 4}
