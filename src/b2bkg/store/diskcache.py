"""Answers computed from one dataset version, kept on disk so that a restart reads them back.

The read model's facts, the explorer's index, edges, default view and paper, and the PageRank the
explorer page asks first take tens of seconds on a million-triple store and never change while the
dataset's version stays the same. ``DiskCache`` keeps each as one file::

    <directory>/<dataset version>-<code fingerprint>/<name>.bin

Values are plain Python data (dicts, lists, tuples, sets, strings, numbers) written with
``marshal`` (no code is ever loaded back: ``marshal`` reads data, and a file whose digest does
not match its content is ignored and recomputed). The code fingerprint is a digest of the source
of the modules that compute the values and of the versions of the libraries they use, so a
changed projection rule or a new networkx never serves an answer computed by the old one. A
directory that cannot be written (a read-only store) just means no cache: nothing fails.

>>> import tempfile
>>> c = DiskCache(tempfile.mkdtemp(), fingerprint="test")
>>> c.load("v1", "n") is MISSING
True
>>> c.save("v1", "n", {"a": (1, 2)}); c.load("v1", "n")
{'a': (1, 2)}
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import shutil
import tempfile
import weakref
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["DiskCache", "MISSING", "code_fingerprint"]

log = logging.getLogger(__name__)

MISSING: Any = object()  # what ``load`` returns when there is no usable file
_MAGIC = b"b2bkg-cache 1\n"
_PACKAGES = ("readmodel", "explore", "analytics")  # the code whose answers are cached
_MODULES = ("vocab.py", "store/decode.py", "store/diskcache.py", "warmup.py")
_LIBRARIES = ("networkx", "pyoxigraph", "rdflib", "scipy", "numpy")


def code_fingerprint() -> str:
    """A digest of the source that computes the cached values and of its libraries' versions."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(_MAGIC)
    files = sorted(p for pkg in _PACKAGES for p in (root / pkg).rglob("*.py"))
    for p in [*files, *(root / m for m in _MODULES)]:
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        try:
            h.update(p.read_bytes())
        except OSError:
            pass
    for lib in _LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)}\n".encode())
        except metadata.PackageNotFoundError:
            pass
    return h.hexdigest()[:12]


_TEMPORARY = "b2bkg-cache-"


def _remove_orphans(folder: Path) -> None:
    try:
        entries = list(folder.glob(f"{_TEMPORARY}*-*"))
    except OSError:
        return
    for entry in entries:
        pid = entry.name[len(_TEMPORARY):].split("-", 1)[0]
        try:
            if not pid.isdigit() or entry.stat().st_uid != os.getuid() or not entry.is_dir():
                continue
            os.kill(int(pid), 0)  # still running: not an orphan
        except ProcessLookupError:
            shutil.rmtree(entry, ignore_errors=True)
        except OSError:  # not ours to look at, or gone meanwhile
            continue


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)


class DiskCache:
    """Files of plain data per (dataset version, name), under ``directory``."""

    def __init__(self, directory: str | Path, fingerprint: str | None = None):
        self.directory = Path(directory)
        self.fingerprint = fingerprint or code_fingerprint()
        self.writable = True
        self.private = False

    @classmethod
    def temporary(cls) -> DiskCache:
        """A cache in a fresh private directory of the system's temporary folder, removed by
        ``remove()``, when the object is collected, or when the process ends; the ones left by
        processes that were killed (``b2bkg-cache-<pid>-*`` of a pid no longer running, this
        user's) are removed first."""
        _remove_orphans(Path(tempfile.gettempdir()))
        cache = cls(tempfile.mkdtemp(prefix=f"{_TEMPORARY}{os.getpid()}-"))
        cache.private = True
        cache._finalizer = weakref.finalize(cache, shutil.rmtree, cache.directory, True)
        return cache

    def remove(self) -> None:
        """Remove a ``temporary()`` cache's directory (nothing for any other)."""
        if self.private:
            self._finalizer()

    def _dir(self, version: str) -> Path:
        return self.directory / f"{_safe(version)}-{self.fingerprint}"

    def path(self, version: str, name: str) -> Path:
        return self._dir(version) / f"{_safe(name)}.bin"

    def load(self, version: str, name: str) -> Any:
        """The value saved for ``version`` and ``name``, or ``MISSING``."""
        path = self.path(version, name)
        try:
            data = path.read_bytes()
        except OSError:
            return MISSING
        head, _, rest = data.partition(b"\n")
        digest, _, payload = rest.partition(b"\n")
        if head + b"\n" != _MAGIC or hashlib.sha256(payload).hexdigest().encode() != digest:
            log.warning("ignoring the damaged cache file %s (it is recomputed)", path)
            return MISSING
        try:
            return marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            log.warning("ignoring the unreadable cache file %s (it is recomputed)", path)
            return MISSING

    def save(self, version: str, name: str, value: Any) -> bool:
        """Write ``value`` (plain data) for ``version`` and ``name``; False when it could not be
        written (the value is still served from memory). Other versions' files are removed."""
        if not self.writable:
            return False
        try:
            payload = marshal.dumps(value)
        except ValueError as exc:  # not plain data: a programming error, but never fatal
            log.warning("cannot cache %s: %s", name, exc)
            return False
        target = self._dir(version)
        path = self.path(version, name)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            fresh = not target.is_dir()
            target.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as f:
                f.write(_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n")
                f.write(payload)
            os.replace(tmp, path)
        except OSError as exc:
            if tmp.parent.is_dir():
                tmp.unlink(missing_ok=True)
            self.writable = False
            log.warning("cannot write the cache in %s (%s): answers are recomputed at each start",
                        self.directory, exc.strerror or exc)
            return False
        if fresh:  # a new version or new code: the older ones are never read again
            for old in self.directory.iterdir():
                if old.is_dir() and old != target:
                    shutil.rmtree(old, ignore_errors=True)
        return True
