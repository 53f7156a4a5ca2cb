"""The pre-evaluation check: keywords are found as the grammar's tokens, not as substrings."""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from b2bkg.sparql.inspect import inspect_query

CASES = [
    # (query, form, update keyword, remote keyword)
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT", None, None),
    ("select * where { ?s ?p ?o }", "SELECT", None, None),
    ("PREFIX ex: <http://e/> ASK { ?s ex:p ?o }", "ASK", None, None),
    ("BASE <http://e/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", None, None),
    ("DESCRIBE <http://e/x>", "DESCRIBE", None, None),
    ("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { }", "SELECT", None, None),
    ('SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }', "SELECT", None, None),
    ("SELECT * WHERE { ?s ?p '''a\nSERVICE <http://x/> {}''' }", "SELECT", None, None),
    ("SELECT * WHERE { ?s <http://x/SERVICE> ?o }", "SELECT", None, None),
    ("SELECT ?service WHERE { ?service ?p ?o }", "SELECT", None, None),
    ("PREFIX ex: <http://e/> SELECT * { ?s ex:service ?o }", "SELECT", None, None),
    ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", "SELECT", None, "SERVICE"),
    ("SELECT * { service SILENT <http://x/> { ?s ?p ?o } }", "SELECT", None, "SERVICE"),
    ("SELECT * { ?s ?p ?o SERVICE<http://x/>{} }", "SELECT", None, "SERVICE"),
    ("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }", "SELECT", None, "SERVICE"),
    ("PREFIX : <http://x/> SELECT * { SERVICE:e { ?s ?p ?o } }", "SELECT", None, "SERVICE"),
    ("SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", "SELECT", None, "SERVICE"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", None, "INSERT", None),
    ("PREFIX ex: <http://e/> DELETE WHERE { ?s ex:p ?o }", None, "DELETE", None),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", None, "WITH", None),
    ("LOAD <http://x/data.ttl>", None, "LOAD", "LOAD"),
    ("CLEAR ALL", None, "CLEAR", None),
    ("DROP GRAPH <http://g>", None, "DROP", None),
    ("# SELECT\nINSERT DATA { <http://a> <http://b> <http://c> }", None, "INSERT", None),
]


@pytest.mark.parametrize(("query", "form", "update", "remote"), CASES)
def test_inspect(query, form, update, remote):
    info = inspect_query(query)
    assert (info.form, info.update_keyword, info.remote) == (form, update, remote)


@pytest.mark.parametrize(("query", "form", "update", "remote"), CASES)
def test_agrees_with_rdflib_parser(query, form, update, remote):
    """rdflib's full parser as an oracle: where it parses the text, it sees SERVICE/LOAD and
    updates exactly where the tokenizer does."""
    try:
        parsed = parseQuery(query)
    except Exception:  # noqa: BLE001 - not a query rdflib can parse
        try:
            parsed = parseUpdate(query)
        except Exception:  # noqa: BLE001
            pytest.skip("rdflib does not parse this text")
        assert update is not None
    else:
        assert form is not None and update is None
    text = repr(parsed)
    assert ("ServiceGraphPattern" in text) == (remote == "SERVICE")


def test_from_clause_detected():
    assert inspect_query("SELECT * FROM <http://g> { ?s ?p ?o }").has_dataset_clause
    assert not inspect_query("SELECT * { ?s <http://e/from> ?o }").has_dataset_clause
