"""Python and CLI habits: rdflib's Result interface and typed DataFrames on query answers;
``b2bkg query -`` from standard input, an unknown named query named as such, wide (CJK)
characters aligned in tables."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef, Variable
from rdflib.query import Result

from b2bkg import KnowledgeGraph
from b2bkg.cli import cli
from b2bkg.cli.query import display_width, render_table
from b2bkg.errors import BadRequest, NotFound

LABELS = """SELECT ?m ?label ?n WHERE { ?m a b2b:Mechanism ; rdfs:label ?label .
  BIND(STRLEN(?label) AS ?n) BIND(1.5 AS ?x) } ORDER BY ?m ?label"""


@pytest.fixture(scope="module")
def kg(fixture_dataset, fixture_queries):
    with KnowledgeGraph(fixture_dataset, queries_dir=fixture_queries) as kg:
        yield kg


def test_table_has_rdflibs_result_interface(kg):
    table = kg.query(LABELS)
    assert table.type == "SELECT" and table.vars == [Variable("m"), Variable("label"), Variable("n")]
    first = table.bindings[0]
    assert first[Variable("m")] == URIRef("https://w3id.org/b2bkg/id/mechanism/cost-reduction")
    assert isinstance(first[Variable("n")], Literal)
    # rdflib reads back what the Result interface writes, term for term
    for fmt in ("json", "xml"):
        back = Result.parse(io.BytesIO(table.serialize(format=fmt)), format=fmt)
        assert back.vars == table.vars and back.bindings == table.bindings
    for fmt in ("xml", "csv", "txt"):
        assert table.serialize(format=fmt)
    ask = kg.query("ASK { ?s a b2b:Mechanism }")
    assert ask.type == "ASK" and ask.askAnswer is True
    assert json.loads(ask.serialize(format="json"))["boolean"] is True


def test_to_dataframe_types_its_columns(kg):
    q = """SELECT ?m ?n ?share ?flag ?year ?day ?missing WHERE {
      ?m a b2b:Mechanism . BIND(STRLEN(STR(?m)) AS ?n) BIND(0.25 AS ?share) BIND(true AS ?flag)
      BIND("2025"^^xsd:gYear AS ?year) BIND("2025-12-01"^^xsd:date AS ?day)
      OPTIONAL { ?m b2b:noSuchProperty ?missing } } ORDER BY ?m"""
    df = kg.query(q).to_dataframe()
    assert list(df.columns) == ["m", "n", "share", "flag", "year", "day", "missing"]
    assert str(df["n"].dtype) == "Int64" and str(df["year"].dtype) == "Int64" and df["year"][0] == 2025
    assert str(df["share"].dtype) == "Float64" and df["share"][0] == 0.25
    assert str(df["flag"].dtype) == "boolean" and bool(df["flag"][0]) is True
    assert pd.api.types.is_datetime64_any_dtype(df["day"]) and df["day"][0].year == 2025
    assert str(df["m"].dtype) == "string" and df["m"][0].startswith("https://w3id.org/b2bkg/id/mechanism/")
    assert df["missing"].isna().all() and len(df) == 2


def _run(args, **kw):
    return CliRunner().invoke(cli, ["query", *args], catch_exceptions=False, **kw)


def test_query_dash_reads_standard_input(fixture_dataset):
    r = _run(["--dataset", str(fixture_dataset), "--format", "csv", "-"],
             input="SELECT ?m WHERE { ?m a b2b:Mechanism } ORDER BY ?m\n")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == ["m", "https://w3id.org/b2bkg/id/mechanism/cost-reduction",
                                     "https://w3id.org/b2bkg/id/mechanism/credit-enhancement"]
    r = CliRunner().invoke(cli, ["query", "--dataset", str(fixture_dataset), "-"], input="  \n")
    assert isinstance(r.exception, BadRequest) and "standard input" in str(r.exception)


def test_unknown_named_query_says_so(kg, fixture_dataset, fixture_queries):
    with pytest.raises(NotFound, match="no named query 'no-such-query'; the library has: graph-sizes, mechanisms"):
        kg.query("no-such-query")
    p = subprocess.run([sys.executable, "-c", "from b2bkg.cli import main; main()", "query", "--dataset",
                        str(fixture_dataset), "--queries-dir", str(fixture_queries), "no-such-query"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and p.stderr.startswith("error: no named query 'no-such-query'")
    assert "CONSTRUCT" not in p.stderr and "Traceback" not in p.stderr


def test_table_aligns_wide_characters():
    rows = [(Literal("信用增进机制"), Literal("a")), (Literal("cost"), Literal("b"))]
    lines = render_table(("label", "x"), rows).splitlines()
    # the second column starts at the same terminal column on every line
    starts = {display_width(line[: line.rindex(" ") + 1]) for line in (lines[0], lines[2], lines[3])}
    assert len(starts) == 1 and display_width("信用") == 4
