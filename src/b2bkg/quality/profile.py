"""The OWL 2 DL profile gate, in Python: the two ways an RDF ontology most often leaves OWL 2 DL
(and the ones the OWL API's profile checker found in ours). It is not the whole of the OWL 2 DL
restrictions (no global restrictions on property chains, no punning checks).

- ``datatype-outside-map``: a datatype named anywhere in the ontology (a range, a restriction's
  filler, a literal's datatype) that is not in the OWL 2 datatype map (e.g. xsd:gYear, xsd:date).
- ``reserved-vocabulary``: an RDF, RDFS, OWL or XSD term declared or used as a class or a
  property (e.g. rdf:Statement as a class), other than the ones OWL 2 itself defines. Reserved
  terms declared owl:AnnotationProperty (rdf:subject, rdf:_1 … in external.ttl, so that HermiT
  reads the data's reification as annotations) are not flagged: the OWL API's checker accepts
  them too.
"""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef

from b2bkg.quality.closure import qname
from b2bkg.quality.model import ERROR, Finding

__all__ = ["DATATYPE_MAP", "check_profile"]

DATATYPE_MAP = frozenset(
    [RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational]
    + [XSD[n] for n in (
        "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger "
        "long int short byte unsignedLong unsignedInt unsignedShort unsignedByte double float "
        "string normalizedString token language Name NCName NMTOKEN boolean hexBinary "
        "base64Binary anyURI dateTime dateTimeStamp"
    ).split()]
)  # fmt: skip

_RESERVED = (str(RDF), str(RDFS), str(OWL), str(XSD))
# reserved terms that OWL 2 DL allows as classes / properties
_ALLOWED = {OWL.Thing, OWL.Nothing, OWL.topObjectProperty, OWL.bottomObjectProperty,
            OWL.topDataProperty, OWL.bottomDataProperty}  # fmt: skip
_DECLARATIONS = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                 RDF.Property, OWL.FunctionalProperty)  # fmt: skip
_CLASS_POSITIONS = (RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith, OWL.complementOf,
                    OWL.onClass)  # fmt: skip
_FILLERS = (OWL.someValuesFrom, OWL.allValuesFrom)
_PROPERTY_POSITIONS = (RDFS.subPropertyOf, OWL.inverseOf, OWL.equivalentProperty)


def _reserved(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(_RESERVED) and term not in _ALLOWED


def check_profile(onto: Graph) -> tuple[list[Finding], dict]:
    """Findings (errors) for OWL 2 DL violations in ``onto``, and counts."""
    datatypes: dict[URIRef, str] = {}  # datatype -> where it is named
    classes: dict[URIRef, str] = {}  # reserved term -> how it is used as a class
    properties: dict[URIRef, str] = {}
    data_props = set(onto.subjects(RDF.type, OWL.DatatypeProperty))

    for s, p, o in onto:
        if isinstance(o, Literal) and o.datatype is not None:
            datatypes.setdefault(o.datatype, f"a literal of {qname(s)}")
        if p == RDF.type and o in _DECLARATIONS and _reserved(s):
            kind = classes if o in (OWL.Class, RDFS.Class) else properties
            kind.setdefault(s, f"declared {qname(o)}")
        elif p in _CLASS_POSITIONS:
            for term in (s, o):
                if _reserved(term) and term != RDFS.Literal:
                    classes.setdefault(term, f"{qname(p)} of {qname(s if term == o else o)}")
        elif p == RDFS.range and s in data_props:
            if isinstance(o, URIRef):
                datatypes.setdefault(o, f"rdfs:range of {qname(s)}")
        elif p in (RDFS.domain, RDFS.range):
            if _reserved(o) and o != RDFS.Literal:
                classes.setdefault(o, f"{qname(p)} of {qname(s)}")
        elif p in _FILLERS:
            prop = onto.value(s, OWL.onProperty)
            if prop in data_props:
                if isinstance(o, URIRef):
                    datatypes.setdefault(o, f"{qname(p)} on {qname(prop)}")
            elif _reserved(o):
                classes.setdefault(o, f"{qname(p)} on {qname(prop)}")
        elif p == OWL.onDatatype and isinstance(o, URIRef):
            datatypes.setdefault(o, "owl:onDatatype")
        elif p == OWL.onProperty or p in _PROPERTY_POSITIONS:
            for term in (s, o) if p in _PROPERTY_POSITIONS else (o,):
                if _reserved(term) and not isinstance(term, BNode):
                    properties.setdefault(term, f"{qname(p)}")

    findings = []
    for dt, where in sorted(datatypes.items()):
        if dt not in DATATYPE_MAP and str(dt).startswith(_RESERVED):
            findings.append(Finding("profile", ERROR, "datatype-outside-map", str(dt),
                                    f"{qname(dt)} ({where}) is not in the OWL 2 datatype map"))  # fmt: skip
    for kind, used in (("class", classes), ("property", properties)):
        for term, how in sorted(used.items()):
            findings.append(Finding("profile", ERROR, "reserved-vocabulary", str(term),
                                    f"{qname(term)} is reserved vocabulary, used as a {kind} ({how})"))  # fmt: skip
    stats = {"profile": "OWL 2 DL", "datatypes": len(datatypes), "violations": len(findings)}
    return findings, stats
