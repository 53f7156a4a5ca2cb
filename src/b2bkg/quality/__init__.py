"""Quality gates: syntax, declared terms, OWL reasoning (HermiT), SHACL, pitfalls; plus the
ontology documentation and dataset export. ``validate`` is the one facade."""

from b2bkg.quality.clashes import Clash, find_clashes
from b2bkg.quality.model import ERROR, INFO, WARNING, Finding, GateResult, ValidationReport
from b2bkg.quality.reasoner import (
    InconsistentGraph,
    ReasonerError,
    ReasonerResult,
    inferred_triples,
    reason,
)
from b2bkg.quality.render import render_json, render_text
from b2bkg.quality.sources import OntologySources, load_data, load_ontology_dir
from b2bkg.quality.validate import GATES, validate

__all__ = [
    "ERROR",
    "WARNING",
    "INFO",
    "GATES",
    "Clash",
    "Finding",
    "GateResult",
    "InconsistentGraph",
    "OntologySources",
    "ReasonerError",
    "ReasonerResult",
    "ValidationReport",
    "find_clashes",
    "inferred_triples",
    "load_data",
    "load_ontology_dir",
    "reason",
    "render_json",
    "render_text",
    "validate",
]
