"""The analyses over a corpus's records (plain dicts, see :mod:`b2bkg.science.corpusdata`) and
over the corpus networks (``b2bkg.corpus.network.Network`` as a dict): each a pure function
returning plain data that the CLI prints and the HTTP API sends as JSON.

Where a network is needed for the whole corpus (clusters, thematic map) it is the corpus
network counted in the store by SPARQL aggregates (issue 12's ``build_network``); what is
counted here in Python is only what that network does not give: per-record item sets for
bursts, co-citation within a time slice (a slice is a few hundred records), the citation links
among records for main paths and the historiograph. A store without that network service (no
corpus import on it) gets :func:`records_network`, the same shape counted from the records.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Mapping

import networkx as nx

from b2bkg.science import mainpath as mp
from b2bkg.science.bursts import bursts
from b2bkg.science.clusterquality import quality
from b2bkg.science.labels import labels
from b2bkg.science.thematic import equivalence_index, thematic_map
from b2bkg.science.timeline import cluster_timeline, historiograph, time_slices

__all__ = ["BURST_UNITS", "NORMALISATIONS", "RECORD_NETWORKS", "burst_table", "cocitation", "records_network",
           "network_graph", "clusters", "main_paths",
           "timeline", "place_outside", "slices", "historiograph_of", "thematic"]

BURST_UNITS = ("references", "keywords", "authors", "sources")


def _items(r: dict, of: str) -> Iterable[str]:
    if of == "references":
        return r.get("references", ())
    if of == "keywords":
        return [k.casefold() for k in (*r.get("keywords", ()), *r.get("indexed", ()))]
    if of == "authors":
        return r.get("authors", ())
    return [r["source"]] if r.get("source") else []


def burst_table(records: list[dict], of: str = "references", *, s: float = 2.0, gamma: float = 1.0,
                min_duration: int = 1, names: Mapping[str, str] | None = None, top: int | None = None) -> list[dict]:
    """Kleinberg bursts of cited references (counted by the citing records' years), keywords
    (author and indexed, casefolded), authors (author keys) or sources, per publication year:
    ``[{label, begin, end, strength, …}]`` strongest first. ``names`` labels the cited works."""
    if of not in BURST_UNITS:
        raise ValueError(f"bursts of {of!r}: choose one of {', '.join(BURST_UNITS)}")
    counts: dict[str, Counter] = {}
    totals: Counter = Counter()
    for r in records:
        if r.get("year") is None:
            continue
        totals[r["year"]] += 1  # d_t: the records of year t (CiteSpace's batch size)
        for item in set(_items(r, of)):
            counts.setdefault(item, Counter())[r["year"]] += 1
    out = []
    for b in bursts(counts, totals, s=s, gamma=gamma, min_duration=min_duration):
        row = b.as_dict()
        if of == "references":
            row["work"] = b.label
            row["label"] = (names or {}).get(b.label, b.label)
        row["count"] = sum(counts[b.label].values())
        out.append(row)
    out.sort(key=lambda x: (-x["strength"], x["begin"], x["label"]))
    return out[:top] if top else out


def cocitation(records: list[dict], min_count: int = 1) -> nx.Graph:
    """Co-citation network of the works the records cite (weight: records citing both), counted
    in Python: used for time slices, whose records are a slice of the corpus."""
    G = nx.Graph()
    cited = Counter(ref for r in records for ref in set(r.get("references", ())))
    for n, c in cited.items():
        if c >= min_count:
            G.add_node(n, occurrences=c)
    for r in records:
        refs = sorted(x for x in set(r.get("references", ())) if cited[x] >= min_count)
        for a, b in itertools.combinations(refs, 2):
            w = G.get_edge_data(a, b, {"weight": 0})["weight"]
            G.add_edge(a, b, weight=w + 1)
    return G


#: the networks :func:`records_network` counts from the records (when the store has no corpus
#: network service): kind -> unit -> the items of one record
RECORD_NETWORKS = {
    "co-citation": {"references": lambda r: r.get("references", ())},
    "keywords": {"author": lambda r: [k.casefold() for k in r.get("keywords", ())],
                 "indexed": lambda r: [k.casefold() for k in r.get("indexed", ())]},
}
NORMALISATIONS = ("none", "association", "cosine", "jaccard", "inclusion")


def _normalise(how: str, c: float, oi: int, oj: int) -> float:
    if how == "association":
        return c / (oi * oj)
    if how == "cosine":
        return c / math.sqrt(oi * oj)
    if how == "jaccard":
        return c / (oi + oj - c)
    if how == "inclusion":
        return c / min(oi, oj)
    return c


def records_network(records: list[dict], kind: str, unit: str, *, counting: str = "full",
                    normalisation: str = "association", min_occurrences: int = 1, top: int = 500,
                    resolution: float = 1.0, seed: int = 42, names: Mapping[str, str] | None = None) -> dict:
    """A co-occurrence network counted from the records, in the shape of the corpus networks
    (``{kind, unit, nodes: [{id, label, occurrences, cluster, avg_year}], links: [{source,
    target, weight, count}], modularity}``): items kept by ``min_occurrences`` then the ``top``
    most frequent; full counting; the same normalisations; seeded Louvain."""
    if kind not in RECORD_NETWORKS or unit not in RECORD_NETWORKS[kind]:
        known = ", ".join(f"{k}/{u}" for k, us in RECORD_NETWORKS.items() for u in us)
        raise ValueError(f"network {kind}/{unit}: counted from the records are {known}")
    if counting != "full":
        raise ValueError("fractional counting needs the corpus networks of the store")
    if normalisation not in NORMALISATIONS:
        raise ValueError(f"unknown normalisation {normalisation!r}; known: {', '.join(NORMALISATIONS)}")
    items_of = RECORD_NETWORKS[kind][unit]
    sets = [(r, sorted(set(items_of(r)))) for r in records]
    occ = Counter(i for _, items in sets for i in items)
    kept = [i for i, n in sorted(occ.items(), key=lambda kv: (-kv[1], kv[0])) if n >= min_occurrences][:top]
    keep = set(kept)
    pairs: Counter = Counter()
    years: dict[str, list[int]] = {}
    for r, items in sets:
        mine = [i for i in items if i in keep]
        pairs.update(itertools.combinations(mine, 2))
        if r.get("year") is not None:
            for i in mine:
                years.setdefault(i, []).append(r["year"])
    G = nx.Graph()
    G.add_nodes_from(kept)
    for (a, b), c in pairs.items():
        G.add_edge(a, b, weight=_normalise(normalisation, c, occ[a], occ[b]), count=c)
    cluster: dict[str, int] = {}
    modularity = None
    if G.number_of_edges():
        parts = nx.community.louvain_communities(G, weight="weight", resolution=resolution, seed=seed)
        parts = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
        cluster = {m: k for k, p in enumerate(parts, start=1) for m in p}
        modularity = round(nx.community.modularity(G, parts, weight="weight", resolution=resolution), 4)
    else:
        cluster = {m: k for k, m in enumerate(sorted(kept), start=1)}
    if kind == "co-citation":  # a cited work's own year, not its citers'
        years = {}
    nodes = [{"id": i, "label": (names or {}).get(i, i), "occurrences": occ[i], "links": G.degree(i),
              "total_link_strength": sum(d["count"] for _, _, d in G.edges(i, data=True)), "cluster": cluster[i],
              "avg_year": round(sum(years[i]) / len(years[i]), 2) if years.get(i) else None} for i in kept]
    nodes.sort(key=lambda n: (n["cluster"], -n["occurrences"], n["id"]))
    links = sorted(({"source": min(a, b), "target": max(a, b), "weight": round(d["weight"], 6), "count": d["count"]}
                    for a, b, d in G.edges(data=True)), key=lambda e: (-e["weight"], e["source"], e["target"]))
    return {"kind": kind, "unit": unit, "counting": counting, "normalisation": normalisation,
            "items_total": len(occ), "clusters": len(set(cluster.values())), "modularity": modularity,
            "nodes": nodes, "links": links, "counted": "records"}


def network_graph(network: Mapping, weight: str = "weight") -> tuple[nx.Graph, dict[str, int]]:
    """The undirected graph and the membership of a corpus network (``Network.as_dict()``);
    ``weight`` ``weight`` (normalised) or ``count`` (raw co-occurrences)."""
    G = nx.Graph()
    for n in network["nodes"]:
        G.add_node(n["id"], label=n["label"], occurrences=n["occurrences"])
    for e in network["links"]:
        G.add_edge(e["source"], e["target"], weight=float(e[weight]))
    return G, {n["id"]: n["cluster"] for n in network["nodes"]}


def clusters(network: Mapping, documents_of: Mapping[str, Iterable[str]], records: list[dict], *,
             top: int = 5, members: int = 10) -> dict:
    """Quality and labels of a corpus network's clustering: ``{modularity, silhouette,
    clusters: [{id, size, silhouette, labels: [{term, score, method}], members}]}``.

    Modularity and silhouettes are computed on the network's weights (those its Louvain
    clustering optimised); labels from the titles, abstracts and keywords of the documents
    behind each cluster's items (``documents_of``: item -> documents; for co-citation, the
    records citing the reference)."""
    G, membership = network_graph(network)
    base = {"kind": network.get("kind"), "unit": network.get("unit"), "normalisation": network.get("normalisation"),
            "nodes": G.number_of_nodes(), "links": G.number_of_edges()}
    if not G.number_of_edges():
        return {**base, "modularity": None, "silhouette": None, "clusters": []}
    q = quality(G, membership)
    groups: dict[int, list[str]] = {}
    for n in sorted(G, key=lambda n: (-G.nodes[n]["occurrences"], n)):
        groups.setdefault(membership[n], []).append(n)
    citing = {c: sorted({d for n in ns for d in documents_of.get(n, ())}) for c, ns in groups.items()}
    used = {d for ds in citing.values() for d in ds}
    texts = {r["work"]: [r.get("title") or "", r.get("abstract") or ""] for r in records if r["work"] in used}
    kws = {r["work"]: [*r.get("keywords", ()), *r.get("indexed", ())] for r in records if r["work"] in used}
    labs = labels(citing, texts, keywords=kws, top=top)
    out = {**base, **q.as_dict()}
    for c in out["clusters"]:
        c["labels"] = [x.as_dict() for x in labs.get(c["id"], [])]
        c["documents"] = len(citing.get(c["id"], ()))
        c["members"] = [{"id": n, "label": G.nodes[n]["label"], "occurrences": G.nodes[n]["occurrences"]}
                        for n in groups[c["id"]][:members]]
    return out


def main_paths(records: list[dict], *, weight: str = "spc", key_routes: int = 1) -> dict:
    """Local, global and key-route main paths of the records' direct-citation network (a record
    citing another record of the corpus): ``{weight, paths: [[{work, label, year, spc, arc}]],
    global, key_route, dropped}``; ``spc`` the node's search path count (paths through it),
    ``arc`` the weight of the arc to the next work on the path."""
    if weight not in mp.WEIGHTS:
        raise ValueError(f"main path weight {weight!r}: choose one of {', '.join(mp.WEIGHTS)}")
    if key_routes < 1:
        raise ValueError("key routes: at least 1")
    ids = {r["work"]: r for r in records}
    citations = [(r["work"], ref) for r in records for ref in r.get("references", ()) if ref in ids]
    G, dropped = mp.citation_dag(citations, {w: r.get("year") for w, r in ids.items()})
    base = {"weight": weight, "nodes": G.number_of_nodes(), "arcs": G.number_of_edges(),
            "dropped": [{"citing": a, "cited": b, "reason": why} for a, b, why in dropped]}
    if not G.number_of_edges():
        return {**base, "paths": [], "global": [], "key_route": []}
    w = mp.WEIGHTS[weight](G)
    before, after = mp.traversal_counts(G)

    def listed(path: list[str]) -> list[dict]:
        return [{"work": n, "label": ids[n].get("label") or ids[n].get("title") or n, "title": ids[n].get("title", ""),
                 "year": ids[n].get("year"), "spc": before[n] * after[n],
                 "arc": w[(n, path[i + 1])] if i + 1 < len(path) else None} for i, n in enumerate(path)]

    return {**base, "paths": [listed(p) for p in mp.local_main_path(G, w)],
            "global": listed(mp.global_main_path(G, w)),
            "key_route": [listed(p) for p in mp.key_route(G, key_routes, w)]}


def timeline(network: Mapping, records: list[dict], marked: Mapping[str, list[str]] | None = None) -> dict:
    """When each cluster of a co-citation network was cited (CiteSpace's timeline view): per
    cluster the citations its members received per citing year, the members with their own
    publication year, and which members the curated papers cite (``marked``: work -> papers)."""
    G, membership = network_graph(network)
    marked = marked or {}
    rows = cluster_timeline(records, membership, marked)
    years = {n["id"]: n.get("avg_year") for n in network["nodes"]}
    by_cluster: dict[int, list[dict]] = {}
    for n in sorted(network["nodes"], key=lambda n: (-n["occurrences"], n["id"])):
        by_cluster.setdefault(n["cluster"], []).append(
            {"id": n["id"], "label": n["label"], "year": years.get(n["id"]), "occurrences": n["occurrences"],
             "cited_by_papers": marked.get(n["id"], [])})
    for row in rows:
        row["members"] = by_cluster.get(row["cluster"], [])
        row["size"] = len(row["members"])
    seed = [{"id": w, "cluster": membership[w], "label": G.nodes[w]["label"], "papers": p}
            for w, p in sorted(marked.items()) if w in membership]
    return {"clusters": rows, "seed_references": seed,
            "seed_references_outside": sorted(w for w in marked if w not in membership)}


def place_outside(outside: list[str], info: Mapping[str, Mapping], marked: Mapping[str, list[str]]) -> list[dict]:
    """The curated papers' references that are in no cluster, on the time axis by their own
    publication year (a lane of their own): ``[{id, label, year, papers}]`` by year."""
    rows = [{"id": w, "label": info.get(w, {}).get("label", w), "year": info.get(w, {}).get("year"),
             "papers": marked.get(w, [])} for w in outside]
    return sorted(rows, key=lambda r: (r["year"] is None, r["year"] or 0, r["label"]))


def slices(records: list[dict], years_per_slice: int = 1, *, top: int = 50, first: int | None = None,
           last: int | None = None, names: Mapping[str, str] | None = None, seed: int = 42) -> list[dict]:
    """CiteSpace's time slicing: for each slice of ``years_per_slice`` years, the co-citation
    network of the ``top`` references most cited by that slice's records (nodes, links, Louvain
    modularity, the most cited references)."""
    years = [r["year"] for r in records if r.get("year") is not None]
    if not years:
        return []
    first = min(years) if first is None else first
    last = max(years) if last is None else last
    out = []
    for begin, end in time_slices(first, last, years_per_slice):
        chosen = [r for r in records if r.get("year") is not None and begin <= r["year"] <= end]
        cited = Counter(ref for r in chosen for ref in set(r.get("references", ())))
        keep = {w for w, _ in sorted(cited.items(), key=lambda kv: (-kv[1], kv[0]))[:top]}
        G = cocitation([{**r, "references": [x for x in r.get("references", ()) if x in keep]} for r in chosen])
        q = None
        if G.number_of_edges():
            parts = nx.community.louvain_communities(G, weight="weight", seed=seed)
            q = round(nx.community.modularity(G, parts, weight="weight"), 4)
        most = sorted(keep, key=lambda w: (-cited[w], w))[:10]
        out.append({"begin": begin, "end": end, "records": len(chosen), "nodes": G.number_of_nodes(),
                    "links": G.number_of_edges(), "modularity": q,
                    "top": [{"id": w, "label": (names or {}).get(w, w), "count": cited[w]} for w in most]})
    return out


def historiograph_of(records: list[dict], top: int = 20) -> dict:
    """Garfield's historiograph of the records (the ``top`` most locally cited, their links)."""
    h = historiograph(records, top)
    labels_of = {r["work"]: r.get("label") or r.get("title") or r["work"] for r in records}
    for n in h["nodes"]:
        n["label"] = labels_of.get(n["work"], n["work"])
    return h


def thematic(network: Mapping) -> list[dict]:
    """Cobo et al.'s thematic map of a keyword co-occurrence network (its clusters as themes):
    Callon centrality and density on the equivalence index of the raw co-occurrences, each theme
    named by its most linked keyword and placed in its quadrant, with its top keywords."""
    G, membership = network_graph(network, weight="count")
    if not G.number_of_nodes():
        return []
    occ = {n: G.nodes[n]["occurrences"] for n in G}
    E = equivalence_index(G, occ)
    rows = thematic_map(E, membership)
    by: dict[int, list[str]] = {}
    for n in sorted(G, key=lambda n: (-occ[n], n)):
        by.setdefault(membership[n], []).append(n)
    for r in rows:
        r["keywords"] = [{"label": G.nodes[n]["label"], "occurrences": occ[n]} for n in by[r["cluster"]][:10]]
        r["occurrences"] = sum(occ[n] for n in by[r["cluster"]])
    return rows
