"""With ``--store oxigraph`` and no ``build/`` (the build's dataset path pointed at a directory that
does not exist, and building made to fail loudly), the service, ``b2bkg analyze`` and the exports
work from the loaded store directory alone and answer as the memory store does."""

from __future__ import annotations

import json
import threading
import time

import pytest
import requests
import waitress
from click.testing import CliRunner

import b2bkg.build
import b2bkg.build.dataset
from b2bkg.analytics import Analytics
from b2bkg.analytics.operations import export_graph_view, export_reference_list, run
from b2bkg.api import KnowledgeGraph, resolve_dataset
from b2bkg.cli import cli
from b2bkg.explore import Explorer
from b2bkg.store import MemoryStore, open_store
from b2bkg.web import create_app


@pytest.fixture(scope="module")
def paper():
    return resolve_dataset(None)  # built here, before build/ is pointed away


@pytest.fixture(scope="module")
def memory(paper) -> Analytics:
    return Analytics(MemoryStore(paper))


@pytest.fixture(scope="module")
def loaded(paper, tmp_path_factory):
    """An oxigraph store directory holding the paper (what `b2bkg load --store oxigraph` leaves)."""
    directory = tmp_path_factory.mktemp("ox-no-build")
    open_store(paper, backend="oxigraph", store_path=directory).close()
    return directory


@pytest.fixture
def no_build(monkeypatch, tmp_path):
    """build/ is gone: the default dataset path does not exist and nothing may build it."""
    missing = tmp_path / "moved-away" / "dataset.nq"

    def refuse(*args, **kwargs):
        raise AssertionError("the build's dataset was asked for")

    for module in (b2bkg.build, b2bkg.build.dataset):
        monkeypatch.setattr(module, "DEFAULT_DATASET", missing)
        monkeypatch.setattr(module, "ensure_dataset", refuse)
    monkeypatch.delenv("B2BKG_DATASET", raising=False)
    return missing


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.slow  # every analysis and export (or the whole service) on a loaded oxigraph store
def test_analyze_and_exports_on_oxigraph_without_build(no_build, loaded, memory):
    store = ["--store", "oxigraph", "--store-path", str(loaded)]
    for analysis, params in (("centrality", ["--measure", "pagerank", "--top", "15"]), ("summary", []),
                             ("communities", []), ("cocitation", []), ("support", []), ("timeline", [])):
        got = json.loads(_cli("analyze", analysis, *params, *store))
        want = run(memory, analysis, {params[i][2:]: params[i + 1] for i in range(0, len(params), 2)})
        assert got["result"] == json.loads(json.dumps(want["result"], ensure_ascii=False)), analysis
    gexf = _cli("export-graph", "--format", "gexf", *store)
    assert gexf == export_graph_view(memory, {"format": "gexf"})[0].data.decode()
    bib = _cli("export-references", "--format", "bibtex", *store)
    assert bib == export_reference_list(memory, {"format": "bibtex"})[0].data.decode()
    assert not no_build.parent.exists()


def test_the_environment_variable_selects_the_store_too(no_build, loaded, memory, monkeypatch):
    monkeypatch.setenv("B2BKG_STORE", "oxigraph")
    monkeypatch.setenv("B2BKG_STORE_PATH", str(loaded))
    got = json.loads(_cli("analyze", "centrality", "--measure", "degree"))
    assert got["result"] == run(memory, "centrality", {"measure": "degree"})["result"]


def test_knowledge_graph_on_oxigraph_without_build(no_build, loaded, memory):
    with KnowledgeGraph(store="oxigraph", store_path=loaded) as kg:
        assert kg.version == memory.version
        assert run(kg.analytics, "centrality", {})["result"] == run(memory, "centrality", {})["result"]
        assert kg.readmodel.index().entities == memory.readmodel.index().entities


@pytest.mark.slow  # every analysis and export (or the whole service) on a loaded oxigraph store
def test_service_on_oxigraph_without_build(no_build, loaded, memory):
    app = create_app({"store": "oxigraph", "store_path": str(loaded), "workers": 1})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.effective_port}"
    session = requests.Session()
    try:
        def get(path: str) -> requests.Response:
            r = session.get(url + path, timeout=60)
            assert r.status_code == 200, (path, r.text[:300])
            return r

        assert get("/api/analytics/centrality?measure=pagerank&top=20").json()["result"] == json.loads(
            json.dumps(run(memory, "centrality", {"measure": "pagerank", "top": "20"})["result"]))
        assert get("/api/export/graph?format=graphml").content == export_graph_view(
            memory, {"format": "graphml"})[0].data
        assert get("/api/export/references?format=ris").content == export_reference_list(
            memory, {"format": "ris"})[0].data
        explorer = Explorer(memory.store)
        assert get("/api/search?q=信用").json() == json.loads(json.dumps(explorer.search("信用")))
        assert get("/api/graph?view=whole").json()["counts"] == explorer.graph("whole")["counts"]
        assert get("/api/paper").json()["sections"]
        rows = get("/sparql?query=SELECT+(COUNT(*)+AS+?n)+WHERE+{+GRAPH+?g+{+?s+?p+?o+}+}",
                   ).json()["results"]["bindings"]
        assert int(rows[0]["n"]["value"]) == memory.store.triple_count()
    finally:
        session.close()
        deadline = time.monotonic() + 10  # let the handler threads finish before the sockets close
        while server.active_channels and time.monotonic() < deadline:
            time.sleep(0.05)
        server.close()
        thread.join(10)
        app.extensions["b2bkg"].close()
