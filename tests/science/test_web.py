"""Science mapping over HTTP (``/api/corpus/…``) and the science-mapping page in Debian's
chromium (Playwright), on a live server on a loopback port serving the built dataset (the seed
paper and the works its references point to) and a corpus assembled from seven files in six
formats (../shared/corpus/wos-optics-34-damaged.isi and tests/corpus/fixtures/*-optics*)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from playwright.sync_api import sync_playwright

from b2bkg.web import create_app
from b2bkg.web.server import background_server

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


WOS = ROOT.parent / "shared" / "corpus" / "wos-optics-34-damaged.isi"
FIXTURES = ROOT / "tests" / "corpus" / "fixtures"


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> Iterator[str]:
    from b2bkg.build import ensure_dataset
    from b2bkg.corpus.persist import dataset_with_corpora, import_corpus

    if not WOS.is_file():
        pytest.fail(f"{WOS} is missing (the shared corpus files are part of the test data)")
    directory = tmp_path_factory.mktemp("science-web")
    import_corpus([WOS, *sorted(FIXTURES.glob("*-optics*"))], "optics", directory=directory)
    combined = dataset_with_corpora(ensure_dataset(), directory)
    app = create_app({"dataset": str(combined), "queries_dir": str(ROOT / "queries"), "workers": 1})
    with background_server(app) as url:
        yield url
    app.extensions["b2bkg"].close()


def test_api_answers_the_corpus_analyses(live):
    get = lambda path, **params: requests.get(live + path, params=params, timeout=120)  # noqa: E731
    assert get("/api/corpus/names").json() == {"corpora": [{"name": "optics", "documents": 34}]}
    rows = get("/api/corpus/bursts", name="optics").json()
    assert rows and all(r["begin"] <= r["end"] and r["strength"] > 0 and r["label"] for r in rows)
    clusters = get("/api/corpus/clusters", name="optics", min_occurrences=2).json()
    net = get("/api/corpus/network/co-citation", unit="references", name="optics", min_occurrences=2).json()
    assert clusters["modularity"] == net["modularity"] and clusters["silhouette"] is not None
    assert all(c["labels"] for c in clusters["clusters"] if c["documents"])
    themes = get("/api/corpus/thematic", name="optics", unit="indexed").json()["themes"]
    assert themes and all(t["quadrant"] in ("motor themes", "niche themes", "emerging or declining themes",
                                            "basic themes") for t in themes)
    mp = get("/api/corpus/mainpath", name="optics").json()
    assert mp["global"] and all(a["year"] <= b["year"] for a, b in zip(mp["global"], mp["global"][1:], strict=False))


def test_api_answers_the_analyses(live):
    get = lambda path, **params: requests.get(live + path, params=params, timeout=120)  # noqa: E731
    mp = get("/api/corpus/mainpath").json()
    assert mp["paths"] and all(n["spc"] >= 1 for n in mp["global"])
    tags = get("/api/corpus/tags", q="国际化").json()
    assert tags["total"] >= 3
    assert all("国际化" in t["exact"] or "国际化" in t["label"] for t in tags["tags"])
    assert all(t["title"][t["start"]:t["end"]] == t["exact"] for t in tags["tags"] if t["field"] == "title")
    clusters = get("/api/corpus/clusters").json()
    assert {"modularity", "silhouette", "clusters"} <= set(clusters)
    timeline = get("/api/corpus/timeline").json()
    placed = timeline["seed_references"] + timeline["seed_references_outside"]
    assert len(placed) >= 20  # the seed paper's references, on the time axis
    related = get("/api/corpus/related").json()
    assert related and related[0]["related"] and all(r["shared"] for r in related[0]["related"])
    csv = get("/api/corpus/compare", format="csv")
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.startswith("property,")
    assert isinstance(get("/api/corpus/bursts", of="keywords").json(), list)
    for path in ("/api/corpus/slices", "/api/corpus/historiograph", "/api/corpus/thematic",
                 "/api/corpus/cooccurrence", "/api/corpus/concepts-by-year"):
        assert get(path).status_code == 200, path
    spec = get("/openapi.json").json()
    assert "/api/corpus/bursts" in spec["paths"] and "/corpus/science" in spec["paths"]


@pytest.mark.parametrize("path, status", [
    ("/api/corpus/bursts?of=planets", 400), ("/api/corpus/bursts?s=0.5", 400), ("/api/corpus/bursts?s=nan", 400),
    ("/api/corpus/clusters?kind=keywords&unit=references", 400), ("/api/corpus/mainpath?weight=heavy", 400),
    ("/api/corpus/slices?years=0", 400), ("/api/corpus/tags?limit=x", 400), ("/api/corpus/compare?format=doc", 400),
    ("/api/corpus/related?paper=https://example.org/p", 404), ("/api/corpus/bursts?name=missing", 404),
])
def test_errors_have_the_one_shape(live, path, status):
    r = requests.get(live + path, timeout=60)
    assert r.status_code == status, r.text
    assert r.json() == {"ok": False, "error": r.json()["error"], "status": status}


@pytest.mark.browser
def test_science_page_in_chromium(live, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=CHROMIUM, args=FLAGS,
                                                   headless=True, viewport={"width": 1400, "height": 900})
        page = ctx.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda r: problems.append("off-host " + r.url) if not r.url.startswith(live) else None)
        page.goto(live + "/corpus/science?name=optics")
        page.wait_for_function("() => window.b2bkgScience.drawn.bursts > 0", timeout=120_000)
        assert page.locator("#burst-chart .burst-row").count() >= 1
        assert page.locator("#burst-chart rect.burst").count() >= 1
        page.screenshot(path=str(ARTIFACTS / "science-bursts.png"), full_page=True)
        page.fill("#burst-gamma", "0.3")  # a cheaper entry into the burst state: more bursts
        page.click("#burst-go")
        page.wait_for_function("() => window.b2bkgScience.drawn.bursts > 1", timeout=120_000)
        page.screenshot(path=str(ARTIFACTS / "science-bursts-gamma-0.3.png"), full_page=True)
        page.click("#tabs button[data-view=thematic]")
        page.select_option("#th-unit", "indexed")
        page.click("#th-go")
        page.wait_for_function("() => window.b2bkgScience.drawn.thematic > 0", timeout=120_000)
        chart = page.locator("#th-chart").inner_text()
        assert all(q in chart for q in ("motor themes", "niche themes", "emerging or declining themes", "basic themes"))
        page.screenshot(path=str(ARTIFACTS / "science-thematic.png"), full_page=True)
        page.click("#tabs button[data-view=timeline]")
        page.wait_for_function("() => window.b2bkgScience.drawn.timeline > 0", timeout=120_000)
        assert "Modularity Q" in page.locator("#tl-quality").inner_text()
        page.screenshot(path=str(ARTIFACTS / "science-timeline-optics.png"), full_page=True)
        page.click("#tabs button[data-view=mainpath]")
        page.wait_for_function("() => window.b2bkgScience.drawn.mainpath > 0", timeout=120_000)
        page.screenshot(path=str(ARTIFACTS / "science-mainpath-optics.png"), full_page=True)
        page.goto(live + "/corpus/science?view=concepts&q=" + "国际化")
        page.wait_for_function("() => window.b2bkgScience.drawn.concepts > 0", timeout=120_000)
        marks = page.locator("#cs-hits mark")
        assert marks.count() >= 3 and all("国际化" in t for t in marks.all_inner_texts())
        page.wait_for_function("() => window.b2bkgScience.drawn.related > 0", timeout=120_000)
        assert page.locator("#related li em").count() >= 3  # the shared notions named
        page.screenshot(path=str(ARTIFACTS / "science-concepts.png"), full_page=True)
        page.click("#tabs button[data-view=timeline]")
        page.wait_for_function("() => window.b2bkgScience.drawn.timeline !== undefined", timeout=120_000)
        assert page.locator("#tl-chart .seed").count() >= 20  # the seed paper's references placed
        page.screenshot(path=str(ARTIFACTS / "science-timeline.png"), full_page=True)
        page.click("#tabs button[data-view=mainpath]")
        page.wait_for_function("() => window.b2bkgScience.drawn.mainpath > 0", timeout=120_000)
        assert "SPC" in page.locator("#mp-chart").inner_text()
        page.screenshot(path=str(ARTIFACTS / "science-mainpath.png"), full_page=True)
        page.click("#tabs button[data-view=compare]")
        page.wait_for_function("() => window.b2bkgScience.drawn.compare > 0", timeout=120_000)
        assert page.locator("#cmp tbody tr").count() >= 5
        page.screenshot(path=str(ARTIFACTS / "science-compare.png"), full_page=True)
        ctx.close()
    assert not problems, problems
