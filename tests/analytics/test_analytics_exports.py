"""Every export read back with a real reader and compared with its source.

Graphs: networkx's GraphML, GEXF, Pajek, Cytoscape.js and node-link readers, the csv module for the
edge list and the VOSviewer files. References: bibtexparser, rispy, citeproc-py (CSL-JSON).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter

import bibtexparser
import networkx as nx
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from b2bkg.analytics import bipartite_graph
from b2bkg.analytics import literature as L
from b2bkg.analytics.readwrite import GRAPH_FORMATS, REFERENCE_FORMATS, export_graph, export_references, prepare
from b2bkg.analytics.readwrite.references import to_csl
from b2bkg.errors import BadRequest

KG = "https://w3id.org/b2bkg/id/"


@pytest.fixture(scope="module", params=["graph", "cocitation", "tool-mechanism"])
def view(request, G, dataset):
    if request.param == "graph":
        return G
    if request.param == "cocitation":
        return L.cocitation_graph(dataset)
    return bipartite_graph(G, request.param)


def edge_multiset(H):
    if H.is_multigraph():
        return Counter((u, v, str(k)) for u, v, k in H.edges(keys=True))
    return Counter(tuple(sorted((u, v))) if not H.is_directed() else (u, v) for u, v in H.edges())


def test_graphml_round_trip(view):
    H = prepare(view)
    R = nx.read_graphml(io.BytesIO(export_graph(view, "graphml").data), force_multigraph=H.is_multigraph())
    assert set(R.nodes) == set(H.nodes)
    for n in H:
        assert R.nodes[n] == H.nodes[n]
    # every edge has its own id (strict readers refuse repeated ids); the predicate is in ``curie``
    ids = [k for *_, k in R.edges(keys=True)] if R.is_multigraph() else [d["id"] for *_, d in R.edges(data=True)]
    assert len(set(ids)) == len(ids) == H.number_of_edges()
    if H.is_multigraph():
        assert Counter((u, v, d["curie"]) for u, v, d in R.edges(data=True)) == edge_multiset(H)
        by_curie = {(u, v, d["curie"]): {k: x for k, x in d.items() if k != "curie"} for u, v, d in R.edges(data=True)}
        for u, v, k, d in H.edges(keys=True, data=True):
            assert by_curie[(u, v, str(k))] == d
    else:
        assert edge_multiset(nx.Graph(R) if not H.is_directed() else R) == edge_multiset(H)


def test_graphml_attributes_are_typed(view):
    text = export_graph(view, "graphml").data.decode()
    types = dict(re.findall(r'attr.name="([^"]+)" attr.type="([^"]+)"', text))
    H = prepare(view)
    for *_, d in (H.edges(keys=True, data=True) if H.is_multigraph() else H.edges(data=True)):
        for k, v in d.items():
            expected = {bool: "boolean", int: "int", float: "double", str: "string"}[type(v)]
            assert types[k] == expected, k
    if "evidence" in types:
        assert types["evidence"] == "int"
    if "inferred" in types:
        assert types["inferred"] == "boolean"
    if "year" in types:
        assert types["year"] == "int"


def test_gexf_round_trip(view):
    H = prepare(view)
    R = nx.read_gexf(io.BytesIO(export_graph(view, "gexf").data))
    assert set(R.nodes) == set(H.nodes)
    for n in H:
        assert R.nodes[n]["label"] == H.nodes[n].get("label", n)
        assert R.nodes[n].get("display_class") == H.nodes[n].get("display_class")
    pairs = Counter((u, v) if H.is_directed() else tuple(sorted((u, v))) for u, v in H.edges())
    got = Counter((u, v) if H.is_directed() else tuple(sorted((u, v))) for u, v in R.edges())
    assert got == pairs
    if H.is_multigraph():
        assert Counter(d["predicate"] for *_, d in R.edges(data=True)) == Counter(
            d["predicate"] for *_, d in H.edges(data=True))


def test_cytoscape_round_trip(view):
    H = prepare(view)
    data = json.loads(export_graph(view, "cytoscape").data)
    R = nx.cytoscape_graph(data)
    assert set(R.nodes) == set(H.nodes)
    for n in H:
        assert {k: v for k, v in R.nodes[n].items() if k not in ("id", "name", "value", "colour", "size")} == H.nodes[n]
    assert Counter((u, v) for u, v in R.edges()) == Counter((u, v) for u, v in H.edges())
    assert isinstance(data["data"], dict)
    ids = [e["data"]["id"] for e in data["elements"]["edges"]]
    assert len(set(ids)) == len(ids) == H.number_of_edges()
    assert not set(ids) & {n["data"]["id"] for n in data["elements"]["nodes"]}
    assert all(isinstance(n["position"]["x"], float) for n in data["elements"]["nodes"])


def test_node_link_round_trip(view):
    H = prepare(view)
    R = nx.node_link_graph(json.loads(export_graph(view, "node-link").data), edges="edges")
    assert nx.utils.graphs_equal(R, H)


def test_csv_edge_list_round_trip(view):
    H = prepare(view)
    rows = list(csv.DictReader(io.StringIO(export_graph(view, "csv").data.decode("utf-8"))))
    assert len(rows) == H.number_of_edges()
    for row in rows:
        key = row["key"] if H.is_multigraph() else None
        d = H.get_edge_data(row["source"], row["target"], key) if key else H.get_edge_data(row["source"], row["target"])
        assert d is not None
        assert row["label"] == str(d.get("label", ""))
        assert row["source_label"] == H.nodes[row["source"]].get("label", row["source"])
        if "evidence" in d:
            assert int(row["evidence"]) == d["evidence"]


def test_pajek_round_trip(view, tmp_path):
    H = prepare(view)
    path = tmp_path / "g.net"
    path.write_bytes(export_graph(view, "pajek").data)
    R = nx.read_pajek(path)
    # vertices are named by label (unique: a shared label gets the CURIE), at the layout's coordinates
    label = {n: R_name for n, R_name in zip(sorted(H.nodes, key=str), _pajek_names(path), strict=True)}
    assert set(R.nodes) == set(label.values()) and len(set(label.values())) == len(H)
    for n in H:
        assert label[n].startswith(" ".join(str(H.nodes[n].get("label", n)).replace('"', "'").split()))
        x, y = float(R.nodes[label[n]]["x"]), float(R.nodes[label[n]]["y"])
        assert 0 <= x <= 1 and 0 <= y <= 1
    if len(H) > 2:
        assert len({(R.nodes[v]["x"], R.nodes[v]["y"]) for v in R}) > 1
    if H.is_multigraph():
        assert Counter((u, v, d["l"]) for u, v, d in R.edges(data=True)) == Counter(
            (label[u], label[v], str(k)) for u, v, k in H.edges(keys=True))
    else:
        assert Counter(tuple(sorted((u, v))) for u, v in R.edges()) == Counter(
            tuple(sorted((label[u], label[v]))) for u, v in H.edges())


def _pajek_names(path) -> list[str]:
    import shlex

    lines = path.read_text(encoding="utf-8").splitlines()
    n = int(lines[0].split()[1])
    return [shlex.split(line)[1] for line in lines[1:n + 1]]


def test_vosviewer_map_and_network(view):
    H = prepare(view)
    zipped = zipfile.ZipFile(io.BytesIO(export_graph(view, "vosviewer").data))
    assert sorted(zipped.namelist()) == ["map.txt", "network.txt"]
    rows = list(csv.DictReader(io.StringIO(zipped.read("map.txt").decode("utf-8")), delimiter="\t"))
    assert zipped.read("map.txt") == export_graph(view, "vosviewer-map").data
    by_id = {int(r["id"]): r for r in rows}
    assert sorted(by_id) == list(range(1, H.number_of_nodes() + 1))
    assert {r["url"] for r in rows} == {H.nodes[n].get("iri", n) for n in H}
    iri = {i: r["url"] for i, r in by_id.items()}
    U = nx.Graph(H)
    for r in rows:
        assert int(r["weight<Links>"]) == U.degree(r["url"]) and int(r["cluster"]) >= 1
    links = [line.split("\t") for line in zipped.read("network.txt").decode().splitlines()]
    assert {tuple(sorted((iri[int(a)], iri[int(b)]))) for a, b, _ in links} == {
        tuple(sorted(e)) for e in U.edges() if e[0] != e[1]}
    strength = sum(float(s) for *_, s in links)
    assert strength == sum(float(d.get("weight", 1)) for *_, d in H.edges(data=True))


def test_every_graph_format_is_tested_and_unknown_is_named(G):
    assert set(GRAPH_FORMATS) == {"graphml", "gexf", "cytoscape", "node-link", "csv", "pajek",
                                  "vosviewer-map", "vosviewer-network", "vosviewer"}
    with pytest.raises(BadRequest, match="'format' must be one of graphml, gexf"):
        export_graph(G, "dot")


def test_exports_are_byte_stable(G):
    for fmt in GRAPH_FORMATS:
        assert export_graph(G, fmt).data == export_graph(G, fmt).data


# -- references -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def refs(dataset):
    return L.references(dataset)


def test_bibtex_round_trip(refs):
    lib = bibtexparser.parse_string(export_references(refs, "bibtex").data.decode("utf-8"))
    assert not lib.failed_blocks
    entries = {e.key: e for e in lib.entries}
    assert sorted(entries) == sorted(f"ref{r.number}" for r in refs)
    for r in refs:
        e = entries[f"ref{r.number}"]
        assert e["title"] == r.title and e["year"] == str(r.year)
    r3 = entries["ref3"]
    assert r3.entry_type == "article" and r3["journal"] == "经济研究" and r3["pages"] == "124--140"
    assert r3["author"] == "{李小平} and {余娟娟}"
    assert entries["ref4"].entry_type == "phdthesis" and entries["ref4"]["school"] == "南开大学"
    assert entries["ref1"].entry_type == "techreport" and entries["ref1"]["author"] == "{商务部国际贸易经济合作研究院}"
    assert entries["ref5"]["author"] == "Coase, R.H." and entries["ref5"]["doi"] == refs[4].doi


def test_ris_round_trip(refs):
    entries = rispy.loads(export_references(refs, "ris").data.decode("utf-8"))
    assert [e["id"] for e in entries] == [f"ref{r.number}" for r in refs]
    by_id = {e["id"]: e for e in entries}
    for r in refs:
        e = by_id[f"ref{r.number}"]
        assert e["title"] == r.title and e["year"] == str(r.year)
        assert len(e.get("authors", [])) == len(r.authors)
    assert by_id["ref3"]["type_of_reference"] == "JOUR" and by_id["ref3"]["secondary_title"] == "经济研究"
    assert (by_id["ref3"]["start_page"], by_id["ref3"]["end_page"]) == ("124", "140")
    assert by_id["ref4"]["type_of_reference"] == "THES" and by_id["ref1"]["type_of_reference"] == "RPRT"
    assert by_id["ref5"]["authors"] == ["Coase, R.H."] and by_id["ref5"]["doi"] == refs[4].doi


CSL_TYPES = {"article-journal", "book", "thesis", "report", "document"}  # the subset we produce
CSL_NAME_KEYS = {"family", "given", "literal"}


def test_csl_json_shape_and_citeproc(refs):
    items = json.loads(export_references(refs, "csl-json").data)
    assert items == to_csl(refs)
    for item in items:
        assert isinstance(item["id"], str) and item["type"] in CSL_TYPES and isinstance(item["title"], str)
        for name in item.get("author", []):
            assert set(name) <= CSL_NAME_KEYS and name
        if "issued" in item:
            [[year]] = item["issued"]["date-parts"]
            assert isinstance(year, int)
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    text = "\n".join(str(b) for b in bib.bibliography())
    for r in refs:
        assert r.title in text
    assert "Coase" in text and "1937" in text


def test_reference_formats_and_unknown(refs):
    assert set(REFERENCE_FORMATS) == {"bibtex", "ris", "csl-json"}
    with pytest.raises(BadRequest, match="'format' must be one of bibtex, ris, csl-json"):
        export_references(refs, "endnote")
