"""One read model through the store: the analytics, their exports and the entity index give the
same answers on every backend as on the memory store over the paper's dataset, read through the
``Store`` interface only (no dataset file on the oxigraph and remote backends)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from b2bkg.analytics import Analytics
from b2bkg.analytics.operations import OPERATIONS, export_graph_view, export_reference_list, run
from b2bkg.analytics.readwrite import GRAPH_FORMATS, REFERENCE_FORMATS
from b2bkg.api import resolve_dataset
from b2bkg.explore import Explorer
from b2bkg.store import MemoryStore, open_configured_store

CONFIGS = ({}, {"graphs": "inferred", "bibliographic": "true", "classes": "true"})


@pytest.fixture(scope="module")
def dataset() -> Path:
    return resolve_dataset(None)


@pytest.fixture(scope="module")
def memory(dataset) -> Analytics:
    return Analytics(MemoryStore(dataset))


@pytest.fixture(scope="module")
def store(backend, settings_for, dataset):
    settings = settings_for(backend, dataset, "paper")
    # oxigraph: loaded once, then reopened from its directory alone (no dataset file named)
    if backend == "oxigraph":
        open_configured_store(settings, dataset).close()
    s = open_configured_store(settings, None if backend != "memory" else dataset)
    yield s
    s.close()


@pytest.fixture(scope="module")
def analytics(store) -> Analytics:
    return Analytics(store)


def _params(op, extra):
    return {**dict(parse_qsl(op.example)), **extra}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_every_analysis_answers_as_on_memory(analytics, memory, name):
    op = OPERATIONS[name]
    for extra in CONFIGS if op.graph else ({},):
        got = run(analytics, name, _params(op, extra))["result"]
        want = run(memory, name, _params(op, extra))["result"]
        assert got == want, f"{name} {extra}"


@pytest.mark.parametrize("view", ["graph", "cocitation", "theory-mechanism"])
def test_graph_exports_equal_memory(analytics, memory, view):
    for fmt in GRAPH_FORMATS:
        got, _ = export_graph_view(analytics, {"view": view, "format": fmt})
        want, _ = export_graph_view(memory, {"view": view, "format": fmt})
        if fmt == "vosviewer":  # a zip: compare what it holds, not the archive's timestamps
            import io
            import zipfile

            def members(data):
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    return {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}
            assert members(got.data) == members(want.data), fmt
        else:
            assert got.data == want.data, fmt
        assert got.data, fmt


def test_reference_exports_equal_memory(analytics, memory):
    for fmt in REFERENCE_FORMATS:
        got, _ = export_reference_list(analytics, {"format": fmt})
        assert got.data == export_reference_list(memory, {"format": fmt})[0].data
    assert b"@" in export_reference_list(analytics, {"format": "bibtex"})[0].data


def test_entity_index_equals_memory(store, memory):
    index = Explorer(store).index()
    want = memory.readmodel.index()
    assert len(index.entities) > 300
    assert index.entities == want.entities
    assert index.term_labels == want.term_labels


def test_projection_facts_are_the_memory_ones(analytics, memory):
    G, H = analytics.projection().graph, memory.projection().graph
    assert G.number_of_nodes() > 300 and G.number_of_edges() > 400
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))
    assert sorted(G.edges(keys=True, data="quotes")) == sorted(H.edges(keys=True, data="quotes"))
