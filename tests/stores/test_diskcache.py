"""The on-disk cache of the read model and the warm-up answers (issue 15: a million-triple store
re-opened ready in seconds): read back by a later process for the same dataset version and code,
equal to what is computed from the store, never trusted when damaged, never fatal when the disk
cannot be written, and forgotten when the dataset changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from b2bkg.api import KnowledgeGraph, disk_cache_for
from b2bkg.explore import Explorer
from b2bkg.readmodel import ReadModel
from b2bkg.readmodel.facts import FACTS_CODEC
from b2bkg.store import open_store
from b2bkg.store.cache import VersionCache
from b2bkg.store.diskcache import MISSING, DiskCache, code_fingerprint
from b2bkg.store.memory import MemoryStore
from support.counting import CountingMemoryStore

FIXTURE = Path(__file__).parents[1] / "service" / "fixtures" / "dataset.nq"



@pytest.fixture(scope="module")
def paper(tmp_path_factory) -> Path:
    from b2bkg.build import ensure_dataset

    copy = tmp_path_factory.mktemp("diskcache") / "dataset.nq"
    shutil.copyfile(ensure_dataset(), copy)
    return copy


def test_values_round_trip_per_version(tmp_path):
    cache = DiskCache(tmp_path, fingerprint="f")
    value = {"labels": {"x": {"en": "a"}}, "set": {("s", "p")}, "frozen": frozenset({"c"}), "n": [1, 2.5, None]}
    assert cache.load("v1", "facts") is MISSING
    assert cache.save("v1", "facts", value)
    assert cache.load("v1", "facts") == value
    assert cache.load("v2", "facts") is MISSING  # another dataset version: nothing


def test_a_new_version_removes_the_older_ones(tmp_path):
    cache = DiskCache(tmp_path, fingerprint="f")
    cache.save("v1", "a", 1)
    cache.save("v2", "a", 2)
    assert [p.name for p in tmp_path.iterdir()] == ["v2-f"]
    assert cache.load("v1", "a") is MISSING and cache.load("v2", "a") == 2


def test_another_code_fingerprint_does_not_read_the_file(tmp_path):
    DiskCache(tmp_path, fingerprint="old").save("v1", "a", "computed by the old code")
    assert DiskCache(tmp_path, fingerprint="new").load("v1", "a") is MISSING
    assert len(code_fingerprint()) == 12 and code_fingerprint() == code_fingerprint()


@pytest.mark.parametrize("damage", [
    lambda b: b[:-3],                                   # truncated
    lambda b: b[:-1] + bytes([b[-1] ^ 0xFF]),           # a flipped byte
    lambda b: b"",                                      # emptied
    lambda b: b"not a cache file\n" + b[20:],           # another format
])
def test_a_damaged_file_is_ignored_and_recomputed(tmp_path, damage, caplog):
    cache = DiskCache(tmp_path, fingerprint="f")
    cache.save("v1", "a", {"answer": list(range(100))})
    path = cache.path("v1", "a")
    path.write_bytes(damage(path.read_bytes()))
    assert cache.load("v1", "a") is MISSING

    class S:
        version = "v1"

    calls = []
    got = VersionCache(S(), cache).get("a", lambda: calls.append(1) or {"answer": [1]}, (dict, dict))
    assert got == {"answer": [1]} and calls == [1]
    assert cache.load("v1", "a") == {"answer": [1]}  # and written again, whole


def test_an_unwritable_directory_only_means_no_cache(tmp_path, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    cache = DiskCache(blocker / "cache", fingerprint="f")
    assert cache.save("v1", "a", 1) is False
    assert cache.load("v1", "a") is MISSING and "cannot write the cache" in caplog.text

    class S:
        version = "v1"

    assert VersionCache(S(), cache).get("a", lambda: 42, (int, int)) == 42


def test_facts_read_back_equal_the_store_s_and_run_no_query(paper, tmp_path):
    disk = DiskCache(tmp_path / "cache")
    first = CountingMemoryStore(paper)
    computed = ReadModel(first, disk=disk).facts()
    assert first.evaluated >= 6

    second = CountingMemoryStore(paper)
    model = ReadModel(second, disk=disk)
    again = model.facts()
    assert second.evaluated == 0  # read back from the disk: not one query
    encode = FACTS_CODEC[0]
    assert encode(again) == encode(computed)
    fresh = ReadModel(MemoryStore(paper)).index()
    assert model.index().entities == fresh.entities  # the index built from them is the same


def test_explorer_answers_read_back_equal_fresh_ones(paper, tmp_path):
    disk = DiskCache(tmp_path / "cache")
    first = Explorer(MemoryStore(paper), readmodel=ReadModel(MemoryStore(paper), disk=disk))
    expected = (first.graph("whole"), first.paper(), first.sections(), first._edges())

    store = CountingMemoryStore(paper)
    second = Explorer(store, readmodel=ReadModel(store, disk=disk))
    got = (second.graph("whole"), second.paper(), second.sections(), second._edges())
    assert store.evaluated == 0
    assert got == expected
    assert second.search("信用")["results"] == first.search("信用")["results"]


def test_the_dataset_changing_is_a_new_version(paper, tmp_path):
    disk = DiskCache(tmp_path / "cache")
    ReadModel(MemoryStore(paper), disk=disk).facts()
    small = CountingMemoryStore(FIXTURE)
    facts = ReadModel(small, disk=disk).facts()
    assert small.evaluated >= 6 and facts.version == small.version != MemoryStore(paper).version


def test_the_oxigraph_store_keeps_its_cache_in_its_directory(tmp_path):
    directory = tmp_path / "ox"
    with KnowledgeGraph(FIXTURE, store="oxigraph", store_path=directory) as kg:
        assert kg.disk_cache is not None and kg.disk_cache.directory == directory / "cache"
        kg.warmup.run()
        assert kg.warmup.status()["state"] == "done"
        names = {p.name for p in (directory / "cache").glob("*/*.bin")}
    assert {"facts.bin", "graph_whole.bin"} <= names and any(n.startswith("analysis-centrality") for n in names)
    assert disk_cache_for("off", open_store(None, backend="oxigraph", store_path=directory)) is None
    assert disk_cache_for("", MemoryStore(FIXTURE)) is None  # the memory store: only when asked
    assert disk_cache_for(str(tmp_path / "c"), MemoryStore(FIXTURE)).directory == tmp_path / "c"


def test_facts_are_let_go_after_the_warm_up_when_the_disk_holds_them(paper, tmp_path):
    directory = tmp_path / "ox"
    with KnowledgeGraph(paper, store="oxigraph", store_path=directory) as kg:
        kg.warmup.run()
        index = kg.readmodel.index()
        assert index.facts is None and "facts" not in kg.readmodel._cache._values  # not held in memory
        fresh = ReadModel(MemoryStore(paper)).index()
        evidence = next(i for i in fresh.facts.evidence for i in i if i not in fresh.entities)
        assert index.kind(evidence) == fresh.kind(evidence)  # read back from the disk when asked
        assert kg.explorer.search("信用")["results"] and kg.analytics.projection().graph.number_of_nodes()


def test_without_a_disk_cache_the_facts_stay(tmp_path):
    model = ReadModel(MemoryStore(FIXTURE))
    assert model.release() is False and model.index().facts is not None


def test_the_read_model_of_a_served_oxigraph_store_reads_the_directory_in_process(paper, tmp_path):
    """The bulk queries of the read model are the application's own: on an oxigraph store served by
    workers they run on the same directory opened read-only here, not through the workers' JSON."""
    from b2bkg.api import reader_of
    from b2bkg.store import OxigraphStore, WorkerPoolStore

    with KnowledgeGraph(paper, store="oxigraph", store_path=tmp_path / "ox", workers=1) as kg:
        assert isinstance(kg.store, WorkerPoolStore)
        reader = kg.readmodel.store
        assert isinstance(reader, OxigraphStore) and reader.version == kg.store.version
        through_pool = ReadModel(kg.store).facts()
        assert FACTS_CODEC[0](kg.readmodel.facts()) == FACTS_CODEC[0](through_pool)
    memory = MemoryStore(FIXTURE)
    assert reader_of(memory) is memory
