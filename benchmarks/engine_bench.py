"""Benchmark: b2bkg's SPARQL service side by side with Oxigraph's own server on the same data.

Run:  .venv/bin/python benchmarks/engine_bench.py [--dataset PATH] [--seconds 5] [--rounds 3]
      [--b2bkg-oxigraph] [--timeout S] [--oxigraph PATH-TO-oxigraph-CLI] [--json benchmarks/results/engine-DATE.json]

At a million triples: ``--dataset /tmp/b2bkg-synth-1M-seed42.nq`` (``benchmarks/start_bench.py``
writes it) with ``--timeout 120``, since some library queries take longer than the service's
default 10 s there and the Oxigraph server has no timeout.

The Oxigraph server is the Rust binary of PyPI's ``oxigraph`` package (the same engine as our
pyoxigraph, with no Python in the way). If ``--oxigraph`` is not given the script installs that
package into a throw-away virtualenv under the system temp directory (once) and uses it.

Systems, all on 127.0.0.1 over the same N-Quads file, queried with the union default graph:
- ``b2bkg memory``: ``b2bkg serve`` on the embedded in-memory store;
- ``b2bkg no cache``: the same with ``--result-cache-mb 0`` (every request evaluated);
- ``b2bkg before`` (with ``--before-src``): the same from another checkout's ``src/``;
- ``b2bkg oxigraph`` (with ``--b2bkg-oxigraph``): ``b2bkg serve --store oxigraph`` on a fresh
  directory (compared with ``oxigraph disk`` in the "÷ same storage" column);
- ``granian``, ``granian no cache`` (with ``--granian``): the experiment
  ``benchmarks/granian_server.py``, the same app behind granian instead of waitress;
- ``oxigraph memory``: ``oxigraph serve --union-default-graph`` with the file POSTed to /store;
- ``oxigraph disk``: ``oxigraph load`` into a directory, then ``oxigraph serve-read-only``.

Workloads (systems alternated in every round; medians over the rounds are printed):
- ``ask``: ``ASK {}`` from one client, one request after another (p50/p99 latency);
- ``named@C``: the named-query library (``queries/*.rq``, parameters unbound) at C clients;
- ``adhoc@4``: unique ad-hoc queries (each text differs, so no cache can answer it) at 4 clients.
req/s and latencies count answered requests (200) only; refusals (503: b2bkg's admission control
when its long-query slots are taken) are counted apart and shown, since they cost little.
"CPU ms" is the server's CPU time (user + system, summed over its process tree) per answer.
Then cold start to ready and resident memory (RSS and PSS summed over each server's process
tree). Ratios are b2bkg ÷ Oxigraph server (memory). The client is ``http.client`` with
keep-alive, one connection per client thread, so client overhead stays small.
Printed, not asserted: these figures belong to the machine and the moment they were taken.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sparql_bench import _die_with_parent, free_port  # noqa: E402  (same helpers, one copy)

from b2bkg.queries import load_library  # noqa: E402
from b2bkg.vocab import PREFIXES  # noqa: E402

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))
ACCEPT_TABLE = "application/sparql-results+json"
ACCEPT_GRAPH = "application/n-triples"

AD_HOC = (
    "SELECT ?s ?l WHERE {{ ?s rdfs:label ?l FILTER(STRLEN(STR(?l)) > {a} && ?s != <urn:x:{n}>) }} LIMIT 50",
    "SELECT ?class (COUNT(?s) AS ?c) WHERE {{ ?s a ?class }} GROUP BY ?class HAVING (COUNT(?s) > {b} && {n} > 0)",
    "SELECT ?tool ?m WHERE {{ ?tool b2b:enables ?m FILTER(?m != <urn:x:{n}>) }} ORDER BY ?m OFFSET {b} LIMIT 40",
    "ASK {{ ?s ?p {n} }}",
    "SELECT ?st ?exact WHERE {{ ?ev oa:hasBody ?st ; oa:hasTarget/oa:hasSelector/oa:exact ?exact }} "
    "LIMIT {m}",
)


_UNIQUE = itertools.count(1)


@dataclass
class Server:
    name: str
    port: int
    path: str  # the SPARQL query path
    procs: list[subprocess.Popen] = field(default_factory=list)
    ready_s: float = 0.0

    def stop(self) -> None:
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


class Client:
    """One keep-alive connection; ``post(query)`` returns (status, body bytes)."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)

    def post(self, query: str) -> tuple[int, bytes]:
        head = query.upper().split("WHERE")[0]
        accept = ACCEPT_GRAPH if ("CONSTRUCT" in head or "DESCRIBE" in head) else ACCEPT_TABLE
        body = urllib.parse.urlencode({"query": query})
        self.conn.request("POST", self.server.path, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        resp = self.conn.getresponse()
        return resp.status, resp.read()


def wait_ready(server: Server, started: float, limit_s: float = 1800) -> None:
    while time.monotonic() - started < limit_s:
        for p in server.procs:
            if p.poll() is not None and p.returncode != 0:
                raise SystemExit(f"{server.name} exited with {p.returncode}")
        try:
            status, _ = Client(server).post("ASK {}")
            if status == 200:
                server.ready_s = time.monotonic() - started
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{server.name} never became ready")


def oxigraph_cli(given: str | None) -> str:
    if given:
        return given
    venv = Path(tempfile.gettempdir()) / "b2bkg-bench-oxigraph-venv"
    exe = venv / "bin" / "oxigraph"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "oxigraph>=0.5,<0.6"], check=True)
    return str(exe)


