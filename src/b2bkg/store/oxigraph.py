"""The ``oxigraph`` backend: the dataset in Oxigraph's persistent on-disk store (RocksDB).

SPARQL is evaluated by Oxigraph's own engine (the same code path as the ``memory`` backend,
whose ``query`` this class inherits); only where the quads live differs. The store directory
holds two things::

    <directory>/data/            Oxigraph's RocksDB files
    <directory>/b2bkg-store.json the dataset version that ``data/`` holds, written last

One writer: a load holds an exclusive lock (``flock``) on ``<directory>/b2bkg-store.lock``
and a serving process a shared one for as long as it serves (``hold_oxigraph``). A load that
would replace what a running server (or another load) uses fails at once, saying so, instead of
wiping the directory under it; two servers of the same version share the directory. Workers
re-read the marker whenever they open the store, and a worker pool refuses a worker that opened
another version than it serves.

``prepare_oxigraph(dataset, directory)`` bulk-loads the N-Quads file unless the marker already
names the same dataset version, so a restart re-opens a million triples in milliseconds. The
marker is written only after a complete load (and removed before a reload starts), so an
interrupted load is never mistaken for a finished one. Worker processes open the directory
read-only (``pyoxigraph.Store.read_only``): many readers, one loader.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
from pathlib import Path

import pyoxigraph as ox

from b2bkg import progress
from b2bkg.errors import SourceError
from b2bkg.store.manifest import verify_manifest
from b2bkg.store.memory import MemoryStore, file_version

__all__ = ["OxigraphStore", "prepare_oxigraph", "hold_oxigraph", "DirectoryLock", "read_marker", "MARKER",
           "DATA_DIR", "LOCK"]

log = logging.getLogger(__name__)

MARKER = "b2bkg-store.json"
LOCK = "b2bkg-store.lock"
DATA_DIR = "data"
_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def read_marker(directory: str | Path) -> dict | None:
    """The marker of a completely loaded store directory, or None."""
    path = Path(directory) / MARKER
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) and "version" in marker else None


def _dataset_stamp(dataset: Path) -> dict:
    st = dataset.stat()
    return {"source": str(dataset.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _dataset_version(dataset: Path, marker: dict | None) -> str:
    """The dataset's version; the file is hashed only when it differs from what the marker saw."""
    stamp = _dataset_stamp(dataset)
    if marker and all(marker.get(k) == v for k, v in stamp.items()):
        return marker["version"]
    return file_version(dataset)


def _count_graphs(store: ox.Store) -> dict[str, int]:
    counts = {s["g"].value: int(s["n"].value) for s in store.query(_COUNTS)}
    return dict(sorted(counts.items()))


