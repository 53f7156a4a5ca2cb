"""Defect 9: a dataset changed under a running server. Analytics re-read the file and reported a
version SPARQL did not have; a corrupt or missing file then gave 500s with the absolute path and
the parser's raw text. Now the service serves one version for its whole life, from a private copy
of the file it started on (``b2bkg.store.served``): whatever happens to the file (a valid change,
a truncation mid-line, garbage, deletion), and however often the query workers are killed and
reloaded, every route family (SPARQL, named queries, analytics, explorer, read model, linked
data, corpus and science-mapping views, VoID) answers as before, from the same version, named in
``X-Dataset-Version``, and never a 500; ``/healthz`` says the file changed and that a restart
would serve it. A restart is the switch: the new process checks the file against its manifest.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest
import requests

from b2bkg.errors import SourceError
from support.hardening import DATASET, base_settings, eventually, serving

pytestmark = pytest.mark.slow  # live servers whose workers are killed: seconds each

ROOT = Path(__file__).resolve().parents[2]
WOS = ROOT.parent / "shared" / "corpus" / "wos-optics-34-damaged.isi"
CORPUS_FIXTURES = ROOT / "tests" / "corpus" / "fixtures"
CHANGED = '<urn:x> <urn:p> "changed under the server" <https://w3id.org/b2bkg/graph/assertions> .\n'
ASK_CHANGED = 'ASK { ?s ?p "changed under the server" }'

#: one route of each family, as a client would call it (path, Accept)
ROUTES = [
    ("/sparql?query=" + requests.utils.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
     "application/sparql-results+json"),
    ("/api/queries/statistics", "application/sparql-results+json"),
    ("/api/analytics/centrality", "application/json"),
    ("/api/analytics/summary", "application/json"),
    ("/api/search?q=credit", "application/json"),
    ("/api/search?q=" + requests.utils.quote("信用"), "application/json"),
    ("/api/graph", "application/json"),
    ("/api/paper", "application/json"),
    ("/id/mechanism/credit-enhancement", "text/turtle"),
    ("/def", "text/turtle"),
    ("/void", "text/turtle"),
    ("/api/corpus", "application/json"),
    ("/api/corpus/summary?name=optics", "application/json"),
    ("/api/corpus/network/co-citation?unit=references&min_occurrences=3", "application/json"),
    ("/api/corpus/bursts?name=optics", "application/json"),
    ("/api/corpus/timeline?name=optics", "application/json"),
    ("/api/corpus/tags", "application/json"),
]


def _pids(app) -> set[int]:
    store = app.extensions["b2bkg"].store
    with store._cond:  # the pool's own record of its processes
        return {w.process.pid for w in store._all}


def _kill_workers_and_wait(url: str, app) -> None:
    """Kill every query worker and the process they are forked from (so the replacements load
    the dataset again) and wait until the pool is whole again."""
    before = _health(url).json()["pool"]["restarts"]
    loader = app.extensions["b2bkg"].store.loader_pid
    for pid in _pids(app) | ({loader} if loader else set()):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    eventually(lambda: (h := _health(url).json())["pool"]["restarts"] >= before + 2 and h["workers"] == 2
               and h["pool"]["starting"] == 0, 120, "both workers restarted")


def _health(url: str) -> requests.Response:
    return requests.get(url + "/healthz", timeout=30)


def _answers(url: str, hidden: list[str]) -> dict[str, tuple[int, str, bytes]]:
    out = {}
    for path, accept in ROUTES:
        r = requests.get(url + path, headers={"Accept": accept}, timeout=120)
        assert r.status_code < 500, (path, r.status_code, r.text[:300])
        for secret in hidden:  # no absolute path, no parser text, no traceback
            assert secret not in r.text, (path, secret, r.text[:300])
        out[path] = (r.status_code, r.headers.get("X-Dataset-Version", ""), r.content)
    return out


def _corrupt(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 - 7] + b"\n<urn:broken> <urn:p \"unterminated\n\x00\xff garbage")


@pytest.fixture
def live_real(tmp_path):
    """A server on a copy of the built dataset with a real corpus imported (the file it is
    started on is ours to change), 2 query workers."""
    from b2bkg.build import ensure_dataset
    from b2bkg.corpus.persist import dataset_with_corpora, import_corpus

    if not WOS.is_file():
        pytest.fail(f"{WOS} is missing (the shared corpus files are part of the test data)")
    directory = tmp_path / "corpus"
    import_corpus([WOS, *sorted(CORPUS_FIXTURES.glob("*-optics*"))], "optics", directory=directory)
    combined = dataset_with_corpora(ensure_dataset(), directory)
    dataset = tmp_path / "served" / "dataset.nq"
    dataset.parent.mkdir()
    shutil.copy(combined, dataset)
    settings = base_settings(dataset=str(dataset), queries_dir=str(ROOT / "queries"), timeout=30.0,
                             max_rows=100_000, workers=2)
    with serving(settings) as (url, app):
        yield url, app, dataset


def test_every_route_family_keeps_one_version_through_change_corruption_and_deletion(live_real):
    url, app, dataset = live_real
    hidden = [str(dataset.parent), "/tmp/", "Traceback", "unterminated", "garbage"]
    version = _health(url).json()["version"]
    first = _answers(url, hidden)
    assert {p: v for p, (_, v, _) in first.items() if v != version} == {}
    assert all(status == 200 for status, _, _ in first.values()), {p: s for p, (s, _, _) in first.items()}
    assert _health(url).json()["dataset_file"] == "unchanged"

    def append() -> None:
        with dataset.open("a", encoding="utf-8") as f:
            f.write(CHANGED)

    steps = [("changed", append),
             ("changed", lambda: _corrupt(dataset)),
             ("changed", lambda: dataset.write_bytes(b"")),
             ("missing", dataset.unlink)]
    for state, mutate in steps:
        mutate()
        _kill_workers_and_wait(url, app)
        health = _health(url)
        assert health.status_code == 200, health.text
        body = health.json()
        assert body["version"] == version and body["dataset_file"] == state, body
        assert "restart" in body["dataset_note"] or state == "missing"
        again = _answers(url, hidden)
        assert again == first  # the same status, version and bytes on every route
        ask = requests.get(url + "/sparql", params={"query": ASK_CHANGED},
                           headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert ask.status_code == 200 and ask.json()["boolean"] is False


@pytest.fixture
def built(tmp_path) -> Path:
    """A copy of the fixture dataset with the manifest a build writes."""
    from b2bkg.store.manifest import manifest_of
    from b2bkg.store.memory import file_version

    dataset = tmp_path / "dataset.nq"
    shutil.copy(DATASET, dataset)
    manifest_of(dataset).write_text(json.dumps({"version": file_version(dataset), "triples": {"all": 29}}),
                                    encoding="utf-8")
    return dataset


@pytest.mark.parametrize("mutation", ["append", "corrupt", "empty", "delete", "replace"])
def test_a_restart_after_the_change_serves_the_new_file_or_refuses_it_clearly(built, mutation):
    """The switch is a restart: a valid new file (with its manifest) is served whole, with its
    own version; a file that disagrees with its manifest, or cannot be parsed, is refused at
    start with a message that names the file, not served."""
    from b2bkg.store.manifest import manifest_of
    from b2bkg.store.memory import file_version

    with serving(base_settings(dataset=str(built), workers=1)) as (url, _app):
        old = _health(url).json()["version"]
        if mutation == "append":
            with built.open("a", encoding="utf-8") as f:
                f.write(CHANGED)
        elif mutation == "corrupt":
            _corrupt(built)
        elif mutation == "empty":
            built.write_bytes(b"")
        elif mutation == "delete":
            built.unlink()
        else:  # a rebuild: a new file with its new manifest, renamed into place
            new = built.with_name("new.nq")
            new.write_text(DATASET.read_text(encoding="utf-8") + CHANGED, encoding="utf-8")
            manifest_of(built).write_text(json.dumps({"version": file_version(new), "triples": {"all": 30}}),
                                          encoding="utf-8")
            new.replace(built)
        assert _health(url).json()["version"] == old
    if mutation == "replace":
        with serving(base_settings(dataset=str(built), workers=1)) as (url, _app):
            body = _health(url).json()
            assert body["version"] != old and body["triples"] == 30 and body["dataset_file"] == "unchanged"
            ask = requests.get(url + "/sparql", params={"query": ASK_CHANGED},
                               headers={"Accept": "application/sparql-results+json"}, timeout=30)
            assert ask.json()["boolean"] is True
        return
    with pytest.raises(SourceError) as err:
        with serving(base_settings(dataset=str(built), workers=1)):
            pass
    message = err.value.message
    assert built.name in message and "b2bkg-served-" not in message
    if mutation != "delete":
        assert "does not match its manifest" in message or "cannot load dataset" in message


def test_the_private_copy_is_removed_with_the_store(built):
    from b2bkg.store import open_store

    store = open_store(built, workers=1)
    copy = store.served.path
    assert copy.is_file() and copy != built and store.served.private
    store.close()
    store.served.remove()
    assert not copy.parent.exists()


def test_a_source_error_inside_a_request_names_no_path_to_the_client(caplog):
    """Whatever file a request needed and could not read, the client gets the one error shape
    without the path or the parser's text; the operator's log has both."""
    from b2bkg.store.memory import MemoryStore
    from b2bkg.web import create_app

    app = create_app(base_settings(workers=0), store=MemoryStore(DATASET))

    @app.get("/broken-for-the-test")
    def broken():
        raise SourceError("cannot load dataset /srv/secret/place/dataset.nq: Parser error at line 3: "
                          "unexpected character")

    r = app.test_client().get("/broken-for-the-test")
    assert r.status_code == 500
    assert r.get_json() == {"ok": False, "error": "internal server error; the details are in the server's log",
                            "status": 500}
    assert "/srv/secret/place" in caplog.text  # for the operator


def test_the_copy_of_a_killed_service_is_removed_by_the_next_one(built, tmp_path):
    import subprocess
    import sys
    import tempfile

    from b2bkg.store.served import serve_copy

    child = subprocess.run([sys.executable, "-c", "import os, sys; from b2bkg.store.served import serve_copy; "
                            f"s = serve_copy({str(built)!r}); print(s.directory, flush=True); os._exit(0)"],
                           capture_output=True, text=True, timeout=120, check=True)
    orphan = Path(child.stdout.strip())
    assert orphan.is_dir() and orphan.parent == Path(tempfile.gettempdir())  # its process died, no hook ran
    mine = serve_copy(built)
    try:
        assert not orphan.exists() and mine.path.is_file()
    finally:
        mine.remove()
