"""Answers computed once per dataset version of a store, shared by every reader of the graph."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from b2bkg.store.diskcache import DiskCache

__all__ = ["VersionCache", "Codec"]

#: how a value is kept on disk: (to plain data, from plain data)
Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


class VersionCache:
    """``get(key, compute)`` computes once per ``store.version`` and forgets everything when the
    version changes. Re-entrant: a computation may read other cached values. With a ``disk``
    (``b2bkg.store.diskcache.DiskCache``), a value asked for with a ``codec`` is read back from
    the disk when an earlier process computed it for the same version, and saved there when not.

    >>> class S: version = "v1"
    >>> s = S(); c = VersionCache(s)
    >>> c.get("n", lambda: 1), c.get("n", lambda: 2)
    (1, 1)
    >>> s.version = "v2"; c.get("n", lambda: 2)
    2
    """

    def __init__(self, store: Any, disk: DiskCache | None = None) -> None:
        self.store = store
        self.disk = disk
        self._lock = threading.RLock()
        self._version: str | None = None
        self._values: dict[Hashable, Any] = {}

    def get(self, key: Hashable, compute: Callable[[], Any], codec: Codec | None = None) -> Any:
        with self._lock:
            version = self.store.version
            if version != self._version:
                self._values.clear()
                self._version = version
            if key not in self._values:
                self._values[key] = self._compute(version, key, compute, codec)
            return self._values[key]

    def peek(self, key: Hashable, default: Any = None) -> Any:
        """``key``'s value for the store's current version if it was computed, else ``default``
        (nothing is computed or read from the disk)."""
        with self._lock:
            if self._version != self.store.version:
                return default
            return self._values.get(key, default)

    def forget(self, key: Hashable) -> bool:
        """Drop ``key``'s value from memory (the next ``get`` reads it from the disk or computes it
        again); whether it was there."""
        with self._lock:
            return self._values.pop(key, None) is not None

    def _compute(self, version: str, key: Hashable, compute: Callable[[], Any], codec: Codec | None) -> Any:
        if codec is None or self.disk is None:
            return compute()
        from b2bkg.store.diskcache import MISSING

        encode, decode = codec
        saved = self.disk.load(version, str(key))
        if saved is not MISSING:
            try:
                return decode(saved)
            except (TypeError, ValueError, KeyError, IndexError):  # another shape: recompute it
                pass
        value = compute()
        self.disk.save(version, str(key), encode(value))
        return value
