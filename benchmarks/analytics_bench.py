"""Time every analysis on the paper's graph and on seeded synthetic graphs; print a table.

    python benchmarks/analytics_bench.py                        # paper graph + 10k + 100k nodes
    python benchmarks/analytics_bench.py --sizes 10000          # only one synthetic size
    python benchmarks/analytics_bench.py --no-paper --budget 30
    python benchmarks/analytics_bench.py --only louvain --sizes 30000
    python benchmarks/analytics_bench.py --dataset /path/to/dataset.nq --sizes

Each analysis runs in its own forked child process, so one that runs over ``--budget`` seconds
is killed and shown as ``> budget`` instead of holding up the rest. In the child:

- ``seconds``: the first computation, through the ``Analytics`` cache object (for the paper's
  graph through ``operations.run``, what the HTTP endpoint and the CLI call);
- ``cached ms``: the same call again, answered from the cache (what a warm request costs);
- ``peak MiB``: how far the child's resident set grew above what it had at the fork (the kernel's
  high-water mark, reset at the start of the child via ``/proc/self/clear_refs``), i.e. the memory
  the analysis itself needed, not the graph it was given.

The graph is built (and for the paper's graph, the dataset parsed and projected) once in the
parent before forking, and numpy/scipy (which pagerank and eigenvector load on first use) are
imported there too, so a row does not include a one-off module import. Synthetic graphs are
Barabási–Albert graphs (m=2, seed 42) with random edge directions and predicates and node classes
drawn with a seeded RNG, shaped like a projection. The header records the machine's load average:
other jobs on the machine make the numbers noisy. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing as mp
import os
import platform
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import networkx as nx

from b2bkg.analytics import (
    Analytics,
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
from b2bkg.api import resolve_dataset

__all__ = ["synthetic", "main"]

CLASSES = ["Mechanism", "DigitalTool", "Theory", "Risk", "GovernanceInstrument", "SME", "Concept", "Outcome"]
PREDICATES = ["b2b:enables", "b2b:explains", "b2b:addresses", "b2b:produces", "b2b:faces", "b2b:influences"]
MEASURES = ("degree", "in_degree", "out_degree", "betweenness", "closeness", "eigenvector", "pagerank")
METHODS = ("louvain", "label_propagation", "greedy_modularity")
PAPER_EXAMPLES = {
    "path": {"source": "https://w3id.org/b2bkg/id/tool/big-data-matching",
             "target": "https://w3id.org/b2bkg/id/actor/sme"},
    "neighbourhood": {"node": "https://w3id.org/b2bkg/id/mechanism/cost-reduction", "radius": "2"},
    "similarity": {"node": "https://w3id.org/b2bkg/id/tool/blockchain-traceability"},
    "bipartite": {"view": "theory-mechanism"},
}

Row = tuple[str, str, str, float | None, float | None, float | None]  # graph, case, status, s, MiB, cached s


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


def synthetic_cases(G: nx.MultiDiGraph, cache: Analytics) -> list[tuple[str, Callable[[], object]]]:
    """The analyses on ``G``, each answered through ``a``'s cache (a second call is a cache hit)."""
    nodes = sorted(G.nodes)
    a, b = nodes[0], nodes[len(nodes) // 2]
    out: list[tuple[str, Callable[[], object]]] = [("summary", lambda: summary(G))]
    out += [(f"centrality {m}", lambda m=m: centrality(G, m, top=10)) for m in MEASURES]
    out += [(f"communities {m}", lambda m=m: communities(G, m)) for m in METHODS]
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
    return [(name, lambda name=name, fn=fn: cache.answer("bench", name, fn)) for name, fn in out]


def paper_cases(a: Analytics) -> list[tuple[str, Callable[[], object]]]:
    """Every operation of ``operations.OPERATIONS`` (each measure and method) as the endpoint runs it."""
    from b2bkg.analytics.operations import OPERATIONS, run

    G = a.projection().graph
    plan = [("centrality", {"measure": m}) for m in MEASURES]
    plan += [("communities", {"method": m}) for m in METHODS]
    plan += [(name, PAPER_EXAMPLES.get(name, {})) for name in OPERATIONS if name not in ("centrality", "communities")]
    out: list[tuple[str, Callable[[], object]]] = []
    for name, params in plan:
        if any(params.get(p) not in G for p in ("node", "source", "target") if p in params):
            print(f"  {name}: example IRI not in the graph, left out", file=sys.stderr)
            continue
        label = name + (" " + " ".join(params.values()) if name in ("centrality", "communities") else "")
        out.append((label, lambda name=name, params=params: run(a, name, params)))
    return out


def _rss_kib(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def _child(conn, fn: Callable[[], object]) -> None:
    try:
        try:  # reset the high-water mark to the current RSS (Linux ≥ 4.0)
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")
            start = _rss_kib("VmRSS")
        except OSError:
            start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        fn()
        first = time.perf_counter() - t0
        try:
            peak = _rss_kib("VmHWM")
        except OSError:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        fn()
        cached = time.perf_counter() - t0
        conn.send(("ok", first, max(peak - start, 0) / 1024, cached))
    except BaseException as exc:  # report any failure as a row, never hang the parent
        conn.send(("error", f"{type(exc).__name__}: {exc}", None, None))
    finally:
        conn.close()


def run_case(label: str, fn: Callable[[], object], budget: float) -> tuple:
    """(status, seconds, peak MiB, cached seconds) of ``fn`` called twice (computed, then cached) in a
    forked child within ``budget``."""
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    gc.collect()
    gc.freeze()  # keep the parent's objects out of the child's collections (fewer copy-on-write pages)
    p = ctx.Process(target=_child, args=(send, fn), daemon=True)
    p.start()
    send.close()
    try:
        if recv.poll(budget):
            msg = recv.recv()
        else:
            msg = ("> budget", None, None, None)
    except EOFError:
        msg = ("died", None, None, None)
    finally:
        if p.is_alive():
            p.kill()
        p.join()
        recv.close()
        gc.unfreeze()
    if msg[0] == "ok" or msg[0] == "> budget":
        return msg
    if msg[0] == "error":
        print(f"    {label}: {msg[1]}", file=sys.stderr)
        return ("error", None, None, None)
    return (f"died ({p.exitcode})", None, None, None)


def bench(graph: str, cases: list, budget: float, only: list[str], rows: list[Row]) -> None:
    for name, fn in cases:
        if only and not any(o in name for o in only):
            continue
        status, sec, mib, cached = run_case(f"{graph}/{name}", fn, budget)
        rows.append((graph, name, status, sec, mib, cached))
        print("  " + fmt_row(rows[-1]), file=sys.stderr, flush=True)


def fmt_row(row: Row) -> str:
    graph, name, status, sec, mib, cached = row
    s = f"{sec:9.3f}" if sec is not None else f"{status:>9}"
    m = f"{mib:9.1f}" if mib is not None else " " * 9
    c = f"{cached * 1000:10.3f}" if cached is not None else ""
    return f"{graph:<34} {name:<30} {s} {m} {c}".rstrip()


def _timed(what: str, rows: list[Row], graph: str, make: Callable[[], object]) -> object:
    before = _rss_kib("VmRSS")
    t0 = time.perf_counter()
    out = make()
    sec = time.perf_counter() - t0
    rows.append((graph, what, "ok", sec, (_rss_kib("VmRSS") - before) / 1024, None))
    print("  " + fmt_row(rows[-1]), file=sys.stderr, flush=True)
    return out


def header(args: argparse.Namespace) -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"# analytics benchmark {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}\n"
            f"# python {platform.python_version()}, networkx {nx.__version__}, {os.cpu_count()} CPUs, "
            f"{platform.machine()}\n"
            f"# budget {args.budget:g} s per analysis; load average at start (1/5/15 min): {load}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--no-paper", action="store_true")
    ap.add_argument("--dataset", default=None, help="the paper's dataset (default build/dataset.nq, built if stale)")
    ap.add_argument("--budget", type=float, default=120.0,
                    help="seconds per analysis; a child still running then is killed (default 120)")
    ap.add_argument("--only", nargs="*", default=[], help="run only the analyses whose name contains one of these")
    args = ap.parse_args()
    if args.budget <= 0:
        ap.error("--budget must be positive")
    import scipy.sparse.linalg  # noqa: F401 - imported once here, not inside the first timed analysis

    head = header(args)
    print(head, file=sys.stderr, end="", flush=True)
    rows: list[Row] = []
    if not args.no_paper:
        a = Analytics(resolve_dataset(args.dataset))
        G = _timed("load + projection", rows, "paper", lambda: a.projection().graph)
        graph = f"paper ({G.number_of_nodes()} n, {G.number_of_edges()} e)"
        rows[-1] = (graph, *rows[-1][1:])
        bench(graph, paper_cases(a), args.budget, args.only, rows)
    with tempfile.TemporaryDirectory() as tmp:
        stub = Path(tmp) / "stub.nq"  # the Analytics cache needs a dataset file to version answers by
        stub.write_text("<urn:x:a> <urn:x:p> <urn:x:b> .\n")
        for n in args.sizes:
            graph = f"synthetic {n}"
            G = _timed("generate", rows, graph, lambda n=n: synthetic(n))
            graph = f"synthetic {n} ({G.number_of_edges()} e)"
            rows[-1] = (graph, *rows[-1][1:])
            bench(graph, synthetic_cases(G, Analytics(stub)), args.budget, args.only, rows)
            del G
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print("\n" + head, end="")
    print(f"{'graph':<34} {'analysis':<30} {'seconds':>9} {'peak MiB':>9} {'cached ms':>10}")
    for row in rows:
        print(fmt_row(row))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n# parent process peak RSS {peak:.0f} MiB; load average at end: {load}")
    print("# seconds: first computation; peak MiB: memory the analysis added above the forked graph;"
          " cached ms: the same call answered by the Analytics cache")


if __name__ == "__main__":
    main()
