"""b2bkg: a knowledge graph and query service built from Wang (2025), E-Commerce Letters 14(12).

The public API is re-exported here; see ``docs/design.md`` for the data contracts.
"""

from __future__ import annotations

from b2bkg._version import __version__
from b2bkg.api import KnowledgeGraph  # the public API

__all__ = ["__version__", "KnowledgeGraph"]
