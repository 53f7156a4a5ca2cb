"""The term gate: every IRI used as a class or a property — in the ontology, the data and the
shapes — is declared in the ontology (built-in RDF/RDFS/OWL/XSD/SHACL terms excepted)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from b2bkg.quality.closure import SH, is_builtin, list_items, qname
from b2bkg.quality.model import ERROR, Finding

__all__ = [
    "CLASS_TYPES",
    "PROPERTY_TYPES",
    "Declarations",
    "declarations",
    "class_uses",
    "property_uses",
    "shape_uses",
    "check_terms",
]

CLASS_TYPES = frozenset({OWL.Class, RDFS.Class})
PROPERTY_TYPES = frozenset({OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property})

# Positions whose object (and, for the axioms, subject) must be a class.
_CLASS_LINKS = (RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith)
_CLASS_OBJECTS = (
    RDFS.domain,
    RDFS.range,
    OWL.complementOf,
    OWL.someValuesFrom,
    OWL.allValuesFrom,
    OWL.onClass,
)
_CLASS_LISTS = (OWL.unionOf, OWL.intersectionOf, OWL.members, OWL.disjointUnionOf)
_PROPERTY_LINKS = (
    RDFS.subPropertyOf,
    OWL.inverseOf,
    OWL.equivalentProperty,
    OWL.propertyDisjointWith,
)


@dataclass(frozen=True)
class Declarations:
    """The terms the ontology declares, by kind."""

    classes: frozenset[URIRef]
    properties: frozenset[URIRef]
    datatype_properties: frozenset[URIRef]

    @property
    def all(self) -> frozenset[URIRef]:
        return self.classes | self.properties


def declarations(ontology: Graph) -> Declarations:
    """Classes (owl:Class, rdfs:Class) and properties (owl:Object/Datatype/AnnotationProperty,
    rdf:Property) declared in ``ontology``."""

    def typed(types) -> frozenset[URIRef]:
        return frozenset(s for t in types for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef))

    return Declarations(
        classes=typed(CLASS_TYPES),
        properties=typed(PROPERTY_TYPES),
        datatype_properties=typed({OWL.DatatypeProperty}),
    )


def class_uses(graph: Graph) -> Iterator[tuple[URIRef, str]]:
    """(class IRI, where it is used) for every IRI the graph uses as a class."""
    for s, o in graph.subject_objects(RDF.type):
        if isinstance(o, URIRef):
            yield o, f"rdf:type of {qname(s)}"
    for link in _CLASS_LINKS:
        for s, o in graph.subject_objects(link):
            for term in (s, o):
                if isinstance(term, URIRef):
                    yield term, f"{qname(link)} axiom {qname(s)} {qname(link)} {qname(o)}"
    for link in _CLASS_OBJECTS:
        for s, o in graph.subject_objects(link):
            if isinstance(o, URIRef) and not _is_datatype_position(graph, s, link):
                yield o, f"{qname(link)} of {qname(s)}"
    for link in _CLASS_LISTS:
        for _s, head in graph.subject_objects(link):
            for item in list_items(graph, head):
                if isinstance(item, URIRef):
                    yield item, f"member of {qname(link)} list"


def _is_datatype_position(graph: Graph, subject, link) -> bool:
    """Ranges of datatype properties and data restrictions name datatypes, not classes."""
    if link == RDFS.range and (subject, RDF.type, OWL.DatatypeProperty) in graph:
        return True
    if link in (OWL.someValuesFrom, OWL.allValuesFrom) and isinstance(subject, BNode):
        for prop in graph.objects(subject, OWL.onProperty):
            if (prop, RDF.type, OWL.DatatypeProperty) in graph:
                return True
    return False


def property_uses(graph: Graph) -> Iterator[tuple[URIRef, str]]:
    """(property IRI, where it is used) for every IRI the graph uses as a property."""
    for s, p, _o in graph:
        yield p, f"predicate of a triple about {qname(s)}"
    for link in _PROPERTY_LINKS:
        for s, o in graph.subject_objects(link):
            for term in (s, o):
                if isinstance(term, URIRef):
                    yield term, f"{qname(link)} axiom {qname(s)} {qname(link)} {qname(o)}"
    for _s, o in graph.subject_objects(OWL.onProperty):
        if isinstance(o, URIRef):
            yield o, "owl:onProperty of a restriction"
    for link in (RDFS.domain, RDFS.range):
        for s in graph.subjects(link):
            if isinstance(s, URIRef):
                yield s, f"subject of {qname(link)}"


def shape_uses(shapes: Graph) -> Iterator[tuple[URIRef, str, str]]:
    """(IRI, 'class' | 'property', where) for terms the SHACL shapes refer to."""
    for link in (SH.targetClass, SH["class"]):
        for s, o in shapes.subject_objects(link):
            if isinstance(o, URIRef):
                yield o, "class", f"{qname(link)} of shape {qname(s)}"
    for link in (SH.targetSubjectsOf, SH.targetObjectsOf):
        for s, o in shapes.subject_objects(link):
            if isinstance(o, URIRef):
                yield o, "property", f"{qname(link)} of shape {qname(s)}"
    for s, o in shapes.subject_objects(SH.path):
        for prop in _path_properties(shapes, o):
            yield prop, "property", f"sh:path of shape {qname(s)}"


def _path_properties(shapes: Graph, path) -> list[URIRef]:
    if isinstance(path, URIRef):
        return [path]
    found: list[URIRef] = []
    for link in (SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
        for inner in shapes.objects(path, link):
            found += _path_properties(shapes, inner)
    for link in (SH.alternativePath,):
        for head in shapes.objects(path, link):
            for item in list_items(shapes, head):
                found += _path_properties(shapes, item)
    if (path, RDF.first, None) in shapes:
        for item in list_items(shapes, path):
            found += _path_properties(shapes, item)
    return found


def check_terms(
    ontology: Graph,
    data: Graph | None = None,
    shapes: Graph | None = None,
) -> tuple[list[Finding], dict[str, int]]:
    """Findings (gate ``terms``) for every used-but-undeclared class or property, one per
    term and kind, with one example of where it is used; plus counts."""
    declared = declarations(ontology)
    uses: dict[tuple[URIRef, str], str] = {}

    def note(term: URIRef, kind: str, source: str, where: str) -> None:
        if is_builtin(term):
            return
        key = (term, kind)
        where = f"in the {source} ({where})"
        if key not in uses or where < uses[key]:
            uses[key] = where

    sources = [("ontology", ontology)]
    if data is not None and len(data):
        sources.append(("data", data))
    for source, graph in sources:
        for term, where in class_uses(graph):
            note(term, "class", source, where)
        for term, where in property_uses(graph):
            note(term, "property", source, where)
    if shapes is not None:
        for term, kind, where in shape_uses(shapes):
            note(term, kind, "shapes", where)

    findings: list[Finding] = []
    for (term, kind), where in sorted(uses.items()):
        wanted = declared.classes if kind == "class" else declared.properties
        if term in wanted:
            continue
        if term in declared.all:
            other = "property" if kind == "class" else "class"
            code = f"not-a-{kind}"
            why = f"is used as a {kind} {where} but declared as a {other}"
        else:
            code = f"undeclared-{kind}"
            why = f"is used as a {kind} {where} but not declared in the ontology"
        findings.append(Finding("terms", ERROR, code, str(term), f"{qname(term)} {why}"))
    stats = {
        "declared_classes": len(declared.classes),
        "declared_properties": len(declared.properties),
        "used_terms": len({term for term, _kind in uses}),
    }
    return findings, stats
