"""Fault test: ``kill -9`` of query workers (and of the process they are forked from) while
clients keep the service busy. Every answer is a 200 or a 503 with ``Retry-After`` (never a 500,
never a hang), most queries are answered, the routes that need no worker answer throughout, and
the pool is whole again afterwards."""

from __future__ import annotations

import itertools
import os
import random
import signal
import threading
import time
from collections import Counter

import pytest
import requests

from support.hardening import base_settings, eventually, serving

pytestmark = pytest.mark.slow  # a live server under load for several seconds

CLIENTS = 6
SECONDS = 6.0


def _pids(app) -> set[int]:
    store = app.extensions["b2bkg"].store
    with store._cond:  # the pool's own record of its processes
        return {w.process.pid for w in store._all}


def test_workers_killed_under_load_cost_retries_never_errors():
    with serving(base_settings(workers=2, timeout=5.0, queue_timeout=2.0)) as (url, app):
        store = app.extensions["b2bkg"].store
        statuses: Counter = Counter()
        cheap: Counter = Counter()
        problems: list[str] = []
        stop = threading.Event()
        counter = itertools.count()
        lock = threading.Lock()

        def client() -> None:
            with requests.Session() as s:
                while not stop.is_set():
                    n = next(counter)  # a text never sent before: the result cache cannot answer it
                    query = f'SELECT ?s WHERE {{ ?s ?p ?o FILTER(?o != "k{n}") }} LIMIT 3'
                    try:
                        r = s.get(url + "/sparql", params={"query": query},
                                  headers={"Accept": "application/sparql-results+json"}, timeout=30)
                    except requests.RequestException as exc:
                        with lock:
                            problems.append(f"no answer: {exc!r}")
                        continue
                    with lock:
                        statuses[r.status_code] += 1
                        if r.status_code != 200 and not (r.status_code == 503 and "Retry-After" in r.headers):
                            problems.append(f"{r.status_code}: {r.text[:200]}")

        def prober() -> None:  # routes that need no query worker
            with requests.Session() as s:
                while not stop.is_set():
                    for path in ("/openapi.json", "/favicon.ico"):
                        r = s.get(url + path, timeout=10)
                        with lock:
                            cheap[r.status_code] += 1
                    time.sleep(0.05)

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)] + [threading.Thread(target=prober)]
        for t in threads:
            t.start()
        rng = random.Random(14)
        kills = 0
        end = time.monotonic() + SECONDS
        while time.monotonic() < end:
            time.sleep(0.4)
            victims = sorted(_pids(app))
            if not victims:
                continue
            if kills == 5 and store.loader_pid:  # once, every worker and the process they fork from
                victims = [store.loader_pid, *victims]
            else:
                victims = [rng.choice(victims)]
            for pid in victims:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            kills += 1
        stop.set()
        for t in threads:
            t.join(60)
        assert not problems, problems[:5]
        assert statuses[200] > sum(statuses.values()) / 2, statuses  # a killed query is sent once more
        assert set(cheap) == {200}, cheap
        eventually(lambda: (h := requests.get(url + "/healthz", timeout=10).json())["workers"] == 2
                   and h["pool"]["starting"] == 0 and h["status"] == "ready", 60, "the pool whole again")
        health = requests.get(url + "/healthz", timeout=10).json()
        assert health["pool"]["crashes"] == 0 and health["pool"]["restarts"] >= kills
        print(f"\n{kills} kills under {CLIENTS} clients in {SECONDS:g} s: {dict(statuses)}, "
              f"restarts {health['pool']['restarts']}, cheap routes {dict(cheap)}")
