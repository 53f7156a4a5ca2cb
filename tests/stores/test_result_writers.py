"""Oxigraph's result writers give the same answers as the writer b2bkg used before them, on the
paper's own dataset and on literals made to trip a row counter; the row cap holds in every format,
at every size (one 8 KiB chunk or many)."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pyoxigraph as ox
import pytest

from b2bkg.errors import ResultTooLarge
from b2bkg.store.results import TABULAR, reference_select, serialize_answer

FORMATS = tuple(TABULAR)
EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"

# values a row counter could mistake for row boundaries, in every format
TRICKY = ["plain", 'a "quoted" value', "comma, and {braces}", "a,{} b", "[{}]", 'x,{"y":1}', "line\nbreak",
          "crlf\r\nbreak", "tab\tvalue", "<result>", "信用增强 中小企业", "", "\\ backslash", "}},{"]


@pytest.fixture(scope="module")
def tricky() -> ox.Store:
    s = ox.Store()
    for i, text in enumerate(TRICKY):
        subject = ox.NamedNode(f"{EX}s{i}") if i % 3 else ox.BlankNode(f"b{i}")
        s.add(ox.Quad(subject, ox.NamedNode(EX + "label"), ox.Literal(text)))
        s.add(ox.Quad(subject, ox.NamedNode(EX + "label"), ox.Literal(text, language="zh" if i % 2 else "en")))
        s.add(ox.Quad(subject, ox.NamedNode(EX + "n"), ox.Literal(str(i), datatype=ox.NamedNode(XSD + "integer"))))
    return s


@pytest.fixture(scope="module")
def paper(root) -> ox.Store:
    from b2bkg.build import ensure_dataset

    s = ox.Store()
    s.bulk_load(path=str(ensure_dataset()), format=ox.RdfFormat.N_QUADS)
    return s


def solutions(body: bytes, fmt: str) -> Counter:
    parsed = ox.parse_query_results(body, format=TABULAR[fmt])
    names = [v.value for v in parsed.variables]
    return Counter(tuple((n, str(s[n])) for n in names if s[n] is not None) for s in parsed)


def cells(body: bytes) -> list[list[str]]:
    """CSV rows as cells; a line with nothing on it is a row of one empty cell ("" quoted or not)."""
    rows = list(csv.reader(io.StringIO(body.decode(), newline="")))
    width = len(rows[0])
    return [row or [""] * width for row in rows]


def same_answer(store: ox.Store, query: str, fmt: str, **kw) -> int:
    ours = serialize_answer(store.query(query, **kw), tabular_format=fmt, graph_format="turtle", max_rows=10**6)
    before = reference_select(store.query(query, **kw), fmt)
    if fmt == "csv":  # CSV keeps no term kinds: compare the text of the cells
        assert cells(ours.body) == cells(before)
    else:
        assert solutions(ours.body, fmt) == solutions(before, fmt)
    assert ours.rows == len(list(store.query(query, **kw)))
    return ours.rows


@pytest.mark.parametrize("fmt", FORMATS)
def test_tricky_values_give_the_same_answer(tricky, fmt):
    rows = same_answer(tricky, "SELECT ?s ?l ?n ?unbound WHERE { ?s <http://example.org/label> ?l "
                               "OPTIONAL { ?s <http://example.org/n> ?n } } ORDER BY ?s ?l", fmt)
    assert rows == 2 * len(TRICKY)


@pytest.mark.parametrize("fmt", FORMATS)
def test_rows_with_nothing_bound_are_rows(tricky, fmt):
    assert same_answer(tricky, "SELECT ?nothing WHERE { ?s <http://example.org/n> ?n }", fmt) == len(TRICKY)


PAPER_QUERIES = [
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 3000",
    "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label",
    "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class",
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("query", PAPER_QUERIES)
def test_the_papers_dataset_gives_the_same_answer(paper, query, fmt):
    assert same_answer(paper, query, fmt, use_default_graph_as_union=True,
                       prefixes={"rdfs": "http://www.w3.org/2000/01/rdf-schema#"}) > 0


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("size", [5, 2000])  # inside one chunk of the writer, and across many
def test_the_row_cap_is_exact_in_every_format(fmt, size):
    s = ox.Store()
    for i in range(size):
        s.add(ox.Quad(ox.NamedNode(f"{EX}{i}"), ox.NamedNode(EX + "p"), ox.Literal(TRICKY[i % len(TRICKY)])))
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    ok = serialize_answer(s.query(query), tabular_format=fmt, graph_format="turtle", max_rows=size)
    assert ok.rows == size
    with pytest.raises(ResultTooLarge, match=f"more than {size - 1} rows"):
        serialize_answer(s.query(query), tabular_format=fmt, graph_format="turtle", max_rows=size - 1)


@pytest.mark.parametrize("graph_format", ["turtle", "ntriples", "jsonld", "rdfxml"])
def test_graph_answers_are_capped_and_counted(tricky, graph_format):
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    n = len(tricky)
    ok = serialize_answer(tricky.query(query), tabular_format="json", graph_format=graph_format, max_rows=n,
                          prefixes={"ex": EX})
    assert ok.rows == n
    assert len(list(ox.parse(ok.body, format=ox.RdfFormat.from_extension(
        {"turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld", "rdfxml": "rdf"}[graph_format])))) == n
    with pytest.raises(ResultTooLarge):
        serialize_answer(tricky.query(query), tabular_format="json", graph_format=graph_format, max_rows=n - 1)
