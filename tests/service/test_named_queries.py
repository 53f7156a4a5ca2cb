"""Named queries: the library's header format, and the /api/queries endpoints."""

from __future__ import annotations

import pytest

from b2bkg.errors import BadRequest, SourceError
from b2bkg.queries import load_library, parse_named_query


def test_list(live):
    body = live.get("/api/queries").json()
    names = [q["name"] for q in body["queries"]]
    assert body["ok"] is True and names == sorted(names)
    q = {q["name"]: q for q in body["queries"]}["tools-enabling-mechanism"]
    assert q["title"] == {"en": "Tools that enable a mechanism", "zh": "驱动某一机制的数字工具"}
    assert q["parameters"] == [{"name": "mechanism", "type": "iri",
                                "default": "kg:mechanism/credit-enhancement", "required": False}]


def test_run_with_default_and_with_parameter(live):
    r = live.get("/api/queries/tools-enabling-mechanism")
    tools = [b["tool"]["value"] for b in r.json()["results"]["bindings"]]
    assert tools == ["https://w3id.org/b2bkg/id/tool/blockchain-traceability"]
    r = live.get("/api/queries/tools-enabling-mechanism",
                 params={"mechanism": "https://w3id.org/b2bkg/id/mechanism/cost-reduction"})
    tools = [b["tool"]["value"] for b in r.json()["results"]["bindings"]]
    assert tools == ["https://w3id.org/b2bkg/id/tool/big-data-matching"]


def test_parameter_is_a_term_not_text(live):
    """An injection attempt is just a string literal that matches nothing."""
    evil = 'en") } UNION { ?mechanism ?label ?lang } #'
    r = live.get("/api/queries/mechanisms", params={"lang": evil})
    assert r.status_code == 200 and r.json()["results"]["bindings"] == []
    r = live.get("/api/queries/mechanisms", params={"lang": "en", "format": "csv"})
    assert r.text.splitlines()[1:] == [
        "https://w3id.org/b2bkg/id/mechanism/cost-reduction,Cost reduction mechanism,en",
        "https://w3id.org/b2bkg/id/mechanism/credit-enhancement,Credit enhancement mechanism,en",
    ]


@pytest.mark.parametrize(
    ("path", "params", "status", "fragment"),
    [
        ("/api/queries/nope", {}, 404, "nope"),
        ("/api/queries/mechanisms", {"colour": "red"}, 400, "colour"),
        ("/api/queries/tools-enabling-mechanism", {"mechanism": "not an iri"}, 400, "mechanism"),
    ],
)
def test_errors(live, path, params, status, fragment):
    r = live.get(path, params=params)
    assert r.status_code == status and fragment in r.json()["error"]


def test_every_library_query_runs_with_its_defaults(live, fixture_queries):
    for name in load_library(fixture_queries):
        assert live.get(f"/api/queries/{name}").status_code == 200, name


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT * { ?s ?p ?o }", "missing '# title"),
        ("# title: t\n# param: x colour red\nSELECT ?x { ?x ?p ?o }", "type one of"),
        ("# title: t\n# param: y iri\nSELECT ?x { ?x ?p ?o }", r"has no \?y"),
        ("# title: t\n# param: x integer ten\nSELECT ?x { ?x ?p ?o }", "not an integer"),
    ],
)
def test_header_errors(text, message):
    with pytest.raises(SourceError, match=message):
        parse_named_query("q", text)


def test_bind_types():
    q = parse_named_query("q", "# title: t\n# param: n integer\n# param: y year 2024\n"
                               "SELECT ?n ?y { ?s ?p ?n }")
    assert dict(q.bind({"n": "7"})) == {
        "n": ("literal", "7", "http://www.w3.org/2001/XMLSchema#integer", ""),
        "y": ("literal", "2024", "http://www.w3.org/2001/XMLSchema#gYear", ""),
    }
    with pytest.raises(BadRequest, match="needs parameter 'n'"):
        q.bind({})
