"""Render a ValidationReport as readable text or JSON (pure: report in, string out)."""

from __future__ import annotations

import json

from b2bkg.quality.model import ERROR, INFO, WARNING, ValidationReport

__all__ = ["render_text", "render_json"]

_MARK = {ERROR: "ERROR", WARNING: "warn ", INFO: "info "}


def render_text(report: ValidationReport, *, verbose: bool = False) -> str:
    """A section per gate with its counts and findings (infos only when ``verbose``)."""
    inputs = report.inputs
    lines = [
        f"b2bkg validate — ontology: {inputs.get('ontology', '?')} "
        f"({len(inputs.get('ontology_files', []))} file(s), "
        f"{inputs.get('ontology_triples', 0)} triples); "
        f"data: {inputs.get('data') or 'none'} ({inputs.get('data_triples', 0)} triples)",
        "",
    ]
    for number, gate in enumerate(report.gates, 1):
        infos = gate.count(INFO)
        status = "not run" if not gate.ran else ("FAILED" if gate.errors else "ok")
        lines.append(
            f"[{number}] {gate.name}: {gate.title} — {status}: {gate.errors} error(s), "
            f"{gate.warnings} warning(s), {infos} info(s)"
        )
        if gate.stats:
            shown = ", ".join(f"{k}={v}" for k, v in gate.stats.items() if v not in ("", None))
            lines.append(f"    {shown}")
        for finding in gate.findings:
            if finding.severity == INFO and not verbose and gate.ran:
                continue
            lines.append(f"    {_MARK[finding.severity]} [{finding.code}] {finding.message}")
        if infos and not verbose and gate.ran:
            lines.append(f"    ({infos} info finding(s) hidden; --verbose shows them)")
        lines.append("")
    verdict = "PASSED" if report.conforms else "FAILED"
    lines.append(f"{verdict}: {report.errors} error(s), {report.warnings} warning(s)")
    return "\n".join(lines) + "\n"


def render_json(report: ValidationReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
