"""``Analytics``: one object that owns the read model of a store and every cached answer.

The graph comes from the store through the read model (``b2bkg.readmodel``): the projection and
the bibliographic snapshot are built with a few bulk queries, so any backend (memory, oxigraph,
remote) serves the analytics, without ``build/`` when the store does not need it. Given a
dataset file instead of a store, ``Analytics`` opens it in an in-process memory store and re-opens
it when the file changes on disk (size or modification time, then its SHA-256 version). A new
version drops the cached projections and answers. The CLI, the HTTP blueprint and the tests all
use this object; nothing is kept in module globals.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from rdflib import Dataset

from b2bkg.errors import SourceError
from b2bkg.readmodel import Facts, ReadModel
from b2bkg.readmodel.projection import Projection, ProjectionConfig
from b2bkg.store.base import Store
from b2bkg.store.diskcache import MISSING
from b2bkg.store.memory import MemoryStore

__all__ = ["Analytics"]


class Analytics:
    r"""Cached analytics over one store (or one dataset file).

    Parameters
    ----------
    source
        A ``Store``, or the path of a dataset file (N-Quads, as ``b2bkg build`` writes it;
        ``b2bkg.api.resolve_dataset()`` gives the build's, built first if missing: the analytics
        layer does not reach up into the build).
    readmodel
        The read model to share (the web app shares one with the explorer); default: a new one
        over ``source``.
    max_answers
        How many computed answers to keep (least recently used are dropped).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "dataset.nq"
    >>> _ = path.write_text("<https://w3id.org/b2bkg/id/tool/saas> <https://w3id.org/b2bkg/def/enables> "
    ...     "<https://w3id.org/b2bkg/id/mechanism/cost-reduction> "
    ...     "<https://w3id.org/b2bkg/graph/paper/p/assertions> .\n")
    >>> a = Analytics(path)
    >>> a.projection().graph.number_of_edges(), len(a.version)
    (1, 16)
    """

    def __init__(self, source: Store | str | Path, *, readmodel: ReadModel | None = None,
                 max_answers: int = 512, timeout: float | None = None):
        self._lock = threading.RLock()
        self._timeout = timeout
        self._path: Path | None = None
        self._stamp: tuple[int, int] | None = None
        self._from_file = not isinstance(source, Store)
        if source is None:
            raise SourceError("Analytics needs a store or a dataset file (b2bkg.api.resolve_dataset() "
                              "finds the build's)")
        if isinstance(source, Store):
            self._readmodel: ReadModel | None = readmodel or ReadModel(source, timeout)
        else:
            self._path = Path(source) if source is not None else None
            self._readmodel = readmodel
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._max_answers = max_answers

    @property
    def path(self) -> Path | None:
        """The dataset file when this object was given one (``None`` over a store)."""
        return self._path

    def _file_model(self) -> ReadModel:
        assert self._path is not None  # given in __init__
        if not self._path.is_file():
            raise SourceError(f"dataset not found: {self._path} (run `b2bkg build`)")
        st = self._path.stat()
        stamp = (st.st_size, st.st_mtime_ns)
        if self._readmodel is None or stamp != self._stamp:
            store = MemoryStore(self._path)
            if self._readmodel is None or store.version != self._readmodel.version:
                self._readmodel = ReadModel(store, self._timeout)
            self._stamp = stamp
        return self._readmodel

    @property
    def readmodel(self) -> ReadModel:
        """The read model of the current version."""
        with self._lock:
            if self._from_file:
                return self._file_model()
            assert self._readmodel is not None
            return self._readmodel

    @property
    def store(self) -> Store:
        return self.readmodel.store

    @property
    def version(self) -> str:
        """The dataset's version (a file given by path is re-checked when it changed on disk)."""
        version = self.readmodel.version
        with self._lock:
            if self._answers and next(iter(self._answers))[0] != version:
                self._answers.clear()
        return version

    def projection(self, config: ProjectionConfig | None = None) -> Projection:
        """The projection of the current version under ``config`` (computed once)."""
        return self.readmodel.projection(config)

    def facts(self) -> Facts:
        """The read model's facts (labels, types, class tree) of the current version."""
        return self.readmodel.facts()

    def bibliography(self) -> Dataset:
        """The bibliographic snapshot the literature map reads (see ``b2bkg.readmodel.bibliography``)."""
        return self.readmodel.bibliography()

    def dataset(self) -> Dataset:
        """Every named graph as an rdflib ``Dataset``, copied from the store (slow on big stores)."""
        return self.readmodel.dataset()

    def answer(self, name: str, key: Hashable, compute: Callable[[], Any], disk_name: str | None = None) -> Any:
        """``compute()`` once per (version, name, key); later calls return the stored answer.
        ``disk_name``: also keep it in the read model's on-disk cache under that name (for the
        answers a start-up computes ahead, so the next start reads them back).

        Answers are plain data and must be treated as read-only by callers.
        """
        full = (self.version, name, key)
        with self._lock:
            if full in self._answers:
                self._answers.move_to_end(full)
                return self._answers[full]
        disk = self.readmodel.disk if disk_name else None
        value = MISSING if disk is None else disk.load(full[0], disk_name)
        if value is MISSING:
            value = compute()
            if disk is not None:
                disk.save(full[0], disk_name, value)
        with self._lock:
            self._answers[full] = value
            while len(self._answers) > self._max_answers:
                self._answers.popitem(last=False)
        return value
