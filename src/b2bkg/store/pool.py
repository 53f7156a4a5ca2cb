"""Run any store in a pool of worker processes, so a runaway query can really be stopped.

A thread cannot be killed, and Oxigraph has no cancellation, so each query is sent to an idle
worker process that holds the (immutable) dataset. When the timeout passes, that worker is
killed — its CPU work stops at once — and a fresh one is started in the background while the
other workers keep answering. For the memory store the workers are forked from one process that
loaded the dataset once (``b2bkg.store.zygote``): they share its pages, and a replacement is
ready in milliseconds instead of loading the file again.

Admission control (so that runaway queries cannot starve ordinary ones, nor hold every HTTP
thread): at most ``max_waiting`` requests wait for a worker, each for at most ``queue_timeout``
seconds; beyond that the answer is a fast 503 with ``Retry-After``. A query still running after
``heavy_after`` seconds is *long*: only ``max_long`` long queries run at once (by default all
workers but one, so one worker is always left to ordinary queries); a query that turns long
while those slots are taken is stopped at once (503), and a long query's worker runs at the
lowest CPU priority (nice 19), so it burns only what ordinary requests leave. A query that ran
out of time is refused for ``penalty`` seconds when sent again (503 with ``Retry-After``),
as the Wikidata Query Service does with clients that keep sending timeouts; and while a query runs
long, the same query sent again is refused at once. "The same" is up to variable names (the
request's ``shape``), so a flood of one runaway under fresh variable names costs one worker, not
a kill and a restart each.

Health: dead workers are noticed (a supervisor thread waits on their process sentinels) and
replaced, a failed restart is retried with exponential backoff, and ``health()`` reports the
workers that are alive and serving, which ``/healthz`` turns into "not ready" when there are
none. A restarted worker that loads another dataset version than the pool serves is refused.

Workers also drop their network (a fresh, empty Linux network namespace) before loading the
data, as a second line of defence behind the protocol layer's refusal of SERVICE and LOAD:
even a query that slipped through could not open an outbound connection.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from b2bkg.errors import B2BKGError, QueryTimeout, ServiceBusy, SourceError
from b2bkg.store.base import QueryRequest, QueryResult, Store
from b2bkg.store.sandbox import isolate_network
from b2bkg.store.zygote import Task, Zygote, await_ready, open_announced, serve_queries

__all__ = ["WorkerPoolStore", "isolate_network"]

log = logging.getLogger(__name__)

def _worker_main(conn: Connection, opener: Callable[[], Store], sandbox: bool) -> None:
    store = open_announced(conn, opener, sandbox)
    if store is not None:
        serve_queries(conn, store)


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess  # or a zygote's ForkedProcess
    conn: Connection
    niced: bool = field(default=False)
    #: a worker whose query turned long while a fork took its place among the ordinary workers:
    #: it leaves the pool (killed, not replaced) when that query ends
    surplus: bool = field(default=False)

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        try:
            self.process.kill()
        except (OSError, ValueError, AttributeError):
            pass
        self.process.join(5)
        self.conn.close()


def _request_key(request: QueryRequest) -> int:
    return hash((request.shape or request.query, request.default_graphs, request.named_graphs, request.bindings,
                 request.union_default))


class _WorkerLost(Exception):
    """A worker died (not by a crash of its own) while it had a query."""


_CRASH_SIGNALS = {-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS, -signal.SIGILL, -signal.SIGFPE}


class WorkerPoolStore(Store):
    """``workers`` processes, each running ``opener()`` (a picklable callable returning a Store).

    >>> from functools import partial                           # doctest: +SKIP
    >>> pool = WorkerPoolStore(partial(MemoryStore, "build/dataset.nq"), workers=2)

    ``spare_for_long``: a query that turns long is given a stand-in (a fork of the loaded store,
    ``fork_from_loaded`` only) that serves ordinary queries meanwhile; its own worker leaves the
    pool when it ends.

    ``max_waiting`` (default: twice the workers; the service sets it from ``--queue-limit``) requests
    may wait for a worker, for at most
    ``queue_timeout`` seconds; ``heavy_after`` seconds make a query long (a query whose static cost estimate,
    ``QueryRequest.cost_class``, is "runaway" is long at once), ``max_long`` (default:
    workers - 1, at least 1) long queries may run at once; a timed-out query is refused for
    ``penalty`` seconds (0: never).
    """

    def __init__(
        self,
        opener: Callable[[], Store],
        *,
        workers: int = 2,
        sandbox: bool = True,
        start_timeout: float = 120.0,
        max_waiting: int | None = None,
        queue_timeout: float = 2.0,
        heavy_after: float = 0.5,
        max_long: int | None = None,
        penalty: float = 30.0,
        fork_from_loaded: bool = False,
        spare_for_long: bool = True,
    ):
        if workers < 1:
            raise ValueError("a worker pool needs at least one worker")
        self._opener = opener
        self._sandbox = sandbox
        self._start_timeout = start_timeout
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["b2bkg.store.memory", "b2bkg.store.pool", "b2bkg.store.zygote"])
        #: workers are forked from one process that loaded the store (``b2bkg.store.zygote``),
        #: not each started and loaded anew: only for stores that are plain memory
        self.fork_from_loaded = fork_from_loaded
        self._zygote: Zygote | None = None
        self._spawn_lock = threading.Lock()
        #: a query that turns long gets a stand-in forked for the ordinary queries (fork_from_loaded)
        self.spare_for_long = spare_for_long
        self._surplus = 0
        self._cond = threading.Condition()
        self._idle: deque[_Worker] = deque()
        self._all: set[_Worker] = set()
        self._closed = False
        self.size = workers
        self.max_waiting = 2 * workers if max_waiting is None else max(0, max_waiting)
        self.queue_timeout = queue_timeout
        self.heavy_after = heavy_after
        self.max_long = max(1, workers - 1) if max_long is None else max(1, max_long)
        self.penalty = penalty
        self._waiting = 0
        self._long = 0
        self._starting = 0
        self._penalised: dict[int, float] = {}
        self._long_keys: set[int] = set()  # shapes of the queries running long right now
        self.restarts = 0
        self.restart_failures = 0
        self.crashes = 0
        self.refused = 0
        self.timeouts = 0  # queries stopped at their timeout (their worker killed)
        if fork_from_loaded:
            self._zygote = self._new_zygote()
            self.info = self._zygote_info
            try:
                started = [self._fork(self._zygote) for _ in range(workers)]
            except BaseException:
                self._zygote.close()
                raise
        else:
            started = [self._start() for _ in range(workers)]
            try:
                self.info = self._wait_ready(started[0])
                for w in started[1:]:
                    self._wait_ready(w)
            except BaseException:
                for w in started:
                    w.kill()
                raise
        for w in started:
            self._all.add(w)
            self._idle.append(w)
        self._supervisor = threading.Thread(target=self._supervise, name="b2bkg-pool-supervisor", daemon=True)
        self._supervisor.start()

    # -- worker lifecycle -------------------------------------------------------------------
    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        p = self._ctx.Process(
            target=_worker_main, args=(child, self._opener, self._sandbox), daemon=True
        )
        p.start()
        child.close()
        return _Worker(p, parent)

    def _new_zygote(self) -> Zygote:
        zygote = Zygote(self._ctx, self._opener, self._sandbox)
        self._zygote_info = zygote.wait_ready(self._start_timeout)
        return zygote

    def _fork(self, zygote: Zygote) -> _Worker:
        process, conn = zygote.fork()
        return _Worker(process, conn)  # type: ignore[arg-type] - the same protocol as a Process

    def _refuse_version(self, info: dict) -> None:
        raise SourceError(f"a restarted query worker loaded dataset version {info['version']}, but this "
                          f"service serves {self.info['version']}: the dataset changed under the running "
                          "server; restart the server to serve the new one")

    def _spawn(self) -> _Worker:
        """A new worker and what it serves: forked from the zygote (started again, loading the
        store, if it is gone), or started and loaded on its own."""
        if not self.fork_from_loaded:
            w = self._start()
            info = self._wait_ready(w)
            if info["version"] != self.info["version"]:
                w.kill()
                self._refuse_version(info)
            return w
        with self._spawn_lock:  # one zygote at a time, however many restarts need it
            zygote = self._zygote
            if zygote is None or not zygote.alive:
                if zygote is not None:
                    zygote.close()
                self._zygote = None
                zygote = self._new_zygote()
                if self._zygote_info["version"] != self.info["version"]:
                    zygote.close()
                    self._refuse_version(self._zygote_info)
                self._zygote = zygote
        try:
            return self._fork(zygote)
        except OSError as exc:
            raise SourceError("could not fork a query worker from the loaded store") from exc

    def _wait_ready(self, w: _Worker) -> dict:
        return await_ready(w.conn, self._start_timeout, w.kill, "a query worker")

    def _retire(self, w: _Worker) -> None:
        """Forget ``w`` (killing it) and start a replacement in the background (none for a
        surplus worker: its replacement was forked when its query turned long)."""
        with self._cond:
            if w not in self._all:
                return
            self._all.discard(w)
            try:
                self._idle.remove(w)
            except ValueError:
                pass
            if self._closed or w.surplus:
                if w.surplus:
                    self._surplus -= 1
                w.kill()
                return
            self._starting += 1
        w.kill()
        threading.Thread(target=self._restart, name="b2bkg-worker-restart", daemon=True).start()

    def _restart(self) -> None:
        """Start one worker, retrying with exponential backoff until it serves or the pool closes."""
        delay = 0.1
        while True:
            with self._cond:
                if self._closed:
                    self._starting -= 1
                    return
            try:
                w = self._spawn()
            except Exception as exc:
                with self._cond:
                    closed = self._closed
                    if closed:
                        self._starting -= 1
                if closed:  # the pool closed under this restart (its zygote gone): nothing to restart
                    return
                if not isinstance(exc, (B2BKGError, OSError)):
                    raise
                with self._cond:
                    self.restart_failures += 1
                log.warning("could not restart a query worker (retrying in %.1f s): %s",
                            delay, getattr(exc, "message", exc))
                time.sleep(delay)
                delay = min(delay * 2, 10.0)
                continue
            with self._cond:
                self._starting -= 1
                if self._closed:
                    w.kill()
                    return
                self.restarts += 1
                self._all.add(w)
                self._idle.append(w)
                self._cond.notify()
            return

    def _supervise(self) -> None:
        """Notice workers that die while idle (kill -9, the OOM killer) and replace them."""
        while True:
            with self._cond:
                if self._closed:
                    return
                by_sentinel = {w.process.sentinel: w for w in self._all}
            if not by_sentinel:
                time.sleep(0.2)
                continue
            try:
                ready = wait(list(by_sentinel), timeout=1.0)
            except (OSError, ValueError):
                time.sleep(0.2)
                continue
            for sentinel in ready:
                w = by_sentinel[sentinel]
                with self._cond:
                    idle = w in self._idle
                if idle:  # a busy worker's death is handled by the query that was using it
                    log.warning("a query worker died while idle (exit code %s); restarting it",
                                w.process.exitcode)
                    self._retire(w)
            if not ready:
                continue
            time.sleep(0.05)  # a busy worker's sentinel stays ready until its query notices

    def health(self) -> dict:
        """Live workers (alive and serving or ready to), configured size, restarts, load."""
        with self._cond:
            live = sum(1 for w in self._all if w.alive)
            return {
                "live": live,
                "configured": self.size,
                "idle": sum(1 for w in self._idle if w.alive),
                "starting": self._starting,
                "waiting": self._waiting,
                "long_running": self._long,
                "restarts": self.restarts,
                "restart_failures": self.restart_failures,
                "crashes": self.crashes,
                "refused": self.refused,
                "timeouts": self.timeouts,
                "forked_from_loaded": self.fork_from_loaded,
                "stand_ins": self._surplus,
            }

    @property
    def loader_pid(self) -> int | None:
        """The process the workers are forked from (``None``: each worker loads on its own)."""
        zygote = self._zygote
        return zygote.process.pid if zygote is not None and zygote.alive else None

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

    def _refuse(self, message: str, retry: float = 1) -> ServiceBusy:
        self.refused += 1
        return ServiceBusy(message, retry_after=max(1, round(retry)))

    def _acquire(self, key: int, timeout: float | None) -> _Worker:
        now = time.monotonic()
        with self._cond:
            if key in self._long_keys:
                raise self._refuse(
                    "the same query (up to its variable names) is already running long on this service; "
                    "wait for its answer, or narrow it", 2)
            until = self._penalised.get(key)
            if until is not None:
                if until > now:
                    raise self._refuse(
                        "this query ran out of time a moment ago and is refused for "
                        f"{until - now:.0f} s more; narrow it or add LIMIT", until - now)
                del self._penalised[key]
            if not self._idle and self._waiting >= self.max_waiting:
                raise self._refuse(
                    f"the service is busy: all {self.size} query workers are taken and "
                    f"{self._waiting} queries are waiting; try again shortly")
            wait_for = self.queue_timeout if timeout is None else min(self.queue_timeout, timeout)
            end = now + wait_for
            self._waiting += 1
            try:
                while True:
                    while self._idle:
                        w = self._idle.popleft()
                        if w.alive:
                            return w
                        self._idle.appendleft(w)  # _retire removes it and starts a replacement
                        self._cond.release()
                        try:
                            self._retire(w)
                        finally:
                            self._cond.acquire()
                    remaining = end - time.monotonic()
                    if remaining <= 0:
                        if not any(w.alive for w in self._all):
                            raise self._refuse(
                                "no query worker is running (they are being restarted); try again shortly", 2)
                        raise self._refuse(
                            f"all {self.size} query workers stayed busy for {wait_for:g} s; try again shortly")
                    self._cond.wait(remaining)
            finally:
                self._waiting -= 1

    def _add_spare(self, long_worker: _Worker) -> None:
        """Fork a worker to take the place of ``long_worker`` among the ordinary ones."""
        try:
            w = self._spawn()
        except (B2BKGError, OSError) as exc:
            log.warning("could not fork a worker to stand in for a long query: %s", getattr(exc, "message", exc))
            return
        with self._cond:
            if self._closed or long_worker not in self._all or long_worker in self._idle:  # its query ended
                w.kill()
                return
            long_worker.surplus = True
            self._surplus += 1
            self._all.add(w)
            self._idle.append(w)
            self._cond.notify()

    def _release(self, w: _Worker) -> None:
        if w.surplus:
            self._retire(w)  # its stand-in serves on; the pool is back to its size
            return
        if w.niced and not _renice(w.process.pid, 0):
            self._retire(w)  # cannot lower its priority again: a fresh worker instead
            return
        w.niced = False
        with self._cond:
            if w in self._all:
                self._idle.append(w)
                self._cond.notify()

    def query(self, request: QueryRequest, timeout: float | None = None) -> QueryResult:
        try:
            return self._query(request, timeout)
        except _WorkerLost:
            # killed from outside (kill -9, the OOM killer) while it had this query: the query is
            # read-only, so it is sent once more, to another worker
            try:
                return self._query(request, timeout)
            except _WorkerLost as exc:
                raise ServiceBusy("the query worker stopped while answering (it is being restarted); "
                                  "try again", retry_after=1) from exc

    def _query(self, request: QueryRequest, timeout: float | None = None) -> QueryResult:
        key = _request_key(request)
        w = self._acquire(key, timeout)
        started = time.monotonic()
        deadline = None if timeout is None else started + timeout
        is_long = False
        try:
            w.conn.send(request)
            # only requests from clients (through the protocol layer: they carry a shape) are
            # counted as long, stopped early or de-prioritised; the application's own queries
            # (warm-up, read model, corpus networks) run until their own timeout
            untrusted = bool(request.shape) and deadline is not None
            first = min(self.heavy_after, timeout) if untrusted else (
                None if deadline is None else timeout)
            if untrusted and request.cost_class == "runaway":
                # the static estimate (b2bkg.sparql.cost) says minutes: long from its first
                # moment (nice 19, a stand-in, or stopped at once when the long slots are taken)
                first = 0.0
            done = w.conn.poll(first)
            if not done and untrusted and time.monotonic() < deadline:
                with self._cond:
                    is_long = self._long < self.max_long
                    if is_long:
                        self._long += 1
                        self._long_keys.add(key)
                if not is_long:
                    self._retire(w)
                    raise self._refuse(
                        f"the query was still running after {self.heavy_after:g} s while the "
                        f"service's {self.max_long} slot(s) for long queries were taken, so it was "
                        "stopped; try again later, or narrow it", 2)
                w.niced = _renice(w.process.pid, 19) or w.niced
                if self.spare_for_long and self.fork_from_loaded:
                    # a fork (milliseconds) takes its place: ordinary queries keep all their workers
                    threading.Thread(target=self._add_spare, args=(w,), name="b2bkg-stand-in", daemon=True).start()
                remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
                done = w.conn.poll(remaining)
            if not done:
                self._retire(w)
                with self._cond:
                    self.timeouts += 1
                if self.penalty > 0:
                    with self._cond:
                        self._prune(started)
                        self._penalised[key] = time.monotonic() + self.penalty
                raise QueryTimeout(
                    f"the query ran longer than the {timeout:g} s limit and was stopped; "
                    "narrow it or add LIMIT"
                )
            kind, payload = w.conn.recv()
        except (EOFError, OSError) as exc:
            w.process.join(1)
            code = w.process.exitcode
            self._retire(w)
            if code in _CRASH_SIGNALS:
                with self._cond:
                    self.crashes += 1
                    self._penalised[key] = time.monotonic() + max(self.penalty, 60.0)
                log.error("a query worker crashed (signal %s) evaluating a query of %d characters",
                          -code, len(request.query))
                raise ServiceBusy("the query engine crashed on this query (its worker was restarted); "
                                  "simplify the query", retry_after=60) from exc
            raise _WorkerLost() from exc
        finally:
            if is_long:
                with self._cond:
                    self._long -= 1
                    self._long_keys.discard(key)
        self._release(w)
        if kind == "error":
            raise payload
        return payload

    def run(self, fn: Callable[[Store], Any], timeout: float | None = None) -> Any:
        """``fn(store)`` evaluated in a worker and its answer (``fn`` picklable; the application's
        own work, never a request's): bulk reads whose intermediate objects (hundreds of MB of
        decoded rows on a big store) would otherwise stay in the serving process's heap for its
        whole life. The worker is replaced afterwards (a fork: milliseconds), so its heap goes too.
        ``SourceError`` when ``fn`` does not answer in ``timeout`` seconds or its worker dies."""
        w = self._acquire(hash(("task", getattr(fn, "__qualname__", ""))), None)
        try:
            w.conn.send(Task(fn))
            if not w.conn.poll(timeout):
                raise SourceError(f"a worker's task did not finish in {timeout:g} s")
            kind, payload = w.conn.recv()
        except (EOFError, OSError) as exc:
            raise SourceError("the query worker stopped while running a task of the service") from exc
        finally:
            self._retire(w)
        if kind == "error":
            raise payload
        return payload

    def _prune(self, now: float) -> None:
        if len(self._penalised) > 1024:
            for k in [k for k, until in self._penalised.items() if until <= now]:
                del self._penalised[k]

    def close(self) -> None:
        with self._cond:
            if self._closed:
                return
            self._closed = True
            workers = list(self._all)
            idle = set(self._idle)
            self._all.clear()
            self._idle.clear()
            self._cond.notify_all()
        for w in workers:
            if w in idle:
                try:
                    w.conn.send(None)
                    w.process.join(2)
                except OSError:
                    pass
            if w.process.is_alive():
                w.kill()
        if self._zygote is not None:
            self._zygote.close()
            self._zygote = None
        lock = getattr(self, "directory_lock", None)  # the oxigraph directory the workers served
        if lock is not None:
            lock.release()


def _renice(pid: int, niceness: int) -> bool:
    """Set a worker's CPU priority; False when not allowed (lowering it needs privileges)."""
    try:
        os.setpriority(os.PRIO_PROCESS, pid, niceness)
        return True
    except (OSError, AttributeError):
        return False
