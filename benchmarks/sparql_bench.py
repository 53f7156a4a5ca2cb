"""Benchmark: our SPARQL service against rdflib-endpoint, on the same dataset, on loopback.

Run:  .venv/bin/python benchmarks/sparql_bench.py [--seconds 8] [--clients 4] [--dataset PATH]

Both servers run as subprocesses on 127.0.0.1 (ours: ``b2bkg serve``, waitress + Oxigraph in
worker processes; theirs: ``rdflib_endpoint.SparqlEndpoint`` on uvicorn over an rdflib
``Dataset`` with the union default graph). Both receive byte-identical SPARQL text: the
named-query library (``queries/*.rq``, parameter variables left unbound so the text is valid for
both) and a set of ad-hoc queries. First every query is run once on each and the row counts are
compared; then several client threads (one ``requests.Session`` each) send the query mix for a
fixed time per server. Printed: p50/p99 latency, requests per second, and the ratios ours ÷
theirs (throughput) and ours ÷ in-process evaluation (p50 latency). Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from b2bkg.api import resolve_dataset  # noqa: E402
from b2bkg.queries import load_library  # noqa: E402
from b2bkg.store import MemoryStore, QueryRequest  # noqa: E402
from b2bkg.vocab import PREFIXES  # noqa: E402

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))

AD_HOC = {
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "mechanisms": "SELECT ?m ?label WHERE { ?m a b2b:Mechanism ; rdfs:label ?label } ORDER BY ?m",
    "tools-enable": """SELECT ?tool ?m WHERE { ?tool b2b:enables ?m . ?m a b2b:Mechanism }
                       ORDER BY ?tool ?m""",
    "classes": """SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class }
                  GROUP BY ?class ORDER BY DESC(?n) LIMIT 20""",
    "evidence": """SELECT ?st ?exact WHERE { ?ev oa:hasBody ?st ; oa:hasTarget ?t .
                   ?t oa:hasSelector ?sel . ?sel oa:exact ?exact } LIMIT 50""",
    "label-filter": """SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, "平台")) }""",
    "optional": """SELECT ?s ?en ?zh WHERE { ?s a b2b:DigitalTool
                   OPTIONAL { ?s rdfs:label ?en FILTER(LANG(?en) = "en") }
                   OPTIONAL { ?s rdfs:label ?zh FILTER(LANG(?zh) = "zh") } } ORDER BY ?s""",
    "ask": "ASK { kg:mechanism\\/credit-enhancement a b2b:Mechanism }",
    "construct": """CONSTRUCT { ?s ?p ?o } WHERE { ?s a b2b:Mechanism ; ?p ?o }""",
}

THEIRS = """
import sys, uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="nquads")
app = SparqlEndpoint(graph=ds, cors_enabled=True)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="error")
"""


def _die_with_parent() -> None:
    """In the child: get SIGKILL when the benchmark process ends, however it ends (Linux)."""
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen) -> None:
    for _ in range(3000):
        if proc.poll() is not None:
            raise SystemExit(f"server for {url} exited with {proc.returncode}")
        try:
            requests.get(url, params={"query": "ASK {}"}, timeout=5)
            return
        except requests.ConnectionError:
            time.sleep(0.02)
    raise SystemExit(f"{url} never became ready")


def queries(library_dir: Path) -> dict[str, str]:
    out = {f"named:{name}": q.text for name, q in load_library(library_dir).items()}
    out.update({f"adhoc:{name}": PROLOGUE + text for name, text in AD_HOC.items()})
    return out


def accept_for(text: str) -> str:
    if "CONSTRUCT" in text.upper().split("WHERE")[0]:
        return "text/turtle"
    return "application/sparql-results+json"


def rows(resp: requests.Response) -> int:
    if resp.headers.get("Content-Type", "").startswith("text/turtle"):
        return len(list(ox.parse(resp.content, format=ox.RdfFormat.TURTLE)))
    doc = resp.json()
    return 1 if "boolean" in doc else len(doc["results"]["bindings"])


def load(url: str, mix: list[tuple[str, str]], clients: int, seconds: float) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        s = requests.Session()
        mine = []
        i = offset
        while time.monotonic() < stop:
            name, text = mix[i % len(mix)]
            i += 1
            t = time.perf_counter()
            r = s.post(url, data={"query": text}, headers={"Accept": accept_for(text)},
                       timeout=600)
            mine.append(time.perf_counter() - t)
            if r.status_code != 200:
                raise SystemExit(f"{url} {name}: {r.status_code} {r.text[:200]}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.append(-(time.monotonic() - start))  # wall time, marked negative
    return latencies


def summarise(lat: list[float]) -> dict:
    wall = -lat.pop()
    lat.sort()
    return {
        "requests": len(lat),
        "rps": len(lat) / wall,
        "p50_ms": 1000 * statistics.median(lat),
        "p99_ms": 1000 * lat[min(len(lat) - 1, int(0.99 * len(lat)))],
    }


def sequential(url: str, text: str, repeat: int) -> float:
    """Median latency (ms) of ``repeat`` requests from one client, one after another."""
    s = requests.Session()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        s.post(url, data={"query": text}, headers={"Accept": accept_for(text)}).raise_for_status()
        times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times)


def in_process(dataset: Path, mix: list[tuple[str, str]], repeat: int = 200) -> dict[str, float]:
    store = MemoryStore(dataset)
    out = {}
    for name, text in mix:
        req = QueryRequest(text, tabular_format="json", graph_format="turtle", max_rows=10**9)
        store.query(req)
        t = time.perf_counter()
        for _ in range(repeat):
            store.query(req)
        out[name] = 1000 * (time.perf_counter() - t) / repeat
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dataset", default=None)
    ap.add_argument("--queries-dir", default=str(ROOT / "queries"))
    ap.add_argument("--seconds", type=float, default=8.0, help="load time per server and set")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--their-timeout", type=float, default=30.0,
                    help="seconds rdflib-endpoint may take on one query before it is left out")
    ap.add_argument("--json", default=None, help="also write the figures to this file")
    args = ap.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that `finally` stops the servers
    dataset = resolve_dataset(args.dataset)
    library_dir = Path(args.queries_dir)
    if not any(library_dir.glob("*.rq")):
        library_dir = ROOT / "tests/service/fixtures/queries"
    mix = sorted(queries(library_dir).items())
    ours_port, theirs_port = free_port(), free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    log = tempfile.TemporaryFile()
    procs = [
        subprocess.Popen([sys.executable, "-c", "from b2bkg.cli import main; main()", "serve", "--port", str(ours_port),
                          "--dataset", str(dataset), "--max-rows", "1000000"],
                         env=env, stdout=log, stderr=log, preexec_fn=_die_with_parent),
        subprocess.Popen([sys.executable, "-c", THEIRS, str(dataset), str(theirs_port)],
                         env=env, stdout=log, stderr=log, preexec_fn=_die_with_parent),
    ]
    ours, theirs = (f"http://127.0.0.1:{ours_port}/sparql", f"http://127.0.0.1:{theirs_port}/")
    try:
        wait_ready(ours, procs[0])
        wait_ready(theirs, procs[1])
        print(f"dataset {dataset} · {len(mix)} queries · {args.clients} clients · "
              f"{args.seconds:g} s per run\n")
        print("one client, sequential requests (median ms):")
        print(f"{'query':40} {'rows':>5} {'theirs':>6} {'in-process':>10} {'ours':>7} "
              f"{'rdflib-ep':>9} {'ours÷in-proc':>12} {'theirs÷ours':>11}")
        local = in_process(dataset, mix)
        seq = {}
        slow: set[str] = set()

        def restart_theirs() -> None:  # a timed-out query keeps rdflib-endpoint busy
            procs[1].kill()
            procs[1].wait()
            procs[1] = subprocess.Popen([sys.executable, "-c", THEIRS, str(dataset),
                                         str(theirs_port)], env=env, stdout=log, stderr=log,
                                        preexec_fn=_die_with_parent)
            wait_ready(theirs, procs[1])
        for name, text in mix:
            a = requests.post(ours, data={"query": text}, headers={"Accept": accept_for(text)})
            a.raise_for_status()
            o = sequential(ours, text, 30)
            started = time.perf_counter()  # rdflib-endpoint is timed on this one request
            try:
                b = requests.post(theirs, data={"query": text}, timeout=args.their_timeout,
                                  headers={"Accept": accept_for(text)})
            except requests.Timeout:
                print(f"{name:40} {rows(a):5} {'-':>6} {local[name]:10.3f} {o:7.2f} "
                      f"{'>' + format(args.their_timeout, 'g') + ' s':>9}  (left out below)")
                slow.add(name)
                restart_theirs()
                continue
            t = 1000 * (time.perf_counter() - started)
            b.raise_for_status()
            seq[name] = (o, t)
            print(f"{name:40} {rows(a):5} {rows(b):6} {local[name]:10.3f} {o:7.2f} {t:9.1f} "
                  f"{o / local[name]:12.1f} {t / o:11.1f}")
        mix = [m for m in mix if m[0] not in slow]
        results = {}
        for label, subset in (("named", [m for m in mix if m[0].startswith("named:")]),
                              ("ad-hoc", [m for m in mix if m[0].startswith("adhoc:")])):
            if not subset:
                continue
            for server, url in (("ours", ours), ("rdflib-endpoint", theirs)):
                results[(label, server)] = summarise(load(url, subset, args.clients, args.seconds))
            results[(label, "in-process")] = {
                "p50_ms": statistics.median(local[n] for n, _ in subset)}
        print(f"\n{'set':8} {'server':16} {'requests':>8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
        for (label, server), r in results.items():
            if server == "in-process":
                continue
            print(f"{label:8} {server:16} {r['requests']:8} {r['rps']:9.1f} {r['p50_ms']:8.2f} "
                  f"{r['p99_ms']:8.2f}")
        print()
        for label in ("named", "ad-hoc"):
            if (label, "ours") not in results:
                continue
            o, t, p = (results[(label, k)] for k in ("ours", "rdflib-endpoint", "in-process"))
            print(f"{label:8} throughput ours ÷ rdflib-endpoint = {o['rps'] / t['rps']:.1f}×;  "
                  f"p50 ours ÷ in-process evaluation = {o['p50_ms'] / p['p50_ms']:.1f}× "
                  f"({o['p50_ms']:.2f} ms vs {p['p50_ms']:.3f} ms)")
        if args.json:
            Path(args.json).write_text(json.dumps(
                {f"{k[0]}/{k[1]}": v for k, v in results.items()}, indent=2))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()  # uvicorn waits for a running query before it exits
                p.wait()


if __name__ == "__main__":
    main()
