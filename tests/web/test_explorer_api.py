"""The explorer's JSON APIs through the test client, on the built dataset."""

from __future__ import annotations

import pytest

from b2bkg.explore import VIEWS
from b2bkg.web.explorer import VENDOR

CREDIT = "https://w3id.org/b2bkg/id/mechanism/credit-enhancement"


@pytest.mark.parametrize(("q", "label"), [("信用", "信用增进机制"), ("credit enh", "信用增进机制"),
                                          ("CREDIT ENHANCEMENT", "信用增进机制"), ("成本降低", "成本降低机制")])
def test_search_finds_chinese_and_english(client, q, label):
    r = client.get("/api/search", query_string={"q": q})
    assert r.status_code == 200
    hits = r.json["results"]
    assert label in [h["label_zh"] for h in hits[:5]], [h["label_zh"] for h in hits[:5]]
    assert all(set(h) >= {"iri", "label", "label_zh", "class", "group", "matched"} for h in hits)


def test_search_ranks_exact_before_substring(client):
    hits = client.get("/api/search", query_string={"q": "信用增进机制"}).json["results"]
    assert hits[0]["iri"] == CREDIT and hits[0]["rank"] == 0
    ranks = [h["rank"] for h in client.get("/api/search", query_string={"q": "信用"}).json["results"]]
    assert ranks == sorted(ranks)


def test_search_matches_alternative_labels(client):
    hits = client.get("/api/search", query_string={"q": "强化信用建设"}).json["results"]
    assert hits[0]["iri"] == CREDIT and hits[0]["matched_in"] == "alt"


@pytest.mark.parametrize(("params", "words"), [({}, "required"), ({"q": "x" * 300}, "at most"),
                                               ({"q": "a", "limit": "0"}, "between"),
                                               ({"q": "a", "limit": "ten"}, "whole number")])
def test_search_refuses_bad_parameters(client, params, words):
    r = client.get("/api/search", query_string=params)
    assert r.status_code == 400 and r.json["ok"] is False and words in r.json["error"]


def test_entity_panel_of_credit_enhancement(client):
    d = client.get("/api/entity", query_string={"iri": CREDIT}).json
    assert {"en": "Credit enhancement mechanism", "zh": "信用增进机制"} == {x["lang"]: x["text"] for x in d["labels"]}
    assert d["definition"]["en"] and d["definition"]["zh"]
    assert any(t["curie"] == "b2b:Mechanism" and t["asserted"] for t in d["types"])
    props = {(r["curie"], r["direction"]) for r in d["relations"]}
    assert ("b2b:produces", "out") in props and ("b2b:enables", "in") in props
    assert d["href"] == "/id/mechanism/credit-enhancement"
    assert d["evidence"], "the mechanism has evidence quotes"
    for q in d["evidence"]:
        assert q["exact"] and q["section"]["id"] and q["paragraph"] and q["href"] == f"/paper#{q['span']}"
        assert any(CREDIT in (s["subject"].get("iri"), s["object"].get("iri")) for s in q["supports"])
    starts = [q["start"] for q in d["evidence"]]
    assert starts == sorted(starts)
    assert any(r["number"] for r in d["references"]), "some in-text citation is about credit enhancement"


def test_evidence_quotes_are_the_canonical_text(client):
    """Every quote of the panel is the paper's text between its offsets."""
    paper = client.get("/api/paper").json
    text = {p["id"]: (p["start"], "".join(s["text"] for s in p["segments"]))
            for sec in paper["sections"] for p in sec["paragraphs"]}
    for q in client.get("/api/entity", query_string={"iri": CREDIT}).json["evidence"]:
        start, para = text[q["paragraph"]]
        assert para[q["start"] - start:q["end"] - start] == q["exact"]


@pytest.mark.parametrize("iri", ["", "https://w3id.org/b2bkg/id/nothing/here",
                                 "https://w3id.org/b2bkg/id/paper/wang-2025/para/5.2-1"])
def test_entity_refuses_what_is_not_an_entity(client, iri):
    r = client.get("/api/entity", query_string={"iri": iri})
    assert r.status_code == (400 if not iri else 404) and r.json["ok"] is False


@pytest.mark.parametrize("view", list(VIEWS))
def test_graph_views_are_cytoscape_elements(client, view):
    d = client.get("/api/graph", query_string={"view": view}).json
    nodes = {n["data"]["id"] for n in d["elements"]["nodes"]}
    assert nodes and d["counts"]["nodes"] == len(nodes)
    for e in d["elements"]["edges"]:
        assert e["data"]["source"] in nodes and e["data"]["target"] in nodes and e["data"]["label"]
    assert sum(g["count"] for g in d["legend"]) == len(nodes)


def test_views_select_their_part(client):
    stages = client.get("/api/graph", query_string={"view": "stages"}).json["elements"]
    assert {"https://w3id.org/b2bkg/def/nextStage"} <= {e["data"]["predicate"] for e in stages["edges"]}
    cites = client.get("/api/graph", query_string={"view": "citations"}).json["elements"]
    assert all(e["data"]["source"].startswith("https://w3id.org/b2bkg/id/work/") for e in cites["edges"])
    whole = client.get("/api/graph").json["elements"]
    assert CREDIT in {n["data"]["id"] for n in whole["nodes"]}


def test_unknown_view_names_the_views(client):
    r = client.get("/api/graph", query_string={"view": "everything"})
    assert r.status_code == 400 and "theory-mechanism" in r.json["error"]


def test_neighbours_of_an_entity(client):
    d = client.get("/api/neighbours", query_string={"iri": CREDIT}).json
    edges = d["elements"]["edges"]
    assert edges and all(CREDIT in (e["data"]["source"], e["data"]["target"]) for e in edges)
    assert client.get("/api/neighbours", query_string={"iri": "x"}).status_code == 404


def test_paper_sections_paragraphs_and_spans(client):
    d = client.get("/api/paper").json
    ids = [s["id"] for s in d["sections"]]
    assert ids.index("abstract") < ids.index("1") < ids.index("5.2") < ids.index("references")
    spans = {s["id"]: s for s in d["spans"]}
    assert spans and all(s["supports"] or s["cites"] for s in spans.values())
    for sec in d["sections"]:
        for p in sec["paragraphs"]:
            for seg in p["segments"]:
                assert all(sid in spans for sid in seg["spans"])
    used = {x["s"] for s in spans.values() for x in s["supports"]}
    assert used <= set(d["terms"]) and CREDIT in used
    assert d["counts"]["citations"] > 0


def test_pages_advertise_their_json_twin(client):
    for path, twin in (("/", "/api/graph"), ("/paper", "/api/paper")):
        r = client.get(path)
        assert r.status_code == 200 and r.mimetype == "text/html"
        assert f"<{twin}>" in r.headers["Link"]


@pytest.mark.parametrize("name", sorted(VENDOR))
def test_vendored_libraries_are_served(client, name):
    r = client.get(f"/vendor/{name}")
    assert r.status_code == 200 and len(r.data) > 1000
    r.close()


def test_unknown_vendor_file_is_404(client):
    r = client.get("/vendor/../../etc/passwd")
    assert r.status_code == 404
    assert client.get("/vendor/jquery.js").status_code == 404
