"""A comparison of the curated full-text papers, as the Open Research Knowledge Graph draws one:
rows are properties (theories used, mechanisms, stages, data and method, findings, research
gaps), columns the papers, each cell the notions of that kind that the paper's own statements
name.

A paper states a notion when the notion is the subject or object of an assertion whose evidence
quotes that paper's text (``oa:hasTarget/oa:hasSource`` = ``<paper>/text``): read by one SPARQL
query, so every store answers it. Exported as CSV and LaTeX.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["ROWS", "Comparison", "comparison", "to_csv", "to_latex"]

#: property name -> the classes (subclasses count) whose members fill its cells
ROWS: dict[str, tuple[str, ...]] = {
    "theories": ("b2b:Theory",),
    "mechanisms": ("b2b:Mechanism",),
    "stages": ("b2b:DevelopmentStage",),
    "data and method": ("b2b:Statistic", "b2b:Indicator"),
    "findings": ("b2b:Outcome", "b2b:Implication"),
    "research gaps": ("b2b:ResearchGap",),
}


class _Queryable(Protocol):
    def query(self, query: str, **params: str): ...


@dataclass
class Comparison:
    papers: list[dict[str, str]]  # {iri, title}
    rows: dict[str, dict[str, list[dict[str, str]]]] = field(default_factory=dict)  # row -> paper -> notions

    def as_dict(self) -> dict:
        return {"papers": self.papers, "rows": [{"property": r, "cells": self.rows[r]} for r in self.rows]}


def _query(row_classes: str) -> str:
    return f"""SELECT DISTINCT ?row ?paper ?entity ?label_en ?label_zh WHERE {{
  VALUES (?row ?top) {{ {row_classes} }}
  ?cls rdfs:subClassOf* ?top . ?entity a ?cls .
  FILTER NOT EXISTS {{ ?entity a b2b:EntityGroup }}  # a group named together: its members are the notions
  {{ ?stmt rdf:subject ?entity }} UNION {{ ?stmt rdf:object ?entity }}
  ?ann oa:hasBody ?stmt ; oa:hasTarget/oa:hasSource ?text .
  BIND(IRI(STRBEFORE(STR(?text), "/text")) AS ?paper)
  OPTIONAL {{ ?entity rdfs:label ?label_en FILTER(LANGMATCHES(LANG(?label_en), "en")) }}
  OPTIONAL {{ ?entity rdfs:label ?label_zh FILTER(LANGMATCHES(LANG(?label_zh), "zh")) }}
}} ORDER BY ?row ?paper ?label_en ?entity"""


def comparison(kg: _Queryable) -> Comparison:
    """The comparison table of every paper whose statements the store holds."""
    values = " ".join(f'("{row}" {cls})' for row, classes in ROWS.items() for cls in classes)
    table = kg.query(_query(values))
    cells: dict[str, dict[str, dict[str, dict[str, str]]]] = {row: {} for row in ROWS}
    papers: set[str] = set()
    for row, paper, entity, en, zh in table.rows:
        papers.add(str(paper))
        cell = cells[str(row)].setdefault(str(paper), {})
        cell.setdefault(str(entity), {"iri": str(entity), "label": str(en or entity), "label_zh": str(zh or "")})
    titles = {}
    if papers:
        iris = " ".join(f"<{p}>" for p in sorted(papers))
        for p, t in kg.query(f"""SELECT ?p (SAMPLE(?t) AS ?title) WHERE {{ VALUES ?p {{ {iris} }}
            OPTIONAL {{ ?p dcterms:title ?t }} }} GROUP BY ?p""").rows:
            titles[str(p)] = str(t) if t is not None else str(p)
    out = Comparison([{"iri": p, "title": titles.get(p, p)} for p in sorted(papers)])
    for row in ROWS:
        out.rows[row] = {p: sorted(cells[row].get(p, {}).values(), key=lambda n: (n["label"].casefold(), n["iri"]))
                         for p in sorted(papers)}
    return out


def _cell(notions: list[dict[str, str]]) -> str:
    return "; ".join(n["label"] + (f" ({n['label_zh']})" if n["label_zh"] else "") for n in notions) or "—"


def to_csv(c: Comparison) -> str:
    """Rows = properties, columns = papers (by title)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["property"] + [p["title"] for p in c.papers])
    for row, by_paper in c.rows.items():
        w.writerow([row] + [_cell(by_paper[p["iri"]]) for p in c.papers])
    return buf.getvalue()


_LATEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
          "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(s: str) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in s)


def to_latex(c: Comparison) -> str:
    """A ``tabular`` (booktabs rules; Chinese labels need xeCJK or ctex to typeset)."""
    cols = "p{0.18\\linewidth}" + "p{%.2f\\linewidth}" % (0.78 / max(1, len(c.papers))) * len(c.papers)
    lines = [f"\\begin{{tabular}}{{{cols}}}", "\\toprule",
             " & ".join(["Property"] + [_tex(p["title"]) for p in c.papers]) + r" \\", "\\midrule"]
    for row, by_paper in c.rows.items():
        lines.append(" & ".join([_tex(row)] + [_tex(_cell(by_paper[p["iri"]])) for p in c.papers]) + r" \\")
    lines += ["\\bottomrule", "\\end{tabular}", ""]
    return "\n".join(lines)
