"""Answers kept in memory, so a query asked again costs a lookup instead of an evaluation.

The dataset a service serves never changes under it (a new version is a new store, with another
``version``), so an answer is fully determined by the request's entity tag (``Prepared.etag``:
dataset version, query text, format, graphs and bindings) and its row cap. ``ResultCache`` keeps
the most recently used answers up to ``max_bytes`` in all; an answer larger than ``max_entry``
bytes is not kept (it would push out many small ones). Errors are never kept: a query that ran
out of time is handled by the worker pool's penalty, not here.

>>> from b2bkg.store.base import QueryResult
>>> cache = ResultCache(max_bytes=100)
>>> cache.put(("etag", 10), QueryResult("ask", "json", b'{"boolean":true}', 1))
>>> cache.get(("etag", 10)).body, cache.get(("other", 10))
(b'{"boolean":true}', None)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from b2bkg.store.base import QueryResult

__all__ = ["ResultCache"]


class ResultCache:
    """A thread-safe LRU of ``QueryResult`` bounded by the bytes of their bodies."""

    def __init__(self, max_bytes: int = 64 << 20, max_entry: int | None = None):
        self.max_bytes = max(0, int(max_bytes))
        self.max_entry = min(self.max_bytes, max_entry if max_entry is not None else max(self.max_bytes // 16, 1))
        self._entries: OrderedDict[Hashable, QueryResult] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> QueryResult | None:
        with self._lock:
            result = self._entries.get(key)
            if result is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return result

    def put(self, key: Hashable, result: QueryResult) -> None:
        size = len(result.body)
        if size > self.max_entry:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = result
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    def stats(self) -> dict[str, int]:
        """Entries, bytes held, hits and misses (for ``/healthz`` and benchmarks)."""
        with self._lock:
            return {"entries": len(self._entries), "bytes": self._bytes, "max_bytes": self.max_bytes,
                    "hits": self.hits, "misses": self.misses}