B2BKG_SERVE = (sys.executable, "-c", "from b2bkg.cli import main; main()", "serve", "--host", "127.0.0.1")


def start_b2bkg(dataset: Path, log, name: str = "b2bkg memory", flags: tuple[str, ...] = (),
                src: Path = ROOT / "src", command: tuple[str, ...] = B2BKG_SERVE,
                path: tuple[Path, ...] = ()) -> Server:
    """``command`` (default ``b2bkg serve``) with ``src`` and ``path`` on its ``PYTHONPATH``, on a
    free port over ``dataset``; returned once it answers and its warm-up is done."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in (src, *path))}
    s = Server(name, port, "/sparql")
    t = time.monotonic()
    s.procs.append(subprocess.Popen(
        [*command, "--port", str(port), "--dataset", str(dataset), "--max-rows", "1000000", *flags],
        env=env, stdout=log, stderr=log, preexec_fn=_die_with_parent))
    wait_ready(s, t)
    wait_warm(port, t)  # the background warm-up done: it would otherwise compete with the first round
    return s


def get(port: int, path: str, timeout: float = 1800) -> tuple[int, bytes, float]:
    """(status, body, seconds) of one GET on loopback."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    t = time.monotonic()
    conn.request("GET", path)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, body, time.monotonic() - t


def wait_warm(port: int, started: float, limit_s: float = 1800) -> float | None:
    """Seconds from spawn until ``/healthz`` reports the warm-up done (None: it does not say)."""
    while time.monotonic() - started < limit_s:
        status, body, _ = get(port, "/healthz", 30)
        warm = json.loads(body).get("warm") if status in (200, 503) else None
        if not isinstance(warm, dict):
            return None
        if warm.get("state") in ("done", "failed"):
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def granian_path() -> Path:
    """A directory holding PyPI's ``granian`` (installed there once with ``pip --target``): it is
    not one of b2bkg's dependencies, only this benchmark's experiment uses it."""
    target = Path(tempfile.gettempdir()) / "b2bkg-bench-granian"
    if not (target / "granian").is_dir():
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target),
                        "granian>=2.5,<3"], check=True)
    return target


def start_granian(dataset: Path, log, name: str, flags: tuple[str, ...] = ()) -> Server:
    """The experiment ``benchmarks/granian_server.py``: the service's app behind granian."""
    script = ROOT / "benchmarks" / "granian_server.py"
    return start_b2bkg(dataset, log, name, flags, command=(sys.executable, str(script)), path=(granian_path(),))


