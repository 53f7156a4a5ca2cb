"""Content negotiation: the Accept parser and the lookup tables (no HTTP)."""

from __future__ import annotations

import pytest

from b2bkg.sparql.negotiate import GRAPH, HTML, TABULAR, format_from_param, negotiate, parse_accept


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, [("*", "*", 1.0)]),
        ("", [("*", "*", 1.0)]),
        ("text/csv", [("text", "csv", 1.0)]),
        ("text/*;q=0.5, text/csv", [("text", "csv", 1.0), ("text", "*", 0.5)]),
        ("*/*;q=0.1, application/json;q=0.9", [("application", "json", 0.9), ("*", "*", 0.1)]),
        ("a/b;q=bogus", [("a", "b", 0.0)]),
        ("text/html, */*", [("text", "html", 1.0), ("*", "*", 1.0)]),
        ("TEXT/Turtle ; charset=utf-8", [("text", "turtle", 1.0)]),
        ("garbage, text/csv", [("text", "csv", 1.0)]),
    ],
)
def test_parse_accept(accept, expected):
    assert [(r.type, r.subtype, r.q) for r in parse_accept(accept)] == expected


@pytest.mark.parametrize(
    ("accept", "table", "expected"),
    [
        (None, TABULAR, "json"),
        ("*/*", TABULAR, "json"),
        ("application/sparql-results+json", TABULAR, "json"),
        ("application/sparql-results+xml", TABULAR, "xml"),
        ("text/csv", TABULAR, "csv"),
        ("text/tab-separated-values", TABULAR, "tsv"),
        ("application/json", TABULAR, "json"),
        ("application/xml", TABULAR, "xml"),
        ("text/*", TABULAR, "csv"),
        ("text/csv;q=0.2, application/sparql-results+xml", TABULAR, "xml"),
        ("text/turtle", TABULAR, None),
        ("application/sparql-results+json;q=0, */*", TABULAR, "xml"),
        (None, GRAPH, "turtle"),
        ("text/turtle", GRAPH, "turtle"),
        ("application/ld+json", GRAPH, "jsonld"),
        ("application/json", GRAPH, "jsonld"),
        ("application/n-triples", GRAPH, "ntriples"),
        ("text/plain", GRAPH, "ntriples"),
        ("application/rdf+xml", GRAPH, "rdfxml"),
        ("application/sparql-results+json", GRAPH, None),
        ("text/html,application/xhtml+xml,*/*;q=0.8", {**HTML, **GRAPH}, "html"),
        ("text/turtle, text/html;q=0.5", {**HTML, **GRAPH}, "turtle"),
        ("image/png", {**HTML, **GRAPH}, None),
    ],
)
def test_negotiate(accept, table, expected):
    assert negotiate(accept, table) == expected


@pytest.mark.parametrize(
    ("value", "table", "expected"),
    [
        ("json", TABULAR, "json"),
        ("CSV", TABULAR, "csv"),
        ("text/tab-separated-values", TABULAR, "tsv"),
        ("srx", TABULAR, "xml"),
        ("ttl", GRAPH, "turtle"),
        ("json-ld", GRAPH, "jsonld"),
        ("application/json", GRAPH, "jsonld"),
        ("turtle", TABULAR, None),
        ("nonsense", GRAPH, None),
    ],
)
def test_format_param(value, table, expected):
    assert format_from_param(value, table) == expected
