"""The analyses over a corpus's records (plain dicts from :func:`b2bkg.science.sources.records`):
each a function ``records -> plain data`` the CLI prints as JSON.

Networks here are counted from the records in Python (co-citation: two works cited by one
record; direct citation: a record citing another record); communities are networkx's seeded
Louvain.
"""

from __future__ import annotations

import itertools
from collections import Counter

import networkx as nx

from b2bkg.science import mainpath as mp
from b2bkg.science.bursts import bursts
from b2bkg.science.clusterquality import quality
from b2bkg.science.labels import labels
from b2bkg.science.tagging import Tag, Thesaurus, tag_records

__all__ = ["BURST_UNITS", "burst_table", "cocitation", "clusters", "main_paths", "tags"]

BURST_UNITS = ("references", "keywords", "authors", "sources")


def _titles(records: list[dict]) -> dict[str, dict]:
    return {r["work"]: r for r in records}


def burst_table(records: list[dict], of: str = "references", *, s: float = 2.0, gamma: float = 1.0,
                min_duration: int = 1) -> list[dict]:
    """Bursts of cited references (by citing year), keywords, authors or sources (by year)."""
    if of not in BURST_UNITS:
        raise ValueError(f"bursts of {of!r}: choose one of {', '.join(BURST_UNITS)}")
    counts: dict[str, Counter] = {}
    totals: Counter = Counter()
    for r in records:
        if r.get("year") is None:
            continue
        items = {"references": r.get("references", ()), "keywords": [k.casefold() for k in r.get("keywords", ())],
                 "authors": r.get("authors", ()), "sources": [r["source"]] if r.get("source") else []}[of]
        for item in set(items):
            counts.setdefault(item, Counter())[r["year"]] += 1
            totals[r["year"]] += 1
    byid = _titles(records)
    out = []
    for b in bursts(counts, totals, s=s, gamma=gamma, min_duration=min_duration):
        row = b.as_dict()
        if of == "references":
            row["work"] = b.label
            row["label"] = byid.get(b.label, {}).get("title") or b.label
        out.append(row)
    return out


def cocitation(records: list[dict], min_count: int = 1) -> nx.Graph:
    """Co-citation network of the cited works (weight: records citing both)."""
    G = nx.Graph()
    cited = Counter(ref for r in records for ref in set(r.get("references", ())))
    for r in records:
        refs = sorted(x for x in set(r.get("references", ())) if cited[x] >= min_count)
        for a, b in itertools.combinations(refs, 2):
            w = G.get_edge_data(a, b, {"weight": 0})["weight"]
            G.add_edge(a, b, weight=w + 1)
    return G


def clusters(records: list[dict], *, min_count: int = 1, seed: int = 13, top: int = 5) -> dict:
    """Co-citation clusters with modularity, silhouette and labels from the citing records."""
    G = cocitation(records, min_count)
    if not G.number_of_edges():
        return {"modularity": None, "silhouette": None, "clusters": []}
    parts = nx.community.louvain_communities(G, weight="weight", seed=seed)
    parts = sorted(parts, key=lambda p: (-len(p), min(p)))
    membership = {n: k for k, p in enumerate(parts) for n in p}
    q = quality(G, membership)
    citing = {k: [r["work"] for r in records if set(r.get("references", ())) & p] for k, p in enumerate(parts)}
    texts = {r["work"]: [r.get("title") or "", r.get("abstract") or ""] for r in records}
    kws = {r["work"]: list(r.get("keywords", ())) for r in records}
    labs = labels(citing, texts, keywords=kws, top=top)
    byid = _titles(records)
    out = q.as_dict()
    for c in out["clusters"]:
        c["labels"] = [x.as_dict() for x in labs.get(c["id"], [])]
        c["members"] = [{"work": n, "label": byid.get(n, {}).get("title") or n} for n in sorted(parts[c["id"]])]
    return out


def main_paths(records: list[dict], *, weight: str = "spc", key_routes: int = 1) -> dict:
    """Local, global and key-route main paths of the records' direct-citation network."""
    ids = _titles(records)
    citations = [(r["work"], ref) for r in records for ref in r.get("references", ()) if ref in ids]
    G, dropped = mp.citation_dag(citations, {w: r.get("year") for w, r in ids.items()})
    if not G.number_of_edges():
        return {"weight": weight, "paths": [], "global": [], "key_route": [], "dropped": dropped}
    w = mp.WEIGHTS[weight](G)
    before, after = mp.traversal_counts(G)

    def listed(path: list[str]) -> list[dict]:
        return [{"work": n, "label": ids[n].get("title") or n, "year": ids[n].get("year"),
                 "spc": before[n] * after[n],
                 "arc": w[(n, path[i + 1])] if i + 1 < len(path) else None} for i, n in enumerate(path)]

    return {"weight": weight, "paths": [listed(p) for p in mp.local_main_path(G, w)],
            "global": listed(mp.global_main_path(G, w)),
            "key_route": [listed(p) for p in mp.key_route(G, key_routes, w)],
            "dropped": [{"citing": a, "cited": b, "reason": why} for a, b, why in dropped]}


def tags(records: list[dict], thesaurus: Thesaurus) -> list[Tag]:
    return tag_records(thesaurus, records)
