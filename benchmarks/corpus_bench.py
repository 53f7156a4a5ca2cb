"""Corpus benchmark: a seeded generator of realistic Web of Science exports, then import time and
peak memory, summary time and every network's time on each store.

The generator: authors drawn from a Lotka-distributed pool (productivity ~ 1/n^2), sources from
a Bradford/Zipf-distributed pool, cited references from a heavy-tailed (Zipf, s = 1.1) pool of
works, a share of them pointing at earlier records of the corpus itself, DOIs on 70 % of
references, keywords from a Zipf vocabulary, annual production growing ~8 % a year.

    python benchmarks/corpus_bench.py --sizes 1000 10000 [--remote] [--seed 7]

Prints one table; nothing is asserted (speed targets are read, not tested). Every import runs in
its own process so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # support.virtuoso: the test tools' Virtuoso launcher

NETWORKS = [
    ("co-citation", "references"), ("co-citation", "authors"), ("co-citation", "sources"),
    ("coupling", "documents"), ("co-authorship", "authors"), ("co-authorship", "countries"),
    ("keywords", "author"), ("direct-citation", "documents"),
]
SURNAMES = ("SMITH JOHNSON WANG LI ZHANG GARCIA MULLER ROSSI DUBOIS TANAKA KIM NGUYEN SILVA IVANOV "
            "KOWALSKI JENSEN NOVAK HANSEN MARTIN LOPEZ CHEN LIU YANG HUANG ZHAO WU ZHOU XU SUN MA").split()
COUNTRIES = ["USA", "Peoples R China", "England", "Germany", "France", "Japan", "Italy", "Spain", "Canada",
             "Netherlands", "South Korea", "Brazil", "India", "Australia", "Switzerland"]
WORDS = ("light beam shift reflection optics laser interface waveguide sensor plasmon film photon momentum "
         "polarization mode resonance dielectric metal surface nonlinear spin angular energy tensor theory "
         "experiment measurement network platform trade enterprise digital governance").split()


def _zipf_pick(rng: random.Random, n: int, s: float) -> int:
    """An index in [0, n) with P(k) ~ 1/(k+1)^s (inverse transform on a precomputed CDF is cached)."""
    key = (n, s)
    cdf = _CDF.get(key)
    if cdf is None:
        total, acc, cdf = sum(1 / (k + 1) ** s for k in range(n)), 0.0, []
        for k in range(n):
            acc += 1 / (k + 1) ** s / total
            cdf.append(acc)
        _CDF[key] = cdf
    import bisect

    return min(n - 1, bisect.bisect_left(cdf, rng.random()))


_CDF: dict = {}


def generate(n: int, path: Path, seed: int = 7) -> None:
    """Write ``n`` WoS plain-text records to ``path``."""
    rng = random.Random(seed)
    n_authors = max(50, int(n * 1.6))
    authors = [f"{rng.choice(SURNAMES)}, {chr(65 + rng.randrange(26))}{chr(65 + rng.randrange(26))}"
               for _ in range(n_authors)]
    n_sources = max(20, n // 40)
    sources = [f"J {' '.join(rng.sample(WORDS, 2)).upper()} {k}" for k in range(n_sources)]
    n_cited = max(200, n * 8)
    cited = []
    for k in range(n_cited):
        year = 1950 + _zipf_pick(rng, 70, 0.3)
        src = sources[_zipf_pick(rng, n_sources, 1.0)]
        doi = f"10.{1000 + k % 9000}/ref.{k}" if rng.random() < 0.7 else None
        cited.append((rng.choice(SURNAMES) + " " + chr(65 + rng.randrange(26)), year, src[:20], rng.randrange(1, 90),
                      rng.randrange(1, 2000), doi))
    years = []
    for y in range(1995, 2025):
        years += [y] * int(10 * 1.08 ** (y - 1995))
    lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    records = []
    for i in range(n):
        year = rng.choice(years)
        k = 1 + min(11, int(rng.paretovariate(2.2)))  # co-authors per document
        names = [authors[_zipf_pick(rng, n_authors, 2.0 if rng.random() < 0.3 else 0.6)] for _ in range(k)]
        src = sources[_zipf_pick(rng, n_sources, 1.0)]
        doi = f"10.5555/corpus.{i}"
        refs = []
        for _ in range(max(3, int(rng.lognormvariate(3.2, 0.5)))):
            if records and rng.random() < 0.1:
                r = records[rng.randrange(len(records))]
                refs.append(f"{r[0].split(',')[0]} {r[0].split(', ')[1][:1]}, {r[1]}, {r[2][:20]}, V{r[3]}, P{r[4]}, "
                            f"DOI {r[5]}")
            else:
                a, y, s, v, p, d = cited[_zipf_pick(rng, n_cited, 1.1)]
                refs.append(f"{a}, {y}, {s}, V{v}, P{p}" + (f", DOI {d}" if d else ""))
        vol, page = rng.randrange(1, 80), rng.randrange(1, 3000)
        records.append((names[0], year, src, vol, page, doi))
        kw = sorted({WORDS[_zipf_pick(rng, len(WORDS), 1.0)] + " " + WORDS[_zipf_pick(rng, len(WORDS), 1.0)]
                     for _ in range(4)})
        country = COUNTRIES[_zipf_pick(rng, len(COUNTRIES), 1.0)]
        lines += ["PT J", "AU " + "\n   ".join(names), "AF " + "\n   ".join(names),
                  f"TI Synthetic study {i} of {' '.join(rng.sample(WORDS, 5))}", f"SO {src}", "LA English",
                  "DT Article", "DE " + "; ".join(kw), f"C1 Univ {rng.choice(SURNAMES).title()}, Dept Phys, {country}.",
                  "CR " + "\n   ".join(refs), f"NR {len(refs)}", f"TC {int(rng.paretovariate(1.5)) - 1}",
                  f"J9 {src[:20]}", f"PY {year}", f"VL {vol}", f"BP {page}", f"DI {doi}", f"UT WOS:{i:015d}", "ER", ""]
    lines.append("EF")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _import_child(args, queue) -> None:
    path, directory = args
    from b2bkg.corpus.persist import import_corpus

    t = time.perf_counter()
    report = import_corpus([path], "bench", directory=directory)
    queue.put({"seconds": time.perf_counter() - t, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
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
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from b2bkg.corpus.service import CorpusView
    from b2bkg.errors import B2BKGError

    if not args.json:
        print(f"{'size':>7}  {'step':<28} {'store':<9} {'seconds':>8}  detail", flush=True)

    rows = []
    for n in args.sizes:
        tmp = Path(tempfile.mkdtemp(prefix=f"corpus-bench-{n}-"))
        try:
            wos = tmp / f"synthetic-{n}.isi"
            t = time.perf_counter()
            generate(n, wos, args.seed)
            gen = time.perf_counter() - t
            imp = measure_import(wos, tmp / "corpus")
            rows.append({"size": n, "step": "generate", "store": "-", "seconds": round(gen, 2), "detail":
                         f"{wos.stat().st_size / 1e6:.1f} MB"})
            rows.append({"size": n, "step": "import", "store": "-", "seconds": round(imp["seconds"], 2), "detail":
                         f"peak {imp['peak_mb']:.0f} MB RSS; {imp['triples']} triples, {imp['works']} works, "
                         f"{imp['cited']} cited works, {imp['refs']} refs"})
            if not args.json:
                _print(rows[-2])
                _print(rows[-1])
            min_occ = args.min_occurrences or max(2, n // 200)
            stores = args.stores + (["remote"] if args.remote and "remote" not in args.stores else [])
            for name, store, load in _stores(imp["nq"], tmp, stores):
                view = CorpusView(store)
                rows.append({"size": n, "step": "load", "store": name, "seconds": round(load, 2), "detail": ""})
                t = time.perf_counter()
                s = view.summary("bench")
                rows.append({"size": n, "step": "summary", "store": name, "seconds": round(time.perf_counter() - t, 2),
                             "detail": f"{s['documents']} documents, {s['references_distinct']} references"})
                if not args.json:
                    _print(rows[-2])
                    _print(rows[-1])
                for kind, unit in NETWORKS:
                    t = time.perf_counter()
                    try:
                        net = view.network(kind, unit, corpus="bench", top=500,
                                           min_occurrences=1 if kind == "direct-citation" else min_occ)
                        detail = (f"{len(net.nodes)} nodes of {net.items_total}, {len(net.links)} links, "
                                  f"Q={net.modularity}")
                    except B2BKGError as exc:
                        detail = f"failed: {exc.message[:80]}"
                    rows.append({"size": n, "step": f"{kind}/{unit}", "store": name,
                                 "seconds": round(time.perf_counter() - t, 2), "detail": detail})
                    if not args.json:
                        _print(rows[-1])
                store.close()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(rows, indent=1))


def _print(r: dict) -> None:
    print(f"{r['size']:>7}  {r['step']:<28} {r['store']:<9} {r['seconds']:>8}  {r['detail']}", flush=True)


if __name__ == "__main__":
    main()
