"""Answers computed once per dataset version of a store, shared by every reader of the graph."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["VersionCache"]


class VersionCache:
    """``get(key, compute)`` computes once per ``store.version`` and forgets everything when the
    version changes. Re-entrant: a computation may read other cached values.

    >>> class S: version = "v1"
    >>> s = S(); c = VersionCache(s)
    >>> c.get("n", lambda: 1), c.get("n", lambda: 2)
    (1, 1)
    >>> s.version = "v2"; c.get("n", lambda: 2)
    2
    """

    def __init__(self, store: Any) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._version: str | None = None
        self._values: dict[Hashable, Any] = {}

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            version = self.store.version
            if version != self._version:
                self._values.clear()
                self._version = version
            if key not in self._values:
                self._values[key] = compute()
            return self._values[key]