class DirectoryLock:
    """An ``flock`` on ``<directory>/b2bkg-store.lock``, held until ``release`` (or exit)."""

    def __init__(self, directory: Path):
        self.path = directory / LOCK
        self._fd: int | None = None
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:  # a read-only directory: nobody can load into it either
            log.warning("cannot lock %s (%s); opening it unlocked", self.path, exc.strerror)

    def try_exclusive(self) -> bool:
        if self._fd is None:
            return True
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def shared(self) -> None:
        """Hold a shared lock (waits only while a load holds the exclusive one)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the lock
            self._fd = None

    def __del__(self) -> None:
        self.release()


def hold_oxigraph(dataset: str | Path | None, directory: str | Path) -> tuple[dict | None, DirectoryLock]:
    """``prepare_oxigraph`` for a process that will serve ``directory``: returns the marker and
    a shared lock to keep for as long as it serves (``dataset`` None: serve what is there)."""
    directory = Path(directory)
    lock = DirectoryLock(directory)
    try:
        marker = _prepare(dataset, directory, lock) if dataset is not None else read_marker(directory)
        lock.shared()
    except BaseException:
        lock.release()
        raise
    return marker, lock


def prepare_oxigraph(dataset: str | Path, directory: str | Path) -> dict:
    """Make ``directory`` hold ``dataset`` (bulk-loading it unless it already does); return the
    marker: ``version``, ``triples``, ``graphs`` (IRI -> count), ``loaded`` (whether this call
    loaded), ``load_seconds`` of the last load. Raises ``SourceError`` when the directory would
    need a reload while another process uses it."""
    lock = DirectoryLock(Path(directory))
    try:
        return _prepare(dataset, Path(directory), lock)
    finally:
        lock.release()


def _prepare(dataset: str | Path, directory: Path, lock: DirectoryLock) -> dict:
    import time

    dataset = Path(dataset)
    if not dataset.is_file():
        raise SourceError(f"dataset file not found: {dataset}")
    marker = read_marker(directory)
    version = _dataset_version(dataset, marker)
    if not lock.try_exclusive():
        if marker and marker["version"] == version and (directory / DATA_DIR).is_dir():
            return {**marker, "loaded": False}  # a server of the same version: share it
        held = marker["version"] if marker else "no complete version (a load is running)"
        raise SourceError(
            f"the Oxigraph store {directory} is in use by another b2bkg process (a running server or a "
            f"load) and holds {held}; {dataset.name} is version {version}. It is not replaced under "
            "them: stop that process, or use another --store-path"
        )
    marker = read_marker(directory)  # what is there now that no one else can change it
    if marker and marker["version"] == version and (directory / DATA_DIR).is_dir():
        if marker.get("size") != dataset.stat().st_size or marker.get("source") != str(dataset.resolve()):
            marker.update(_dataset_stamp(dataset))  # same content, another copy: remember its stamp
            _write_marker(directory, marker)
        return {**marker, "loaded": False}
    directory.mkdir(parents=True, exist_ok=True)
    (directory / MARKER).unlink(missing_ok=True)
    shutil.rmtree(directory / DATA_DIR, ignore_errors=True)
    fmt = ox.RdfFormat.TRIG if dataset.suffix == ".trig" else ox.RdfFormat.N_QUADS
    started = time.perf_counter()
    try:
        store = ox.Store(str(directory / DATA_DIR))
    except OSError as exc:
        raise SourceError(f"cannot open the Oxigraph store in {directory}: {exc}") from exc
    try:
        with progress.reading(dataset, f"load {dataset.name}") as f:
            store.bulk_load(f, format=fmt)
        store.flush()
    except (SyntaxError, ValueError, OSError) as exc:
        raise SourceError(f"cannot load dataset {dataset} into {directory}: {exc}") from exc
    graphs = _count_graphs(store)
    try:
        verify_manifest(dataset, version, sum(graphs.values()))
    except SourceError:
        del store
        shutil.rmtree(directory / DATA_DIR, ignore_errors=True)  # never leave it to be opened
        raise
    del store  # releases RocksDB's lock before readers open the directory
    marker = {
        "version": version,
        **_dataset_stamp(dataset),
        "triples": sum(graphs.values()),
        "graphs": graphs,
        "load_seconds": round(time.perf_counter() - started, 3),
    }
    _write_marker(directory, marker)
    log.info("loaded %s quads of %s into %s", marker["triples"], dataset, directory)
    return {**marker, "loaded": True}


def _write_marker(directory: Path, marker: dict) -> None:
    tmp = directory / (MARKER + ".tmp")
    tmp.write_text(json.dumps(marker, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, directory / MARKER)


class OxigraphStore(MemoryStore):
    """A store directory prepared by ``prepare_oxigraph``.

    ``OxigraphStore(directory, dataset)`` loads ``dataset`` first when the directory does not
    hold it yet; ``OxigraphStore(directory)`` opens whatever a previous load left there.
    ``read_only`` opens without taking RocksDB's write lock (what worker processes do).
    """

    def __init__(self, directory: str | Path, dataset: str | Path | None = None, *, read_only: bool = False):
        self.directory = Path(directory)
        marker = prepare_oxigraph(dataset, directory) if dataset is not None else read_marker(directory)
        if marker is None:
            raise SourceError(
                f"{self.directory} holds no loaded dataset; run `b2bkg load --store oxigraph "
                f"--store-path {self.directory}` or open it with a dataset file"
            )
        self.path = Path(marker["source"])
        data = str(self.directory / DATA_DIR)
        try:
            self._store = ox.Store.read_only(data) if read_only else ox.Store(data)
        except OSError as exc:
            raise SourceError(f"cannot open the Oxigraph store in {self.directory}: {exc}") from exc
        self._version = marker["version"]
        self._triples = int(marker["triples"])
        self._counts = dict(marker["graphs"])
        self.marker = marker

    def triple_count(self) -> int:
        return self._triples

    def close(self) -> None:
        lock = getattr(self, "directory_lock", None)
        if lock is not None:
            lock.release()
