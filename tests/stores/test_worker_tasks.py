"""The service's own bulk reads run in a worker (issue 15, memory at a million triples): the read
model's facts are fetched in a worker process and only their plain data comes back, the worker is
replaced afterwards, and a served memory store gets a private disk cache so that the serving
process lets the facts go after the warm-up."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

from b2bkg.api import KnowledgeGraph, disk_cache_for
from b2bkg.errors import B2BKGError, SourceError
from b2bkg.readmodel import ReadModel, offload
from b2bkg.readmodel.facts import FACTS_CODEC
from b2bkg.store import MemoryStore, QueryRequest, WorkerPoolStore, decode
from b2bkg.store.diskcache import DiskCache
from support.counting import CountingMemoryStore
from support.hardening import eventually

FIXTURE = Path(__file__).parents[1] / "service" / "fixtures" / "dataset.nq"

# live worker processes: not in the fast core
pytestmark = pytest.mark.slow



def _pid(store) -> int:
    return os.getpid()


def _fails(store) -> None:
    raise SourceError("the task's own error")


def _triples(store) -> int:
    return store.triple_count()


@pytest.fixture
def pool():
    pool = WorkerPoolStore(partial(MemoryStore, FIXTURE), workers=1, fork_from_loaded=True)
    yield pool
    pool.close()


def test_a_task_runs_in_a_worker_that_is_replaced_afterwards(pool):
    first = pool.run(_pid)
    assert first != os.getpid()
    assert pool.run(_triples) == MemoryStore(FIXTURE).triple_count()
    second = pool.run(_pid)
    assert second != first  # the worker that ran a task left the pool; a fresh fork took its place
    eventually(lambda: pool.health()["live"] == 1, 10, "the replacement")
    assert pool.query(QueryRequest("ASK { ?s ?p ?o }"), timeout=5).body


def test_a_task_error_reaches_the_caller_and_the_pool_serves_on(pool):
    with pytest.raises(SourceError, match="the task's own error"):
        pool.run(_fails)
    assert pool.query(QueryRequest("ASK { ?s ?p ?o }"), timeout=5).body


def test_facts_fetched_in_a_worker_equal_the_facts_fetched_here(pool):
    here = ReadModel(MemoryStore(FIXTURE)).facts()
    there = ReadModel(pool, runner=pool.run).facts()
    assert FACTS_CODEC[0](there) == FACTS_CODEC[0](here) and there.version == here.version


def test_a_runner_that_fails_means_the_facts_are_fetched_here(pool):
    def refuse(fn, timeout):
        raise B2BKGError("no worker free")

    model = ReadModel(pool, runner=refuse)
    assert FACTS_CODEC[0](model.facts()) == FACTS_CODEC[0](ReadModel(MemoryStore(FIXTURE)).facts())


def test_a_served_memory_store_lets_the_facts_go_after_the_warm_up(tmp_path):
    with KnowledgeGraph(FIXTURE, workers=1) as kg:
        cache = kg.disk_cache
        assert cache is not None and cache.directory.name.startswith("b2bkg-cache-")
        kg.warmup.run()
        assert kg.warmup.status()["state"] == "done"
        assert kg.readmodel.index().facts is None and "facts" not in kg.readmodel._cache._values
        assert kg.readmodel.runner is not None
        assert kg.explorer.search("credit")["results"] is not None
    assert disk_cache_for("", MemoryStore(FIXTURE)) is None  # in-process: no directory of ours


def test_the_private_cache_directory_goes_with_the_service(pool):
    cache = disk_cache_for("", pool)
    assert cache is not None and cache.private and cache.directory.is_dir()
    cache.remove()
    assert not cache.directory.exists()
    with KnowledgeGraph(FIXTURE, workers=1) as kg:
        kg.readmodel.facts()
        served = kg.disk_cache.directory
        assert any(served.glob("*/facts.bin"))
    assert not served.exists()
    kept = DiskCache(served)  # a cache the user named is never removed
    kept.save("v1", "n", 1)
    kept.remove()
    assert served.is_dir()


def test_the_warm_up_empties_the_decoded_term_caches():
    with KnowledgeGraph(FIXTURE) as kg:
        kg.store.query(QueryRequest("SELECT * { ?s ?p ?o } LIMIT 5"))
        decode.from_ox_term(__import__("pyoxigraph").NamedNode("https://example.org/x"))
        assert decode._iri.cache_info().currsize >= 1
        kg.warmup.run()
        assert kg.warmup.status()["state"] == "done" and decode._iri.cache_info().currsize == 0


def test_the_index_and_projection_made_in_a_worker_equal_those_made_here(pool, tmp_path):
    here = ReadModel(MemoryStore(FIXTURE))
    there = ReadModel(pool, disk=DiskCache(tmp_path), runner=pool.run)
    index = there.index()
    assert index.entities == here.index().entities and index.term_labels == here.index().term_labels
    assert "facts" not in there._cache._values  # never brought into this process
    mine, theirs = here.projection().graph, there.projection().graph
    assert sorted(theirs.edges(keys=True, data=True)) == sorted(mine.edges(keys=True, data=True))
    assert dict(theirs.nodes(data=True)) == dict(mine.nodes(data=True))
    others = sorted(set(here.facts().labels) - set(index.entities))
    assert others and [index.kind(i) for i in others] == [here.index().kind(i) for i in others]  # facts from disk
    assert FACTS_CODEC[0](there.facts()) == FACTS_CODEC[0](here.facts())


def test_the_worker_reads_saved_facts_instead_of_fetching_them(pool, tmp_path):
    first = ReadModel(pool, disk=DiskCache(tmp_path), runner=pool.run)
    first.index()
    saved = next(tmp_path.glob("*/facts.bin"))
    before = saved.stat().st_mtime_ns
    counted = CountingMemoryStore(FIXTURE)
    made = offload.parts(counted, str(tmp_path), DiskCache(tmp_path).fingerprint)
    assert made.facts_saved and made.index.entities == first.index().entities
    assert counted.evaluated == 0 and saved.stat().st_mtime_ns == before  # read, neither fetched nor rewritten


def test_a_reopened_store_makes_its_index_here_from_the_saved_facts(pool, tmp_path):
    ReadModel(pool, disk=DiskCache(tmp_path), runner=pool.run).index()

    def no_worker(fn, timeout):
        raise AssertionError("the saved facts are read here, not sent to a worker")

    again = ReadModel(pool, disk=DiskCache(tmp_path), runner=no_worker)
    assert again.index().entities == ReadModel(MemoryStore(FIXTURE)).index().entities
    assert again.release() and "facts" not in again._cache._values


def test_a_disk_that_cannot_be_written_means_the_read_model_is_made_here(pool, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    model = ReadModel(pool, disk=DiskCache(blocked), runner=pool.run)
    assert model.index().entities == ReadModel(MemoryStore(FIXTURE)).index().entities
    assert "facts" in model._cache._values  # made in this process


def test_a_private_cache_left_by_a_killed_service_is_removed_by_the_next(tmp_path, monkeypatch):
    import subprocess
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen(["true"])
    dead.wait()
    orphan = tmp_path / f"b2bkg-cache-{dead.pid}-abc"
    (orphan / "v-code").mkdir(parents=True)
    alive = tmp_path / f"b2bkg-cache-{os.getpid()}-xyz"
    alive.mkdir()
    other = tmp_path / "b2bkg-cache-notapid-1"
    other.mkdir()
    cache = DiskCache.temporary()
    try:
        assert cache.directory.parent == tmp_path and cache.directory.name.startswith(f"b2bkg-cache-{os.getpid()}-")
        assert not orphan.exists() and alive.is_dir() and other.is_dir()
    finally:
        cache.remove()


def test_the_default_projection_after_the_index_comes_from_the_same_worker_answer(pool, tmp_path):
    model = ReadModel(pool, disk=DiskCache(tmp_path), runner=pool.run)
    index = model.index()
    projection = model.projection()
    assert projection is model._cache.peek("parts").projection and index is model._cache.peek("parts").index
    assert model._cache.peek("facts") is None  # the facts the worker saved were not read back for it