def start_prefork(dataset: Path, log, name: str, processes: int, timeout: float) -> Server:
    """The in-process experiment (``benchmarks/prefork_server.py``)."""
    port = free_port()
    s = Server(name, port, "/sparql")
    t = time.monotonic()
    s.procs.append(subprocess.Popen(
        [sys.executable, str(ROOT / "benchmarks" / "prefork_server.py"), "--dataset", str(dataset), "--port", str(port),
         "--processes", str(processes), "--threads", "4", "--timeout", str(timeout)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, stdout=log, stderr=log, preexec_fn=_die_with_parent))
    wait_ready(s, t)
    return s


def start_oxigraph_memory(cli: str, dataset: Path, log) -> Server:
    port = free_port()
    s = Server("oxigraph memory", port, "/query")
    t = time.monotonic()
    s.procs.append(subprocess.Popen([cli, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                                    stdout=log, stderr=log, preexec_fn=_die_with_parent))
    wait_ready(s, t)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1800)
    conn.request("POST", "/store", body=dataset.read_bytes(), headers={"Content-Type": "application/n-quads"})
    resp = conn.getresponse()
    resp.read()
    if resp.status >= 300:
        raise SystemExit(f"oxigraph memory: loading the dataset answered {resp.status}")
    s.ready_s = time.monotonic() - t
    return s


def start_oxigraph_disk(cli: str, dataset: Path, workdir: Path, log) -> Server:
    port = free_port()
    location = workdir / "oxigraph-disk"
    s = Server("oxigraph disk", port, "/query")
    t = time.monotonic()
    subprocess.run([cli, "load", "--location", str(location), "--file", str(dataset)],
                   stdout=log, stderr=log, check=True)
    s.procs.append(subprocess.Popen(
        [cli, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"], stdout=log, stderr=log, preexec_fn=_die_with_parent))
    wait_ready(s, t)
    return s


def tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc)."""
    pids, frontier = [pid], [pid]
    while frontier:
        nxt = []
        for p in frontier:
            try:
                kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
            except OSError:
                kids = []
            nxt.extend(int(k) for k in kids)
        pids.extend(nxt)
        frontier = nxt
    return pids


_TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its descendants still alive."""
    total = 0
    for p in tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICK


def tree_memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB summed over ``pid`` and its descendants (Linux /proc)."""
    rss = pss = 0
    for p in tree(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def sequential(server: Server, query: str, seconds: float) -> list[float]:
    c = Client(server)
    out = []
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        t = time.perf_counter()
        status, _ = c.post(query)
        out.append(time.perf_counter() - t)
        if status != 200:
            raise SystemExit(f"{server.name}: {status} for {query[:60]!r}")
    return out


def load(server: Server, texts: list[str], clients: int, seconds: float, unique: bool) -> dict:
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    errors: list[str] = []

    def client(offset: int) -> None:
        c = Client(server)
        mine, i = [], offset
        while time.monotonic() < stop:
            text = texts[i % len(texts)]
            if unique:  # unique across rounds and systems too, so no result cache ever answers one
                n = next(_UNIQUE) * 1_000 + offset
                text = PROLOGUE + text.format(n=n, m=1 + i % 97, a=i % 7, b=i % 3)
            i += clients
            t = time.perf_counter()
            status, body = c.post(text)
            if status == 200:  # req/s and latencies are of answers; a refusal is counted apart
                mine.append(time.perf_counter() - t)
            else:  # counted and shown; a run with refusals is not comparable
                errors.append(f"{status} {body[:120]!r}")
                if status != 503 or len(errors) > 100:
                    return
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    if errors and not all(e.startswith("503") for e in errors):
        raise SystemExit(f"{server.name}: {errors[0]}")
    return {**summary(latencies, wall), "refused": len(errors)}


def summary(latencies: list[float], wall: float) -> dict:
    lat = sorted(latencies)
    if not lat:
        return {"requests": 0, "rps": 0.0, "p50_ms": float("nan"), "p99_ms": float("nan")}
    return {"requests": len(lat), "rps": len(lat) / wall if wall else 0.0,
            "p50_ms": 1000 * statistics.median(lat),
            "p99_ms": 1000 * lat[min(len(lat) - 1, int(0.99 * len(lat)))]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dataset", default=None, help="an N-Quads file (default: the build's dataset)")
    ap.add_argument("--seconds", type=float, default=5.0, help="seconds per workload per system per round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--clients", default="1,4,16", help="client counts for the named-query library")
    ap.add_argument("--oxigraph", default=None, help="path of the oxigraph CLI (default: install it)")
    ap.add_argument("--no-nocache", action="store_true",
                    help="leave out the second b2bkg server, the one without its result cache")
    ap.add_argument("--before-src", default=None,
                    help="also run b2bkg from this src/ directory (another checkout: the code before a change)")
    ap.add_argument("--no-disk", action="store_true", help="leave out the on-disk Oxigraph server")
    ap.add_argument("--b2bkg-oxigraph", action="store_true",
                    help="also b2bkg on its on-disk store (--store oxigraph, loaded into a fresh directory), "
                         "compared with the on-disk Oxigraph server")
    ap.add_argument("--timeout", type=float, default=None,
                    help="b2bkg's query timeout in seconds (default: the service's; the Oxigraph server has none)")
    ap.add_argument("--json", default=None, help="also write the figures to this file")
    ap.add_argument("--prefork", action="store_true",
                    help="also the in-process experiment (benchmarks/prefork_server.py): one process with "
                         "no timeout, and two pre-forked processes with a watchdog")
    ap.add_argument("--granian", action="store_true",
                    help="also the experiment benchmarks/granian_server.py: the same app behind granian "
                         "(installed into a throw-away directory) instead of waitress")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    if args.dataset:
        dataset = Path(args.dataset)
    else:
        from b2bkg.api import resolve_dataset
        dataset = resolve_dataset(None)
    cli = oxigraph_cli(args.oxigraph)
    named = [PROLOGUE + q.text for _, q in sorted(load_library(ROOT / "queries").items())]
    client_counts = [int(c) for c in args.clients.split(",")]
    work = tempfile.TemporaryDirectory(prefix="b2bkg-engine-bench-")
    log = open(Path(work.name) / "servers.log", "wb")  # noqa: SIM115 - lives as long as the run

    servers: list[Server] = []
    ours = ("--timeout", str(args.timeout)) if args.timeout else ()
    try:
        servers.append(start_b2bkg(dataset, log, flags=ours))
        if args.before_src:  # another checkout's code, e.g. main before a change, in the same run
            servers.append(start_b2bkg(dataset, log, "b2bkg before", ours, src=Path(args.before_src)))
        if not args.no_nocache:  # the same service without its result cache: every request evaluated
            servers.append(start_b2bkg(dataset, log, "b2bkg no cache", (*ours, "--result-cache-mb", "0")))
        if args.b2bkg_oxigraph:
            servers.append(start_b2bkg(dataset, log, "b2bkg oxigraph", (
                *ours, "--store", "oxigraph", "--store-path", str(Path(work.name) / "b2bkg-oxigraph"))))
        if args.prefork:  # issue 15's experiment: evaluation in the serving process, no pool
            servers.append(start_prefork(dataset, log, "in-process 1×4", 1, 0))
            servers.append(start_prefork(dataset, log, "prefork 2×4", 2, 10))
        if args.granian:  # issue 15's experiment: the same app behind a Rust HTTP server
            servers.append(start_granian(dataset, log, "granian", ours))
            if not args.no_nocache:
                servers.append(start_granian(dataset, log, "granian no cache", (*ours, "--result-cache-mb", "0")))
        servers.append(start_oxigraph_memory(cli, dataset, log))
        if not args.no_disk:
            servers.append(start_oxigraph_disk(cli, dataset, Path(work.name), log))
        memory = {s.name: tree_memory_kb(s.procs[-1].pid) for s in servers}
        for s in servers:  # warm every system and check that they agree on row counts
            for q in named:
                for _ in range(20):  # a 503 (busy, still warming up) is retried
                    status, body = Client(s).post(q)
                    if status != 503:
                        break
                    time.sleep(0.5)
                if status != 200:
                    raise SystemExit(f"{s.name}: {status} on a named query: {body[:200]!r}")
        workloads = ["ask"] + [f"named@{c}" for c in client_counts] + ["adhoc@4"]
        figures: dict[tuple[str, str], list[dict]] = {}
        for r in range(args.rounds):
            order = servers if r % 2 == 0 else list(reversed(servers))
            for w in workloads:
                for s in order:
                    cpu0 = tree_cpu_s(s.procs[-1].pid)
                    if w == "ask":
                        lat = sequential(s, "ASK {}", args.seconds)
                        res = summary(lat, sum(lat))
                    elif w.startswith("named@"):
                        res = load(s, named, int(w.split("@")[1]), args.seconds, unique=False)
                    else:
                        res = load(s, list(AD_HOC), 4, args.seconds, unique=True)
                    # the server's CPU per answer (its whole process tree; a worker replaced
                    # during the run takes its CPU time with it, so this is a lower bound)
                    res["cpu_ms"] = 1000 * (tree_cpu_s(s.procs[-1].pid) - cpu0) / max(1, res["requests"])
                    figures.setdefault((w, s.name), []).append(res)
        measures = ("rps", "p50_ms", "p99_ms", "refused", "cpu_ms")
        med = {k: {m: statistics.median(r.get(m, 0) for r in v) for m in measures} for k, v in figures.items()}
        base = "oxigraph memory"
        print(f"dataset {dataset} · {args.rounds} rounds × {args.seconds:g} s · load average "
              f"{os.getloadavg()[0]:.2f} at the end\n")
        print(f"{'workload':10} {'system':16} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms':>7} "
              f"{'÷ oxigraph':>10} {'÷ same storage':>14}")
        names = {s.name for s in servers}

        def ratio(f: dict, w: str, to: str) -> float:
            o = med[(w, to)]
            return f["rps"] / o["rps"] if w != "ask" else f["p50_ms"] / o["p50_ms"]

        for w in workloads:
            for s in servers:
                f = med[(w, s.name)]
                kind = "×rps" if w != "ask" else "×p50"
                same = "oxigraph disk" if s.name == "b2bkg oxigraph" else base
                served_by_us = s.name.startswith(("b2bkg", "granian"))
                same_text = f"{ratio(f, w, same):8.2f}{kind}" if served_by_us and same in names else ""
                refused = f" ({f['refused']:.0f} refused, 503)" if f["refused"] >= 1 else ""
                print(f"{w:10} {s.name:16} {f['rps']:9.1f} {f['p50_ms']:8.3f} {f['p99_ms']:8.3f} {f['cpu_ms']:7.3f} "
                      f"{ratio(f, w, base):8.2f}{kind} {same_text:>14}{refused}")
        print(f"\n{'system':16} {'ready s':>8} {'RSS MiB':>8} {'PSS MiB':>8}")
        for s in servers:
            rss, pss = memory[s.name]
            print(f"{s.name:16} {s.ready_s:8.2f} {rss / 1024:8.1f} {pss / 1024:8.1f}")
        if args.json:
            Path(args.json).write_text(json.dumps({
                "dataset": str(dataset), "rounds": args.rounds, "seconds": args.seconds,
                "median": {f"{w}/{s}": v for (w, s), v in med.items()},
                "start": {s.name: {"ready_s": s.ready_s, "rss_kb": memory[s.name][0],
                                   "pss_kb": memory[s.name][1]} for s in servers}}, indent=2))
    finally:
        for s in servers:
            s.stop()
        log.close()
        work.cleanup()


if __name__ == "__main__":
    main()
