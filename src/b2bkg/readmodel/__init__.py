"""One read model of the graph, built from the store: the entity index, the networkx projection
and the bibliographic snapshot the literature map reads, all cached per dataset version.

Everything is fetched through the ``Store`` interface with a few bulk queries (``fetch_facts``),
so every backend (memory, oxigraph on disk, a remote endpoint) serves the explorer, the
analytics, the graph exports and the CLI the same way, without ``build/`` or a file parse.
What an entity is and which class it is shown as is decided in ``b2bkg.readmodel.entities``.

>>> from b2bkg.store import open_store                                   # doctest: +SKIP
>>> rm = ReadModel(open_store(None, backend="oxigraph", store_path="var/oxigraph"))  # doctest: +SKIP
>>> rm.projection().graph.number_of_nodes(), len(rm.index().entities)    # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from rdflib import Dataset

from b2bkg.errors import B2BKGError
from b2bkg.readmodel.entities import display_class, kind_of
from b2bkg.readmodel.facts import FACTS_CODEC, Facts, encoded_facts, fetch_facts, graph_roles
from b2bkg.readmodel.index import Entity, Index, build_index, entity_display_class, entity_kind
from b2bkg.readmodel.projection import Projection, ProjectionConfig, project
from b2bkg.store.base import Store
from b2bkg.store.cache import Codec, VersionCache
from b2bkg.store.diskcache import DiskCache

__all__ = [
    "ReadModel",
    "Facts",
    "Entity",
    "Index",
    "Projection",
    "ProjectionConfig",
    "build_index",
    "display_class",
    "entity_display_class",
    "entity_kind",
    "fetch_facts",
    "graph_roles",
    "kind_of",
    "project",
]

log = logging.getLogger(__name__)
_NOT_YET = object()

#: ``run(fn, timeout)``: ``fn(store)`` evaluated in another process (``WorkerPoolStore.run``)
Runner = Callable[[Callable[[Store], Any], "float | None"], Any]


class ReadModel:
    """The read model of one store, computed once per ``store.version`` (thread-safe). With a
    ``disk`` cache the facts (the bulk queries' answers, the expensive part) are read back from
    the disk when an earlier process fetched them for the same dataset version. With a ``runner``
    (the service's worker pool) the facts are fetched in a worker and only their plain data comes
    back: the decoded rows of the bulk queries (hundreds of MB at a million triples) never enter
    this process's heap, where the allocator could not give them back to the system."""

    def __init__(self, store: Store, timeout: float | None = None, disk: DiskCache | None = None,
                 runner: Runner | None = None):
        self.store = store
        self.timeout = timeout
        self.disk = disk
        self.runner = runner
        self._cache = VersionCache(store, disk)

    @property
    def version(self) -> str:
        return self.store.version

    def _once(self, key: Any, compute: Callable[[], Any], codec: Codec | None = None) -> Any:
        return self._cache.get(key, compute, codec)

    def facts(self) -> Facts:
        return self._once("facts", self._fetch_facts, FACTS_CODEC)

    def _fetch_facts(self) -> Facts:
        if self.runner is not None:
            try:
                facts = FACTS_CODEC[1](self.runner(partial(encoded_facts, timeout=self.timeout), self.timeout))
            except B2BKGError as exc:  # busy or stopped: fetched here instead
                log.warning("could not fetch the read model's facts in a worker (%s); fetching them here",
                            getattr(exc, "message", exc))
            else:
                if facts.version == self.version:
                    return facts
        return fetch_facts(self.store, self.timeout)

    def index(self) -> Index:
        return self._once("index", self._build_index)

    def _build_index(self) -> Index:
        parts = self._parts()
        index = parts.index if parts is not None else build_index(self.facts())
        index.load_facts = self.facts
        return index

    def _parts(self) -> Any:
        """The index and default projection made in a worker (``b2bkg.readmodel.offload``) when
        there is a runner and a disk cache to leave the facts in, and the facts are neither in
        memory nor on the disk already; None otherwise (or when the worker could not), and they are
        made here. Facts read back from the disk (a reopened store) are made into the index here:
        decoding that plain data leaves little behind (1M triples, reopened: warm-up 2.0 s and
        178 MiB here, against 3.4 s and 199 MiB through a worker)."""
        if self.runner is None or self.disk is None:
            return None
        made = self._cache.peek("parts", _NOT_YET)
        if made is not _NOT_YET:  # asked before (the index, then the projection): the same answer
            return made
        if (not self.disk.writable or self._cache.peek("facts") is not None
                or self.disk.path(self.version, "facts").is_file()):
            return None
        from b2bkg.readmodel.offload import parts

        def compute() -> Any:
            task = partial(parts, directory=str(self.disk.directory), fingerprint=self.disk.fingerprint,
                           timeout=self.timeout)
            try:
                made = self.runner(task, self.timeout)
            except B2BKGError as exc:  # busy or stopped: made here instead
                log.warning("could not build the read model in a worker (%s); building it here",
                            getattr(exc, "message", exc))
                return None
            return made if made.version == self.version and made.facts_saved else None

        return self._once("parts", compute)

    def release(self) -> bool:
        """Let the facts go from memory when the disk cache holds them (about 200 MB on a 1M-triple
        store): what the serving process reads afterwards is the index, the projections and the
        answers made from them; a later reader of the facts reads them back from the disk (about
        a second at 1M). Returns whether they were let go."""
        if self.disk is None or not self.disk.path(self.version, "facts").is_file():
            return False
        index = self.index()
        with self._cache._lock:
            index.facts = None
            return self._cache.forget("facts")

    def projection(self, config: ProjectionConfig | None = None) -> Projection:
        config = config or ProjectionConfig()
        return self._once(("projection", config), lambda: self._project(config))

    def _project(self, config: ProjectionConfig) -> Projection:
        if config == ProjectionConfig():
            parts = self._parts()
            if parts is not None:
                return parts.projection
        return project(self.facts(), config)

    def bibliography(self) -> Dataset:
        """The bibliographic layer as a small rdflib ``Dataset`` (what ``b2bkg.analytics.literature``
        reads): references, their author lists and authors, in-text citations with their quotes,
        every label and type, the class tree."""
        from b2bkg.readmodel.bibliography import bibliography

        return self._once("bibliography", lambda: bibliography(self.store, self.timeout))

    def dataset(self) -> Dataset:
        """Every named graph of the store as an rdflib ``Dataset`` (slow on big stores: prefer the
        facts, index, projection or bibliography)."""
        from b2bkg.store.snapshot import dataset_of

        return self._once("dataset", lambda: dataset_of(self.store, timeout=self.timeout))
