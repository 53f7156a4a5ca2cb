"""Benchmark: cold start, reopen and memory of ``b2bkg serve`` beside Oxigraph's own server.

Run:  .venv/bin/python benchmarks/start_bench.py [--sizes paper,1M] [--rounds 1] [--workers 2]
      [--oxigraph PATH-TO-oxigraph-CLI] [--src OTHER-CHECKOUT/src] [--out benchmarks/results/start-DATE.md]

For each dataset (``paper``: the build's ``build/dataset.nq``; ``10k``/``100k``/``1M``: the
synthetic corpus of ``tests/support/synth.py``, seed 42) the systems are started one after the
other on 127.0.0.1, each alone on the machine while it is measured:

- ``oxigraph memory``: ``oxigraph serve --union-default-graph`` with the file POSTed to ``/store``;
- ``b2bkg memory``: ``b2bkg serve --dataset FILE`` (the embedded in-memory store);
- ``oxigraph disk``: ``oxigraph load`` into a fresh directory, then ``oxigraph serve-read-only``
  (first start = load + start); then ``reopen``: ``serve-read-only`` on the loaded directory;
- ``b2bkg oxigraph``: ``b2bkg serve --store oxigraph`` on a fresh directory (first start, load
  included), then again on the loaded directory (reopen).

Figures per system: seconds from spawn until ``ASK {}`` is answered (``ready``), and the CPU
seconds the server's processes (and ``oxigraph load``) used until then (``CPU s``: what a loaded
machine inflates least); for b2bkg also
until ``/healthz`` says the explorer and PageRank are computed (``warm``: 0 when readiness
already waits for them) and until the explorer's default view (``/api/graph``) and the page's
PageRank (``/api/analytics/centrality``) have answered (``view`` and ``pagerank``, from spawn);
RSS and PSS summed over all the server's processes (``/proc/<pid>/smaps_rollup`` of the process
tree) at ready and once served (after each named query of the library once, and for b2bkg the
explorer requests before them). Ratios are b2bkg ÷ Oxigraph server on the same
storage. The Oxigraph server is PyPI's ``oxigraph`` (installed into a throw-away virtualenv
once, as ``engine_bench.py`` does). Printed, not asserted: figures of a machine and a moment.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))  # support.synth: a test tool, not installed

from engine_bench import (  # noqa: E402
    PROLOGUE,
    Client,
    Server,
    get,
    oxigraph_cli,
    tree_memory_kb,
    wait_ready,
    wait_warm,
)
from sparql_bench import _die_with_parent, free_port  # noqa: E402

from b2bkg.queries import load_library  # noqa: E402

SYNTH = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}
CENTRALITY = "/api/analytics/centrality?measure=pagerank&top=1000"  # what the explorer page asks first


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system, with waited-for children's) of ``pid`` and its descendants."""
    tick = os.sysconf("SC_CLK_TCK")
    total, frontier = 0, [pid]
    while frontier:
        p = frontier.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
            frontier.extend(int(k) for k in Path(f"/proc/{p}/task/{p}/children").read_text().split())
        except OSError:
            pass
    return total / tick


def children_cpu_s() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def serve_library(server: Server) -> None:
    """Each named query of the library once (parameters unbound), so that memory is measured
    on a server that has answered something, not one that has only opened its files."""
    client = Client(server)
    for _, q in sorted(load_library(ROOT / "queries").items()):
        client.post(PROLOGUE + q.text)


def b2bkg_cmd(port: int, dataset: Path, workers: int, store_path: Path | None) -> list[str]:
    cmd = [sys.executable, "-c", "from b2bkg.cli import main; main()", "serve", "--host", "127.0.0.1",
           "--port", str(port), "--dataset", str(dataset), "--workers", str(workers), "--max-rows", "1000000"]
    if store_path is not None:
        cmd += ["--store", "oxigraph", "--store-path", str(store_path)]
    return cmd


def run_b2bkg(name: str, dataset: Path, workers: int, store_path: Path | None, src: Path, log) -> dict:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(src)}
    s = Server(name, port, "/sparql")
    t = time.monotonic()
    s.procs.append(subprocess.Popen(b2bkg_cmd(port, dataset, workers, store_path), env=env, stdout=log,
                                    stderr=log, preexec_fn=_die_with_parent, cwd=ROOT))
    try:
        wait_ready(s, t)
        cpu = tree_cpu_s(s.procs[0].pid)
        rss, pss = tree_memory_kb(s.procs[0].pid)
        warm = wait_warm(port, t)
        status, _, _ = get(port, "/api/graph?view=whole")
        view = time.monotonic() - t
        status2, _, _ = get(port, CENTRALITY)
        pagerank = time.monotonic() - t
        if status != 200 or status2 != 200:
            raise SystemExit(f"{name}: the explorer answered {status} / {status2}")
        serve_library(s)
        rss2, pss2 = tree_memory_kb(s.procs[0].pid)
    finally:
        s.stop()
    return {"system": name, "ready_s": s.ready_s, "cpu_s": cpu, "warm_s": warm, "view_s": view, "pagerank_s": pagerank,
            "rss_kb": rss, "pss_kb": pss, "rss_after_kb": rss2, "pss_after_kb": pss2}


