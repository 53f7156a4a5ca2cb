"""Run any store in a pool of worker processes, so a runaway query can really be stopped.

A thread cannot be killed, and Oxigraph has no cancellation, so each query is sent to an idle
worker process that holds its own copy of the (small, immutable) dataset. When the timeout
passes, that worker is killed — its CPU work stops at once — and a fresh one is started in the
background while the other workers keep answering.

Workers also drop their network (a fresh, empty Linux network namespace) before loading the
data, as a second line of defence behind the protocol layer's refusal of SERVICE and LOAD:
even a query that slipped through could not open an outbound connection.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from b2bkg.errors import B2BKGError, QueryTimeout, SourceError
from b2bkg.store.base import QueryRequest, QueryResult, Store

__all__ = ["WorkerPoolStore", "isolate_network"]

log = logging.getLogger(__name__)

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000


def isolate_network() -> bool:
    """Move this (single-threaded) process into a new, empty network namespace.

    Returns whether it worked; it needs Linux and either CAP_SYS_ADMIN or user namespaces.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        unshare = libc.unshare
    except (OSError, AttributeError):
        return False
    if unshare(_CLONE_NEWNET) == 0:
        return True
    return unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0


def _worker_main(conn: Connection, opener: Callable[[], Store], sandbox: bool) -> None:
    isolated = isolate_network() if sandbox else False
    try:
        store = opener()
        info = {
            "version": store.version,
            "triple_count": store.triple_count(),
            "graph_counts": store.graph_counts(),
            "network_isolated": isolated,
        }
    except B2BKGError as exc:
        conn.send(("error", exc))
        return
    conn.send(("ready", info))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if message is None:
            return
        try:
            conn.send(("ok", store.query(message)))
        except B2BKGError as exc:
            conn.send(("error", exc))
        except Exception:  # noqa: BLE001 - a worker must answer, never die silently
            log.exception("worker failed on a query")
            conn.send(("error", B2BKGError("internal error while evaluating the query")))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPoolStore(Store):
    """``workers`` processes, each running ``opener()`` (a picklable callable returning a Store).

    >>> from functools import partial                           # doctest: +SKIP
    >>> pool = WorkerPoolStore(partial(MemoryStore, "build/dataset.nq"), workers=2)
    """

    def __init__(
        self,
        opener: Callable[[], Store],
        *,
        workers: int = 2,
        sandbox: bool = True,
        start_timeout: float = 120.0,
    ):
        if workers < 1:
            raise ValueError("a worker pool needs at least one worker")
        self._opener = opener
        self._sandbox = sandbox
        self._start_timeout = start_timeout
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["b2bkg.store.memory", "b2bkg.store.pool"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self.size = workers
        self.restarts = 0
        started = [self._start() for _ in range(workers)]
        self.info = self._wait_ready(started[0])
        for w in started[1:]:
            self._wait_ready(w)
        for w in started:
            self._idle.put(w)

    # -- worker lifecycle -------------------------------------------------------------------
    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        p = self._ctx.Process(
            target=_worker_main, args=(child, self._opener, self._sandbox), daemon=True
        )
        p.start()
        child.close()
        return _Worker(p, parent)

    def _wait_ready(self, w: _Worker) -> dict:
        if not w.conn.poll(self._start_timeout):
            w.kill()
            raise SourceError("a query worker did not start in time")
        try:
            kind, payload = w.conn.recv()
        except EOFError as exc:
            raise SourceError("a query worker exited while loading the dataset") from exc
        if kind == "error":
            w.kill()
            raise payload
        return payload

    def _replace(self, dead: _Worker) -> None:
        dead.kill()

        def start() -> None:
            try:
                w = self._start()
                self._wait_ready(w)
            except B2BKGError:
                log.exception("could not restart a query worker")
                return
            with self._lock:
                if self._closed:
                    w.conn.send(None)
                    return
                self.restarts += 1
            self._idle.put(w)

        threading.Thread(target=start, name="b2bkg-worker-restart", daemon=True).start()

    # -- the Store interface ----------------------------------------------------------------
    @property
    def version(self) -> str:
        return self.info["version"]

    @property
    def network_isolated(self) -> bool:
        return bool(self.info["network_isolated"])

    def triple_count(self) -> int:
        return self.info["triple_count"]

    def graph_counts(self) -> dict[str, int]:
        return dict(self.info["graph_counts"])

    def query(self, request: QueryRequest, timeout: float | None = None) -> QueryResult:
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            w = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout(
                f"all {self.size} query workers stayed busy for {timeout:g} s; try again later"
            ) from None
        try:
            w.conn.send(request)
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not w.conn.poll(remaining):
                self._replace(w)
                raise QueryTimeout(
                    f"the query ran longer than the {timeout:g} s limit and was stopped; "
                    "narrow it or add LIMIT"
                )
            kind, payload = w.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            self._replace(w)
            raise B2BKGError("a query worker stopped unexpectedly; try again") from exc
        self._idle.put(w)
        if kind == "error":
            raise payload
        return payload

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                break
            try:
                w.conn.send(None)
                w.process.join(2)
            except OSError:
                pass
            if w.process.is_alive():
                w.kill()
