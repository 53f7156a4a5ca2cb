"""Defect 2: a 10 KB query of nested brackets (or ``!`` chains) crashed the SPARQL parser with
SIGSEGV, killing a worker (500) or, on the remote store, the whole server. The depth is now
bounded before any parser sees the query: a clear 400 naming the limit, no worker dies."""

from __future__ import annotations

import pytest
import requests

from b2bkg.sparql.inspect import inspect_query, nesting_depth, tokens
from support.hardening import base_settings, serving

DEEP = {
    "parentheses": "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "braces": "SELECT * WHERE " + "{" * 9000 + "}" * 9000,
    "bangs": "SELECT * WHERE { FILTER(" + "!" * 19000 + "true) }",
    "brackets": "SELECT * WHERE { ?s ?p " + "[ ?p " * 3000 + "1" + "]" * 3000 + " }",
    "lists": "SELECT * WHERE { ?s ?p " + "(" * 8000 + ")" * 8000 + " }",
    "mixed": "ASK { " + "{ FILTER(!(" * 2000 + "true" + ")) }" * 2000 + " }",
}


def test_depth_counts_brackets_and_unary_runs_outside_strings_and_comments():
    assert nesting_depth(tokens("SELECT * { ?s ?p ?o }")) == 1
    assert nesting_depth(tokens("ASK { FILTER(!!!(1 = 1)) }")) == 6  # { ( ! ! ! (
    assert nesting_depth(tokens('ASK { FILTER("((((((((((" = "x") } # {{{{{{{{{{')) == 2
    assert inspect_query("SELECT * {{{}}}").depth == 3


@pytest.fixture(scope="module")
def url():
    with serving(base_settings(max_query_length=100_000)) as (url, _):
        yield url


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_query_is_refused_with_400_naming_the_limit_and_no_worker_dies(name, url):
    r = requests.post(url + "/sparql", data={"query": DEEP[name]}, timeout=30)
    assert r.status_code == 400, r.text
    assert "nests" in r.json()["error"] and "limit is 128" in r.json()["error"]
    pool = requests.get(url + "/healthz", timeout=10).json()["pool"]
    assert pool["live"] == 2 and pool["crashes"] == 0 and pool["restarts"] == 0
    ok = requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10)
    assert ok.status_code == 200 and ok.json()["boolean"] is True


def test_nesting_up_to_the_limit_is_answered(url):
    query = "ASK { " + "{ " * 60 + "FILTER(" + "(" * 60 + "true" + ")" * 60 + ")" + " }" * 60 + " }"
    assert inspect_query(query).depth <= 128
    r = requests.post(url + "/sparql", data={"query": query}, timeout=30)
    assert r.status_code == 200, r.text


def test_the_limit_is_a_setting():
    with serving(base_settings(max_query_depth=5)) as (url, _):
        r = requests.get(url + "/sparql", params={"query": "ASK { FILTER((((((true))))))}"}, timeout=10)
        assert r.status_code == 400 and "limit is 5" in r.json()["error"]
