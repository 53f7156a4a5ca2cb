"""Seeded synthetic Web of Science plain-text exports (the corpus benchmark's and the store
agreement tests' corpora).

Authors drawn from a Lotka-distributed pool (productivity ~ 1/n^2), sources from a
Bradford/Zipf-distributed pool, cited references from a heavy-tailed (Zipf, s = 1.1) pool of
works, a share of them pointing at earlier records of the corpus itself, DOIs on 70 % of
references, keywords from a Zipf vocabulary, annual production growing ~8 % a year. Same size
and seed, same bytes.
"""

from __future__ import annotations

import bisect
import random
from pathlib import Path

__all__ = ["generate", "synthetic_import"]

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


def synthetic_import(directory: Path, n: int = 1000, seed: int = 7) -> Path:
    """``generate(n, …, seed)`` written under ``directory`` and imported as the corpus ``bench``
    (its import directory ``directory / "corpus"``): the N-Quads file of the import."""
    from b2bkg.corpus.persist import import_corpus

    source = directory / f"synthetic-{n}.isi"
    generate(n, source, seed=seed)
    return import_corpus([source], "bench", directory=directory / "corpus").path