def run_oxigraph_memory(cli: str, dataset: Path, log) -> dict:
    port = free_port()
    s = Server("oxigraph memory", port, "/query")
    t = time.monotonic()
    s.procs.append(subprocess.Popen([cli, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                                    stdout=log, stderr=log, preexec_fn=_die_with_parent))
    try:
        wait_ready(s, t)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1800)
        with dataset.open("rb") as body:
            conn.request("POST", "/store", body=body, headers={"Content-Type": "application/n-quads"})
            resp = conn.getresponse()
            resp.read()
        if resp.status >= 300:
            raise SystemExit(f"oxigraph memory: loading the dataset answered {resp.status}")
        status, _ = Client(s).post("ASK {}")
        ready = time.monotonic() - t
        cpu = tree_cpu_s(s.procs[0].pid)
        rss, pss = tree_memory_kb(s.procs[0].pid)
        serve_library(s)
        rss2, pss2 = tree_memory_kb(s.procs[0].pid)
    finally:
        s.stop()
    return {"system": "oxigraph memory", "ready_s": ready, "cpu_s": cpu, "rss_kb": rss, "pss_kb": pss,
            "rss_after_kb": rss2, "pss_after_kb": pss2}


def run_oxigraph_disk(cli: str, dataset: Path, location: Path, log, load: bool) -> dict:
    port = free_port()
    s = Server("oxigraph disk" if load else "oxigraph reopen", port, "/query")
    t = time.monotonic()
    load_s, load_cpu = None, 0.0
    if load:
        before = children_cpu_s()
        subprocess.run([cli, "load", "--location", str(location), "--file", str(dataset)],
                       stdout=log, stderr=log, check=True)
        load_s = time.monotonic() - t
        load_cpu = children_cpu_s() - before
    s.procs.append(subprocess.Popen(
        [cli, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"], stdout=log, stderr=log, preexec_fn=_die_with_parent))
    try:
        wait_ready(s, t)
        cpu = load_cpu + tree_cpu_s(s.procs[0].pid)
        rss, pss = tree_memory_kb(s.procs[0].pid)
        serve_library(s)
        rss2, pss2 = tree_memory_kb(s.procs[0].pid)
    finally:
        s.stop()
    return {"system": s.name, "ready_s": s.ready_s, "cpu_s": cpu, "load_s": load_s, "load_cpu_s": load_cpu,
            "rss_kb": rss, "pss_kb": pss,
            "rss_after_kb": rss2, "pss_after_kb": pss2}


def dataset_of(size: str, work: Path) -> Path:
    if size == "paper":
        from b2bkg.build import ensure_dataset

        return ensure_dataset()
    from support.synth import write_corpus

    cached = Path(tempfile.gettempdir()) / f"b2bkg-synth-{size}-seed42.nq"
    return write_corpus(cached, SYNTH[size], seed=42)


def quads(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip() and not line.startswith(b"#"))


def one_round(size: str, dataset: Path, cli: str, workers: int, src: Path, work: Path, log) -> list[dict]:
    rows = [run_oxigraph_memory(cli, dataset, log),
            run_b2bkg("b2bkg memory", dataset, workers, None, src, log)]
    oxdir, ourdir = work / f"ox-{size}", work / f"b2bkg-{size}"
    shutil.rmtree(oxdir, ignore_errors=True)
    shutil.rmtree(ourdir, ignore_errors=True)
    rows.append(run_oxigraph_disk(cli, dataset, oxdir, log, load=True))
    rows.append(run_b2bkg("b2bkg oxigraph", dataset, workers, ourdir, src, log))
    rows.append(run_oxigraph_disk(cli, dataset, oxdir, log, load=False))
    rows.append(run_b2bkg("b2bkg oxigraph reopen", dataset, workers, ourdir, src, log))
    return rows


BASE = {"b2bkg memory": "oxigraph memory", "b2bkg oxigraph": "oxigraph disk",
        "b2bkg oxigraph reopen": "oxigraph reopen"}


def _f(x: float | None, fmt: str = "{:.2f}") -> str:
    return "-" if x is None else fmt.format(x)


def render(size: str, dataset: Path, n: int, rows: list[dict]) -> str:
    by = {r["system"]: r for r in rows}
    columns = ["system", "ready s", "× ox", "CPU s to ready", "× ox", "oxigraph load s (CPU s)", "warm s", "view s",
               "pagerank s", "RSS MiB", "× ox", "PSS MiB", "× ox", "RSS served MiB", "× ox", "PSS served MiB", "× ox"]
    out = [f"## {size}: {dataset.name} ({n:,} quads)", "", "| " + " | ".join(columns) + " |",
           "| --- |" + " ---: |" * (len(columns) - 1)]
    for r in rows:
        base = by.get(BASE.get(r["system"], ""))
        def ratio(key: str, r=r, base=base) -> str:
            return _f(r[key] / base[key]) if base and base.get(key) else ""
        out.append(
            f"| {r['system']} | {r['ready_s']:.2f} | {ratio('ready_s')} | {_f(r.get('cpu_s'))} | {ratio('cpu_s')} | "
            f"{_f(r.get('load_s'))}{_f(r.get('load_cpu_s'), ' ({:.2f})') if r.get('load_s') else ''} | "
            f"{_f(r.get('warm_s'))} | {_f(r.get('view_s'))} | {_f(r.get('pagerank_s'))} | "
            f"{r['rss_kb'] / 1024:.0f} | {ratio('rss_kb')} | {r['pss_kb'] / 1024:.0f} | {ratio('pss_kb')} | "
            f"{_f(r.get('rss_after_kb') and r['rss_after_kb'] / 1024, '{:.0f}')} | {ratio('rss_after_kb')} | "
            f"{_f(r.get('pss_after_kb') and r['pss_after_kb'] / 1024, '{:.0f}')} | {ratio('pss_after_kb')} |")
    first, load = by.get("b2bkg oxigraph"), by.get("oxigraph disk")
    if first and load and load.get("load_s"):
        out.append("")
        reopen, ox_reopen, memory, ox_memory = (by[k] for k in ("b2bkg oxigraph reopen", "oxigraph reopen",
                                                                 "b2bkg memory", "oxigraph memory"))
        out.append(
            f"b2bkg oxigraph first start ÷ `oxigraph load` alone: {first['ready_s'] / load['load_s']:.2f} wall, "
            f"{first['cpu_s'] / load['load_cpu_s']:.2f} CPU (aim ≤ 1.5); reopen ready {reopen['ready_s']:.2f} s "
            f"(aim ≤ 10); RSS served b2bkg oxigraph reopen ÷ oxigraph reopen "
            f"{reopen['rss_after_kb'] / ox_reopen['rss_after_kb']:.2f}, b2bkg memory ÷ oxigraph memory "
            f"{memory['rss_after_kb'] / ox_memory['rss_after_kb']:.2f} (aim ≤ 1.5)")
    return "\n".join(out) + "\n"


def median_rows(rounds: list[list[dict]]) -> list[dict]:
    import statistics

    out = []
    for i, first in enumerate(rounds[0]):
        row = dict(first)
        for k, v in first.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                vals = [r[i][k] for r in rounds if r[i].get(k) is not None]
                row[k] = statistics.median(vals)
        out.append(row)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="paper,1M", help="comma list of paper, 10k, 100k, 1M")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2, help="b2bkg query workers")
    ap.add_argument("--oxigraph", default=None, help="path of the oxigraph CLI (default: install it)")
    ap.add_argument("--src", default=str(ROOT / "src"), help="b2bkg source tree to run (before/after)")
    ap.add_argument("--out", default=None, help="also append the tables to this file")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    cli = oxigraph_cli(args.oxigraph)
    work = Path(tempfile.mkdtemp(prefix="b2bkg-start-bench-"))
    text = [f"# benchmarks/start_bench.py, {date.today()}, src {args.src}, {args.workers} workers, "
            f"{args.rounds} round(s), {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start"]
    try:
        with open(work / "servers.log", "wb") as log:
            for size in args.sizes.split(","):
                dataset = dataset_of(size, work)
                rounds = [one_round(size, dataset, cli, args.workers, Path(args.src), work, log)
                          for _ in range(args.rounds)]
                block = render(size, dataset, quads(dataset), median_rows(rounds))
                print(block, flush=True)
                text.append(block)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text.append(f"load average {os.getloadavg()[0]:.1f} at the end")
    if args.out:
        with open(args.out, "a", encoding="utf-8") as f:
            f.write("\n".join(text) + "\n")


if __name__ == "__main__":
    main()
