"""The explorer, the reader and the editor in a real browser: Debian's chromium driven headless by
Playwright against a live server on a loopback port. Every page must run without a console error;
a screenshot of each page goes to test-artifacts/ (`make setup` installs chromium)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CREDIT = "https://w3id.org/b2bkg/id/mechanism/credit-enhancement"

pytestmark = pytest.mark.browser  # needs chromium: skipped without it outside CI, failed in CI


@pytest.fixture(scope="module")
def context(tmp_path_factory) -> Iterator[BrowserContext]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, args=FLAGS, headless=True,
            viewport={"width": 1500, "height": 900}, accept_downloads=True)
        ctx.set_default_timeout(20_000)
        yield ctx
        ctx.close()


@pytest.fixture
def page(context, live) -> Iterator[Page]:
    """A page whose console errors, uncaught exceptions and failed requests fail the test."""
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    closing = []  # requests that the test's own page.close() aborts are not the page's failures
    page.on("requestfailed", lambda r: None if closing else problems.append(f"request failed: {r.url} {r.failure}"))
    page.on("request", lambda r: problems.append(f"off-host request: {r.url}")
            if not r.url.startswith((live.url, "data:", "blob:")) else None)
    page.base = live.url  # type: ignore[attr-defined]
    yield page
    closing.append(True)
    page.close()
    assert not problems, problems


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_explorer_search_open_mechanism_see_evidence(page):
    page.goto(page.base + "/?lang=en")
    page.wait_for_function("() => window.b2bkgFirstDraw !== undefined")
    cold = page.evaluate("performance.getEntriesByName('b2bkg-first-draw')[0].startTime")
    page.wait_for_load_state("networkidle")  # analytics and layout extensions arrive after the drawing
    # networkidle can fire between two of the extension scripts on a loaded machine; a reload then
    # aborts the next one (net::ERR_ABORTED): wait until the explorer says they are all in.
    page.wait_for_function("() => window.b2bkgExtensionsReady === true")
    page.reload()  # the server's answers are cached now: the drawing itself
    page.wait_for_function("() => window.b2bkgFirstDraw !== undefined")
    warm = page.evaluate("performance.getEntriesByName('b2bkg-first-draw')[0].startTime")
    print(f"\nexplorer, whole graph: first drawing {cold:.0f} ms after navigation start (first visit), "
          f"{warm:.0f} ms (reload)")
    page.locator("#search").press_sequentially("信用", delay=50)
    hit = page.locator(f'#search-results li[data-iri="{CREDIT}"]')
    expect(hit).to_be_visible()
    hit.click()
    expect(page.locator(f'#panel h1[data-iri="{CREDIT}"]')).to_have_text("Credit enhancement mechanism")
    quote = page.locator("#panel blockquote.evidence .exact").first
    expect(quote).to_be_visible()
    assert len(quote.inner_text()) > 4
    assert "/paper#s" in page.locator("#panel blockquote.evidence a.to-paper").first.get_attribute("href")
    assert "node=" in page.url and "view=whole" in page.url
    assert page.evaluate(f"window.b2bkgCy.getElementById('{CREDIT}').selected()")
    shot(page, "explorer-selected")
    page.locator('.lang-switch button[data-lang="zh"]').click()
    expect(page.locator(f'#panel h1[data-iri="{CREDIT}"]')).to_have_text("信用增进机制")
    expect(page.locator("a.brand")).to_contain_text("知识图谱")
    shot(page, "explorer-selected-zh")
    page.locator('.lang-switch button[data-lang="en"]').click()


def test_explorer_state_url_expand_legend_export(page):
    stage = "https://w3id.org/b2bkg/id/stage/information-matching"
    page.goto(page.base + "/?view=stages&lang=en")
    page.wait_for_function("() => window.b2bkgFirstDraw !== undefined")
    expect(page.locator("#view")).to_have_value("stages")
    before = page.evaluate("window.b2bkgCy.nodes().length")
    legend = page.locator("#legend li").first
    group = legend.get_attribute("data-group")
    legend.click()
    assert page.evaluate(f"window.b2bkgCy.nodes('[group = \"{group}\"]').every(n => n.hasClass('filtered'))")
    legend.click()
    box = page.locator("#cy").bounding_box()
    pos = page.evaluate(f"window.b2bkgCy.getElementById('{stage}').renderedPosition()")
    page.mouse.dblclick(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_function(f"() => window.b2bkgCy.nodes().length > {before}")
    expect(page.locator(f'#panel h1[data-iri="{stage}"]')).to_be_visible()
    for button, suffix in (("#export-png", ".png"), ("#export-svg", ".svg")):
        with page.expect_download() as dl:
            page.locator(button).click()
        path = ARTIFACTS / f"explorer-stages{suffix}"
        dl.value.save_as(path)
        assert path.stat().st_size > 1000
    assert (ARTIFACTS / "explorer-stages.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    shared = page.url
    assert "view=stages" in shared and "node=" in shared
    page.goto(shared)  # the state survives a reload: the same view, the same selection
    expect(page.locator(f'#panel h1[data-iri="{stage}"]')).to_be_visible()


def test_paper_highlight_lands_on_its_entity(page):
    page.goto(page.base + "/paper?lang=en")
    expect(page.locator("body[data-ready=true]")).to_be_attached()
    mark = page.locator('[id="p-5.2-1"] mark.ev').first
    mark.click()
    detail = page.locator("#panel .span-detail").first
    expect(detail).to_be_visible()
    assert "#s" in page.url
    shot(page, "paper-reader")
    link = detail.locator("a.to-graph").first
    iri = link.get_attribute("data-iri")
    link.click()
    page.wait_for_url("**/?*node=*")
    expect(page.locator(f'#panel h1[data-iri="{iri}"]')).to_be_visible()
    # and back: the entity's quotes lead to their sentences in the reader
    page.locator("#panel a.to-paper").first.click()
    page.wait_for_url("**/paper#s*")
    expect(page.locator("#panel .span-detail")).not_to_have_count(0)
    expect(page.locator("mark.ev.active").first).to_be_visible()


def test_entity_page_linked_from_the_panel(page):
    page.goto(page.base + f"/?node={CREDIT}&lang=en")
    page.locator("#panel a.entity-page").click()
    page.wait_for_url("**/id/mechanism/credit-enhancement")
    expect(page.locator("h1")).to_contain_text("Credit enhancement mechanism")
    # the site's header and language switch; property labels, never a raw IRI
    expect(page.locator("header.topbar .lang-switch")).to_be_visible()
    props = page.locator("table.properties td:first-child a")
    assert props.count() > 3
    assert not [p for p in props.all_inner_texts() if p.startswith(("http", "rdf:", "rdfs:"))]
    assert props.first.inner_text() == "type"
    # the statements in words, each with the paper's quote; "referenced by" has no statement hashes
    statement = page.locator(".statements .statement").first
    expect(statement.locator("blockquote")).to_be_visible()
    assert "/statement/" not in " ".join(page.locator("table.referenced").all_inner_texts())
    shot(page, "entity-page")
    page.locator('.lang-switch button[data-lang="zh"]').click()
    expect(page.locator('h2[data-i18n="resource.statements"]')).to_have_text("陈述及论文原文")
    assert any("\u4e00" <= c <= "\u9fff" for c in props.first.inner_text() + statement.inner_text())
    shot(page, "entity-page-zh")
    page.locator('.lang-switch button[data-lang="en"]').click()


def test_reference_page_downloads_its_citation(page):
    page.goto(page.base + "/id/paper/wang-2025/reference/22")
    expect(page.locator("h1")).to_have_text("[22] Coase, R.H. (1937) The Nature of the Firm. Economica, 4, 386-405. "
                                            "<https://doi.org/10.1111/j.1468-0335.1937.tb00002.x>")
    cite = page.locator("p.cite")
    expect(cite).to_contain_text("Cite as")
    assert cite.locator("a").all_inner_texts() == ["BibTeX", "RIS", "CSL-JSON"]
    with page.expect_download() as info:
        cite.locator("a", has_text="BibTeX").click()
    download = info.value
    assert download.suggested_filename == "wang-2025-ref22.bib"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("@article{ref22,") and "10.1111/j.1468-0335.1937.tb00002.x" in text
    shot(page, "reference-page")
    page.locator('.lang-switch button[data-lang="zh"]').click()
    expect(cite.locator('[data-i18n="resource.cite"]')).to_have_text("引用格式")
    page.locator('.lang-switch button[data-lang="en"]').click()


def test_sparql_editor_runs_a_named_query(page):
    page.goto(page.base + "/sparql?lang=en")
    expect(page.locator("body[data-ready=true]")).to_be_attached()
    page.locator("#named").select_option("theory-explains-mechanism")
    expect(page.locator("body")).to_have_attribute("data-loaded", "theory-explains-mechanism")
    page.locator(".yasqe_queryButton").click()
    rows = page.locator(".yasr table tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 3
    expect(page.locator(".yasr")).to_contain_text("Transaction cost theory")
    shot(page, "sparql-editor")
    page.locator("#named").select_option("evidence-for-entity")  # a parameter, bound by its default
    page.locator(".yasqe_queryButton").click()
    expect(page.locator(".yasr")).to_contain_text("results")
    assert page.locator(".yasr table tbody tr").count() >= 1
    # a query that uses the predeclared prefixes only is valid for the editor too (no red button)
    page.evaluate("void window.b2bkgYasgui.getTab().setQuery('SELECT ?m WHERE { ?m a b2b:Mechanism ; rdfs:label ?l }')")
    page.wait_for_function("window.b2bkgYasgui.getTab().getYasqe().queryValid === true")
    expect(page.locator(".yasqe_queryButton")).not_to_have_class(re.compile(r"query_error"))
    page.evaluate("void window.b2bkgYasgui.getTab().setQuery('SELECT ?m WHERE { ?m a nope:Mechanism }')")
    page.wait_for_function("window.b2bkgYasgui.getTab().getYasqe().queryValid === false")
    page.locator("#named").select_option("example-construct")
    page.locator(".yasqe_queryButton").click()
    page.locator("#draw").click()
    # the hint itself says "triples": wait for the count the drawing writes
    expect(page.locator("#draw-status")).to_have_text(re.compile(r"^\d+ triples"))
    page.wait_for_function("window.b2bkgConstructCy !== undefined")
    assert page.evaluate("window.b2bkgConstructCy.nodes().length") > 5
    page.locator("#construct-graph").scroll_into_view_if_needed()
    shot(page, "sparql-construct-graph")
