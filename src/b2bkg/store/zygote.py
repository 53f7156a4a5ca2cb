"""A process that loads the dataset once and forks query workers from itself.

Starting a query worker used to mean loading the whole dataset again (seconds of CPU at the
paper's size, minutes at a million triples), and every runaway query that had to be killed cost
one such reload. The zygote loads the store once (in its own network namespace, like any worker),
then forks a worker whenever the pool asks: the child already holds the loaded store, shares its
pages with the zygote and the other workers (copy-on-write: an in-memory Oxigraph store is never
written after loading), and is ready in milliseconds.

The pool talks to the zygote over one socket: ``fork`` answers with the new worker's pid and one
end of a fresh socket pair (passed with SCM_RIGHTS); ``status`` reaps a dead worker and answers its
exit code (the pool is not the workers' parent, so it watches them through a pidfd). Only stores
that are plain memory may be forked this way (an open RocksDB or a remote connection may not);
``WorkerPoolStore`` decides.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import select
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.reduction import recv_handle, send_handle
from typing import Any

from b2bkg.errors import B2BKGError, SourceError
from b2bkg.store.base import Store
from b2bkg.store.sandbox import isolate_network

__all__ = ["Task", "Zygote", "ForkedProcess", "await_ready", "messages", "open_announced", "serve_queries",
           "store_info"]

log = logging.getLogger(__name__)


def store_info(store: Store, isolated: bool) -> dict:
    return {
        "version": store.version,
        "triple_count": store.triple_count(),
        "graph_counts": store.graph_counts(),
        "network_isolated": isolated,
    }


def await_ready(conn: Connection, timeout: float, give_up: Callable[[], None], who: str) -> dict:
    """The ``("ready", info)`` a starting process (a worker, the zygote) sends once its store is
    open; ``give_up()`` (killing it) and ``SourceError`` naming ``who`` when it does not come in
    ``timeout`` seconds or the process dies; the process's own error when it sent one."""
    if not conn.poll(timeout):
        give_up()
        raise SourceError(f"{who} did not start in time")
    try:
        kind, payload = conn.recv()
    except (EOFError, OSError) as exc:
        give_up()
        raise SourceError(f"{who} exited while loading the dataset") from exc
    if kind == "error":
        give_up()
        raise payload
    return payload


def messages(conn: Connection) -> Iterator:
    """The messages ``conn`` brings, until EOF or ``None`` (the parent's "stop")."""
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if message is None:
            return
        yield message


def open_announced(conn: Connection, opener: Callable[[], Store], sandbox: bool) -> Store | None:
    """Open the store (after dropping the network when ``sandbox``) and send ``("ready", info)``
    on ``conn``; on a project error send ``("error", exc)`` and return None."""
    isolated = isolate_network() if sandbox else False
    try:
        store = opener()
        info = store_info(store, isolated)
    except B2BKGError as exc:
        conn.send(("error", exc))
        return None
    conn.send(("ready", info))
    return store


@dataclass(frozen=True)
class Task:
    """The application's own work for a worker (never built from a request): ``fn(store)``, whose
    answer is sent back. What ``WorkerPoolStore.run`` sends; the worker is replaced afterwards."""

    fn: Callable[[Store], Any]


def serve_queries(conn: Connection, store: Store) -> None:
    """A worker's loop: one query (or ``Task``) in, one answer (or error) out, until EOF or ``None``."""
    for message in messages(conn):
        try:
            answer = message.fn(store) if isinstance(message, Task) else store.query(message)
            conn.send(("ok", answer))
        except B2BKGError as exc:
            conn.send(("error", exc))
        except Exception:  # noqa: BLE001 - a worker must answer, never die silently
            log.exception("worker failed on a query")
            conn.send(("error", B2BKGError("internal error while evaluating the query")))


def _zygote_main(conn: Connection, opener: Callable[[], Store], sandbox: bool, parent: int) -> None:
    store = open_announced(conn, opener, sandbox)
    if store is None:
        return
    codes: dict[int, int] = {}
    for message in messages(conn):
        _reap(codes)
        if message == "fork":
            ours, theirs = socket.socketpair()
            pid = os.fork()
            if pid == 0:  # the worker: it keeps its end and the loaded store, nothing else
                try:
                    conn.close()
                    ours.close()
                    signal.signal(signal.SIGTERM, signal.SIG_DFL)
                    serve_queries(Connection(theirs.detach()), store)
                finally:
                    os._exit(0)
            theirs.close()
            conn.send(pid)
            send_handle(conn, ours.fileno(), parent)
            ours.close()
        elif message[0] == "status":
            _, pid, timeout = message
            conn.send(_exit_code(pid, timeout, codes))


def _reap(codes: dict[int, int]) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        codes[pid] = os.waitstatus_to_exitcode(status)
        if len(codes) > 4096:
            codes.pop(next(iter(codes)))


def _exit_code(pid: int, timeout: float, codes: dict[int, int]) -> int | None:
    if pid in codes:
        return codes.pop(pid)
    try:
        fd = os.pidfd_open(pid)
    except OSError:
        return codes.pop(pid, None)
    try:
        if not select.select([fd], [], [], timeout)[0]:
            return None
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)
    except ChildProcessError:
        return codes.pop(pid, None)
    finally:
        os.close(fd)


class ForkedProcess:
    """The pool's handle on a worker the zygote forked: the parts of ``multiprocessing.Process``
    the pool uses (pid, sentinel, is_alive, kill, join, exitcode), through a pidfd."""

    def __init__(self, pid: int, zygote: Zygote):
        self.pid = pid
        self.sentinel = os.pidfd_open(pid)
        self._zygote = zygote
        self._exitcode: int | None = None
        self._closed = False

    def _ended(self, timeout: float = 0.0) -> bool:
        if self._closed:
            return True
        return bool(select.select([self.sentinel], [], [], timeout)[0])

    def is_alive(self) -> bool:
        return not self._ended()

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def join(self, timeout: float | None = None) -> None:
        if self._ended(timeout or 0.0) and self._exitcode is None and not self._closed:
            self._exitcode = self._zygote.exit_code(self.pid, 1.0)
            os.close(self.sentinel)
            self._closed = True

    @property
    def exitcode(self) -> int | None:
        return self._exitcode


class Zygote:
    """One loaded process (started from ``ctx``, the pool's forkserver context) that forks workers."""

    def __init__(self, ctx: multiprocessing.context.BaseContext, opener: Callable[[], Store], sandbox: bool):
        self._conn, child = ctx.Pipe()  # duplex: a socket pair, which can carry file descriptors
        self.process = ctx.Process(target=_zygote_main, args=(child, opener, sandbox, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self._lock = threading.Lock()

    def wait_ready(self, timeout: float) -> dict:
        return await_ready(self._conn, timeout, self.close, "the query workers' loader")

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def fork(self) -> tuple[ForkedProcess, Connection]:
        """A new worker holding the loaded store; ``OSError`` when the zygote is gone."""
        with self._lock:
            try:
                self._conn.send("fork")
                pid = self._conn.recv()
                fd = recv_handle(self._conn)
            except (EOFError, OSError, ValueError) as exc:
                raise OSError("the query workers' loader is gone") from exc
        return ForkedProcess(pid, self), Connection(fd)

    def exit_code(self, pid: int, timeout: float) -> int | None:
        with self._lock:
            try:
                self._conn.send(("status", pid, timeout))
                return self._conn.recv()
            except (EOFError, OSError):
                return None

    def close(self) -> None:
        try:
            self._conn.send(None)
        except OSError:
            pass
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self._conn.close()
