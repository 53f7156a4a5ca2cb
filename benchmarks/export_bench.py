"""Time ``b2bkg export`` in every format on the built dataset (and, with ``--synthetic N``, on a
seeded synthetic dataset of about N quads); print a table.

    python benchmarks/export_bench.py                    # build/dataset.nq (built if missing)
    python benchmarks/export_bench.py --synthetic 200000
    python benchmarks/export_bench.py --repeat 5 --rdflib   # also rdflib's own writers, for comparison

``seconds`` is the best of ``--repeat`` runs of ``export_file`` (parse the N-Quads file with
pyoxigraph, sort, serialise); ``MB`` the output size; ``quads back`` the number of distinct
quads (triples for triple formats) pyoxigraph parses back from the output, which must equal the
input's. ``--rdflib`` adds rdflib's ``Dataset.serialize`` for the same format (what the export
used before). The header records the load average: other jobs make the numbers noisy.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import warnings
from pathlib import Path

import pyoxigraph as ox

from b2bkg.quality.export import EXPORT_FORMATS, QUAD_FORMATS, export_file

_BACK = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
         "trig": ox.RdfFormat.TRIG, "json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}


def synthetic(n: int, out: Path, seed: int = 42) -> Path:
    rng = random.Random(seed)
    base = "https://w3id.org/b2bkg/"
    lines = []
    for i in range(n):
        g = f"<{base}graph/{rng.choice(('assertions', 'evidence', 'inferences'))}>"
        s = f"<{base}id/thing/{rng.randrange(n // 5 + 1)}>"
        p = f"<{base}def/p{rng.randrange(40)}>"
        o = f"<{base}id/thing/{rng.randrange(n // 5 + 1)}>" if rng.random() < 0.6 else f'"value {i}"@en'
        lines.append(f"{s} {p} {o} {g} .")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def measure(path: Path, repeat: int, with_rdflib: bool) -> list[tuple]:
    quads = {q for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)}
    triples = {q.triple for q in quads}
    rows = []
    for fmt in EXPORT_FORMATS:
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            data = export_file(path, fmt)
            best = min(best, time.perf_counter() - t0)
        back = list(ox.parse(data, format=_BACK[fmt]))
        count = len(set(back)) if fmt in QUAD_FORMATS else len({q.triple for q in back})
        expected = len(quads) if fmt in QUAD_FORMATS else len(triples)
        slow = ""
        if with_rdflib:
            from rdflib import Dataset

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ds = Dataset()
                ds.parse(path, format="nquads")
                t0 = time.perf_counter()
                if fmt in QUAD_FORMATS:
                    ds.serialize(format={"json-ld": "json-ld"}.get(fmt, fmt), encoding="utf-8")
                else:
                    g = ds.graph()
                    for gr in ds.graphs():
                        g += gr
                    g.serialize(format=fmt, encoding="utf-8")
                slow = f"{time.perf_counter() - t0:.2f}"
        rows.append((fmt, best, len(data) / 1e6, count, expected, slow))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", type=Path, default=None)
    ap.add_argument("--synthetic", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rdflib", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.synthetic:
            path = synthetic(args.synthetic, Path(tmp) / "synthetic.nq")
        else:
            from b2bkg.build import ensure_dataset

            path = ensure_dataset(args.dataset)
        print(f"export of {path.name}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        head = f"{'format':<8} {'seconds':>8} {'MB':>7} {'quads back':>11} {'expected':>9}"
        print(head + (f" {'rdflib s':>9}" if args.rdflib else ""))
        for fmt, seconds, mb, count, expected, slow in measure(path, args.repeat, args.rdflib):
            line = f"{fmt:<8} {seconds:>8.3f} {mb:>7.2f} {count:>11} {expected:>9}"
            print(line + (f" {slow:>9}" if args.rdflib else "") + ("" if count == expected else "  MISMATCH"))


if __name__ == "__main__":
    main()
