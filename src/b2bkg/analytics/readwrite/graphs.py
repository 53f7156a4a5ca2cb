"""Graph views as GraphML, GEXF, Cytoscape.js JSON, node-link JSON, CSV edge list, Pajek and
VOSviewer map + network files.

``prepare`` makes the export-safe copy every format starts from: attribute values become strings,
numbers or booleans (tuples are joined with spaces, the evidence quotes are reduced to the first
quote, an attribute whose every value reads as an integer, a number or a boolean becomes one), so
what is written is exactly what is read back, typed.

What strict readers need: GraphML edges get unique ids (``e1`` …; the predicate stays in
``predicate`` and ``curie``); Cytoscape.js JSON has ``data`` as an object and ``data.id`` on every
edge (``cy.json()`` round-trips it); GEXF carries ``viz:`` position, size and colour (the
explorer's seeded layout, PageRank sizes and legend colours); Pajek names vertices by label with
the layout's coordinates; VOSviewer quotes labels holding a comma or semicolon and adds
``score<Year>`` when the nodes have years.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass

import networkx as nx

from b2bkg.analytics.communities import partition
from b2bkg.analytics.views import choice
from b2bkg.readmodel.layout import positions
from b2bkg.readmodel.legend import group_for_types

__all__ = ["Export", "GRAPH_FORMATS", "prepare", "export_graph", "vosviewer_map", "vosviewer_network", "drawing"]


@dataclass(frozen=True)
class Export:
    data: bytes
    media_type: str
    extension: str


#: format -> (media type, file extension)
GRAPH_FORMATS: dict[str, tuple[str, str]] = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "cytoscape": ("application/json", "cyjs"),
    "node-link": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "pajek": ("text/plain; charset=utf-8", "net"),
    "vosviewer-map": ("text/tab-separated-values; charset=utf-8", "map.txt"),
    "vosviewer-network": ("text/tab-separated-values; charset=utf-8", "network.txt"),
    "vosviewer": ("application/zip", "vosviewer.zip"),
}


def _scalar(value):
    if isinstance(value, bool | int | float | str):
        return value
    if value is None:
        return None
    if isinstance(value, tuple | list | set | frozenset):
        return " ".join(str(v) for v in value)
    return str(value)


def prepare(G: nx.Graph) -> nx.Graph:
    """An export-safe copy of ``G`` (same class, same nodes, edges and keys; scalar attributes).

    >>> H = prepare(nx.MultiDiGraph([("a", "b", {"quotes": (("q", "1-1", "1"),), "evidence": 1})]))
    >>> sorted(H.edges["a", "b", 0].items())
    [('evidence', 1), ('quote', 'q')]
    """
    H = G.__class__()
    H.graph.update({k: v for k, v in ((k, _scalar(v)) for k, v in G.graph.items()) if v is not None})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: s for k, s in ((k, _scalar(v)) for k, v in d.items()) if s is not None})
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, k, d in edges:
        attrs = {}
        for key, value in d.items():
            if key == "quotes":
                if value:
                    attrs["quote"] = value[0][0]
                continue
            s = _scalar(value)
            if s is not None:
                attrs[key] = s
        if G.is_multigraph():
            H.add_edge(u, v, key=k, **attrs)
        else:
            H.add_edge(u, v, **attrs)
    _type_attributes(H.nodes[n] for n in H)
    _type_attributes(d for *_, d in (H.edges(keys=True, data=True) if H.is_multigraph() else H.edges(data=True)))
    return H


_INT = re.compile(r"-?(0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(r"-?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?")
_NOT_TYPED = {"id", "iri", "curie", "label", "label_zh", "predicate", "key"}


def _type_attributes(records) -> None:
    """In place: an attribute whose every string value reads as an integer becomes ``int``, as a
    decimal number ``float``, as ``true``/``false`` ``bool`` (a year stays a year, a share a
    number); mixed or other attributes stay strings."""
    records = list(records)
    values: dict[str, list] = {}
    for d in records:
        for k, v in d.items():
            values.setdefault(k, []).append(v)
    for key, vals in values.items():
        if key in _NOT_TYPED or not all(isinstance(v, str) for v in vals):
            continue
        if all(_INT.fullmatch(v) for v in vals):
            convert = int
        elif all(_FLOAT.fullmatch(v) for v in vals):
            convert = float
        elif all(v in ("true", "false") for v in vals):
            convert = "true".__eq__
        else:
            continue
        for d in records:
            if key in d:
                d[key] = convert(d[key])


def drawing(H: nx.Graph, seed: int = 42) -> dict[str, dict]:
    """Per node: ``x``, ``y`` (the explorer's seeded layout, pixels), ``size`` (10–50 by
    PageRank, as the explorer's default sizes) and ``colour`` (its legend group, ``#rrggbb``)."""
    nodes = sorted(H.nodes, key=str)
    pos = positions(nodes, sorted({(u, v) for u, v, *_ in H.edges()}, key=str), seed=seed)
    rank = nx.pagerank(nx.DiGraph(H) if H.is_directed() else nx.Graph(H)) if len(H) else {}
    top = max(rank.values(), default=1) or 1
    out = {}
    for n in nodes:
        d = H.nodes[n]
        types = str(d.get("types", "")).split() + [str(d.get("display_class", ""))]
        out[n] = {"x": pos[n][0], "y": pos[n][1], "size": round(10 + 40 * math.sqrt(rank.get(n, 0) / top), 2),
                  "colour": group_for_types(t for t in types if t).colour}
    return out


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def _graphml(H: nx.Graph) -> bytes:
    """GraphML with one unique id per edge (``e1`` …) and typed keys (``int``, ``double``, ``boolean``)."""
    M = (nx.MultiDiGraph() if H.is_directed() else nx.MultiGraph())
    M.graph.update(H.graph)
    M.add_nodes_from(H.nodes(data=True))
    for i, (u, v, k, d) in enumerate(_edge_rows(H), start=1):
        attrs = dict(d)
        if k is not None:
            attrs.setdefault("curie", str(k))
        M.add_edge(u, v, key=f"e{i}", **attrs)
    text = "\n".join(nx.generate_graphml(M)) + "\n"
    return text.replace('attr.type="long"', 'attr.type="int"').encode("utf-8")


def _gexf(H: nx.Graph) -> bytes:
    """GEXF 1.2 with ``viz:position``, ``viz:size`` and ``viz:color`` on every node."""
    V = H.copy()
    for n, draw in drawing(H).items():
        V.nodes[n]["viz"] = {"position": {"x": draw["x"], "y": -draw["y"], "z": 0.0}, "size": draw["size"],
                             "color": {**_rgb(draw["colour"]), "a": 1.0}}
    return ("\n".join(nx.generate_gexf(V)) + "\n").encode("utf-8")


def _cytoscape(H: nx.Graph) -> bytes:
    """Cytoscape.js JSON: top-level ``data`` an object, nodes with ``position``, every edge with a
    unique ``data.id`` (``e1`` …) so that ``cy.json(d)`` keeps all of them."""
    data = nx.cytoscape_data(H)
    data["data"] = dict(H.graph)
    draw = drawing(H)
    for node in data["elements"]["nodes"]:
        d = draw[node["data"]["value"]]
        node["position"] = {"x": d["x"], "y": d["y"]}
        node["data"]["colour"] = d["colour"]
        node["data"]["size"] = d["size"]
    order = {(u, v, None if k is None else str(k)): i for i, (u, v, k, _) in enumerate(_edge_rows(H), start=1)}
    for edge in data["elements"]["edges"]:
        ed = edge["data"]
        key = ed.get("key")
        ed["id"] = f"e{order[(ed['source'], ed['target'], None if key is None else str(key))]}"
    data["elements"]["edges"].sort(key=lambda e: int(e["data"]["id"][1:]))
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _edge_rows(H: nx.Graph):
    if H.is_multigraph():
        yield from sorted(H.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    else:
        yield from ((u, v, None, d) for u, v, d in sorted(H.edges(data=True), key=lambda e: (e[0], e[1])))


def _csv(H: nx.Graph) -> bytes:
    rows = list(_edge_rows(H))
    extra = sorted({k for *_, d in rows for k in d} - {"label"})
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["source", "target", "key", "label", "source_label", "target_label", *extra])
    for u, v, k, d in rows:
        w.writerow([u, v, "" if k is None else k, d.get("label", ""), H.nodes[u].get("label", u),
                    H.nodes[v].get("label", v), *(d.get(x, "") for x in extra)])
    return out.getvalue().encode("utf-8")


def _pajek_text(s: str) -> str:
    return '"' + " ".join(s.replace('"', "'").split()) + '"'


def _pajek(H: nx.Graph) -> bytes:
    """Pajek: vertices by label (made unique with the CURIE where two share one) with the layout's
    coordinates scaled to [0, 1]; arcs (directed) or edges with weight and the predicate as ``l``."""
    nodes = sorted(H.nodes, key=str)
    ids = {n: i for i, n in enumerate(nodes, start=1)}
    labels = {n: str(H.nodes[n].get("label") or n) for n in nodes}
    seen: dict[str, int] = {}
    for lab in labels.values():
        seen[lab] = seen.get(lab, 0) + 1
    labels = {n: lab if seen[lab] == 1 else f"{lab} [{H.nodes[n].get('curie', n)}]" for n, lab in labels.items()}
    draw = drawing(H)
    xs = [d["x"] for d in draw.values()] or [0.0]
    ys = [d["y"] for d in draw.values()] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    lines = [f"*Vertices {len(nodes)}"]
    for n in nodes:
        x = 0.05 + 0.9 * (draw[n]["x"] - min(xs)) / span
        y = 0.05 + 0.9 * (draw[n]["y"] - min(ys)) / span
        lines.append(f"{ids[n]} {_pajek_text(labels[n])} {x:.4f} {y:.4f} ellipse")
    lines.append("*Arcs" if H.is_directed() else "*Edges")
    for u, v, k, d in _edge_rows(H):
        label = str(k) if k is not None else str(d.get("label", ""))
        weight = float(d.get("weight", 1))
        lines.append(f"{ids[u]} {ids[v]} {weight:g}" + (f" l {_pajek_text(label)}" if label else ""))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _vos_ids(H: nx.Graph) -> dict:
    return {n: i for i, n in enumerate(sorted(H.nodes), start=1)}


def _vos_field(value) -> str:
    """A VOSviewer map field: quoted when it holds a comma, semicolon, quote or tab (the format's rule)."""
    s = " ".join(str(value).split())
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',;"\t') else s


