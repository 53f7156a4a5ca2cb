"""Defect 3: the worker pool shrank to zero (kill a worker, send a query, kill its replacement
while it loads, twice) while /healthz said ready with "workers": 2. Restarts are now retried
with backoff until they succeed, dead idle workers are noticed without traffic, and /healthz
reports the live workers and is 503 while none can serve."""

from __future__ import annotations

import os
import shutil
import signal
import time

import pytest
import requests

from support.hardening import ORDINARY, base_settings, eventually, serving

# fault injection against live servers: seconds each, so not in the fast core (`make test` runs them)
pytestmark = pytest.mark.slow


def _pids(app) -> set[int]:
    store = app.extensions["b2bkg"].store
    with store._cond:  # the pool's own record of its processes
        return {w.process.pid for w in store._all}


def _and_loader(app, pids: set[int]) -> set[int]:
    """``pids`` and the process the workers are forked from: with it gone, a restart loads the file."""
    loader = app.extensions["b2bkg"].store.loader_pid
    return pids | ({loader} if loader else set())


def _kill(pids) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _health(url) -> requests.Response:
    return requests.get(url + "/healthz", timeout=10)


def test_killed_workers_and_killed_replacements_are_restarted_until_the_pool_is_whole():
    with serving() as (url, app):
        seen: set[int] = set()
        for _ in range(3):  # kill everything, including replacements still loading
            pids = _pids(app)
            seen |= pids
            _kill(pids)
            requests.get(url + "/sparql", params={"query": ORDINARY}, timeout=30)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:  # kill the replacements as soon as they appear
                fresh = _pids(app) - seen
                if fresh:
                    seen |= fresh
                    _kill(fresh)
                    break
                time.sleep(0.01)
        def whole() -> bool:  # a SIGKILLed worker counts as alive until the kernel has ended it
            h = _health(url).json()
            return (h["status"] == "ready" and h["workers"] == 2 and h["pool"]["starting"] == 0
                    and h["pool"]["restarts"] >= 3)

        eventually(whole, 60, "two live workers again, none starting")
        time.sleep(0.5)
        eventually(whole, 60, "the pool still whole")
        r = requests.get(url + "/sparql", params={"query": ORDINARY}, timeout=30)
        assert r.status_code == 200, r.text


def test_an_idle_worker_killed_is_noticed_and_replaced_without_any_query():
    with serving() as (url, app):
        before = _pids(app)
        _kill([sorted(before)[0]])
        eventually(lambda: _health(url).json()["pool"]["restarts"] >= 1, 30, "the restart")
        assert _health(url).json()["workers"] == 2 and sorted(before)[0] not in _pids(app)


def test_healthz_is_not_ready_while_no_worker_can_serve_and_recovers(tmp_path):
    dataset = tmp_path / "dataset.nq"
    shutil.copy(base_settings()["dataset"], dataset)
    with serving(base_settings(dataset=str(dataset), queue_timeout=0.5)) as (url, app):
        # the pool loads the service's private copy of the file (b2bkg.store.served): with it gone
        # (and the process the workers fork from), restarts fail
        dataset = app.extensions["b2bkg"].store.served.path
        dataset.rename(tmp_path / "moved.nq")
        _kill(_and_loader(app, _pids(app)))
        eventually(lambda: _health(url).status_code == 503, 30, "healthz 503")
        body = _health(url).json()
        assert body["status"] == "unavailable" and body["workers"] == 0 and body["workers_configured"] == 2
        started = time.monotonic()
        r = requests.get(url + "/sparql", params={"query": ORDINARY}, timeout=30)
        assert r.status_code == 503 and "Retry-After" in r.headers
        assert time.monotonic() - started < 5  # fast, not the full query timeout
        eventually(lambda: _health(url).json()["pool"]["restart_failures"] >= 2, 30, "retried restarts")
        (tmp_path / "moved.nq").rename(dataset)  # the next retry succeeds
        eventually(lambda: _health(url).status_code == 200, 60, "ready again")
        assert requests.get(url + "/sparql", params={"query": ORDINARY}, timeout=30).status_code == 200


def test_a_restarted_worker_never_serves_another_dataset_version(tmp_path):
    dataset = tmp_path / "dataset.nq"
    shutil.copy(base_settings()["dataset"], dataset)
    with serving(base_settings(dataset=str(dataset))) as (url, app):
        version = _health(url).json()["version"]
        with dataset.open("a", encoding="utf-8") as f:  # the file changes under the server
            f.write('<urn:x> <urn:p> "changed" <https://w3id.org/b2bkg/graph/assertions> .\n')
        # defect 9: even with the loader gone, the restarts load the private copy, the same version
        _kill(_and_loader(app, _pids(app)))
        eventually(lambda: _health(url).json()["pool"]["restarts"] >= 2 and _health(url).json()["workers"] == 2
                   and _health(url).json()["pool"]["starting"] == 0, 60, "both workers restarted")
        health = _health(url).json()
        assert health["version"] == version and health["dataset_file"] == "changed"
        r = requests.get(url + "/sparql", params={"query": 'ASK { ?s ?p "changed" }'},
                         headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert r.status_code == 200 and r.json()["boolean"] is False
        # and were the copy the pool loads changed itself, a replacement would be refused
        copy = app.extensions["b2bkg"].store.served.path
        copy.chmod(0o600)
        with copy.open("a", encoding="utf-8") as f:
            f.write('<urn:x> <urn:p> "changed" <https://w3id.org/b2bkg/graph/assertions> .\n')
        _kill(_and_loader(app, _pids(app)))
        eventually(lambda: _health(url).json()["pool"]["restart_failures"] >= 1, 30, "a refused restart")
        eventually(lambda: _health(url).status_code == 503, 30, "healthz 503: no worker can serve")
        assert _health(url).json()["version"] == version
        r = requests.get(url + "/sparql", params={"query": 'ASK { ?s ?p "changed" . ?s ?p ?o }'}, timeout=30)
        assert r.status_code == 503  # never an answer from the changed file


def test_a_restart_forks_from_the_loaded_store_without_reading_the_file(tmp_path):
    dataset = tmp_path / "dataset.nq"
    shutil.copy(base_settings()["dataset"], dataset)
    with serving(base_settings(dataset=str(dataset))) as (url, app):
        version = _health(url).json()["version"]
        loader = app.extensions["b2bkg"].store.loader_pid
        assert loader is not None and _health(url).json()["pool"]["forked_from_loaded"]
        with dataset.open("a", encoding="utf-8") as f:  # the file changes under the server
            f.write('<urn:x> <urn:p> "changed" <https://w3id.org/b2bkg/graph/assertions> .\n')
        before = _pids(app)
        _kill(before)
        eventually(lambda: _health(url).json()["pool"]["restarts"] >= 2 and _health(url).status_code == 200,
                   30, "both workers forked again")
        assert not _pids(app) & before and app.extensions["b2bkg"].store.loader_pid == loader
        assert _health(url).json()["version"] == version
        r = requests.get(url + "/sparql", params={"query": 'ASK { ?s ?p "changed" }'},
                         headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert r.status_code == 200 and r.json()["boolean"] is False  # the version it serves, not the file's
