"""The explorer's library: search, entity panels, graph views and the paper with its evidence,
as pure functions over a ``Store`` (every query runs through the store seam, so any backend
serves the explorer). ``Explorer`` caches what does not change while the dataset's version
stays the same.

>>> from b2bkg.store import open_store                                  # doctest: +SKIP
>>> ex = Explorer(open_store("build/dataset.nq"))                         # doctest: +SKIP
>>> ex.search("信用")["results"][0]["label_zh"]                            # doctest: +SKIP
'信用增进机制'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple
from typing import Any

from b2bkg.explore.entity import entity
from b2bkg.explore.groups import GROUPS, group_of, groups_table
from b2bkg.explore.index import Entity, Index, build_index
from b2bkg.explore.layout import positions, with_positions
from b2bkg.explore.paper import Section, paper, sections
from b2bkg.explore.search import search
from b2bkg.explore.views import VIEWS, Edge, argument_edges, citation_edges, neighbour_elements, view_elements
from b2bkg.readmodel import ReadModel
from b2bkg.store.base import Store
from b2bkg.store.cache import Codec, VersionCache

__all__ = [
    "Explorer",
    "Entity",
    "Index",
    "Edge",
    "Section",
    "GROUPS",
    "VIEWS",
    "build_index",
    "group_of",
    "groups_table",
    "entity",
    "paper",
    "search",
    "sections",
    "view_elements",
    "neighbour_elements",
    "positions",
    "with_positions",
]


_PLAIN: Codec = (lambda v: v, lambda v: v)  # JSON-shaped answers are kept as they are
_SECTIONS: Codec = (lambda d: [astuple(s) for s in d.values()], lambda rows: {r[0]: Section(*r) for r in rows})
_EDGES: Codec = (lambda pair: tuple([astuple(e) for e in edges] for edges in pair),
                 lambda pair: tuple([Edge(*e) for e in edges] for edges in pair))


class Explorer:
    """The explorer's answers for one store; shared parts computed once per dataset version (and
    kept in the read model's on-disk cache, when it has one, for the next start)."""

    def __init__(self, store: Store, timeout: float | None = None, readmodel: ReadModel | None = None):
        self.store = store
        self.timeout = timeout
        self.readmodel = readmodel or ReadModel(store)
        self._cache = VersionCache(store, self.readmodel.disk)

    def _once(self, name: str, compute: Callable[[], Any], codec: Codec | None = None) -> Any:
        return self._cache.get(name, compute, codec)

    @property
    def version(self) -> str:
        return self.store.version

    def index(self) -> Index:
        return self.readmodel.index()

    def sections(self) -> dict[str, Section]:
        return self._once("sections", lambda: sections(self.store, self.timeout), _SECTIONS)

    def _edges(self) -> tuple[list[Edge], list[Edge]]:
        return self._once("edges", lambda: (argument_edges(self.store, self.index(), self.timeout),
                                            citation_edges(self.store, self.timeout)), _EDGES)

    def search(self, q: str, limit: int = 20) -> dict:
        return search(self.index(), q, limit)

    def entity(self, iri: str) -> dict:
        return entity(self.store, self.index(), self.sections(), iri, self.timeout)

    def graph(self, view: str = "whole") -> dict:
        argument, cites = self._edges()
        return self._once(f"graph:{view}", lambda: with_positions(view_elements(self.index(), argument, cites, view)),
                          _PLAIN)

    def neighbours(self, iri: str) -> dict:
        argument, cites = self._edges()
        return neighbour_elements(self.index(), argument, cites, iri)

    def paper(self, paper_id: str | None = None) -> dict:
        """One paper for the reader (the first by id when ``paper_id`` is None)."""
        return self._once(f"paper:{paper_id or ''}",
                          lambda: paper(self.store, self.index(), self.timeout, paper_id), _PLAIN)
