"""How the web explorer holds up at a few thousand entities: serve seeded synthetic datasets and
measure the server and a real browser; print a table.

    python benchmarks/explorer_bench.py                          # 1k, 3k and 6k entities
    python benchmarks/explorer_bench.py --entities 3000 --out benchmarks/results/explorer-3k.txt

For each size, ``support.synth.generate`` (tests/support/synth.py) writes a corpus of about ``50 × entities`` quads (the
generator's corpora hold about one explorer entity, i.e. a labelled ``kg:`` resource, per 50
quads: persons, concepts, tools, mechanisms; its papers carry titles, not labels). The app is
created with ``create_app({"dataset": path, ...})``, warmed with ``b2bkg.web.explorer.warm`` as
``b2bkg serve`` does (timed: ``warm s``, the index, the whole view with its server-side layout and
the paper) and served by ``background_server`` on 127.0.0.1. Then:

- ``graph ms``, ``search ms``, ``entity ms``: median of ``--repeat`` HTTP requests (plain GETs, no
  conditional headers) to ``/api/graph?view=whole``, ``/api/search?q=`` (an English word and a
  Chinese one, both with many hits; the slower is shown), and ``/api/entity`` of
  ``kg:mechanism/credit-enhancement``, the synthetic corpora's busiest hub (the panel with the
  most relations and quotes); ``entity 1st ms`` is the first such request;
- Debian's chromium, headless through Playwright, opens ``/?lang=en``: ``draw ms`` is the
  performance mark ``b2bkg-first-draw`` (milliseconds after navigation start) on the first visit
  and ``reload ms`` after a reload; ``nodes`` and ``edges`` are what the page's Cytoscape instance
  (``window.b2bkgCy``) holds; ``pagerank ms`` is how long the page's own request for node sizes
  (``/api/analytics/centrality?measure=pagerank``, not warmed by ``warm``) took on the first
  visit, from the browser's resource timing; ``loaded ms`` is the page's mark ``b2bkg-graph-loaded``
  (the /api/graph answer fetched and parsed, before Cytoscape is created) on the first visit;
  ``errors`` counts console errors and page errors.

Synthetic corpora are cached under ``--workdir``. Numbers are wall-clock on a shared machine (the
header records the load average). Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import time
import urllib.parse
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import requests
from playwright.sync_api import BrowserContext, sync_playwright

from b2bkg.web import create_app
from b2bkg.web.explorer import warm
from b2bkg.web.server import background_server

__all__ = ["Row", "measure", "main"]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # support.synth: a test tool, not installed
from support.synth import write_corpus  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HUB = "https://w3id.org/b2bkg/id/mechanism/credit-enhancement"
QUERIES = ("platform", "信用")
QUADS_PER_ENTITY = 50
ANALYTICS = "/api/analytics/centrality"


@dataclass
class Row:
    entities: int
    quads: int
    nodes: int
    edges: int
    warm_s: float
    graph_ms: float
    graph_kib: float
    search_ms: float
    entity_first_ms: float
    entity_ms: float
    loaded_ms: float
    draw_ms: float
    reload_ms: float
    pagerank_ms: float
    errors: int


def _get_ms(session: requests.Session, url: str) -> tuple[float, requests.Response]:
    t0 = time.perf_counter()
    r = session.get(url, timeout=600)
    ms = (time.perf_counter() - t0) * 1000
    r.raise_for_status()
    return ms, r


def _median_ms(session: requests.Session, url: str, repeat: int) -> float:
    return statistics.median(_get_ms(session, url)[0] for _ in range(repeat))


def _browser(ctx: BrowserContext, url: str, timeout_ms: int) -> tuple[int, int, float, float, float, float, int]:
    """nodes, edges, graph-loaded ms, first-draw ms (first visit), first-draw ms (reload), pagerank request ms,
    errors."""
    page = ctx.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto(url + "/?lang=en", timeout=timeout_ms)
        page.wait_for_function("window.b2bkgFirstDraw !== undefined", timeout=timeout_ms)
        draw = page.evaluate("performance.getEntriesByName('b2bkg-first-draw')[0].startTime")
        loaded = page.evaluate("performance.getEntriesByName('b2bkg-graph-loaded')[0].startTime")
        nodes = page.evaluate("window.b2bkgCy.nodes().length")
        edges = page.evaluate("window.b2bkgCy.edges().length")
        # the node sizes arrive after the drawing; a resource entry appears once the response has ended
        page.wait_for_function(f"performance.getEntriesByType('resource').some((e) => e.name.includes({ANALYTICS!r}))",
                               timeout=timeout_ms)
        pagerank = page.evaluate(f"""performance.getEntriesByType('resource')
            .find((e) => e.name.includes({ANALYTICS!r})).duration""")
        page.reload(timeout=timeout_ms)
        page.wait_for_function("window.b2bkgFirstDraw !== undefined", timeout=timeout_ms)
        reload = page.evaluate("performance.getEntriesByName('b2bkg-first-draw')[0].startTime")
        page.wait_for_function(f"performance.getEntriesByType('resource').some((e) => e.name.includes({ANALYTICS!r}))",
                               timeout=timeout_ms)
    finally:
        page.close()
    return nodes, edges, loaded, draw, reload, pagerank, len(problems)


def measure(entities: int, ctx: BrowserContext, workdir: Path, repeat: int, seed: int, timeout_ms: int) -> Row:
    quads = entities * QUADS_PER_ENTITY
    path = write_corpus(workdir / f"synth-{quads}-s{seed}.nq", quads, seed=seed)
    app = create_app({"dataset": str(path), "queries_dir": str(ROOT / "queries"), "workers": 2})
    try:
        t0 = time.perf_counter()
        warm(app)
        warm_s = time.perf_counter() - t0
        with app.app_context():
            n_entities = len(app.extensions["b2bkg"].explorer.index().entities)
        with background_server(app) as url, requests.Session() as s:
            graph_ms = _median_ms(s, url + "/api/graph?view=whole", repeat)
            graph_kib = len(_get_ms(s, url + "/api/graph?view=whole")[1].content) / 1024
            search_ms = max(_median_ms(s, url + "/api/search?" + urllib.parse.urlencode({"q": q}), repeat)
                            for q in QUERIES)
            entity_url = url + "/api/entity?" + urllib.parse.urlencode({"iri": HUB})
            entity_first_ms = _get_ms(s, entity_url)[0]
            entity_ms = _median_ms(s, entity_url, repeat)
            nodes, edges, loaded, draw, reload, pagerank, errors = _browser(ctx, url, timeout_ms)
    finally:
        app.extensions["b2bkg"].close()
    return Row(n_entities, quads, nodes, edges, warm_s, graph_ms, graph_kib, search_ms, entity_first_ms, entity_ms,
               loaded, draw, reload, pagerank, errors)


HEADER = ("entities", "quads", "nodes", "edges", "warm s", "graph ms", "graph KiB", "search ms", "entity 1st ms",
          "entity ms", "loaded ms", "draw ms", "reload ms", "pagerank ms", "errors")


def _cells(r: Row) -> list[str]:
    return [str(r.entities), str(r.quads), str(r.nodes), str(r.edges), f"{r.warm_s:.1f}", f"{r.graph_ms:.0f}",
            f"{r.graph_kib:.0f}", f"{r.search_ms:.1f}", f"{r.entity_first_ms:.0f}", f"{r.entity_ms:.0f}",
            f"{r.loaded_ms:.0f}", f"{r.draw_ms:.0f}", f"{r.reload_ms:.0f}", f"{r.pagerank_ms:.0f}", str(r.errors)]


def table(rows: list[Row]) -> str:
    cells = [list(HEADER), *(_cells(r) for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADER))]
    return "\n".join("  ".join(c[i].rjust(widths[i]) for i in range(len(HEADER))) for c in cells)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entities", type=int, nargs="+", default=[1000, 3000, 6000],
                    help="target entity counts (the corpus gets about 50 quads per entity)")
    ap.add_argument("--repeat", type=int, default=5, help="HTTP requests per timing (median)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--timeout", type=float, default=300, help="seconds the browser may wait for a page")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/b2bkg-explorer-bench"))
    ap.add_argument("--out", type=Path, help="also write the report to this file")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print("chromium is not installed: apt-get install -y chromium", file=sys.stderr)
        return 2
    head = [f"# explorer benchmark {datetime.now().isoformat(timespec='seconds')}",
            f"# {platform.platform()}, python {platform.python_version()}, {os.cpu_count()} cpus, "
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
            f"# synth seed {args.seed}, {QUADS_PER_ENTITY} quads per entity; view 'whole'; HTTP medians of "
            f"{args.repeat}; browser: {CHROMIUM} headless, 1500x900"]
    print("\n".join(head), flush=True)
    rows: list[Row] = []
    args.workdir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(args.workdir / "chromium-profile"), executable_path=CHROMIUM, args=FLAGS, headless=True,
            viewport={"width": 1500, "height": 900})
        try:
            for n in args.entities:
                rows.append(measure(n, ctx, args.workdir, args.repeat, args.seed, int(args.timeout * 1000)))
                print(_cells(rows[-1]), flush=True)
        finally:
            ctx.close()
    report = "\n".join([*head, table(rows)])
    print(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
