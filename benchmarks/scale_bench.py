"""How cost grows with the data: every store backend at 10k, 100k and 1M triples, with baselines.

    python benchmarks/scale_bench.py                          # 10k, 100k, 1M; all backends
    python benchmarks/scale_bench.py --sizes 10k,100k --backends memory,oxigraph
    python benchmarks/scale_bench.py --analytics-max 1M       # analytics at 1M too (slow: rdflib)

Corpora come from ``support.synth`` (tests/support/synth.py) (seeded). For each size and backend, in a fresh process
(so peak RSS is that case's own): load time (ours: ``open_store`` + the service's start-up;
``remote``: ``push_dataset`` over the Graph Store Protocol + opening), peak RSS of the process
(and of the Virtuoso server for ``remote``), p50 latency of indexed lookups and of the whole
named-query library (``queries/*.rq`` with default parameters) through ``SparqlService`` (the
protocol checks, evaluation and serialisation every request pays; stores evaluate in-process),
and analytics time (``store.snapshot.dataset_of`` + ``analytics.project`` + PageRank). The same
load and queries run on raw baselines in the same run: pyoxigraph in memory (for ``memory``),
pyoxigraph on disk (for ``oxigraph``) and Virtuoso over plain HTTP (for ``remote``); the
ratios are ours ÷ raw. The table is printed and saved to ``benchmarks/results/scale-<date>.txt``.
Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import requests
from requests.auth import HTTPDigestAuth

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # support.synth, support.virtuoso: test tools, not installed
KG = "https://w3id.org/b2bkg/id/"
GRAPHS = [f"https://w3id.org/b2bkg/graph/{g}" for g in ("ontology", "assertions", "evidence", "inferences")]
LOOKUPS = [
    f"SELECT ?t WHERE {{ <{KG}synth/paper/5> dcterms:title ?t }}",
    f"SELECT ?p WHERE {{ ?p cito:cites <{KG}synth/paper/5> }} LIMIT 10",
    f"SELECT ?p WHERE {{ ?p dcterms:creator <{KG}synth/person/3> }} LIMIT 10",
    f"SELECT ?l WHERE {{ <{KG}synth/tool/2> rdfs:label ?l }}",
    f"ASK {{ <{KG}synth/paper/7> a fabio:ResearchPaper }}",
]
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}
QUERY_TIMEOUT = 30.0


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _server_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _queries() -> list[tuple[str, str, tuple]]:
    """(kind, text, bindings): lookups, then the named-query library with its defaults."""
    from b2bkg.queries import load_library

    out = [("lookup", q, ()) for q in LOOKUPS]
    for named in load_library(ROOT / "queries").values():
        out.append(("library", named.text, tuple(named.bind({}))))
    return out


def _p50(times: dict[str, list[float]], kind: str) -> float:
    xs = times.get(kind) or []
    return statistics.median(xs) * 1000 if xs else float("nan")


def _timed(run, queries, repeat) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    for kind, text, bindings in queries:
        samples = []
        for _ in range(repeat if kind == "lookup" else max(1, repeat // 4)):
            t = time.perf_counter()
            try:
                run(text, bindings)
            except Exception as exc:  # noqa: BLE001 - a benchmark reports, never stops
                print(f"    ! {kind} query failed: {type(exc).__name__}: {str(exc)[:120]}", file=sys.stderr)
                break
            samples.append(time.perf_counter() - t)
        if samples:
            times.setdefault(kind, []).append(statistics.median(samples))
    return times


# -- one case per process -------------------------------------------------------------------------
def _ours(backend: str, dataset: str, workdir: str, urls: dict, repeat: int, analytics: bool) -> dict:
    from b2bkg.analytics import centrality, project
    from b2bkg.sparql.protocol import Limits, SparqlService
    from b2bkg.store import open_store, push_dataset
    from b2bkg.store.snapshot import dataset_of

    t = time.perf_counter()
    if backend == "remote":
        push_dataset(dataset, urls["gsp"], user="dba", password="dba")
        store = open_store(None, backend="remote", endpoint=urls["sparql"])
    else:
        store = open_store(dataset, backend=backend, store_path=Path(workdir) / "ox")
    service = SparqlService(store, Limits(QUERY_TIMEOUT, 10_000_000, 1_000_000))
    load = time.perf_counter() - t
    out = {"load": load, "triples": store.triple_count()}
    if backend == "oxigraph":  # a restart re-opens the loaded directory
        t = time.perf_counter()
        open_store(dataset, backend="oxigraph", store_path=Path(workdir) / "ox").close()
        out["reopen"] = time.perf_counter() - t
    times = _timed(lambda q, b: service.query(q, bindings=b), _queries(), repeat)
    out.update(lookup=_p50(times, "lookup"), library=_p50(times, "library"))
    out["rss"] = _rss_mb()  # before analytics, whose rdflib copy of the graph is not the store's cost
    if analytics:
        t = time.perf_counter()
        G = project(dataset_of(store, timeout=600)).graph
        centrality(G, "pagerank", top=10)
        out["analytics"] = time.perf_counter() - t
    store.close()
    return out


def _raw_oxigraph(on_disk: bool, dataset: str, workdir: str, repeat: int) -> dict:
    from b2bkg.store.memory import to_ox_term
    from b2bkg.vocab import PREFIXES

    t = time.perf_counter()
    store = ox.Store(str(Path(workdir) / "raw")) if on_disk else ox.Store()
    store.bulk_load(path=dataset, format=ox.RdfFormat.N_QUADS)
    if on_disk:
        store.flush()
    load = time.perf_counter() - t

    def run(text, bindings):
        kw = {"use_default_graph_as_union": True, "prefixes": PREFIXES}
        if bindings:
            kw["substitutions"] = {ox.Variable(n): to_ox_term(v) for n, v in bindings}
        answer = store.query(text, **kw)
        if isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
            return answer.serialize(format=ox.QueryResultsFormat.JSON)
        return answer.serialize(format=ox.RdfFormat.TURTLE)

    times = _timed(run, _queries(), repeat)
    return {"load": load, "lookup": _p50(times, "lookup"), "library": _p50(times, "library"), "rss": _rss_mb()}


def _raw_virtuoso(dataset: str, urls: dict, repeat: int) -> dict:
    from b2bkg.store.remote import expand_escaped_names, inject_bindings
    from b2bkg.vocab import PREFIXES

    auth = HTTPDigestAuth("dba", "dba")
    t = time.perf_counter()
    by_graph: dict[str, list[str]] = {}
    with open(dataset, encoding="utf-8") as f:
        for line in f:
            body, graph, _ = line.rstrip().rsplit(" ", 2)
            by_graph.setdefault(graph[1:-1], []).append(body + " .")
    session = requests.Session()
    for graph, lines in by_graph.items():  # the same 100k-triple requests as ours: one huge PUT is far slower
        for start in range(0, len(lines), 100_000):
            r = session.request("PUT" if start == 0 else "POST", urls["gsp"], params={"graph-uri": graph},
                                data="\n".join(lines[start:start + 100_000]).encode(),
                                headers={"Content-Type": "text/turtle"}, auth=auth, timeout=1800)
            r.raise_for_status()
    load = time.perf_counter() - t
    declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

    def run(text, bindings):
        q = declared + inject_bindings(expand_escaped_names(text, PREFIXES), bindings)
        data = [("query", q)] + [("default-graph-uri", g) for g in GRAPHS] + [("named-graph-uri", g) for g in GRAPHS]
        r = requests.post(urls["sparql"], data=data, timeout=QUERY_TIMEOUT,
                          headers={"Accept": "application/sparql-results+json, application/n-triples;q=0.9"})
        r.raise_for_status()
        return r.content

    times = _timed(run, _queries(), repeat)
    return {"load": load, "lookup": _p50(times, "lookup"), "library": _p50(times, "library"), "rss": _rss_mb()}


def _case(kind: str, *args) -> dict:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        target = {"ours": _ours, "raw-oxigraph": _raw_oxigraph, "raw-virtuoso": _raw_virtuoso}[kind]
        return pool.apply(target, args)


# -- the run ---------------------------------------------------------------------------------------
def _virtuoso(workdir: Path, name: str):
    from support.virtuoso import start_virtuoso

    return start_virtuoso(workdir / name, buffers=170_000)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10k,100k,1M", help="comma-separated: 10k, 100k, 1M or a number")
    ap.add_argument("--backends", default="memory,oxigraph,remote")
    ap.add_argument("--repeat", type=int, default=20, help="runs of each lookup (library queries: a quarter)")
    ap.add_argument("--analytics-max", default="100k", help="largest size whose analytics are timed")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", default=None, help="result file [default: benchmarks/results/scale-<date>.txt]")
    args = ap.parse_args(argv)

    from support.synth import write_corpus
    from support.virtuoso import find_virtuoso

    def size_of(s: str) -> int:
        return SIZES.get(s, None) or int(s.replace("_", ""))

    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if "remote" in backends and find_virtuoso() is None:
        print("virtuoso-t not installed: the remote backend is left out", file=sys.stderr)
        backends.remove("remote")
    analytics_max = size_of(args.analytics_max)
    rows = []
    with tempfile.TemporaryDirectory(prefix="b2bkg-scale-") as tmp:
        tmp = Path(tmp)
        for label in sizes:
            n = size_of(label)
            dataset = str(write_corpus(tmp / f"corpus-{n}.nq", n, args.seed))
            for backend in backends:
                print(f"-- {label} {backend}", file=sys.stderr, flush=True)
                work = tmp / f"{backend}-{n}"
                work.mkdir()
                analytics = n <= analytics_max
                if backend == "remote":
                    v = _virtuoso(work, "ours")
                    try:
                        ours = _case("ours", backend, dataset, str(work), {"gsp": v.gsp_url, "sparql": v.sparql_url},
                                     args.repeat, analytics)
                        ours["server_rss"] = _server_rss_mb(v.pid)
                    finally:
                        v.stop()
                    v = _virtuoso(work, "raw")
                    try:
                        raw = _case("raw-virtuoso", dataset, {"gsp": v.gsp_url, "sparql": v.sparql_url}, args.repeat)
                        raw["server_rss"] = _server_rss_mb(v.pid)
                    finally:
                        v.stop()
                    raw_name = "virtuoso/http"
                else:
                    ours = _case("ours", backend, dataset, str(work), {}, args.repeat, analytics)
                    raw = _case("raw-oxigraph", backend == "oxigraph", dataset, str(work), args.repeat)
                    raw_name = "pyoxigraph/" + ("disk" if backend == "oxigraph" else "memory")
                rows.append((label, backend, raw_name, ours, raw))
    report = render(rows, args)
    print(report)
    out = Path(args.out) if args.out else ROOT / "benchmarks" / "results" / f"scale-{dt.date.today()}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report + "\n", encoding="utf-8")
    print(f"saved to {out}", file=sys.stderr)


def _f(x: float | None, fmt: str = "{:.2f}") -> str:
    return "-" if x is None or x != x else fmt.format(x)


def render(rows, args) -> str:
    head = ("size", "backend", "triples", "load s", "raw s", "×", "reopen s", "RSS MB", "raw MB", "server MB",
            "lookup ms", "raw ms", "×", "library ms", "raw ms", "×", "analytics s", "baseline")
    lines = [head]
    for label, backend, raw_name, o, r in rows:
        server = o.get("server_rss")
        lines.append((
            label, backend, str(o["triples"]), _f(o["load"]), _f(r["load"]), _f(o["load"] / r["load"]),
            _f(o.get("reopen"), "{:.3f}"), _f(o["rss"], "{:.0f}"), _f(r["rss"], "{:.0f}"),
            _f(server, "{:.0f}") + (f"/{_f(r.get('server_rss'), '{:.0f}')}" if server else ""),
            _f(o["lookup"], "{:.3f}"), _f(r["lookup"], "{:.3f}"), _f(o["lookup"] / r["lookup"]),
            _f(o["library"], "{:.2f}"), _f(r["library"], "{:.2f}"), _f(o["library"] / r["library"]),
            _f(o.get("analytics")), raw_name,
        ))
    widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
    text = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in lines]
    text.insert(1, "  ".join("-" * w for w in widths))
    note = (f"b2bkg scale benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, python {sys.version.split()[0]}, "
            f"pyoxigraph {ox.__version__}, seed {args.seed}, repeat {args.repeat}; "
            f"{multiprocessing.cpu_count()} CPUs\n"
            "load: ours = open_store + service start (remote: GSP push in 100k-triple chunks + open); raw = bulk_load "
            "(remote: the N-Quads lines split by graph, PUT/POST in 100k-triple requests). "
            "× = ours ÷ raw. lookup/library: p50 ms of indexed lookups / of the "
            "named-query library with default parameters, through SparqlService, in-process. RSS: peak of the "
            "process before analytics; server MB: Virtuoso peak RSS ours/raw. "
            "analytics: snapshot + projection + PageRank.")
    return note + "\n\n" + "\n".join(text)


if __name__ == "__main__":
    main()
