"""The store seam: ``Store`` (the interface), its backends, and ``open_store``.

Backends: ``memory`` (Oxigraph's embedded in-memory store), ``oxigraph`` (Oxigraph's on-disk
store in a directory, loaded once and re-used across restarts) and ``remote`` (any SPARQL 1.1
endpoint, loaded with the Graph Store Protocol). The HTTP layer does not change between them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from b2bkg.errors import BadRequest
from b2bkg.store.base import (
    GRAPH_FORMATS,
    TABULAR_FORMATS,
    QueryRequest,
    QueryResult,
    Store,
    Term,
)
from b2bkg.store.memory import MemoryStore
from b2bkg.store.oxigraph import OxigraphStore, hold_oxigraph, prepare_oxigraph
from b2bkg.store.pool import WorkerPoolStore
from b2bkg.store.served import serve_copy

if TYPE_CHECKING:
    from b2bkg.store.remote import RemoteStore, push_dataset

__all__ = [
    "BACKENDS",
    "DEFAULT_STORE_PATH",
    "GRAPH_FORMATS",
    "TABULAR_FORMATS",
    "MemoryStore",
    "OxigraphStore",
    "QueryRequest",
    "QueryResult",
    "RemoteStore",
    "Store",
    "Term",
    "WorkerPoolStore",
    "open_store",
    "open_configured_store",
    "pool_options",
    "configured_backend",
    "prepare_oxigraph",
    "push_dataset",
]

BACKENDS = ("memory", "oxigraph", "remote")
DEFAULT_STORE_PATH = "var/oxigraph"


def open_store(
    dataset: str | Path | None,
    *,
    backend: str = "memory",
    workers: int = 0,
    sandbox: bool = True,
    store_path: str | Path | None = None,
    endpoint: str | None = None,
    user: str = "",
    password: str = "",
    pool: Mapping[str, Any] | None = None,
) -> Store:
    """Open ``dataset`` with ``backend``.

    ``workers`` = 0 evaluates in the calling process (notebooks, the CLI); ``workers`` >= 1 runs
    that many worker processes, which is what makes query timeouts enforceable (the service).
    ``oxigraph``: ``store_path`` is the store's directory (``dataset`` is loaded into it unless
    it already holds that version; ``None`` opens what is there). ``remote``: ``endpoint`` is
    the SPARQL endpoint that already holds the dataset (``dataset`` is not read); the remote
    server evaluates; with ``workers`` >= 1 the queries are still vetted (parsed) and sent from
    worker processes, so no untrusted SPARQL is ever parsed in the serving process.
    ``pool``: keyword arguments of ``WorkerPoolStore`` (admission control).
    """
    pool_kw = dict(pool or {})
    if backend not in BACKENDS:
        raise BadRequest(
            f"unknown store backend {backend!r}; known: {', '.join(sorted(BACKENDS))}"
        )
    if backend == "remote":
        from b2bkg.store.remote import RemoteStore

        if not endpoint:
            raise BadRequest("the remote store needs an endpoint: --endpoint URL (or B2BKG_ENDPOINT)")
        opener = partial(RemoteStore, endpoint, user=user, password=password)
        if workers <= 0:
            return opener()
        # the remote store needs the network: its workers are not sandboxed (SERVICE and LOAD
        # are refused before anything is sent, and only the configured endpoint is contacted)
        return WorkerPoolStore(opener, workers=workers, sandbox=False, **pool_kw)
    if backend == "oxigraph":
        directory = Path(store_path or DEFAULT_STORE_PATH)
        # the one loader; then a shared lock for as long as this store serves, so that no other
        # process reloads the directory under it
        _, lock = hold_oxigraph(dataset, directory)
        opener = partial(OxigraphStore, directory, read_only=True)
        try:
            store = opener() if workers <= 0 else WorkerPoolStore(opener, workers=workers, sandbox=sandbox, **pool_kw)
        except BaseException:
            lock.release()
            raise
        store.directory_lock = lock  # released with the store (close) or the process
        store.store_directory = directory  # where the read model keeps its on-disk cache
        return store
    if dataset is None:
        raise BadRequest(f"the {backend} store needs a dataset file")
    if workers <= 0:
        return MemoryStore(dataset)
    # an in-memory store is never written after loading: its workers are forked from one loaded
    # process (their pages shared), and a restart after a killed runaway takes milliseconds; that
    # process (and any restart without it) loads a private copy of the file: one version for the
    # life of the service, whatever happens to the file (b2bkg.store.served)
    served = serve_copy(dataset)
    try:
        pool = WorkerPoolStore(partial(MemoryStore, served.path, served.source), workers=workers, sandbox=sandbox,
                               fork_from_loaded=True, **pool_kw)
    except BaseException:
        served.remove()
        raise
    pool.served = served  # kept as long as the pool: /healthz reports served.state()
    return pool


def pool_options(settings: Mapping[str, Any], workers: int) -> dict[str, Any]:
    """``WorkerPoolStore`` keyword arguments from the admission-control settings."""
    out: dict[str, Any] = {}
    if "queue_limit" in settings:
        limit = int(settings["queue_limit"])
        if limit < 0:  # default: every HTTP thread but 4 (left to the routes that need no worker)
            limit = max(1, int(settings.get("threads", 16)) - workers - 4)
        out["max_waiting"] = limit
    if "queue_timeout" in settings:
        out["queue_timeout"] = float(settings["queue_timeout"])
    if "long_query_after" in settings:
        out["heavy_after"] = float(settings["long_query_after"])
    if settings.get("long_query_slots"):
        out["max_long"] = int(settings["long_query_slots"])
    if "long_query_stand_in" in settings:
        out["spare_for_long"] = bool(settings["long_query_stand_in"])
    if "timeout_penalty" in settings:
        out["penalty"] = float(settings["timeout_penalty"])
    return out


def open_configured_store(settings: Mapping[str, Any], dataset: str | Path | None, *, workers: int = 0) -> Store:
    """``open_store`` with the store settings of ``b2bkg.settings`` (``store``, ``store_path``,
    ``endpoint``, ``remote_user``, ``remote_password``; ``backend`` is the older name of ``store``)."""
    return open_store(
        dataset,
        backend=configured_backend(settings),
        workers=workers,
        sandbox=bool(settings.get("sandbox", True)),
        store_path=settings.get("store_path") or None,
        endpoint=settings.get("endpoint") or None,
        user=settings.get("remote_user", ""),
        password=settings.get("remote_password", ""),
        pool=pool_options(settings, workers),
    )


def configured_backend(settings: Mapping[str, Any]) -> str:
    """The store a settings mapping selects (see ``open_configured_store``)."""
    backend = settings.get("store") or "memory"
    if backend == "memory" and settings.get("backend", "memory") != "memory":
        return settings["backend"]
    return backend


def __getattr__(name: str):
    """The remote store and its loader on first use: a query worker of the memory or oxigraph
    store never imports them (requests, rdflib)."""
    if name in ("RemoteStore", "push_dataset"):
        from b2bkg.store import remote

        return getattr(remote, name)
    raise AttributeError(f"module 'b2bkg.store' has no attribute {name!r}")
