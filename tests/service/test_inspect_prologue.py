"""A long PREFIX prologue is looked at once for every query that starts with it: the answer of
``inspect_query`` is the same as tokenising the whole text, on the library and on tricky texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from b2bkg.queries import load_library
from b2bkg.sparql.inspect import QueryInfo, _keywords, inspect_query, nesting_depth, query_shape, tokens
from b2bkg.vocab import PREFIXES

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))
LIBRARY = [q.text for q in load_library(Path(__file__).parents[2] / "queries").values()]
TRICKY = [
    "ASK {}",
    "",
    "PREFIX service: <http://example.org/>\nSELECT * { service:a ?p ?o }",
    "prefix load: <http://example.org/> SELECT * { load:a ?p ?o }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "INSERT DATA { <urn:a> <urn:b> 1 }",
    "SELECT ?x FROM <urn:g> WHERE { ((((?x)))) }",
    "\\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
    "# a comment\nSELECT ?s { ?s ?p ?o }",
    ":x ?p ?o",
    "!!!!!!!!?x",
    "BASE <http://example.org/> SELECT ?s { ?s ?p <rel> }",
]


def whole(text: str) -> QueryInfo:
    toks = tokens(text)
    form, update, remote, has_from = _keywords(toks)
    return QueryInfo(form, update, remote, has_from, nesting_depth(toks), query_shape(toks))


@pytest.mark.parametrize("body", LIBRARY + TRICKY)
@pytest.mark.parametrize("head", [PROLOGUE, PROLOGUE.replace("\n", " "), "  " + PROLOGUE.lower(),
                                  PROLOGUE + "PREFIX service: <http://example.org/s#>\n"])
def test_a_long_prologue_gives_the_same_answer(head, body):
    assert inspect_query(head + body) == whole(head + body)


def test_a_prefix_named_service_in_the_prologue_is_still_seen():
    info = inspect_query(PROLOGUE + "PREFIX service: <http://example.org/s#>\nSELECT * { ?s ?p ?o }")
    assert info.remote == "SERVICE" and info.form == "SELECT"


@pytest.mark.parametrize("body", LIBRARY + TRICKY + ["SELECT * { ?s ?p 1.5e3 . ?s ?q 12 }", "ASK { ?s ?p 2000. }"])
def test_the_cost_estimates_tokens_are_the_same_after_a_long_prologue(body):
    from b2bkg.sparql.cost import _text_tokens, _tokens

    for head in (PROLOGUE, PROLOGUE.replace("\n", " ")):
        assert _tokens(head + body) == _text_tokens(head + body)
