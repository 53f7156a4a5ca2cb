"""The memory store's workers are forked from one loaded process: a replacement is ready in
milliseconds, and a query that turns long gets a stand-in, so ordinary queries keep every worker."""

from __future__ import annotations

import os
import signal
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from b2bkg.errors import QueryTimeout
from b2bkg.store import MemoryStore, QueryRequest, WorkerPoolStore
from support.hardening import DATASET, ORDINARY, RUNAWAY, eventually

# live worker processes, seconds each: not in the fast core
pytestmark = pytest.mark.slow


@pytest.fixture
def pool():
    pool = WorkerPoolStore(partial(MemoryStore, DATASET), workers=2, fork_from_loaded=True, heavy_after=0.2)
    yield pool
    pool.close()


def _pids(pool) -> set[int]:
    with pool._cond:
        return {w.process.pid for w in pool._all}


def test_workers_are_forked_from_the_loader_and_answer(pool):
    assert pool.loader_pid is not None and pool.health()["forked_from_loaded"]
    ppids = {int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]) for pid in _pids(pool)}
    assert ppids == {pool.loader_pid}  # children of the loader, not of this process
    assert b'"boolean":true' in pool.query(QueryRequest("ASK { ?s ?p ?o }"), timeout=5).body.replace(b" ", b"")


def test_a_killed_worker_is_replaced_in_well_under_a_second(pool):
    victim = sorted(_pids(pool))[0]
    started = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    eventually(lambda: pool.health()["restarts"] >= 1 and pool.health()["live"] == 2, 10, "the fork")
    assert time.monotonic() - started < 1.5  # a reload of the file takes longer than a fork
    assert victim not in _pids(pool)
    assert pool.query(QueryRequest(ORDINARY), timeout=5).rows == 3


def test_a_long_query_gets_a_stand_in_and_its_worker_leaves_when_it_ends(pool):
    errors: list[Exception] = []

    def runaway() -> None:
        try:
            pool.query(QueryRequest(RUNAWAY, shape="runaway"), timeout=2.0)
        except QueryTimeout as exc:
            errors.append(exc)

    t = threading.Thread(target=runaway)
    t.start()
    eventually(lambda: pool.health()["stand_ins"] == 1, 10, "a stand-in for the long query")
    assert pool.health()["live"] == 3 and pool.health()["long_running"] == 1
    answered = [pool.query(QueryRequest(ORDINARY, shape=f"o{i}"), timeout=5) for i in range(2)]
    both = threading.Barrier(2)  # two ordinary queries at once, while the runaway holds its worker

    def ordinary() -> None:
        both.wait()
        answered.append(pool.query(QueryRequest(ORDINARY, shape="o"), timeout=5))

    pair = [threading.Thread(target=ordinary) for _ in range(2)]
    for p in pair:
        p.start()
    for p in pair:
        p.join()
    t.join()
    assert len(answered) == 4 and all(r.rows == 3 for r in answered) and len(errors) == 1
    eventually(lambda: pool.health()["live"] == 2 and pool.health()["stand_ins"] == 0, 10, "back to two")
    assert pool.health()["restarts"] == 0  # the stand-in took the place: nothing was started again


def test_a_query_estimated_as_runaway_is_long_from_its_first_moment():
    pool = WorkerPoolStore(partial(MemoryStore, DATASET), workers=2, fork_from_loaded=True, heavy_after=30)
    try:
        started = time.monotonic()
        t = threading.Thread(target=lambda: pytest.raises(QueryTimeout, pool.query, QueryRequest(
            RUNAWAY, shape="runaway", cost_class="runaway", cost_reason="a cartesian product"), timeout=3.0))
        t.start()
        eventually(lambda: pool.health()["long_running"] == 1, 10, "the long lane")
        assert time.monotonic() - started < 2.5  # not after heavy_after (30 s): at once
        # an ordinary query is still answered, by the stand-in or the other worker
        assert pool.query(QueryRequest(ORDINARY, shape="o", cost_class="ordinary"), timeout=5).rows == 3
        t.join()
        assert pool.health()["timeouts"] == 1
    finally:
        pool.close()
