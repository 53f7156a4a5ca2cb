"""Exports read by the strict readers users open them with: graphology (GraphML, GEXF) and
Cytoscape.js (``cy.json()`` round trip) in node, python-igraph (GraphML, Pajek)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import igraph
import networkx as nx
import pytest

from b2bkg.analytics import literature as L
from b2bkg.analytics.readwrite import export_graph, prepare
from b2bkg.analytics.readwrite.graphs import vosviewer_map

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).parent / "js" / "strict_readers.cjs"


@pytest.fixture(scope="module")
def files(G, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("strict")
    paths = {}
    for fmt, ext in (("graphml", "graphml"), ("gexf", "gexf"), ("cytoscape", "cyjs"), ("pajek", "net")):
        paths[fmt] = out / f"g.{ext}"
        paths[fmt].write_bytes(export_graph(G, fmt).data)
    return paths


def test_graphology_and_cytoscape_read_the_exports(G, files):
    node = shutil.which("node")
    assert node, "node is needed for the JavaScript readers (make setup installs the npm packages)"
    run = subprocess.run([node, str(SCRIPT), str(files["graphml"]), str(files["gexf"]), str(files["cytoscape"])],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    n, m = G.number_of_nodes(), G.number_of_edges()
    assert (seen["graphml"]["nodes"], seen["graphml"]["edges"]) == (n, m)
    assert seen["graphml"]["edgeAttributeTypes"]["evidence"] == "number"
    assert seen["graphml"]["edgeAttributeTypes"]["inferred"] == "boolean"
    assert (seen["gexf"]["nodes"], seen["gexf"]["edges"], seen["gexf"]["drawn"]) == (n, m, n)
    assert seen["cytoscape"] == {"nodes": n, "edges": m, "roundTripEdges": m, "positioned": n}


def test_igraph_reads_graphml_and_pajek(G, files):
    g = igraph.Graph.Read_GraphML(str(files["graphml"]))
    assert (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    assert set(g.es["curie"]) == {str(k) for *_, k in G.edges(keys=True)}
    assert all(isinstance(x, float) for x in g.es["evidence"])  # igraph reads GraphML int as a number
    p = igraph.Graph.Read_Pajek(str(files["pajek"]))
    assert (p.vcount(), p.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    labels = [G.nodes[n]["label"] for n in G]
    assert set(p.vs["name"]) >= {lab for lab in labels if labels.count(lab) == 1}
    assert set(p.es["label"]) == {str(k) for *_, k in G.edges(keys=True)}
    assert len({(x, y) for x, y in zip(p.vs["x"], p.vs["y"], strict=True)}) > 1


def test_vosviewer_quotes_commas_and_semicolons_and_scores_years(dataset):
    H = nx.Graph()
    H.add_node("a", label="trust, credit; risk", year=2019)
    H.add_node("b", label='say "hi"', year=0)
    H.add_edge("a", "b")
    lines = vosviewer_map(prepare(H)).decode().splitlines()
    assert lines[0].split("\t")[-1] == "score<Year>"
    assert '\t"trust, credit; risk"\t' in lines[1] and lines[1].endswith("\t2019")
    assert '\t"say ""hi"""\t' in lines[2] and lines[2].endswith("\t")
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))
    assert rows[0]["label"] == "trust, credit; risk"
    cocited = vosviewer_map(prepare(L.cocitation_graph(dataset))).decode().splitlines()
    assert "score<Year>" in cocited[0].split("\t")
