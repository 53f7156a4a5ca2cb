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
from b2bkg.store.diskcache import MISSING, DiskCache

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
    facts, saved = None, disk.load(store.version, "facts")
    if saved is not MISSING:  # an earlier process fetched them (a reopened store): read, not fetched
        try:
            facts = FACTS_CODEC[1](saved)
        except (TypeError, ValueError, KeyError, IndexError):  # another shape: fetched again
            facts = None
    if facts is None:
        facts = fetch_facts(store, timeout)
        if not disk.save(facts.version, "facts", FACTS_CODEC[0](facts)):
            return Parts(facts.version, None, None, False)  # nothing sent back: made by the caller
    index = build_index(facts)
    index.facts = None  # not sent back: the serving process reads them from the disk when asked
    return Parts(facts.version, index, project(facts, ProjectionConfig()), True)
