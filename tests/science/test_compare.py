"""The ORKG-style comparison of the curated papers, from the built dataset."""

from __future__ import annotations

import csv
import io

import pytest

from b2bkg.science.compare import ROWS, Comparison, comparison, to_csv, to_latex


@pytest.fixture(scope="module")
def table():
    from b2bkg import KnowledgeGraph

    with KnowledgeGraph() as kg:
        return comparison(kg)


def test_rows_are_filled_from_the_papers_statements(table):
    assert table.papers and all(p["iri"].startswith("https://w3id.org/b2bkg/id/paper/") for p in table.papers)
    wang = next(p["iri"] for p in table.papers if p["iri"].endswith("/wang-2025"))
    theories = {n["label"] for n in table.rows["theories"][wang]}
    assert {"Transaction cost theory", "Resource-based theory", "Institutional theory"} <= theories
    assert {n["label"] for n in table.rows["mechanisms"][wang]} == {
        "Cost reduction mechanism", "Credit enhancement mechanism", "Market expansion mechanism",
        "Resource integration mechanism"}
    assert len(table.rows["stages"][wang]) == 3
    assert all(table.rows[r][wang] for r in ("findings", "data and method"))
    assert "交易成本理论" in {n["label_zh"] for n in table.rows["theories"][wang]}


def test_csv_has_a_row_per_property_and_a_column_per_paper(table):
    rows = list(csv.reader(io.StringIO(to_csv(table))))
    assert [r[0] for r in rows] == ["property", *ROWS]
    assert all(len(r) == 1 + len(table.papers) for r in rows)
    assert "Transaction cost theory (交易成本理论)" in rows[1][1]


def test_latex_escapes_and_shapes_the_table():
    c = Comparison([{"iri": "p", "title": "R&D_50%"}], {"theories": {"p": []},
                   "findings": {"p": [{"iri": "x", "label": "a $ b", "label_zh": ""}]}})
    tex = to_latex(c)
    assert r"R\&D\_50\%" in tex and r"a \$ b" in tex and "—" in tex
    assert tex.count(r" \\") == 3 and tex.startswith("\\begin{tabular}")
