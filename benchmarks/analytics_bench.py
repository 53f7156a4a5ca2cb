"""Time every analysis on the paper's graph and on seeded synthetic graphs; print a table.

    python benchmarks/analytics_bench.py                 # paper graph + 10k + 100k nodes
    python benchmarks/analytics_bench.py --sizes 10000   # only one synthetic size
    python benchmarks/analytics_bench.py --no-paper
    python benchmarks/analytics_bench.py --dataset /path/to/dataset.nq --sizes

For each analysis: seconds of the first computation, peak memory it allocated (tracemalloc, in a
second run so tracing does not inflate the time), and for the paper's graph the time of the
cached answer through ``operations.run`` (what an HTTP request costs once warm). Synthetic graphs
are Barabási–Albert graphs (m=2, seed 42) with random edge directions and predicates and node
classes drawn with a seeded RNG, shaped like a projection. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable

import networkx as nx

from b2bkg.analytics import (
    bipartite,
    centrality,
    communities,
    components,
    k_core,
    neighbourhood,
    shortest_paths,
    similar,
    summary,
)
from b2bkg.analytics.readwrite import export_graph

CLASSES = ["Mechanism", "DigitalTool", "Theory", "Risk", "GovernanceInstrument", "SME", "Concept", "Outcome"]
PREDICATES = ["b2b:enables", "b2b:explains", "b2b:addresses", "b2b:produces", "b2b:faces", "b2b:influences"]


def synthetic(n: int, seed: int = 42) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    U = nx.barabasi_albert_graph(n, 2, seed=seed)
    G = nx.MultiDiGraph(name=f"synthetic-{n}")
    for v in U:
        cls = rng.choice(CLASSES)
        G.add_node(f"n{v}", iri=f"n{v}", label=f"node {v}", label_zh="", display_class=cls, types=(f"b2b:{cls}",))
    for u, v in U.edges():
        if rng.random() < 0.5:
            u, v = v, u
        p = rng.choice(PREDICATES)
        G.add_edge(f"n{u}", f"n{v}", key=p, predicate=p, label=p[4:], evidence=rng.randint(0, 2), quotes=())
    return G


def cases(G: nx.MultiDiGraph, n_nodes: int) -> list[tuple[str, Callable[[], object]]]:
    nodes = sorted(G.nodes)
    a, b = nodes[0], nodes[len(nodes) // 2]
    out = [("summary", lambda: summary(G))]
    for m in ("degree", "in_degree", "out_degree", "betweenness", "closeness", "eigenvector", "pagerank"):
        out.append((f"centrality {m}", lambda m=m: centrality(G, m, top=10)))
    for m in ("louvain", "label_propagation", "greedy_modularity"):
        out.append((f"communities {m}", lambda m=m: communities(G, m)))
    out += [
        ("path", lambda: shortest_paths(G, a, b)),
        ("neighbourhood r=2", lambda: neighbourhood(G, a, 2)),
        ("components", lambda: components(G)),
        ("k-core", lambda: k_core(G)),
        ("similarity jaccard", lambda: similar(G, a, "jaccard")),
        ("similarity adamic_adar", lambda: similar(G, a, "adamic_adar")),
        ("bipartite tool-mechanism", lambda: bipartite(G, "tool-mechanism")),
        ("export graphml", lambda: export_graph(G, "graphml")),
        ("export gexf", lambda: export_graph(G, "gexf")),
        ("export vosviewer", lambda: export_graph(G, "vosviewer")),
    ]
    return out


def measure(fn: Callable[[], object]) -> tuple[float, float]:
    t0 = time.perf_counter()
    fn()
    seconds = time.perf_counter() - t0
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20


def bench_graph(label: str, G: nx.MultiDiGraph, skip: set[str], rows: list) -> None:
    print(f"# {label}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges", file=sys.stderr, flush=True)
    for name, fn in cases(G, G.number_of_nodes()):
        if name in skip:
            rows.append((label, name, None, None, None))
            continue
        seconds, mib = measure(fn)
        rows.append((label, name, seconds, mib, None))
        print(f"  {name:<28} {seconds:8.3f} s  {mib:8.1f} MiB", file=sys.stderr, flush=True)


def bench_paper(rows: list, dataset: str | None) -> None:
    from b2bkg.analytics import Analytics
    from b2bkg.analytics.operations import OPERATIONS, run

    a = Analytics(dataset)
    t0 = time.perf_counter()
    G = a.projection().graph
    rows.append(("paper", "load + projection", time.perf_counter() - t0, None, None))
    examples = {
        "path": {"source": "https://w3id.org/b2bkg/id/tool/big-data-matching",
                 "target": "https://w3id.org/b2bkg/id/actor/sme"},
        "neighbourhood": {"node": "https://w3id.org/b2bkg/id/mechanism/cost-reduction", "radius": "2"},
        "similarity": {"node": "https://w3id.org/b2bkg/id/tool/blockchain-traceability"},
        "bipartite": {"view": "theory-mechanism"},
    }
    extra = [("centrality", {"measure": m}) for m in
             ("degree", "in_degree", "out_degree", "betweenness", "closeness", "eigenvector", "pagerank")]
    extra += [("communities", {"method": m}) for m in ("louvain", "label_propagation", "greedy_modularity")]
    plan = extra + [(name, examples.get(name, {})) for name in OPERATIONS if name not in ("centrality", "communities")]
    label = f"paper ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)"
    for name, params in plan:
        missing = [p for p in ("node", "source", "target") if p in params and params[p] not in G]
        if missing:
            continue
        key = name + (" " + " ".join(params.values()) if name in ("centrality", "communities") else "")
        t0 = time.perf_counter()
        run(a, name, params)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        run(a, name, params)
        cached = time.perf_counter() - t0
        rows.append((label, key, first, None, cached))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--no-paper", action="store_true")
    ap.add_argument("--dataset", default=None, help="the paper's dataset (default build/dataset.nq)")
    ap.add_argument("--skip-over", type=int, default=20_000,
                    help="skip greedy_modularity above this many nodes (it is quadratic in practice)")
    args = ap.parse_args()
    rows: list = []
    if not args.no_paper:
        bench_paper(rows, args.dataset)
    for n in args.sizes:
        skip = {"communities greedy_modularity"} if n > args.skip_over else set()
        bench_graph(f"synthetic {n}", synthetic(n), skip, rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{'graph':<36} {'analysis':<34} {'seconds':>9} {'peak MiB':>9} {'cached ms':>10}")
    for graph, name, sec, mib, cached in rows:
        s = f"{sec:9.3f}" if sec is not None else "  skipped"
        m = f"{mib:9.1f}" if mib is not None else " " * 9
        c = f"{cached * 1000:10.2f}" if cached is not None else ""
        print(f"{graph:<36} {name:<34} {s} {m} {c}")
    print(f"\nprocess peak RSS: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
