"""Graph views as GraphML, GEXF, Cytoscape.js JSON, node-link JSON, CSV edge list, Pajek and
VOSviewer map + network files.

``prepare`` makes the export-safe copy every format starts from: attribute values become strings,
numbers or booleans (tuples are joined with spaces, the evidence quotes are reduced to the first
quote), so what is written is exactly what is read back.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass

import networkx as nx

from b2bkg.analytics.communities import partition
from b2bkg.analytics.views import choice

__all__ = ["Export", "GRAPH_FORMATS", "prepare", "export_graph", "vosviewer_map", "vosviewer_network"]


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
    return H


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


def _pajek(H: nx.Graph) -> bytes:
    """Pajek keeps node names and edge weights; the predicate goes in the edge label ``l``."""
    P = nx.MultiDiGraph() if H.is_directed() else nx.MultiGraph()
    P.add_nodes_from(H.nodes)
    for u, v, k, d in _edge_rows(H):
        label = str(k) if k is not None else str(d.get("label", ""))
        P.add_edge(u, v, weight=float(d.get("weight", 1)), l=label)
    return ("\n".join(nx.generate_pajek(P)) + "\n").encode("utf-8")


def _vos_ids(H: nx.Graph) -> dict:
    return {n: i for i, n in enumerate(sorted(H.nodes), start=1)}


def vosviewer_map(H: nx.Graph, seed: int = 42) -> bytes:
    """The VOSviewer map file: id, label, description, url, cluster (Louvain, seeded) and
    weight<Links> (number of linked neighbours), tab-separated with a header."""
    ids = _vos_ids(H)
    M = H if H.is_multigraph() and H.is_directed() else nx.MultiDiGraph(H)
    cluster = {n: i for i, part in enumerate(partition(M, "louvain", seed), start=1) for n in part}
    U = nx.Graph(H)
    out = io.StringIO()
    w = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["id", "label", "description", "url", "cluster", "weight<Links>"])
    for n, i in ids.items():
        d = H.nodes[n]
        w.writerow([i, d.get("label", n), d.get("display_class", ""), d.get("iri", n), cluster.get(n, 1),
                    U.degree(n)])
    return out.getvalue().encode("utf-8")


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
        data = ("\n".join(nx.generate_graphml(H)) + "\n").encode("utf-8")
    elif fmt == "gexf":
        data = ("\n".join(nx.generate_gexf(H)) + "\n").encode("utf-8")
    elif fmt == "cytoscape":
        data = json.dumps(nx.cytoscape_data(H), ensure_ascii=False, indent=1).encode("utf-8")
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
