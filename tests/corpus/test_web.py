"""The corpus over HTTP and the literature map in Debian's chromium (Playwright), on a live server
on a loopback port whose store holds the dataset and a corpus assembled from seven files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from playwright.sync_api import sync_playwright

from b2bkg.corpus.persist import dataset_with_corpora, import_corpus
from b2bkg.web import create_app
from b2bkg.web.server import background_server
from support.requires import require

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
GOOS = "https://w3id.org/b2bkg/id/work/key/goos-f-1947-annphysberlin-1-333"
LEVY = "https://w3id.org/b2bkg/id/work/doi/10.1016/0030-4018%2875%2990153-4"


@pytest.fixture(scope="module")
def live(tmp_path_factory, mixed_files) -> Iterator[str]:
    from b2bkg.build import ensure_dataset

    directory = tmp_path_factory.mktemp("corpus-web")
    import_corpus(mixed_files, "optics", directory=directory)
    combined = dataset_with_corpora(ensure_dataset(), directory)
    app = create_app({"dataset": str(combined), "queries_dir": str(ROOT / "queries"), "workers": 1})
    with background_server(app) as url:
        yield url
    app.extensions["b2bkg"].close()


def test_api_corpus_routes(live):
    corpora = requests.get(live + "/api/corpus", timeout=30).json()
    assert corpora["corpora"] == [{"name": "optics", "iri": "https://w3id.org/b2bkg/id/corpus/optics",
                                   "documents": 34}]
    s = requests.get(live + "/api/corpus/summary", params={"name": "optics", "top": 3}, timeout=30).json()
    assert s["documents"] == 34 and len(s["top_cited_references"]) == 3
    net = requests.get(live + "/api/corpus/network/co-citation",
                       params={"unit": "references", "min_occurrences": 3}, timeout=60).json()
    assert net["nodes"] and all({"x", "y", "cluster", "label"} <= set(n) for n in net["nodes"])
    docs = requests.get(live + "/api/corpus/documents", params=[("item", GOOS), ("item", LEVY)], timeout=30).json()
    assert docs["documents"] and all(d["title"] and d["year"] for d in docs["documents"])
    ris = requests.get(live + "/api/corpus/export", params={"format": "ris"}, timeout=30)
    assert ris.text.count("TY  - JOUR") == 34


@pytest.mark.parametrize("path, status", [
    ("/api/corpus/network/nope", 400), ("/api/corpus/network/co-citation?unit=planets", 400),
    ("/api/corpus/network/co-citation?top=-1", 400), ("/api/corpus/documents", 400),
    ("/api/corpus/summary?name=missing", 404), ("/api/corpus/export?format=doc", 400),
])
def test_api_corpus_errors_have_the_one_shape(live, path, status):
    r = requests.get(live + path, timeout=30)
    assert r.status_code == status
    assert r.json() == {"ok": False, "error": r.json()["error"], "status": status}


def test_named_queries_answer_from_the_corpus(live):
    top = requests.get(live + "/api/queries/corpus-most-cited", timeout=30).json()
    works = [b["work"]["value"] for b in top["results"]["bindings"][:2]]
    assert set(works) == {GOOS, LEVY}
    co = requests.get(live + "/api/queries/corpus-co-cited-with", params={"work": GOOS}, timeout=30).json()
    assert co["results"]["bindings"][0]["other"]["value"] == LEVY


@pytest.mark.browser
@pytest.mark.slow
def test_literature_map_in_chromium(live, tmp_path):
    require("chromium")
    ARTIFACTS.mkdir(exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=CHROMIUM, args=FLAGS,
                                                   headless=True, viewport={"width": 1500, "height": 900})
        page = ctx.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda r: problems.append("off-host " + r.url) if not r.url.startswith(live) else None)
        page.goto(live + "/corpus/map?kind=co-citation&unit=references&min_occurrences=3")
        page.wait_for_function("() => window.b2bkgCorpusMap && window.b2bkgCorpusMap.nodes > 0", timeout=60_000)
        rows = page.locator("#nodes tbody tr")
        assert rows.count() > 5
        assert "GOOS F, 1947" in page.locator("#nodes tbody").inner_text()
        page.screenshot(path=str(ARTIFACTS / "corpus-map.png"))
        page.locator("#nodes tbody tr", has_text="GOOS F, 1947").first.click()
        page.wait_for_function("() => document.querySelector('#detail ol') !== null")
        assert page.locator("#detail li").count() >= 10
        page.check("input[value=overlay]")
        assert "avg. publication year" in page.locator("#legend").inner_text()
        page.screenshot(path=str(ARTIFACTS / "corpus-map-overlay.png"))
        page.check("input[value=density]")
        page.screenshot(path=str(ARTIFACTS / "corpus-map-density.png"))
        before = rows.count()
        page.fill("#wmin", "12")
        assert 0 < rows.count() < before
        ctx.close()
    assert not problems, problems
