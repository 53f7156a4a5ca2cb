"""The SHACL gate: ontology/shapes.ttl against the data (with the ontology as ont_graph)."""

from __future__ import annotations

import pyshacl
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from b2bkg.errors import BadRequest
from b2bkg.quality.closure import SH, list_items, qname
from b2bkg.quality.model import ERROR, INFO, WARNING, Finding

__all__ = ["INFERENCE_MODES", "check_shapes", "render_path"]

INFERENCE_MODES = ("none", "rdfs")
_SEVERITY = {SH.Violation: ERROR, SH.Warning: WARNING, SH.Info: INFO}


def render_path(graph: Graph, path) -> str:
    """A SHACL property path in SPARQL-like syntax (``^p``, ``p/q``, ``p|q``, ``p*``)."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return qname(path)
    if not isinstance(path, BNode):
        return str(path)
    for link, fmt in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = graph.value(path, link)
        if inner is not None:
            return fmt.format(render_path(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(render_path(graph, p) for p in list_items(graph, alternatives))
    if graph.value(path, RDF.first) is not None:
        return "/".join(render_path(graph, p) for p in list_items(graph, path))
    return "_:path"


def check_shapes(
    data: Graph,
    shapes: Graph,
    ontology: Graph | None = None,
    *,
    inference: str = "rdfs",
) -> tuple[list[Finding], dict[str, int]]:
    """Validate ``data`` against ``shapes`` with pySHACL; one finding per validation result
    (focus node, path, message), sorted, plus counts by severity."""
    if inference not in INFERENCE_MODES:
        raise BadRequest(f"SHACL inference must be one of {', '.join(INFERENCE_MODES)}")
    _conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference=inference,
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
        advanced=True,
        inplace=False,
    )
    findings: list[Finding] = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = render_path(results, results.value(result, SH.resultPath))
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        component = results.value(result, SH.sourceConstraintComponent)
        value = results.value(result, SH.value)
        message = "; ".join(messages) or f"fails {qname(component)}"
        if value is not None and value != focus and qname(value) not in message:
            message += f" (value: {qname(value)})"
        severity = _SEVERITY.get(results.value(result, SH.resultSeverity), ERROR)
        shape = results.value(result, SH.sourceShape)
        findings.append(
            Finding(
                gate="shacl",
                severity=severity,
                code=str(component).rsplit("#", 1)[-1] if component else "shacl",
                term=str(focus),
                message=f"{qname(focus)}{' ' + path if path else ''}: {message}",
                path=path,
                location=qname(shape) if isinstance(shape, URIRef) else "",
            )
        )
    findings.sort()
    stats = {
        "violations": sum(1 for f in findings if f.severity == ERROR),
        "warnings": sum(1 for f in findings if f.severity == WARNING),
        "infos": sum(1 for f in findings if f.severity == INFO),
        "shapes": len(set(shapes.subjects(RDF.type, SH.NodeShape)))
        + len(set(shapes.subjects(RDF.type, SH.PropertyShape))),
    }
    return findings, stats
