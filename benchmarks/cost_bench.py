"""Benchmark: the static cost estimate (``b2bkg.sparql.cost``) against the time each query
really takes, on the built dataset.

Run:  .venv/bin/python benchmarks/cost_bench.py [--timeout 8] [--dataset PATH]

Each query of ``tests/hardening/test_cost.py`` (runaways of several shapes, heavy and ordinary
queries) and of the named-query library is estimated in this process (microseconds, no parser),
then evaluated by pyoxigraph in a child process that is killed after ``--timeout`` seconds.
Printed per query: the class the estimate gives, its work figure, the measured seconds (or
"> timeout"), and whether the two agree (runaway: did not finish; heavy: 0.2 s or more, finished
or not; ordinary: under 1 s).
Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def _evaluate(path: str, query: str, prefixes: dict, out) -> None:
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
    started = time.perf_counter()
    n = 0
    for _ in store.query(query, use_default_graph_as_union=True, prefixes=prefixes):
        n += 1
        if n >= 10_000:
            break
    out.put(time.perf_counter() - started)


def measure(path: Path, query: str, prefixes: dict, timeout: float) -> float | None:
    out = mp.Queue()
    p = mp.Process(target=_evaluate, args=(str(path), query, prefixes, out))
    p.start()
    started = time.monotonic()
    p.join(timeout + 5)  # + the load
    if p.is_alive():
        p.kill()
        p.join()
        return None
    try:
        seconds = out.get(timeout=1)
    except Exception:  # noqa: BLE001 - a query the engine refuses
        return -1.0
    return seconds if time.monotonic() - started < timeout + 5 else None


def main() -> None:
    from b2bkg.build import ensure_dataset
    from b2bkg.sparql.cost import estimate_cost
    from b2bkg.sparql.protocol import SparqlService
    from b2bkg.store.memory import MemoryStore
    from b2bkg.vocab import PREFIXES
    from hardening.test_cost import HEAVY, ORDINARY, RUNAWAY

    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=8.0)
    ap.add_argument("--dataset", type=Path, default=None)
    ap.add_argument("--no-library", action="store_true", help="only the shapes, not queries/*.rq")
    args = ap.parse_args()
    dataset = args.dataset or ensure_dataset()
    service = SparqlService(MemoryStore(dataset), collect_statistics=True)
    stats = service.statistics()
    print(f"dataset {dataset.name}: {stats.triples:,} triples, {len(stats.predicates)} predicates, "
          f"{len(stats.classes)} classes; timeout {args.timeout:g} s (measured on a loaded shared machine)")
    queries = [(f"{kind}: {name}", q) for kind, table in (("runaway", RUNAWAY), ("heavy", HEAVY),
                                                           ("ordinary", ORDINARY)) for name, q in table.items()
               if name != "not SPARQL"]
    if not args.no_library:
        queries += [(f"library: {p.stem}", p.read_text(encoding="utf-8"))
                    for p in sorted((ROOT / "queries").glob("*.rq"))]
    agree = total = 0
    print(f"{'query':55s} {'class':9s} {'work':>9s} {'seconds':>9s}  agrees")
    for name, query in queries:
        t0 = time.perf_counter()
        request = service.prepare(query).request
        estimate_us = (time.perf_counter() - t0) * 1e6
        seconds = measure(dataset, query, dict(PREFIXES), args.timeout)
        cls = request.cost_class
        # agreement: a runaway did not finish; a heavy query took 0.2 s or more (finished or not:
        # the long lane either way); an ordinary one finished within 1 s
        if seconds is None:
            shown, ok = f"> {args.timeout:g}", cls in ("runaway", "heavy")
        else:
            shown = f"{seconds:.3f}"
            ok = {"runaway": False, "heavy": seconds >= 0.2, "ordinary": seconds < 1.0}[cls]
        total += 1
        agree += ok
        work = estimate_cost(query, stats, dict(PREFIXES)).work
        print(f"{name[:55]:55s} {cls:9s} {work:9.1e} {shown:>9s}  {'yes' if ok else 'NO'}"
              f"  ({estimate_us:.0f} µs to estimate)")
    print(f"agreement: {agree}/{total}")


if __name__ == "__main__":
    main()
