"""Corpus benchmark: a seeded generator of realistic Web of Science exports, then import time and
peak memory, summary time and every network's time on each store.

The generator (``tests/support/wos_synth.py``): authors drawn from a Lotka-distributed pool
(productivity ~ 1/n^2), sources from a Bradford/Zipf-distributed pool, cited references from a
heavy-tailed (Zipf, s = 1.1) pool of works, a share of them pointing at earlier records of the
corpus itself, DOIs on 70 % of references, keywords from a Zipf vocabulary, annual production
growing ~8 % a year.

    python benchmarks/corpus_bench.py --sizes 1000 10000 [--remote] [--seed 7]

Prints one table (wall seconds, and the CPU seconds of this process: Oxigraph evaluates in it, so
that column is what a loaded shared machine changes least; a remote store's work is in Virtuoso,
not counted there); nothing is asserted (speed targets are read, not tested). Every import runs in
its own process so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing as mp
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # support.virtuoso (the Virtuoso launcher), support.wos_synth (the corpora)

from support.wos_synth import generate  # noqa: E402

NETWORKS = [
    ("co-citation", "references"), ("co-citation", "authors"), ("co-citation", "sources"),
    ("coupling", "documents"), ("co-authorship", "authors"), ("co-authorship", "countries"),
    ("keywords", "author"), ("direct-citation", "documents"),
    ("coupling", "authors"), ("coupling", "sources"), ("coupling", "countries"), ("co-authorship", "institutions"),
    ("keywords", "indexed"), ("keywords", "terms"),
]


def _import_child(args, queue) -> None:
    path, directory = args
    from b2bkg.corpus.persist import import_corpus

    t, c = time.perf_counter(), time.process_time()
    report = import_corpus([path], "bench", directory=directory)
    queue.put({"seconds": time.perf_counter() - t, "cpu": time.process_time() - c,
               "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
               "triples": report.triples, "works": report.works_created, "cited": report.cited_works,
               "refs": report.references_parsed, "nq": report.path})


def measure_import(path: Path, directory: Path) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_import_child, args=((path, directory), queue))
    proc.start()
    out = queue.get()
    proc.join()
    return out


def _stores(nq: str, tmp: Path, stores: list[str]):
    from b2bkg.store import MemoryStore, OxigraphStore, prepare_oxigraph

    if "memory" in stores:
        t = time.perf_counter()
        yield "memory", MemoryStore(nq), time.perf_counter() - t
    if "oxigraph" in stores:
        t = time.perf_counter()
        prepare_oxigraph(nq, tmp / "ox")
        yield "oxigraph", OxigraphStore(tmp / "ox", read_only=True), time.perf_counter() - t
    if "remote" in stores:
        from b2bkg.store import RemoteStore, push_dataset
        from support.virtuoso import start_virtuoso

        server = start_virtuoso(tmp / "virtuoso", buffers=200_000)
        try:
            t = time.perf_counter()
            push_dataset(nq, server.gsp_url, user=server.user, password=server.password)
            yield "remote", RemoteStore(server.sparql_url), time.perf_counter() - t
        finally:
            server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--remote", action="store_true", help="also a Virtuoso (virtuoso-t) as the remote store")
    ap.add_argument("--stores", nargs="+", default=["memory", "oxigraph"], choices=["memory", "oxigraph", "remote"],
                    help="the stores to measure (--remote adds remote)")
    ap.add_argument("--min-occurrences", type=int, default=0, help="network threshold (default: ~size/200)")
    ap.add_argument("--nq", help="measure the stores on this earlier import of the (one) size instead of "
                                 "generating and importing again")
    ap.add_argument("--networks", nargs="+", help="only these KIND/UNIT networks")
    ap.add_argument("--pair-sums", nargs="+", default=["auto"], choices=["auto", "store", "python"],
                    help="where a large network's pair sums are made (each one given is measured)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    networks = [tuple(n.split("/", 1)) for n in args.networks] if args.networks else NETWORKS
    from b2bkg.corpus.service import CorpusView
    from b2bkg.errors import B2BKGError

    if not args.json:
        print(f"{'size':>7}  {'step':<28} {'store':<9} {'seconds':>8} {'cpu s':>8}  detail", flush=True)

    rows = []
    for n in args.sizes:
        tmp = Path(tempfile.mkdtemp(prefix=f"corpus-bench-{n}-"))
        try:
            if args.nq:
                imp = {"nq": args.nq}
            else:
                wos = tmp / f"synthetic-{n}.isi"
                t = time.perf_counter()
                generate(n, wos, args.seed)
                gen = time.perf_counter() - t
                imp = measure_import(wos, tmp / "corpus")
                rows.append({"size": n, "step": "generate", "store": "-", "seconds": round(gen, 2), "detail":
                             f"{wos.stat().st_size / 1e6:.1f} MB"})
                rows.append({"size": n, "step": "import", "store": "-", "seconds": round(imp["seconds"], 2),
                             "cpu": round(imp["cpu"], 2),
                             "detail": f"peak {imp['peak_mb']:.0f} MB RSS; {imp['triples']} triples, "
                                       f"{imp['works']} works, {imp['cited']} cited works, {imp['refs']} refs"})
                if not args.json:
                    _print(rows[-2])
                    _print(rows[-1])
            min_occ = args.min_occurrences or max(2, n // 200)
            stores = args.stores + (["remote"] if args.remote and "remote" not in args.stores else [])
            for name, store, load in _stores(imp["nq"], tmp, stores):
                view = CorpusView(store)
                rows.append({"size": n, "step": "load", "store": name, "seconds": round(load, 2),
                             "detail": f"{_rss_mb():.0f} MB RSS after load"})
                t, c = time.perf_counter(), time.process_time()
                try:
                    s = view.summary("bench")
                    detail = f"{s['documents']} documents, {s['references_distinct']} references"
                except B2BKGError as exc:
                    detail = f"failed: {exc.message[:80]}"
                rows.append({"size": n, "step": "summary", "store": name, "seconds": round(time.perf_counter() - t, 2),
                             "cpu": round(time.process_time() - c, 2), "detail": detail})
                if not args.json:
                    _print(rows[-2])
                    _print(rows[-1])
                for (kind, unit), pair_sums in ((net, p) for net in networks for p in args.pair_sums):
                    t, c = time.perf_counter(), time.process_time()
                    try:
                        net = view.network(kind, unit, corpus="bench", top=500, pair_sums=pair_sums,
                                           min_occurrences=1 if kind == "direct-citation" else min_occ)
                        detail = (f"{len(net.nodes)} nodes of {net.items_total}, {len(net.links)} links, "
                                  f"Q={net.modularity}; pairs: {net.pairs_counted_by}")
                    except B2BKGError as exc:
                        detail = f"failed: {exc.message[:80]}"
                    step = f"{kind}/{unit}" + (f" [{pair_sums}]" if len(args.pair_sums) > 1 else "")
                    rows.append({"size": n, "step": step, "store": name,
                                 "seconds": round(time.perf_counter() - t, 2),
                                 "cpu": round(time.process_time() - c, 2), "detail": detail})
                    if not args.json:
                        _print(rows[-1])
                store.close()
                del view, store  # the next store's load gets the memory back
                gc.collect()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(rows, indent=1))


def _rss_mb() -> float:
    """This process's resident memory now (Linux ``/proc``; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _print(r: dict) -> None:
    cpu = r.get("cpu", "")
    print(f"{r['size']:>7}  {r['step']:<28} {r['store']:<9} {r['seconds']:>8} {cpu:>8}  {r['detail']}", flush=True)


if __name__ == "__main__":
    main()
