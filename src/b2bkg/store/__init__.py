"""The store seam: ``Store`` (the interface), its backends, and ``open_store``.

Backends: ``memory`` (Oxigraph's embedded in-memory store). An on-disk Oxigraph store or a
remote SPARQL endpoint is a new class implementing ``Store`` plus one entry in ``BACKENDS``;
the HTTP layer does not change.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

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
from b2bkg.store.pool import WorkerPoolStore

__all__ = [
    "BACKENDS",
    "GRAPH_FORMATS",
    "TABULAR_FORMATS",
    "MemoryStore",
    "QueryRequest",
    "QueryResult",
    "Store",
    "Term",
    "WorkerPoolStore",
    "open_store",
]

BACKENDS = {"memory": MemoryStore}


def open_store(
    dataset: str | Path, *, backend: str = "memory", workers: int = 0, sandbox: bool = True
) -> Store:
    """Open ``dataset`` with ``backend``.

    ``workers`` = 0 evaluates in the calling process (notebooks, the CLI); ``workers`` >= 1 runs
    that many worker processes, which is what makes query timeouts enforceable (the service).
    """
    try:
        cls = BACKENDS[backend]
    except KeyError:
        raise BadRequest(
            f"unknown store backend {backend!r}; known: {', '.join(sorted(BACKENDS))}"
        ) from None
    if workers <= 0:
        return cls(dataset)
    return WorkerPoolStore(partial(cls, Path(dataset)), workers=workers, sandbox=sandbox)
