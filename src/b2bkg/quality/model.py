"""Plain result types shared by every quality gate: findings, gate results, the whole report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ERROR", "WARNING", "INFO", "SEVERITIES", "Finding", "GateResult", "ValidationReport"]

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found by a gate.

    ``code`` is a stable identifier (e.g. ``missing-label-zh``), ``term`` the IRI (or focus node)
    it is about, ``location`` a ``file:line`` when known, ``path`` a SHACL result path.
    """

    gate: str
    severity: str
    code: str
    term: str
    message: str
    location: str = ""
    path: str = ""

    def to_dict(self) -> dict[str, str]:
        data = {
            "gate": self.gate,
            "severity": self.severity,
            "code": self.code,
            "term": self.term,
            "message": self.message,
        }
        if self.location:
            data["location"] = self.location
        if self.path:
            data["path"] = self.path
        return data


@dataclass
class GateResult:
    """The outcome of one gate. ``ran`` is False when the gate could not run (see ``findings``)."""

    name: str
    title: str
    findings: list[Finding] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    ran: bool = True

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "ran": self.ran,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.count(INFO),
            "stats": self.stats,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass
class ValidationReport:
    """Every gate's result, in the order they ran. ``conforms`` is True when no gate found an
    error (warnings and infos do not fail validation)."""

    gates: list[GateResult] = field(default_factory=list)
    inputs: dict[str, Any] = field(default_factory=dict)

    def gate(self, name: str) -> GateResult:
        for gate in self.gates:
            if gate.name == name:
                return gate
        raise KeyError(name)

    @property
    def findings(self) -> list[Finding]:
        return [f for gate in self.gates for f in gate.findings]

    @property
    def errors(self) -> int:
        return sum(g.errors for g in self.gates)

    @property
    def warnings(self) -> int:
        return sum(g.warnings for g in self.gates)

    @property
    def conforms(self) -> bool:
        return self.errors == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "errors": self.errors,
            "warnings": self.warnings,
            "inputs": self.inputs,
            "gates": [g.to_dict() for g in self.gates],
        }
