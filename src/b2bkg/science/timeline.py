"""Time in the literature: slices of years, a network per slice, when each cluster's members
were cited, and the historiograph (Garfield's: the most locally cited documents and their
citation links by year).

Records are dicts with ``work``, ``year`` and ``references`` (the works they cite).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping

import networkx as nx

__all__ = ["time_slices", "per_slice", "cluster_timeline", "historiograph"]


def time_slices(first: int, last: int, years_per_slice: int = 1) -> list[tuple[int, int]]:
    """``[(begin, end), …]`` covering ``first..last``; the last slice may be shorter.

    >>> time_slices(2001, 2006, 2)
    [(2001, 2002), (2003, 2004), (2005, 2006)]
    """
    if years_per_slice < 1:
        raise ValueError(f"years per slice must be at least 1, got {years_per_slice}")
    if last < first:
        raise ValueError(f"the last year ({last}) is before the first ({first})")
    return [(y, min(y + years_per_slice - 1, last)) for y in range(first, last + 1, years_per_slice)]


def per_slice(records: Iterable[dict], slices: list[tuple[int, int]],
              build: Callable[[list[dict]], nx.Graph]) -> list[dict]:
    """``build`` applied to each slice's records: ``{begin, end, records, nodes, links, graph}``."""
    records = list(records)
    out = []
    for begin, end in slices:
        chosen = [r for r in records if r.get("year") is not None and begin <= r["year"] <= end]
        G = build(chosen)
        out.append({"begin": begin, "end": end, "records": len(chosen), "nodes": G.number_of_nodes(),
                    "links": G.number_of_edges(), "graph": G})
    return out


def cluster_timeline(records: Iterable[dict], membership: Mapping[Hashable, int],
                     marked: Iterable[Hashable] = ()) -> list[dict]:
    """For each cluster of cited works: the citations its members received per citing year,
    its first and last year and mean year, and which of ``marked`` (say, the seed paper's
    references) are members: ``{cluster, by_year, begin, end, mean_year, marked}``."""
    marked = set(marked)
    by: dict[int, Counter] = {}
    for r in records:
        if r.get("year") is None:
            continue
        for ref in set(r.get("references", ())):
            if ref in membership:
                by.setdefault(membership[ref], Counter())[r["year"]] += 1
    out = []
    for c in sorted(set(membership.values())):
        years = by.get(c, Counter())
        total = sum(years.values())
        out.append({"cluster": c, "by_year": dict(sorted(years.items())),
                    "begin": min(years) if years else None, "end": max(years) if years else None,
                    "mean_year": round(sum(y * n for y, n in years.items()) / total, 2) if total else None,
                    "marked": sorted(str(m) for m, k in membership.items() if k == c and m in marked)})
    return out


def historiograph(records: Iterable[dict], top: int = 20) -> dict:
    """The ``top`` records most cited by the other records, and the citation links among them:
    ``{nodes: [{work, year, title, local_citations}], links: [{citing, cited}]}`` by year."""
    records = [r for r in records if r.get("work")]
    ids = {r["work"]: r for r in records}
    lcs = Counter(ref for r in records for ref in set(r.get("references", ())) if ref in ids and ref != r["work"])
    chosen = [w for w, _ in sorted(lcs.items(), key=lambda kv: (-kv[1], ids[kv[0]].get("year") or 0, kv[0]))[:top]]
    keep = set(chosen)
    nodes = sorted(({"work": w, "year": ids[w].get("year"), "title": ids[w].get("title", ""),
                     "local_citations": lcs[w]} for w in chosen), key=lambda n: (n["year"] or 0, n["work"]))
    links = sorted({(r["work"], ref) for r in records if r["work"] in keep
                    for ref in r.get("references", ()) if ref in keep and ref != r["work"]})
    return {"nodes": nodes, "links": [{"citing": a, "cited": b} for a, b in links]}
