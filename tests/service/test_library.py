"""Every named query of the real library (queries/*.rq) parses and runs with its defaults on
the built dataset, through the same path the HTTP API uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from b2bkg import KnowledgeGraph
from b2bkg.queries import load_library

ROOT_QUERIES = Path(__file__).resolve().parents[2] / "queries"
LIBRARY = load_library(ROOT_QUERIES)


@pytest.fixture(scope="module")
def kg():
    from b2bkg.build import ensure_dataset

    with KnowledgeGraph(ensure_dataset(), queries_dir=ROOT_QUERIES) as kg:
        yield kg


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_named_query_runs_with_defaults(kg, name):
    result = kg.raw(name)
    assert result.kind in ("select", "ask", "graph")


def test_library_headers_are_complete():
    for q in LIBRARY.values():
        assert q.title.get("en") and q.title.get("zh"), f"{q.name}: needs title and title@zh"
        assert q.description, f"{q.name}: needs a description"
