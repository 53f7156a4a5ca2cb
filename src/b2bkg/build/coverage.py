"""How many assertions cite each body paragraph of §1–§7, and which paragraphs none does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import Dataset, URIRef

from b2bkg.errors import SourceError
from b2bkg.sources.paper import Paper
from b2bkg.vocab import B2B, GRAPH_EVIDENCE, KG

__all__ = ["CoverageReport", "ParagraphCoverage", "coverage", "load_exemptions", "DEFAULT_EXEMPTIONS"]

DEFAULT_EXEMPTIONS = Path(__file__).resolve().parents[3] / "data" / "papers" / "wang-2025" / "coverage-exemptions.yaml"


@dataclass(frozen=True)
class ParagraphCoverage:
    paragraph: str
    section: str
    count: int
    reason: str | None  # why an uncovered paragraph carries no assertion


@dataclass(frozen=True)
class CoverageReport:
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
            "ok": self.ok,
            "paragraphs": len(self.rows),
            "covered": len(self.rows) - len(self.uncovered),
            "rows": [r.__dict__ for r in self.rows],
            "uncovered": [r.__dict__ for r in self.uncovered],
        }


def load_exemptions(path: str | Path | None = None) -> dict[str, str]:
    p = Path(path) if path else DEFAULT_EXEMPTIONS
    if not p.exists():
        return {}
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise SourceError(f"{p}: YAML error: {exc}") from None
    out = {}
    for i, item in enumerate(doc, start=1):
        if not isinstance(item, dict) or not item.get("para") or not item.get("reason"):
            raise SourceError(f"{p}: entry {i} needs 'para' and 'reason'")
        out[str(item["para"])] = str(item["reason"])
    return out


def coverage(dataset: Dataset, paper: Paper, exemptions: dict[str, str] | None = None) -> CoverageReport:
    """Count the evidence annotations and in-text citations anchored in each body paragraph."""
    exemptions = exemptions or {}
    evidence = dataset.graph(GRAPH_EVIDENCE)
    counts: dict[URIRef, int] = {}
    for _, _, para in evidence.triples((None, B2B.inParagraph, None)):
        counts[para] = counts.get(para, 0) + 1
    rows = []
    for p in paper.paragraphs.values():
        if not p.is_body:
            continue
        n = counts.get(KG[f"paper/wang-2025/para/{p.id}"], 0)
        rows.append(ParagraphCoverage(p.id, p.section, n, exemptions.get(p.id) if n == 0 else None))
    return CoverageReport(tuple(rows))
