"""How many assertions cite each body paragraph of a paper, and which paragraphs none does."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, URIRef

from b2bkg.build.compile import paragraph_iri
from b2bkg.sources.papers import PaperSource
from b2bkg.vocab import B2B, paper_graph

__all__ = ["CoverageReport", "ParagraphCoverage", "coverage"]


@dataclass(frozen=True)
class ParagraphCoverage:
    paragraph: str
    section: str
    count: int
    reason: str | None  # why an uncovered paragraph carries no assertion


@dataclass(frozen=True)
class CoverageReport:
    paper: str
    rows: tuple[ParagraphCoverage, ...]

    @property
    def uncovered(self) -> list[ParagraphCoverage]:
        return [r for r in self.rows if r.count == 0]

    @property
    def unexplained(self) -> list[ParagraphCoverage]:
        return [r for r in self.rows if r.count == 0 and not r.reason]

    @property
    def ok(self) -> bool:
        return not self.unexplained

    def to_dict(self) -> dict:
        return {
            "paper": self.paper,
            "ok": self.ok,
            "paragraphs": len(self.rows),
            "covered": len(self.rows) - len(self.uncovered),
            "rows": [r.__dict__ for r in self.rows],
            "uncovered": [r.__dict__ for r in self.uncovered],
        }


def coverage(dataset: Dataset, source: PaperSource) -> CoverageReport:
    """Count the evidence annotations and in-text citations of this paper's evidence graph
    anchored in each of its body paragraphs (exempt paragraphs carry their reason)."""
    evidence = dataset.graph(paper_graph(source.id, "evidence"))
    counts: dict[URIRef, int] = {}
    for _, _, para in evidence.triples((None, B2B.inParagraph, None)):
        counts[para] = counts.get(para, 0) + 1
    rows = []
    for p in source.paper.paragraphs.values():
        if not p.is_body:
            continue
        n = counts.get(paragraph_iri(source.id, p.id), 0)
        rows.append(ParagraphCoverage(p.id, p.section, n, source.exemptions.get(p.id) if n == 0 else None))
    return CoverageReport(source.id, tuple(rows))
