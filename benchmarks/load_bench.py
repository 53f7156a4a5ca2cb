"""Mixed load with runaway queries: does the service keep answering ordinary requests?

Run:  .venv/bin/python benchmarks/load_bench.py [--clients 16] [--seconds 10] [--runaway 0.05]
      [--workers 2] [--timeout 10] [--src PATH]   (--src: another checkout's src/, for "before")

Starts ``b2bkg serve`` (memory store, the built dataset) as a subprocess on a free 127.0.0.1
port. ``--clients`` closed-loop client threads (one ``requests.Session`` each) send, for
``--seconds``, a mix of named queries (``/api/queries/<name>``), unique ad-hoc SELECTs, explorer
searches (``/api/search``) and — with probability ``--runaway`` per request — a runaway query
(a three-way cartesian product counted, unique text each time, so no cache can refuse it by its
text). A probe thread asks ``/healthz`` every 0.5 s with a 2 s timeout, as a readiness probe does.

Printed per route kind: requests, answered (200), 503s, other statuses/errors, p50 and p99
latency, throughput; then ordinary throughput (everything but runaways), failed probes, worker
respawns (processes of the server that appeared during the run) and the resident memory summed
over the server's processes. Run it with the share 0 and with 0.05 to compare; keep runs short
on a shared machine. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
NAMED = ["statistics", "tools-driving-mechanism", "evidence-for-entity", "stage-sequence", "mechanism-outcomes",
         "bibliography"]
SEARCH = ["信用", "credit", "platform", "平台", "SME", "中小企业", "trust", "物流"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> set[int]:
    """Every descendant process of ``pid`` (from /proc)."""
    out: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = (task / "children").read_text().split()
            except OSError:
                continue
            for k in map(int, kids):
                if k not in out:
                    out.add(k)
                    todo.append(k)
    return out


def rss_mb(pids) -> float:
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def named_queries(url: str) -> list[str]:
    """Named queries that need no parameter (or the preferred ones, when present)."""
    doc = requests.get(url + "/api/queries", timeout=30).json()
    names = [q["name"] for q in doc["queries"] if not any(p.get("required") for p in q.get("parameters", []))]
    preferred = [n for n in NAMED if n in names]
    return preferred or names[:6]


def request_for(kind: str, n: int, names: list[str]) -> tuple[str, str, dict]:
    if kind == "named":
        return "GET", f"/api/queries/{names[n % len(names)]}", {}
    if kind == "adhoc":
        q = f"SELECT ?s ?l WHERE {{ ?s rdfs:label ?l }} ORDER BY ?l LIMIT {1 + n % 97} OFFSET {n % 13}"
        return "POST", "/sparql", {"query": q}
    if kind == "search":
        return "GET", f"/api/search?q={SEARCH[n % len(SEARCH)]}", {}
    q = (f"SELECT (COUNT(*) AS ?n{n}) WHERE {{ ?a{n} ?b ?c . ?d ?e ?f . ?g ?h ?i }}")
    return "POST", "/sparql", {"query": q}


def run_load(url: str, clients: int, seconds: float, runaway: float, names: list[str]) -> dict:
    results: dict[str, list[tuple[int, float]]] = defaultdict(list)
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    counter = iter(range(10**9))

    def client(seed: int) -> None:
        rng = random.Random(seed)
        s = requests.Session()
        while time.monotonic() < stop:
            r = rng.random()
            kind = "runaway" if r < runaway else ("named" if r < runaway + (1 - runaway) * 0.4 else
                                                  "adhoc" if r < runaway + (1 - runaway) * 0.8 else "search")
            with lock:
                n = next(counter)
            method, path, data = request_for(kind, n, names)
            started = time.monotonic()
            try:
                resp = s.request(method, url + path, data=data or None, timeout=60,
                                 headers={"Accept": "application/json"})
                status = resp.status_code
            except requests.RequestException:
                status = -1
            with lock:
                results[kind].append((status, time.monotonic() - started))

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 90)
    return results


def probe(url: str, until: list[bool], failures: list[str]) -> None:
    while not until[0]:
        try:
            r = requests.get(url + "/healthz", timeout=2)
            if r.status_code != 200:
                failures.append(str(r.status_code))
        except requests.RequestException as exc:
            failures.append(type(exc).__name__)
        time.sleep(0.5)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--runaway", type=float, default=0.05, help="share of runaway queries (0..1)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--threads", type=int, default=0, help="HTTP threads (0: the server's default)")
    ap.add_argument("--src", default=str(ROOT / "src"), help="the src/ directory of the code to measure")
    ap.add_argument("--dataset", default=str(ROOT / "build" / "dataset.nq"))
    ap.add_argument("--label", default="")
    args = ap.parse_args()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": args.src}
    cmd = [sys.executable, "-c", "from b2bkg.cli import main; main()", "serve", "--port", str(port),
           "--workers", str(args.workers), "--timeout", str(args.timeout),
           "--dataset", args.dataset, "--queries-dir", str(ROOT / "queries")]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    log = tempfile.TemporaryFile()  # never a pipe nobody reads: a full pipe blocks the server's logging
    server = subprocess.Popen(cmd, env=env, cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=log)
    try:
        for _ in range(1200):
            try:
                if requests.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if server.poll() is not None:
                log.seek(0)
                sys.exit(f"the server exited: {log.read().decode()[-2000:]}")
            time.sleep(0.25)
        names = named_queries(url)
        procs_before = children(server.pid)
        seen = set(procs_before)
        done = [False]
        failures: list[str] = []
        prober = threading.Thread(target=probe, args=(url, done, failures), daemon=True)
        prober.start()
        rss_peak = 0.0
        sampler_stop = [False]

        def sample() -> None:
            nonlocal rss_peak
            while not sampler_stop[0]:
                pids = children(server.pid)
                seen.update(pids)
                rss_peak = max(rss_peak, rss_mb(pids | {server.pid}))
                time.sleep(0.25)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        results = run_load(url, args.clients, args.seconds, args.runaway, names)
        done[0] = sampler_stop[0] = True
        prober.join(5)
        sampler.join(5)
        respawned = len(seen - procs_before)
        try:
            health = requests.get(url + "/healthz", timeout=5).json()
        except (requests.RequestException, ValueError):
            health = {}
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()

    label = args.label or f"src={args.src}"
    print(f"\n## load: {label}; {args.clients} clients, {args.seconds:g} s, runaway share {args.runaway:g}, "
          f"{args.workers} workers, timeout {args.timeout:g} s (loopback, a shared loaded machine)\n")
    print("| kind | requests | 200 | 503 | other | p50 ms | p99 ms | answered/s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    ordinary = 0
    for kind in ("named", "adhoc", "search", "runaway"):
        rows = results.get(kind, [])
        ok = [t for s, t in rows if s == 200]
        n503 = sum(1 for s, _ in rows if s == 503)
        other = len(rows) - len(ok) - n503
        lat = [t for _, t in rows]
        if kind != "runaway":
            ordinary += len(ok)
        print(f"| {kind} | {len(rows)} | {len(ok)} | {n503} | {other} | {pct(lat, .5) * 1000:.1f} | "
              f"{pct(lat, .99) * 1000:.1f} | {len(ok) / args.seconds:.1f} |")
    print(f"\nordinary answered/s: {ordinary / args.seconds:.1f}; readiness probes failed: {len(failures)}"
          f"{' (' + ', '.join(sorted(set(failures))) + ')' if failures else ''}; new server processes "
          f"(worker respawns): {respawned}; peak RSS of the server's processes: {rss_peak:.0f} MB")
    if health.get("pool"):
        print(f"pool after the run: {json.dumps(health['pool'])}")
    ordinary_lat = [t for k in ("named", "adhoc", "search") for _, t in results.get(k, [])]
    print(f"median ordinary latency: {statistics.median(ordinary_lat or [0]) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
