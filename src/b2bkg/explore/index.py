"""The explorer's entity index is the read model's (``b2bkg.readmodel.index``): one definition
of what an entity is and which class it is shown as, for the explorer and the analytics alike."""

from __future__ import annotations

from b2bkg.readmodel.entities import B2B_BASE
from b2bkg.readmodel.facts import Facts, fetch_facts
from b2bkg.readmodel.index import Entity, Index
from b2bkg.readmodel.index import build_index as _build_index
from b2bkg.store.base import Store

__all__ = ["Entity", "Index", "build_index", "B2B_BASE"]


def build_index(source: Store | Facts, timeout: float | None = None) -> Index:
    """The index of a store's (or of already fetched facts') entities and terms."""
    return _build_index(source if isinstance(source, Facts) else fetch_facts(source, timeout))
