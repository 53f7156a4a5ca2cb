"""Defect 1: runaway queries starved everything: with every worker busy on a cartesian product,
ordinary queries waited out the whole timeout (then 503) and even /api/search and /healthz,
which need no worker, waited behind them for an HTTP thread. Now: at most ``long_query_slots``
long queries run (one worker stays free for ordinary ones), a query that turns long while the
slots are taken is stopped at once, waiting is bounded (a fast 503 with Retry-After), and a
query that ran out of time is refused for a while when sent again."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from support.hardening import ORDINARY, RUNAWAY, base_settings, serving

# fault injection against live servers: seconds each, so not in the fast core (`make test` runs them)
pytestmark = pytest.mark.slow


def _sparql(url: str, query: str) -> tuple[int, float, dict]:
    started = time.monotonic()
    r = requests.post(url + "/sparql", data={"query": query}, timeout=60)
    return r.status_code, time.monotonic() - started, dict(r.headers)


def test_ordinary_queries_and_cheap_routes_keep_answering_while_runaways_burn():
    settings = base_settings(timeout=4.0, long_query_after=0.3)
    with serving(settings) as (url, _), ThreadPoolExecutor(12) as pool:
        runaways = [pool.submit(_sparql, url, RUNAWAY.replace("?n)", f"?n{i})")) for i in range(6)]
        time.sleep(0.5)  # the runaways hold their worker now
        ordinary, cheap = [], []
        end = time.monotonic() + 3
        while time.monotonic() < end:
            ordinary.append(_sparql(url, ORDINARY))
            started = time.monotonic()
            assert requests.get(url + "/healthz", timeout=10).status_code == 200
            cheap.append(time.monotonic() - started)
        results = [f.result() for f in runaways]
    assert sum(1 for status, _, _ in ordinary if status == 200) >= 0.9 * len(ordinary), ordinary
    assert len(ordinary) >= 10
    assert max(seconds for _, seconds, _ in ordinary) < 2.5  # never the 4 s timeout
    assert max(cheap) < 2.0
    statuses = sorted(status for status, _, _ in results)
    assert set(statuses) == {503}, statuses  # every runaway stopped: by the timeout or as long
    assert all("Retry-After" in headers for _, _, headers in results)
    # only one ran until the timeout; the others were stopped once they turned long
    assert sum(1 for _, seconds, _ in results if seconds < 3.5) >= 4


def test_the_queue_is_bounded_and_refuses_fast_with_retry_after():
    # no stand-ins for the long queries: both workers stay busy, so the queue is what is tested
    settings = base_settings(timeout=3.0, long_query_slots=2, queue_limit=1, queue_timeout=5.0,
                             long_query_stand_in=False)
    with serving(settings) as (url, _), ThreadPoolExecutor(8) as pool:
        # two different runaways (the same one twice would be refused while the first runs long)
        burners = [pool.submit(_sparql, url, RUNAWAY + f" LIMIT {i + 1}") for i in range(2)]
        time.sleep(0.6)  # both workers busy
        waiter = pool.submit(_sparql, url, ORDINARY)  # the one queue place
        time.sleep(0.3)
        status, seconds, headers = _sparql(url, ORDINARY.replace("3", "4"))
        assert status == 503 and seconds < 1.0 and headers.get("Retry-After")
        assert waiter.result()[0] == 200  # it got a worker once a runaway was stopped
        for f in burners:
            assert f.result()[0] == 503


def test_a_query_that_ran_out_of_time_is_refused_at_once_when_sent_again():
    with serving(base_settings(timeout=1.0, timeout_penalty=30)) as (url, _):
        first = _sparql(url, RUNAWAY)
        assert first[0] == 503 and first[1] >= 0.9
        again = _sparql(url, RUNAWAY)
        assert again[0] == 503 and again[1] < 0.5 and int(again[2]["Retry-After"]) > 1
        assert _sparql(url, ORDINARY)[0] == 200


def test_cheap_routes_never_wait_for_http_threads_held_by_queries():
    """16 clients each sending a runaway: the pool lets at most workers + queue_limit of them
    hold an HTTP thread, so /healthz and the search stay fast."""
    settings = base_settings(timeout=3.0, threads=8)
    with serving(settings) as (url, _):
        stop = threading.Event()

        def flood(i: int) -> None:
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    requests.post(url + "/sparql", data={"query": RUNAWAY.replace("?n)", f"?f{i}x{n})")}, timeout=30)
                except requests.RequestException:
                    pass

        threads = [threading.Thread(target=flood, args=(i,), daemon=True) for i in range(16)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        slowest = 0.0
        for _ in range(10):
            started = time.monotonic()
            assert requests.get(url + "/healthz", timeout=10).status_code == 200
            assert requests.get(url + "/openapi.json", timeout=10).status_code == 200
            slowest = max(slowest, time.monotonic() - started)
        stop.set()
        for t in threads:
            t.join(40)
    assert slowest < 2.0, slowest
