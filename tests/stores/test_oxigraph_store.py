"""The ``oxigraph`` backend: loaded once into a directory, re-used across restarts, reloaded
when the dataset changes, shared read-only by worker processes, stopped on timeout."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from b2bkg.errors import QueryTimeout, SourceError
from b2bkg.store import OxigraphStore, QueryRequest, open_store, prepare_oxigraph
from b2bkg.store.memory import MemoryStore
from b2bkg.store.oxigraph import DATA_DIR, MARKER, read_marker

DATASET = Path(__file__).parents[1] / "service" / "fixtures" / "dataset.nq"
MECHANISMS = "SELECT ?m WHERE { ?m a <https://w3id.org/b2bkg/def/Mechanism> } ORDER BY ?m"
CARTESIAN = ("SELECT (COUNT(*) AS ?n) WHERE "
             "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }")


def test_loads_and_answers_like_memory(tmp_path):
    store = open_store(DATASET, backend="oxigraph", store_path=tmp_path / "ox")
    memory = MemoryStore(DATASET)
    assert store.version == memory.version and len(store.version) == 16
    assert store.triple_count() == 29 == memory.triple_count()
    assert store.graph_counts() == memory.graph_counts()
    for fmt in ("json", "xml", "csv", "tsv"):
        request = QueryRequest(MECHANISMS, tabular_format=fmt)
        assert store.query(request).body == memory.query(request).body
    marker = read_marker(tmp_path / "ox")
    assert marker["version"] == store.version and marker["triples"] == 29


def test_reused_across_restarts_without_reloading(tmp_path):
    first = prepare_oxigraph(DATASET, tmp_path)
    assert first["loaded"] is True
    files = {p.name: p.stat().st_mtime_ns for p in (tmp_path / DATA_DIR).iterdir()}
    again = prepare_oxigraph(DATASET, tmp_path)
    assert again["loaded"] is False and again["version"] == first["version"]
    sst = [n for n in files if n.endswith(".sst")]
    assert sst and all((tmp_path / DATA_DIR / n).stat().st_mtime_ns == files[n] for n in sst)
    # opening without a dataset file serves what the directory holds
    assert OxigraphStore(tmp_path, read_only=True).triple_count() == 29


def test_a_copy_of_the_same_dataset_is_not_reloaded(tmp_path):
    prepare_oxigraph(DATASET, tmp_path / "ox")
    copy = shutil.copy(DATASET, tmp_path / "copy.nq")
    assert prepare_oxigraph(copy, tmp_path / "ox")["loaded"] is False


def test_reloaded_when_the_dataset_changes(tmp_path):
    data = tmp_path / "dataset.nq"
    shutil.copy(DATASET, data)
    v1 = prepare_oxigraph(data, tmp_path / "ox")["version"]
    with data.open("a", encoding="utf-8") as f:
        f.write("<https://w3id.org/b2bkg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> \"x\" "
                "<https://w3id.org/b2bkg/graph/assertions> .\n")
    second = prepare_oxigraph(data, tmp_path / "ox")
    assert second["loaded"] is True and second["version"] != v1 and second["triples"] == 30
    store = OxigraphStore(tmp_path / "ox", read_only=True)
    assert store.triple_count() == 30 and store.version == second["version"]


def test_an_interrupted_load_is_loaded_again(tmp_path):
    prepare_oxigraph(DATASET, tmp_path)
    (tmp_path / MARKER).unlink()  # what a load killed before its end leaves behind
    assert prepare_oxigraph(DATASET, tmp_path)["loaded"] is True
    assert OxigraphStore(tmp_path, read_only=True).triple_count() == 29


def test_errors_name_what_is_missing(tmp_path):
    with pytest.raises(SourceError, match="holds no loaded dataset"):
        OxigraphStore(tmp_path / "empty")
    with pytest.raises(SourceError, match="not found"):
        prepare_oxigraph(tmp_path / "nope.nq", tmp_path / "ox")
    bad = tmp_path / "bad.nq"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(SourceError, match="cannot load"):
        prepare_oxigraph(bad, tmp_path / "ox")
    assert read_marker(tmp_path / "ox") is None


def test_workers_share_the_directory_and_a_runaway_query_is_stopped(tmp_path):
    pool = open_store(DATASET, backend="oxigraph", store_path=tmp_path, workers=2)
    try:
        assert pool.triple_count() == 29
        with pytest.raises(QueryTimeout, match="1 s limit"):
            pool.query(QueryRequest(CARTESIAN), timeout=1)
        result = pool.query(QueryRequest(MECHANISMS), timeout=30)
        assert result.rows == 2
        waiting = threading.Event()
        for _ in range(3000):  # the killed worker is replaced by one that opens the same directory
            if pool.restarts >= 1:
                break
            waiting.wait(0.01)
        assert pool.restarts == 1
    finally:
        pool.close()
