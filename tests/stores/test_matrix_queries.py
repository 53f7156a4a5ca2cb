"""The named-query library's expected answers (tests/queries/) and the analytics of the paper's
graph, on every backend, over the real dataset (build/dataset.nq)."""

from __future__ import annotations

import importlib.util
import inspect
import sys
from pathlib import Path

import pytest

from b2bkg import KnowledgeGraph
from b2bkg.analytics import Analytics, centrality, project
from b2bkg.api import resolve_dataset
from b2bkg.store import open_configured_store
from b2bkg.store.snapshot import dataset_of

ROOT = Path(__file__).resolve().parents[2]


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_library = load_module(ROOT / "tests" / "queries" / "test_query_library.py", "b2bkg_matrix_query_library")
globals().update({name: f for name, f in vars(_library).items()
                  if name.startswith("test_") and callable(f) and "kg" in inspect.signature(f).parameters})


@pytest.fixture(scope="module")
def paper_store(backend, settings_for):
    dataset = resolve_dataset(None)
    settings = settings_for(backend, dataset, "paper")
    store = open_configured_store(settings, None if backend == "remote" else dataset)
    yield store
    store.close()


@pytest.fixture(scope="module")
def kg(paper_store):
    return KnowledgeGraph(store=paper_store, queries_dir=ROOT / "queries")


@pytest.fixture(scope="module")
def reference():
    """The analytics of the paper's graph as ``b2bkg analyze`` computes them (from the file)."""
    return Analytics(resolve_dataset(None)).projection().graph


def test_store_holds_the_whole_dataset(paper_store):
    from b2bkg.store import MemoryStore

    memory = MemoryStore(resolve_dataset(None))
    assert paper_store.graph_counts() == memory.graph_counts()
    assert paper_store.version == memory.version


@pytest.mark.slow  # the whole analytics suite on every store: seconds per backend
def test_analytics_of_the_paper_graph(paper_store, reference):
    G = project(dataset_of(paper_store)).graph
    assert sorted(G.nodes) == sorted(reference.nodes)
    assert sorted(G.edges(keys=True)) == sorted(reference.edges(keys=True))
    assert {n: G.nodes[n]["display_class"] for n in G} == {n: reference.nodes[n]["display_class"] for n in G}
    for measure in ("pagerank", "degree"):
        assert centrality(G, measure, top=15) == centrality(reference, measure, top=15)

