"""The store seam: ``Store`` (the interface), its backends, and ``open_store``.

Backends: ``memory`` (Oxigraph's embedded in-memory store), ``oxigraph`` (Oxigraph's on-disk
store in a directory, loaded once and re-used across restarts) and ``remote`` (any SPARQL 1.1
endpoint, loaded with the Graph Store Protocol). The HTTP layer does not change between them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

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
from b2bkg.store.oxigraph import OxigraphStore, prepare_oxigraph
from b2bkg.store.pool import WorkerPoolStore
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
    "configured_backend",
    "prepare_oxigraph",
    "push_dataset",
]

BACKENDS = {"memory": MemoryStore, "oxigraph": OxigraphStore, "remote": RemoteStore}
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
) -> Store:
    """Open ``dataset`` with ``backend``.

    ``workers`` = 0 evaluates in the calling process (notebooks, the CLI); ``workers`` >= 1 runs
    that many worker processes, which is what makes query timeouts enforceable (the service).
    ``oxigraph``: ``store_path`` is the store's directory (``dataset`` is loaded into it unless
    it already holds that version; ``None`` opens what is there). ``remote``: ``endpoint`` is
    the SPARQL endpoint that already holds the dataset (``dataset`` is not read); the remote
    server evaluates, so no worker processes are started and timeouts are enforced over HTTP.
    """
    if backend not in BACKENDS:
        raise BadRequest(
            f"unknown store backend {backend!r}; known: {', '.join(sorted(BACKENDS))}"
        )
    if backend == "remote":
        if not endpoint:
            raise BadRequest("the remote store needs an endpoint: --endpoint URL (or B2BKG_ENDPOINT)")
        return RemoteStore(endpoint, user=user, password=password)
    if backend == "oxigraph":
        directory = Path(store_path or DEFAULT_STORE_PATH)
        if dataset is not None:
            prepare_oxigraph(dataset, directory)  # the one loader; the readers below share it
        opener = partial(OxigraphStore, directory, read_only=True)
        return opener() if workers <= 0 else WorkerPoolStore(opener, workers=workers, sandbox=sandbox)
    if dataset is None:
        raise BadRequest(f"the {backend} store needs a dataset file")
    if workers <= 0:
        return MemoryStore(dataset)
    return WorkerPoolStore(partial(MemoryStore, Path(dataset)), workers=workers, sandbox=sandbox)


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
    )


def configured_backend(settings: Mapping[str, Any]) -> str:
    """The store a settings mapping selects (see ``open_configured_store``)."""
    backend = settings.get("store") or "memory"
    if backend == "memory" and settings.get("backend", "memory") != "memory":
        return settings["backend"]
    return backend
