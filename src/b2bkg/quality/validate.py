"""``validate``: the one facade the CLI (and the HTTP service) call. Runs every gate and
returns a ValidationReport; it never prints and never exits."""

from __future__ import annotations

import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from b2bkg.quality import owlapi
from b2bkg.quality.export import export_ontology
from b2bkg.quality.model import ERROR, INFO, Finding, GateResult, ValidationReport
from b2bkg.quality.pitfalls import check_pitfalls
from b2bkg.quality.profile import check_profile
from b2bkg.quality.reasoner import ReasonerError, reason
from b2bkg.quality.shacl import check_shapes
from b2bkg.quality.sources import (
    OntologySources,
    load_data,
    load_ontology_dir,
    split_data,
    union,
)
from b2bkg.quality.terms import check_terms
from b2bkg.vocab import B2B

__all__ = ["GATES", "validate"]

GATES = {
    "syntax": "Ontology files parse (Turtle, declared prefixes)",
    "terms": "Every class and property used is declared",
    "reasoner": "OWL reasoner (HermiT): consistency and satisfiability",
    "shacl": "SHACL shapes (pySHACL)",
    "pitfalls": "Pitfall report (labels, definitions, domains, cycles, inverses, orphans)",
    "profile": "OWL 2 DL profile (datatype map, reserved vocabulary)",
    "owlapi": "OWL API's OWL 2 DL profile checker, on the merged ontology as RDF/XML",
}


def validate(
    ontology: str | Path | OntologySources | Graph,
    data: str | Path | Graph | Dataset | None = None,
    *,
    shapes: Graph | None = None,
    run_reasoner: bool = True,
    run_owlapi: bool = True,
    shacl_inference: str = "rdfs",
    namespace: str = str(B2B),
) -> ValidationReport:
    """Run every quality gate over an ontology (a directory of Turtle files, already-loaded
    sources, or a Graph) and optional data (a file, a Graph, or a Dataset whose named graphs
    follow docs/design.md). ``shapes`` overrides the directory's shapes.ttl. ``run_owlapi``
    runs the OWL API's profile checker (Java; Debian's libowlapi-java) as the last gate; where it
    is not installed, that gate reports so and does not run.

    Raises SourceError when an input cannot be read at all; everything found *in* the inputs is
    a finding in the report.
    """
    if isinstance(ontology, (str, Path)):
        sources = load_ontology_dir(ontology)
    elif isinstance(ontology, OntologySources):
        sources = ontology
    else:
        sources = OntologySources(ontology=ontology)
    if shapes is not None:
        sources.shapes = shapes
    data_path = str(data) if isinstance(data, (str, Path)) else ""
    if isinstance(data, (str, Path)):
        data = load_data(data)
    graphs = split_data(data)
    onto = sources.ontology

    report = ValidationReport(
        inputs={
            "ontology": sources.directory or "(graph)",
            "ontology_files": sorted(sources.files) + sorted(f.term for f in sources.errors),
            "ontology_triples": len(onto),
            "data": data_path or ("(graph)" if len(graphs.data) else ""),
            "data_triples": len(graphs.data),
        }
    )

    files = len(sources.files) + len(sources.errors)
    report.gates.append(
        GateResult(
            "syntax",
            GATES["syntax"],
            list(sources.errors),
            {"files": files, "parsed": len(sources.files)},
        )
    )

    findings, stats = check_terms(onto, graphs.data, sources.shapes)
    report.gates.append(GateResult("terms", GATES["terms"], findings, stats))

    report.gates.append(_reasoner_gate(onto, graphs.assertions, run_reasoner))

    if sources.shapes is None:
        note = Finding("shacl", INFO, "no-shapes", "shapes.ttl", "no shapes file: SHACL skipped")
        report.gates.append(GateResult("shacl", GATES["shacl"], [note], ran=False))
    else:
        findings, stats = check_shapes(graphs.data, sources.shapes, onto, inference=shacl_inference)
        report.gates.append(GateResult("shacl", GATES["shacl"], findings, stats))

    findings, stats = check_pitfalls(onto, graphs.data, sources.shapes, namespace=namespace)
    report.gates.append(GateResult("pitfalls", GATES["pitfalls"], findings, stats))

    findings, stats = check_profile(onto)
    report.gates.append(GateResult("profile", GATES["profile"], findings, stats))
    report.gates.append(_owlapi_gate(onto, run_owlapi))
    return report


_OWLAPI_MISSING = (
    "the OWL API is not installed (javac and /usr/share/java/owlapi-distribution.jar; tools/system-deps.sh "
    "installs default-jdk-headless and libowlapi-java): check not run"
)


def _owlapi_gate(ontology: Graph, run: bool) -> GateResult:
    """The OWL API's own OWL 2 DL check, a second opinion on the ``profile`` gate: it reads the
    same merged ontology that ``b2bkg export --ontology --format xml`` writes for Protégé."""
    title = GATES["owlapi"]
    if not run:
        note = Finding("owlapi", INFO, "skipped", "", "OWL API check skipped (--no-owlapi)")
        return GateResult("owlapi", title, [note], ran=False)
    if not owlapi.available():
        note = Finding("owlapi", INFO, "owlapi-unavailable", "", _OWLAPI_MISSING)
        return GateResult("owlapi", title, [note], ran=False)
    with tempfile.TemporaryDirectory(prefix="b2bkg-owlapi-") as tmp:
        path = Path(tmp) / "ontology.owl"
        path.write_bytes(export_ontology(ontology, "xml"))
        try:
            result = owlapi.check_dl_profile(path)
        except owlapi.OwlApiError as exc:
            failed = Finding("owlapi", ERROR, "owlapi-failed", "", str(exc))
            return GateResult("owlapi", title, [failed], ran=False)
    findings = [Finding("owlapi", ERROR, kind, "", message) for kind, message in result.violations]
    return GateResult("owlapi", title, findings, {"in_profile": result.in_profile,
                                                  "violations": len(result.violations)})  # fmt: skip


def _reasoner_gate(ontology: Graph, assertions: Graph, run: bool) -> GateResult:
    title = GATES["reasoner"]
    if not run:
        note = Finding("reasoner", INFO, "skipped", "", "reasoner skipped (--no-reasoner)")
        return GateResult("reasoner", title, [note], ran=False)
    graph = union([ontology, assertions])
    try:
        result = reason(graph)
    except ReasonerError as exc:
        failed = Finding("reasoner", ERROR, "reasoner-failed", "", exc.message)
        return GateResult("reasoner", title, [failed], ran=False)
    findings: list[Finding] = []
    if not result.consistent:
        for clash in result.clashes:
            findings.append(
                Finding("reasoner", ERROR, f"inconsistent-{clash.kind}", clash.individual,
                        clash.message)
            )  # fmt: skip
        if not result.clashes:
            findings.append(Finding("reasoner", ERROR, "inconsistent", "", result.explanation))
    for cls in result.unsatisfiable:
        findings.append(
            Finding("reasoner", ERROR, "unsatisfiable-class", cls,
                    f"{cls} is unsatisfiable (equivalent to owl:Nothing)")
        )  # fmt: skip
    stats = {
        "consistent": result.consistent,
        "input_triples": len(graph),
        "inferred_triples": len(result.inferred),
        "unsatisfiable": len(result.unsatisfiable),
    }
    return GateResult("reasoner", title, findings, stats)
