"""The fast path (``b2bkg.web.fast``) answers exactly as the Flask views do: same status, headers
and body, for answers and for errors, on every shape of request it takes or hands over."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from werkzeug.test import Client

from b2bkg.web import create_app
from b2bkg.web.fast import FastPath

FIXTURES = Path(__file__).resolve().parents[1] / "service" / "fixtures"
SETTINGS = {
    "dataset": str(FIXTURES / "dataset.nq"),
    "queries_dir": str(FIXTURES / "queries"),
    "workers": 1,
    "timeout": 5.0,
    "max_rows": 5,
    "result_cache_mb": 0,  # both paths evaluate every request
}
LABELS = "SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?s ?l LIMIT 4"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def app():
    app = create_app(SETTINGS)
    yield app
    app.extensions["b2bkg"].close()


def both(app, method: str, path: str, **kw):
    """(fast path's response, Flask view's response) for the same request."""
    fast = Client(app.wsgi_app).open(path, method=method, **kw)
    assert isinstance(app.wsgi_app, FastPath)
    view = Client(app.wsgi_app.flask).open(path, method=method, **kw)
    return fast, view


def assert_same(fast, view) -> None:
    assert fast.status_code == view.status_code
    assert dict(fast.headers) == dict(view.headers)
    assert fast.get_data() == view.get_data()


def q(text: str, **extra: str) -> str:
    return urllib.parse.urlencode({"query": text, **extra})


CASES = [
    ("GET", "/sparql?" + q(LABELS), {}),
    ("GET", "/sparql?" + q("ASK { ?s ?p ?o }"), {"headers": {"Accept": "application/sparql-results+xml"}}),
    ("GET", "/sparql?" + q(LABELS, format="csv"), {}),
    ("GET", "/sparql?" + q(LABELS, output="tsv"), {}),
    ("GET", "/sparql?" + q("CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l } LIMIT 3"),
     {"headers": {"Accept": "text/turtle"}}),
    ("GET", "/sparql?" + q(LABELS) + "&default-graph-uri=" + urllib.parse.quote(
        "https://w3id.org/b2bkg/graph/ontology"), {}),
    ("POST", "/sparql", {"data": q(LABELS), "headers": {**FORM, "Accept": JSON}}),
    ("POST", "/sparql", {"data": LABELS.encode(), "headers": {"Content-Type": "application/sparql-query"}}),
    ("GET", "/api/queries/mechanisms", {}),
    ("GET", "/api/queries/mechanisms?lang=en&format=xml", {}),
    ("GET", "/api/queries/tools-enabling-mechanism?mechanism=kg:mechanism/credit-enhancement", {}),
    ("GET", "/sparql?" + q("SELECT ?s WHERE { ?s ?p ?o }"), {}),  # more rows than the cap: 422
    ("GET", "/sparql?" + q("SELECT (<urn:f>(1) AS ?x) {}"), {}),  # unknown function: 400 at evaluation
    ("GET", "/sparql?" + q("SELECT ?s WHERE { ?s ?p }"), {}),  # malformed: found by the engine
]
HANDED_OVER = [  # answered by the view: refusals before evaluation and shapes the fast path leaves
    ("GET", "/sparql?" + q(LABELS) + "&update=x", {}),
    ("GET", "/sparql?" + q("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"), {}),
    ("GET", "/sparql?" + q(LABELS), {"headers": {"Accept": "image/png"}}),  # 406
    ("GET", "/sparql?" + q(LABELS) + "&" + q(LABELS), {}),  # the query twice
    ("POST", "/sparql?" + q(LABELS), {"data": q(LABELS), "headers": FORM}),
    ("POST", "/sparql", {"data": q(LABELS), "headers": {"Content-Type": "text/plain"}}),  # 415
    ("POST", "/sparql", {"data": "update=DROP+ALL", "headers": FORM}),
    ("GET", "/api/queries/no-such-query", {}),
    ("GET", "/api/queries/mechanisms?colour=red", {}),  # unknown parameter: 400
    ("GET", "/api/queries/tools-enabling-mechanism?mechanism=" + urllib.parse.quote("<not an iri>"), {}),
]


@pytest.mark.parametrize(("method", "path", "kw", "taken"), [(*c, True) for c in CASES] + [
    (*c, False) for c in HANDED_OVER], ids=[f"{m} {p[:60]}" for m, p, _ in CASES + HANDED_OVER])
def test_the_fast_path_answers_as_the_views_do(app, monkeypatch, method, path, kw, taken):
    fast_path = app.wsgi_app
    view = fast_path.flask
    handed = []
    monkeypatch.setattr(fast_path, "flask", lambda environ, start: handed.append(1) or view(environ, start))
    fast = Client(fast_path).open(path, method=method, **kw)
    monkeypatch.undo()
    assert bool(handed) is not taken  # the fast path answered it itself, or handed it to the view
    assert_same(fast, Client(view).open(path, method=method, **kw))


def test_an_error_at_evaluation_has_the_services_error_shape(app):
    fast, _ = both(app, "GET", "/sparql?" + q("SELECT ?s WHERE { ?s ?p ?o }"))
    assert fast.status_code == 422
    body = fast.get_json()
    assert body["ok"] is False and body["status"] == 422 and "5 rows" in body["error"]
    assert fast.headers["X-Content-Type-Options"] == "nosniff" and fast.headers["Cache-Control"] == "no-store"


def test_conditional_requests_get_304_from_the_view(app):
    first = Client(app.wsgi_app).get("/sparql?" + q(LABELS))
    again = Client(app.wsgi_app).get("/sparql?" + q(LABELS), headers={"If-None-Match": first.headers["ETag"]})
    assert first.status_code == 200 and again.status_code == 304
