"""b2bkg: a knowledge graph and query service built from Wang (2025), E-Commerce Letters 14(12).

The public API is re-exported here; see ``docs/design.md`` for the data contracts.
``KnowledgeGraph`` is imported on first use, so that a process that needs one part (a query
worker: the store and pyoxigraph) does not import the whole stack (rdflib, networkx, Flask).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from b2bkg._version import __version__

if TYPE_CHECKING:
    from b2bkg.api import KnowledgeGraph

__all__ = ["__version__", "KnowledgeGraph"]


def __getattr__(name: str):
    if name == "KnowledgeGraph":
        from b2bkg.api import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'b2bkg' has no attribute {name!r}")
