"""One application object: the ``KnowledgeGraph`` the app factory is given is the one every
blueprint uses (store, SPARQL service, library, read model, explorer, analytics)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from b2bkg import KnowledgeGraph
from b2bkg.web import create_app

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS = {"dataset": str(FIXTURES / "dataset.nq"), "queries_dir": str(FIXTURES / "queries"), "workers": 1,
            "max_rows": 20, "cache_max_age": 7}


@pytest.fixture(scope="module")
def kg() -> Iterator[KnowledgeGraph]:
    kg = KnowledgeGraph.from_settings(SETTINGS)
    yield kg
    kg.close()


def test_the_app_holds_the_object_it_was_given(kg):
    app = create_app(kg=kg)
    assert app.extensions["b2bkg"] is kg
    client = app.test_client()
    assert client.get("/healthz").json["triples"] == kg.triple_count == 29
    r = client.get("/api/search", query_string={"q": "credit"})
    assert r.status_code == 200 and r.headers["Cache-Control"] == "public, max-age=7"  # kg.settings
    assert kg._explorer is not None  # the blueprint used the object's explorer
    assert client.get("/api/analytics/centrality", query_string={"measure": "degree"}).status_code == 200
    assert kg._analytics is not None  # the blueprint used the object's analytics, not one of its own


def test_the_parts_are_made_once_and_share_the_read_model(kg):
    assert kg.analytics is kg.analytics and kg.explorer is kg.explorer
    assert kg.explorer.readmodel is kg.readmodel
    assert kg.settings["max_rows"] == 20 and kg.sparql.limits.max_rows == 20


def test_from_settings_and_the_python_constructor_answer_alike(kg):
    with KnowledgeGraph(SETTINGS["dataset"], queries_dir=SETTINGS["queries_dir"]) as direct:
        assert direct.version == kg.version
        assert set(direct.library) == set(kg.library)


def test_kg_and_settings_together_are_refused(kg):
    with pytest.raises(TypeError, match="either kg or settings"):
        create_app(SETTINGS, kg=kg)
