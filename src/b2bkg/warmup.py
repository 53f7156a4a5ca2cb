"""Compute the service's shared answers before the first visitor asks, without holding up readiness.

The explorer's entity index and default view, the paper and the page's PageRank take seconds on a
big store. ``Warmup`` runs them one after the other (in the calling thread with ``run``, or in a
background thread with ``start``) and keeps a truthful status for ``/healthz``: which parts are
done, which is running, how long each took, and what failed. The SPARQL endpoint serves while it
runs; a request that needs a part still being computed waits for that one computation (every part
is cached per dataset version, see ``b2bkg.store.cache``), it never starts a second one.

>>> w = Warmup([("one", lambda: None)])
>>> w.status()["state"]
'pending'
>>> w.run().status()["state"], sorted(w.status()["done"])
('done', ['one'])
"""

from __future__ import annotations

import ctypes
import gc
import logging
import threading
import time
from collections.abc import Callable, Sequence

__all__ = ["Warmup", "STATES", "release_memory"]

log = logging.getLogger(__name__)

#: pending (not started), running, done (every part computed), failed (a part raised; see "error")
STATES = ("pending", "running", "done", "failed")


def release_memory() -> bool:
    """Give the memory the warm-up's intermediate answers (decoded query rows: hundreds of MB on
    a big store) freed back to the operating system: a garbage collection, then glibc's
    ``malloc_trim``. Without it the serving process keeps that heap resident for its whole life.
    Returns whether ``malloc_trim`` was available."""
    gc.collect()
    try:
        return bool(ctypes.CDLL("libc.so.6").malloc_trim(0)) or True
    except (OSError, AttributeError):  # not glibc: the collection alone
        return False


class Warmup:
    """Named steps computed once, in order; ``status()`` says how far they got."""

    def __init__(self, steps: Sequence[tuple[str, Callable[[], object]]]):
        self.steps = tuple(steps)
        self._lock = threading.Lock()
        self._state = "pending"
        self._current: str | None = None
        self._done: dict[str, float] = {}
        self._error: str | None = None
        self._started: float | None = None
        self._seconds: float | None = None
        self._thread: threading.Thread | None = None
        self._finished = threading.Event()

    def status(self) -> dict:
        """``state`` (one of ``STATES``), ``running`` (the part being computed), ``done`` (part ->
        seconds), ``pending`` (parts not started), ``seconds`` (the whole, once finished), ``error``."""
        with self._lock:
            pending = [n for n, _ in self.steps if n not in self._done and n != self._current]
            return {"state": self._state, "running": self._current, "done": dict(self._done),
                    "pending": pending if self._state in ("pending", "running") else [],
                    "seconds": self._seconds, "error": self._error}

    @property
    def done(self) -> bool:
        return self._finished.is_set() and self._state == "done"

    def run(self) -> Warmup:
        """Compute every part in this thread (at most once over the object's life); returns self."""
        with self._lock:
            first = self._state == "pending"
            if first:
                self._state, self._started = "running", time.monotonic()
        if not first:  # another call computes (or computed): wait for it
            self._finished.wait()
            return self
        try:
            for name, compute in self.steps:
                with self._lock:
                    self._current = name
                t = time.monotonic()
                compute()
                with self._lock:
                    self._done[name] = round(time.monotonic() - t, 3)
            state, error = "done", None
        except Exception as exc:  # noqa: BLE001 - reported by health; the routes raise it themselves
            log.exception("warm-up failed at %s", self._current)
            state, error = "failed", f"{self._current}: {getattr(exc, 'message', None) or type(exc).__name__}"
        with self._lock:
            self._state, self._error, self._current = state, error, None
            self._seconds = round(time.monotonic() - (self._started or time.monotonic()), 3)
        release_memory()
        self._finished.set()
        log.info("warm-up %s in %.1f s: %s", state, self._seconds, self._done)
        return self

    def start(self) -> Warmup:
        """Run in a daemon thread (the server listens meanwhile); returns self."""
        with self._lock:
            if self._thread is not None or self._state != "pending":
                return self
            self._thread = threading.Thread(target=self.run, name="b2bkg-warmup", daemon=True)
            thread = self._thread
        thread.start()
        return self

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the warm-up finished (done or failed); False when ``timeout`` passed first."""
        return self._finished.wait(timeout)
