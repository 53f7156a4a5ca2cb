"""The pitfall report, in the spirit of OOPS! and ROBOT ``report``: labels and definitions in
both languages, duplicate labels, properties without domain or range, unused terms, sub-class
cycles, inverse pairs that disagree, orphan classes. Used-but-undeclared terms are the
``terms`` gate (see terms.py). Only terms in our own namespace are judged."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from b2bkg.quality.closure import class_members, qname, superproperties
from b2bkg.quality.model import ERROR, INFO, WARNING, Finding
from b2bkg.quality.terms import declarations
from b2bkg.vocab import B2B

__all__ = ["PITFALLS", "check_pitfalls"]

# id -> (severity, what it means). The report and the docs list these.
PITFALLS: dict[str, tuple[str, str]] = {
    "missing-label-en": (ERROR, "a term of ours has no rdfs:label @en"),
    "missing-label-zh": (ERROR, "a term of ours has no rdfs:label @zh"),
    "missing-definition": (ERROR, "a term of ours has no skos:definition @en"),
    "missing-definition-zh": (INFO, "a term of ours has no skos:definition @zh"),
    "duplicate-label": (ERROR, "two different terms share a label in the same language"),
    "missing-domain": (WARNING, "an object or datatype property has no rdfs:domain"),
    "missing-range": (WARNING, "an object or datatype property has no rdfs:range"),
    "unused-term": (WARNING, "a term is declared but nothing refers to it"),
    "subclass-cycle": (ERROR, "classes are sub-classes of each other in a cycle"),
    "inverse-mismatch": (ERROR, "p owl:inverseOf q but domain(p) ≠ range(q) or range(p) ≠ domain(q)"),
    "orphan-class": (WARNING, "a class with no super-class, no sub-class, not in any domain/range"),
}  # fmt: skip


def _has_lang(graph: Graph, term, prop, lang: str) -> bool:
    return any(
        isinstance(o, Literal) and o.language and o.language.lower().split("-")[0] == lang
        for o in graph.objects(term, prop)
    )


def _expression(graph: Graph, node) -> frozenset[URIRef]:
    return frozenset(class_members(graph, node))


def check_pitfalls(
    ontology: Graph,
    data: Graph | None = None,
    shapes: Graph | None = None,
    *,
    namespace: str = str(B2B),
) -> tuple[list[Finding], dict[str, int]]:
    """Every pitfall of ``PITFALLS`` found in ``ontology`` (``data`` and ``shapes`` only count
    as uses of terms), sorted, with counts by pitfall id."""
    declared = declarations(ontology)
    ours = sorted(t for t in declared.all if str(t).startswith(namespace))
    our_classes = [t for t in ours if t in declared.classes]
    relational = {s for t in (OWL.ObjectProperty, OWL.DatatypeProperty) for s in ontology.subjects(RDF.type, t)}
    our_properties = [t for t in ours if t in relational]
    findings: list[Finding] = []

    def add(code: str, term, message: str) -> None:
        findings.append(Finding("pitfalls", PITFALLS[code][0], code, str(term), message))

    for term in ours:
        for lang in ("en", "zh"):
            if not _has_lang(ontology, term, RDFS.label, lang):
                add(f"missing-label-{lang}", term, f"{qname(term)} has no rdfs:label @{lang}")
        if not _has_lang(ontology, term, SKOS.definition, "en"):
            add("missing-definition", term, f"{qname(term)} has no skos:definition @en")
        if not _has_lang(ontology, term, SKOS.definition, "zh"):
            add("missing-definition-zh", term, f"{qname(term)} has no skos:definition @zh")

    labels: dict[tuple[str, str], set[URIRef]] = defaultdict(set)
    for term in ours:
        for label in ontology.objects(term, RDFS.label):
            if isinstance(label, Literal):
                key = (" ".join(str(label).split()).casefold(), (label.language or "").lower())
                labels[key].add(term)
    for (text, lang), terms in sorted(labels.items()):
        if len(terms) > 1:
            names = ", ".join(qname(t) for t in sorted(terms))
            add("duplicate-label", min(terms), f'label "{text}"@{lang or "-"} is on {names}')

    supers = superproperties(ontology)
    for prop in our_properties:
        for link, code in ((RDFS.domain, "missing-domain"), (RDFS.range, "missing-range")):
            if not any((sup, link, None) in ontology for sup in supers[prop]):
                add(code, prop, f"{qname(prop)} has no {qname(link)}")

    sources = [g for g in (ontology, data, shapes) if g is not None]
    for term in ours:
        if not _is_referenced(term, sources):
            add("unused-term", term, f"{qname(term)} is declared but nothing refers to it")

    hierarchy = nx.DiGraph()
    for s, o in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            hierarchy.add_edge(s, o)
    for component in nx.strongly_connected_components(hierarchy):
        members = sorted(component)
        if len(members) > 1 or hierarchy.has_edge(members[0], members[0]):
            names = " ⊑ ".join(qname(m) for m in members + members[:1])
            add("subclass-cycle", members[0], f"sub-class cycle: {names}")

    seen: set[frozenset] = set()
    for p, q in sorted(ontology.subject_objects(OWL.inverseOf)):
        pair = frozenset((p, q))
        if pair in seen or not (str(p).startswith(namespace) or str(q).startswith(namespace)):
            continue
        seen.add(pair)
        for p_link, q_link in ((RDFS.domain, RDFS.range), (RDFS.range, RDFS.domain)):
            mine = [_expression(ontology, e) for e in ontology.objects(p, p_link)]
            theirs = [_expression(ontology, e) for e in ontology.objects(q, q_link)]
            if mine and theirs and set(mine) != set(theirs):
                add(
                    "inverse-mismatch",
                    p,
                    f"{qname(p)} owl:inverseOf {qname(q)}, but {qname(p_link)}({qname(p)}) = "
                    f"{_show(mine)} while {qname(q_link)}({qname(q)}) = {_show(theirs)}",
                )

    in_signature = {
        c
        for link in (RDFS.domain, RDFS.range)
        for expr in ontology.objects(None, link)
        for c in class_members(ontology, expr)
    }
    for cls in our_classes:
        has_super = any(o != OWL.Thing for o in ontology.objects(cls, RDFS.subClassOf))
        has_sub = (None, RDFS.subClassOf, cls) in ontology
        if not (has_super or has_sub or cls in in_signature):
            add(
                "orphan-class",
                cls,
                f"{qname(cls)} has no super-class or sub-class and is in no domain or range",
            )

    findings.sort(key=_order)
    stats = {code: sum(1 for f in findings if f.code == code) for code in PITFALLS}
    stats["terms_checked"] = len(ours)
    return findings, stats


def _order(finding: Finding) -> tuple:
    return (("error", "warning", "info").index(finding.severity), finding.code, finding.term)


def _show(expressions: list[frozenset]) -> str:
    return " and ".join(
        "⊔".join(qname(c) for c in sorted(expr)) or "(anonymous)" for expr in sorted(expressions, key=sorted)
    )


def _is_referenced(term: URIRef, graphs: list[Graph]) -> bool:
    """True when some triple not about ``term`` itself mentions it (as predicate or object)."""
    checks: list[Callable[[Graph], bool]] = [
        lambda g: any(True for _ in g.triples((None, term, None))),
        lambda g: any(s != term for s in g.subjects(None, term)),
    ]
    return any(check(g) for g in graphs for check in checks)
