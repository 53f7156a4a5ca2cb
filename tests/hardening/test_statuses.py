"""Defect 8: requests that answered 500 (and logged a traceback) are the client's mistakes:
an IRI with characters IRIs never contain, an unknown function, a parameter that is not an IRI."""

from __future__ import annotations

import logging

import pytest

from b2bkg.web import create_app
from support.hardening import base_settings


@pytest.fixture(scope="module")
def client():
    app = create_app(base_settings(workers=1))
    yield app.test_client()
    app.extensions["b2bkg"].close()


@pytest.mark.parametrize("path", ["/id/a%20b", "/def/x%3Cy", "/id/mechanism/%22quoted%22", "/id/a%7Bb%7D"])
def test_illegal_iri_characters_are_400(client, path, caplog):
    with caplog.at_level(logging.ERROR):
        r = client.get(path, headers={"Accept": "text/turtle"})
    assert r.status_code == 400 and "not a valid IRI" in r.get_json()["error"]
    assert not [rec for rec in caplog.records if rec.exc_info]


@pytest.mark.parametrize("query", ["SELECT (<urn:f>(1) AS ?x) {}", "SELECT * { ?s ?p ?o FILTER(<urn:g>(?o)) }"])
def test_unknown_function_is_400(client, query, caplog):
    with caplog.at_level(logging.ERROR):
        r = client.get("/sparql", query_string={"query": query})
    assert r.status_code == 400 and "not supported" in r.get_json()["error"], r.get_json()
    assert not [rec for rec in caplog.records if rec.exc_info]


def test_named_query_parameter_that_is_no_iri_is_400(client):
    r = client.get("/api/queries/labels", query_string={"thing": "https://x.example/a b"})
    assert r.status_code in (400, 404), r.get_json()
    assert r.status_code != 500
