"""The analytics blueprint through Flask's test client on the real app factory."""

from __future__ import annotations

import io
import json

import bibtexparser
import networkx as nx
import pytest

from b2bkg.analytics.operations import OPERATIONS
from b2bkg.web import create_app

KG = "https://w3id.org/b2bkg/id/"


@pytest.fixture(scope="module")
def client(mini_path):
    app = create_app({"dataset": str(mini_path), "workers": 1})
    app.config["TESTING"] = True
    with app.test_client() as c:
        yield c
    app.extensions["b2bkg"].close()


def test_index_lists_every_analysis_with_a_working_example(client):
    body = client.get("/api/analytics").get_json()
    assert [a["name"] for a in body["analyses"]] == list(OPERATIONS)
    for a in body["analyses"] + body["exports"]:
        r = client.get(a["example"] if "example" in a else a["url"])
        assert r.status_code == 200, (a, r.get_data(as_text=True))


def test_centrality_answer(client):
    r = client.get("/api/analytics/centrality?measure=betweenness&top=3&class=Mechanism")
    body = r.get_json()
    assert r.status_code == 200 and body["analysis"] == "centrality"
    assert len(body["dataset_version"]) == 16
    assert body["result"]["results"][0]["iri"] == KG + "mechanism/cost-reduction"
    assert body["projection"]["inferences"] is False


def test_path_answer_has_quotes(client):
    r = client.get("/api/analytics/path", query_string={"source": KG + "tool/big-data-matching",
                                                          "target": KG + "actor/sme"})
    hop = r.get_json()["result"]["paths"][0]["hops"][0]
    assert "借助大数据匹配降低信息搜寻成本" in [e["quote"] for e in hop["triples"][0]["evidence"]]


def test_projection_parameters_change_the_graph(client):
    plain = client.get("/api/analytics/summary").get_json()["result"]
    inferred = client.get("/api/analytics/summary?graphs=inferred").get_json()["result"]
    assert inferred["edges"] > plain["edges"] and "b2b:enabledBy" in inferred["predicates"]


@pytest.mark.parametrize(
    "url, status, words",
    [
        ("/api/analytics/centrality?measure=katz", 400, ["measure", "pagerank", "eigenvector"]),
        ("/api/analytics/communities?method=kmeans", 400, ["method", "louvain", "label_propagation"]),
        ("/api/analytics/centrality?colour=red", 400, ["colour", "measure", "top"]),
        ("/api/analytics/centrality?graphs=everything", 400, ["graphs", "asserted", "inferred"]),
        ("/api/analytics/neighbourhood?node=" + KG + "nowhere", 404, [KG + "nowhere"]),
        ("/api/analytics/path?source=" + KG + "actor/sme", 400, ["target"]),
        ("/api/analytics/bipartite?view=x", 400, ["view", "theory-mechanism"]),
        ("/api/analytics/pagerank", 404, ["pagerank", "centrality"]),
        ("/api/export/graph?format=dot", 400, ["format", "graphml", "gexf", "vosviewer"]),
        ("/api/export/graph?format=gexf&view=world", 400, ["view", "cocitation", "tool-mechanism"]),
        ("/api/export/references?format=endnote", 400, ["format", "bibtex", "ris", "csl-json"]),
        ("/api/analytics/centrality?class=" + "x" * 5000, 413, ["class", "4096"]),
    ],
)
def test_bad_input_is_named(client, url, status, words):
    r = client.get(url, headers={"Accept": "application/json"})
    body = r.get_json()
    assert r.status_code == status and body["ok"] is False and body["status"] == status
    for w in words:
        assert w in body["error"]


def test_oversized_sizes_are_capped_with_a_note(client):
    body = client.get("/api/analytics/neighbourhood?node=" + KG + "actor/sme&radius=99").get_json()["result"]
    assert body["radius"] == 3 and "capped" in body["notes"][0]
    body = client.get("/api/analytics/centrality?top=100000").get_json()["result"]
    assert body["top"] == 1000 and body["notes"]


def test_graph_export_download(client):
    r = client.get("/api/export/graph?view=graph&format=graphml")
    assert r.status_code == 200 and r.mimetype == "application/graphml+xml"
    assert "attachment" in r.headers["Content-Disposition"] and r.headers["ETag"]
    R = nx.read_graphml(io.BytesIO(r.data))
    assert R.has_edge(KG + "tool/big-data-matching", KG + "mechanism/cost-reduction")
    r = client.get("/api/export/graph?view=cocitation&format=node-link&level=sentence")
    G = nx.node_link_graph(json.loads(r.data), edges="edges")
    assert G.has_edge(KG + "ref/3", KG + "ref/4") and not G.has_edge(KG + "ref/3", KG + "ref/5")


def test_reference_export_download(client):
    r = client.get("/api/export/references?format=bibtex")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/x-bibtex")
    assert len(bibtexparser.parse_string(r.get_data(as_text=True)).entries) == 5