def _year(d: dict):
    for key in ("year", "b2b:year"):
        value = d.get(key)
        if isinstance(value, int) and value > 0:
            return value
        if isinstance(value, str) and value[:4].isdigit():
            return int(value[:4])
    return None


def vosviewer_map(H: nx.Graph, seed: int = 42) -> bytes:
    """The VOSviewer map file: id, label, description, url, x, y (the layout), cluster (Louvain,
    seeded), weight<Links> (number of linked neighbours) and, when any node has a year,
    score<Year> (for overlay maps; empty for nodes without one); tab-separated with a header."""
    ids = _vos_ids(H)
    M = H if H.is_multigraph() and H.is_directed() else nx.MultiDiGraph(H)
    cluster = {n: i for i, part in enumerate(partition(M, "louvain", seed), start=1) for n in part}
    U = nx.Graph(H)
    draw = drawing(H, seed)
    years = {n: _year(H.nodes[n]) for n in H}
    with_years = any(y is not None for y in years.values())
    head = ["id", "label", "description", "url", "x", "y", "cluster", "weight<Links>"]
    lines = ["\t".join(head + (["score<Year>"] if with_years else []))]
    for n, i in ids.items():
        d = H.nodes[n]
        row = [i, d.get("label", n), d.get("display_class", ""), d.get("iri", n),
               f"{draw[n]['x'] / 100:.4f}", f"{-draw[n]['y'] / 100:.4f}", cluster.get(n, 1), U.degree(n)]
        if with_years:
            row.append("" if years[n] is None else years[n])
        lines.append("\t".join(_vos_field(v) for v in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def vosviewer_network(H: nx.Graph) -> bytes:
    """The VOSviewer network file: one line per linked pair, ``id1 id2 strength`` (strength = sum
    of the pair's edge weights, 1 per edge without weight), no header."""
    ids = _vos_ids(H)
    strength: dict[tuple[int, int], float] = {}
    for u, v, _, d in _edge_rows(H):
        if u == v:
            continue
        a, b = sorted((ids[u], ids[v]))
        strength[(a, b)] = strength.get((a, b), 0) + float(d.get("weight", 1))
    lines = [f"{a}\t{b}\t{s:g}" for (a, b), s in sorted(strength.items())]
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))  # byte-stable archive
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def export_graph(G: nx.Graph, fmt: str) -> Export:
    """``G`` written in ``fmt`` (one of ``GRAPH_FORMATS``).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="b2b:enables", label="enables")
    >>> out = export_graph(G, "csv")
    >>> out.data.decode().splitlines()[1]
    'a,b,b2b:enables,enables,a,b'
    """
    fmt = choice(fmt, "format", GRAPH_FORMATS)
    media, ext = GRAPH_FORMATS[fmt]
    H = prepare(G)
    if fmt == "graphml":
        data = _graphml(H)
    elif fmt == "gexf":
        data = _gexf(H)
    elif fmt == "cytoscape":
        data = _cytoscape(H)
    elif fmt == "node-link":
        data = json.dumps(nx.node_link_data(H, edges="edges"), ensure_ascii=False, indent=1).encode("utf-8")
    elif fmt == "csv":
        data = _csv(H)
    elif fmt == "pajek":
        data = _pajek(H)
    elif fmt == "vosviewer-map":
        data = vosviewer_map(H)
    elif fmt == "vosviewer-network":
        data = vosviewer_network(H)
    else:
        data = _zip({"map.txt": vosviewer_map(H), "network.txt": vosviewer_network(H)})
    return Export(data, media, ext)
