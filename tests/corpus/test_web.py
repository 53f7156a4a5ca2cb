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
        # the documents behind a node of another kind of network: an author of the co-authorship map
        page.check("input[value=network]")
        page.fill("#wmin", "1")
        page.select_option("#kind", "co-authorship")
        page.select_option("#unit", "authors")
        page.fill("#minocc", "2")
        page.evaluate("() => { window.b2bkgCorpusMap = null; }")  # so the wait below sees the new map
        page.click("#load")
        page.wait_for_function("() => window.b2bkgCorpusMap && window.b2bkgCorpusMap.nodes > 0")
        first = rows.first
        occurrences = int(first.locator("td").nth(2).inner_text())
        first.click()
        page.wait_for_function("() => document.querySelector('#detail ol') !== null")
        assert page.locator("#detail li").count() == occurrences
        assert f"{occurrences} document(s)" in page.locator("#detail").inner_text()
        # a thesaurus file chosen in the page merges two terms before they are counted
        thesaurus = tmp_path / "thesaurus.txt"
        thesaurus.write_text("label\treplace by\ntransverse shift\tgoos-hanchen shift\n", encoding="utf-8")
        page.select_option("#kind", "keywords")
        page.select_option("#unit", "terms")
        page.set_input_files("#thesaurus", str(thesaurus))
        page.evaluate("() => { window.b2bkgCorpusMap = null; }")  # so the wait below sees the new map
        page.click("#load")
        page.wait_for_function("() => window.b2bkgCorpusMap && window.b2bkgCorpusMap.nodes > 0")
        table = page.locator("#nodes tbody").inner_text()
        assert "goos-hanchen shift" in table and "transverse shift" not in table
        page.screenshot(path=str(ARTIFACTS / "corpus-map-terms.png"))
        ctx.close()
    assert not problems, problems


def test_documents_behind_any_network_over_http(live):
    net = requests.get(live + "/api/corpus/network/keywords", params={"unit": "author", "normalisation": "none",
                                                                       "name": "optics"}, timeout=60).json()
    node = max(net["nodes"], key=lambda n: n["occurrences"])
    docs = requests.get(live + "/api/corpus/documents", timeout=30, params={
        "kind": "keywords", "unit": "author", "item": node["id"], "name": "optics"}).json()
    assert docs["total"] == node["occurrences"] == len(docs["documents"]) and docs["kind"] == "keywords"
    bad = requests.get(live + "/api/corpus/documents", params={"kind": "keywords", "unit": "references",
                                                                "item": "x"}, timeout=30)
    assert bad.status_code == 400 and "references" in bad.json()["error"]


def test_a_thesaurus_posted_with_the_terms_network(live):
    params = {"unit": "terms", "name": "optics", "top": 5000}
    plain = requests.get(live + "/api/corpus/network/keywords", params=params, timeout=60).json()
    occ = {n["id"]: n["occurrences"] for n in plain["nodes"]}
    body = b"label\treplace by\ntransverse shift\tgoos-hanchen shift\ntheory\t\n"
    merged = requests.post(live + "/api/corpus/network/keywords", params=params, data=body, timeout=60,
                           headers={"Content-Type": "text/tab-separated-values"}).json()
    after = {n["id"]: n["occurrences"] for n in merged["nodes"]}
    assert "transverse shift" not in after and "theory" not in after and "theory" in occ
    gh, ts = occ["goos-hanchen shift"], occ["transverse shift"]
    assert gh < after["goos-hanchen shift"] <= gh + ts
    docs = requests.post(live + "/api/corpus/documents", data=body, timeout=30, params={
        "kind": "keywords", "unit": "terms", "item": "goos-hanchen shift", "name": "optics"}).json()
    assert docs["total"] == after["goos-hanchen shift"]
    big = requests.post(live + "/api/corpus/network/keywords", params=params, data=b"x" * (1 << 20 | 1), timeout=60)
    assert big.status_code == 413
    wrong = requests.post(live + "/api/corpus/network/co-citation", data=body, timeout=60)
    assert wrong.status_code == 400 and "thesaurus" in wrong.json()["error"]
