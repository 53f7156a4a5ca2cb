"""Science-mapping benchmark: every analysis of ``KnowledgeGraph.science`` on the corpus
benchmark's seeded synthetic Web of Science corpora (``corpus_bench.generate``: Lotka authors,
Bradford sources, heavy-tailed cited references), imported with ``b2bkg corpus import`` and
served from the in-memory store with the seed paper's dataset.

    python benchmarks/science_bench.py --sizes 1000 10000 [--seed 7] [--min-occurrences N]

One row per analysis: seconds (wall clock) and the size of the answer. ``records`` is the read of
the corpus records by SPARQL, done once per store version and shared by the analyses after it
(as in the web app); the network rows include the network counted in the store. Prints a table;
nothing is asserted (speed targets are read, not tested).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _size(answer) -> str:
    if isinstance(answer, list):
        return f"{len(answer)} rows"
    if isinstance(answer, dict):
        for key in ("clusters", "paths", "themes", "nodes"):
            if key in answer:
                return f"{len(answer[key])} {key}"
    return ""


def run(n: int, seed: int, min_occ: int | None) -> list[tuple[str, float, str]]:
    from corpus_bench import generate

    from b2bkg.api import KnowledgeGraph
    from b2bkg.build import ensure_dataset
    from b2bkg.corpus.persist import dataset_with_corpora, import_corpus

    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="science-bench-") as tmp:
        wos = Path(tmp) / f"synthetic-{n}.isi"
        generate(n, wos, seed)
        directory = Path(tmp) / "corpus"
        t = time.perf_counter()
        import_corpus([wos], "bench", directory=directory)
        rows.append(("import (for reference)", time.perf_counter() - t, ""))
        t = time.perf_counter()
        kg = KnowledgeGraph(dataset_with_corpora(ensure_dataset(), directory))
        rows.append(("open memory store", time.perf_counter() - t, f"{kg.triple_count} triples"))
        sci = kg.science
        occ = min_occ or max(2, n // 200)
        net = {"min_occurrences": occ, "top": 500}
        steps = [
            ("records (SPARQL, once)", lambda: sci.records("bench")),
            ("bursts references", lambda: sci.bursts("references", corpus="bench")),
            ("bursts keywords", lambda: sci.bursts("keywords", corpus="bench")),
            ("bursts authors", lambda: sci.bursts("authors", corpus="bench")),
            ("bursts sources", lambda: sci.bursts("sources", corpus="bench")),
            (f"clusters co-citation (min {occ})",
             lambda: sci.clusters("co-citation", "references", corpus="bench", **net)),
            (f"clusters keywords (min {occ})", lambda: sci.clusters("keywords", "author", corpus="bench", **net)),
            ("mainpath (spc, key routes 1)", lambda: sci.mainpath(corpus="bench")),
            (f"timeline (min {occ})", lambda: sci.timeline(corpus="bench", **net)),
            ("slices (1 year, top 50)", lambda: sci.slices(corpus="bench")),
            ("historiograph (top 20)", lambda: sci.historiograph(corpus="bench")),
            (f"thematic map (min {occ})", lambda: sci.thematic(corpus="bench", **net)),
            ("tags (thesaurus + tagging, once)", lambda: sci.tags(corpus="bench")),
            ("concept search q=platform", lambda: sci.tags(corpus="bench", query="platform")),
            ("cooccurrence", lambda: sci.cooccurrence(corpus="bench")),
            ("concepts by year", lambda: sci.concepts_by_year(corpus="bench")),
            ("related literature", lambda: sci.related(corpus="bench")),
        ]
        for name, step in steps:
            t = time.perf_counter()
            answer = step()
            rows.append((name, time.perf_counter() - t, _size(answer)))
        kg.close()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--min-occurrences", type=int, default=None, help="network threshold (default ~size/200, >= 2)")
    args = ap.parse_args()
    print(f"{'records':>7}  {'analysis':<36} {'seconds':>8}  answer", flush=True)
    for n in args.sizes:
        for name, seconds, detail in run(n, args.seed, args.min_occurrences):
            print(f"{n:>7}  {name:<36} {seconds:>8.2f}  {detail}", flush=True)


if __name__ == "__main__":
    main()
