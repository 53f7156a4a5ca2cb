"""The read model's heavy part computed in a worker process (``WorkerPoolStore.run``).

At a million triples the facts are about 250 MB of Python objects, and the decoded rows they are
made from several times that; in the serving process the allocator keeps most of it for the
process's whole life even after it is freed. ``parts`` runs in a worker instead: it fetches the
facts, saves them in the disk cache (where the serving process reads them back only when an answer
needs them), and sends back what the serving process keeps: the entity index and the default
projection, a few tens of MB, allocated there in one piece. The worker is replaced afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from b2bkg.readmodel.facts import FACTS_CODEC, fetch_facts
from b2bkg.readmodel.index import Index, build_index
from b2bkg.readmodel.projection import Projection, ProjectionConfig, project
from b2bkg.store.base import Store
from b2bkg.store.cache import VersionCache
from b2bkg.store.diskcache import DiskCache

__all__ = ["Parts", "parts"]


@dataclass(frozen=True)
class Parts:
    version: str
    index: Index | None  # None when the facts could not be saved
    projection: Projection | None
    facts_saved: bool  # whether the disk cache holds the facts now


def parts(store: Store, directory: str, fingerprint: str, timeout: float | None = None) -> Parts:
    """The facts of ``store`` saved under ``directory`` (``DiskCache`` with ``fingerprint``; read
    from there when an earlier process saved them), and the index and default projection made
    from them. ``facts_saved`` False: the disk could not be written (the caller makes them itself)."""
    disk = DiskCache(directory, fingerprint)
    # read from the disk when an earlier process saved them (a damaged or other-shaped file: fetched)
    facts = VersionCache(store, disk).get("facts", lambda: fetch_facts(store, timeout), FACTS_CODEC)
    if not disk.writable:  # they could not be saved: nothing sent back, the caller makes them
        return Parts(facts.version, None, None, False)
    index = build_index(facts)
    index.facts = None  # not sent back: the serving process reads them from the disk when asked
    return Parts(facts.version, index, project(facts, ProjectionConfig()), True)
