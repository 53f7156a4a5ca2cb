"""Read-model benchmark: the entity index and the networkx projection built from the store, versus
the old way (parse the whole dataset file with rdflib first).

For the paper's dataset and synthetic corpora (``support.synth`` in tests/support, default 100k quads; add 1000000
with ``--sizes``), prints one line per dataset and way:

- ``rdflib parse``: ``rdflib.Dataset.parse`` of the N-Quads file — what the analytics did before
  any projection (the old explorer warm-up and first PageRank waited for it);
- ``store facts`` / ``index`` / ``projection``: the read model from a memory store in this process
  (six bulk SELECTs, decoded, then the index and the default projection);
- ``pool read model``: the same through a one-worker pool (the service's store: answers cross a
  pipe as SPARQL JSON and are decoded once).

Seconds are wall-clock and this process's CPU time; on a loaded shared machine the CPU column is
the fairer comparison. Usage: ``python benchmarks/readmodel_bench.py [--sizes 100000 1000000]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from rdflib import Dataset

from b2bkg.api import resolve_dataset
from b2bkg.readmodel import ReadModel, build_index, fetch_facts, project
from b2bkg.store import MemoryStore, WorkerPoolStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # support.synth: a test tool
from support.synth import write_corpus  # noqa: E402

_CPU: list[float] = []  # CPU seconds of this process for the last _timed call


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t, c = time.perf_counter(), time.process_time()
    value = fn()
    _CPU[:] = [time.process_time() - c]
    return time.perf_counter() - t, value


def _rdflib_parse(path: Path) -> Dataset:
    ds = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds.parse(path, format="nquads")
    return ds


def _print(row: tuple[str, str, float, float, str]) -> None:
    dataset, step, seconds, cpu, note = row
    print(f"{dataset:<32} {step:<36} {seconds:>9.3f} {cpu:>9.3f}  {note}", flush=True)


def bench(name: str, path: Path, skip_rdflib: bool, pool: bool) -> list[tuple[str, str, float, float, str]]:
    rows: list[tuple[str, str, float, float, str]] = []
    store = MemoryStore(path)
    triples = store.triple_count()
    label = f"{name} ({triples} quads)"
    if not skip_rdflib:
        seconds, ds = _timed(lambda: _rdflib_parse(path))
        rows.append((label, "rdflib parse (old first step)", seconds, _CPU[0], f"{len(ds)} quads"))
        del ds
    seconds, facts = _timed(lambda: fetch_facts(store))
    rows.append((label, "store facts (6 bulk queries)", seconds, _CPU[0], f"{len(facts.links)} links"))
    seconds, index = _timed(lambda: build_index(facts))
    rows.append((label, "index from facts", seconds, _CPU[0], f"{len(index.entities)} entities"))
    seconds, projection = _timed(lambda: project(facts))
    G = projection.graph
    rows.append((label, "projection from facts", seconds, _CPU[0],
                 f"{G.number_of_nodes()} n, {G.number_of_edges()} e"))
    rows.append((label, "memory store: index + projection", sum(r[2] for r in rows[-3:]),
                 sum(r[3] for r in rows[-3:]), ""))
    for row in rows:
        _print(row)
    if pool:
        with WorkerPoolStore(partial(MemoryStore, path), workers=1, sandbox=False) as workers:
            rm = ReadModel(workers)
            seconds, _ = _timed(lambda: (rm.index(), rm.projection()))
            rows.append((label, "pool store: index + projection", seconds, _CPU[0],
                         "via SPARQL JSON (CPU: this process only)"))
            _print(rows[-1])
    store.close()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    ap.add_argument("--no-paper", action="store_true")
    ap.add_argument("--skip-rdflib-above", type=int, default=2_000_000,
                    help="do not time the rdflib parse above this many quads (default 2000000)")
    ap.add_argument("--pool-max", type=int, default=200_000,
                    help="time the worker-pool store only up to this many quads (default 200000)")
    args = ap.parse_args()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"# readmodel_bench, {os.cpu_count()} CPUs, load average at start {load}")
    print(f"{'dataset':<32} {'step':<36} {'wall s':>9} {'CPU s':>9}  note")
    if not args.no_paper:
        bench("paper", resolve_dataset(None), False, True)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = write_corpus(Path(tmp) / f"synth-{n}.nq", n, seed=42)
            bench(f"synthetic {n}", path, n > args.skip_rdflib_above, n <= args.pool_max)
            path.unlink()


if __name__ == "__main__":
    main()
