"""Resolve the names used in statement files (ids, b2b local names, prefixed terms, literals)."""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from b2bkg.vocab import B2B, KG, PREFIXES

__all__ = ["declared_terms", "resolve_term", "resolve_node", "make_literal", "TermError"]

_DECLARATION_TYPES = (
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
    OWL.NamedIndividual,
)
# terms of RDF, RDFS, OWL and XSD are always available
_BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))


class TermError(ValueError):
    """A name in a statement file cannot be resolved; the message says why."""


def declared_terms(ontology: Graph) -> set[URIRef]:
    """IRIs declared as a class, property or named individual in the ontology graph."""
    out: set[URIRef] = set()
    for t in _DECLARATION_TYPES:
        out.update(s for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef))
    return out


def _expand(name: str) -> URIRef:
    name = name.strip()
    if name.startswith("<") and name.endswith(">"):
        return URIRef(name[1:-1])
    if ":" in name:
        prefix, local = name.split(":", 1)
        if prefix in PREFIXES:
            return URIRef(PREFIXES[prefix] + local)
        if prefix in ("http", "https"):
            return URIRef(name)
        raise TermError(f"unknown prefix '{prefix}:' in {name!r} (known: {', '.join(sorted(PREFIXES))})")
    return B2B[name]


def resolve_term(name: str, declared: set[URIRef]) -> URIRef:
    """A class or property name: ``enables`` (b2b:), ``cito:cites``, or ``<absolute IRI>``."""
    iri = _expand(name)
    if str(iri).startswith(_BUILTIN_NAMESPACES):
        return iri
    if iri not in declared:
        raise TermError(f"term {name!r} ({iri}) is not declared in ontology/")
    return iri


def resolve_node(value: Any, ids: set[str], declared: set[URIRef]) -> URIRef | Literal:
    """The object of a statement: an entity id, a prefixed term/individual, an IRI, or a literal."""
    if isinstance(value, str):
        v = value.strip()
        if v in ids:
            return KG[v]
        if v.startswith("<") or v.split(":", 1)[0] in PREFIXES or v.startswith(("http:", "https:")):
            iri = _expand(v)
            if str(iri).startswith(str(KG)):
                local = str(iri)[len(str(KG)):]
                if local not in ids:
                    raise TermError(f"unknown entity id {local!r}")
            return iri
        raise TermError(f"unknown entity id {v!r} (not defined in any statement file)")
    return make_literal(value, declared)


def make_literal(value: Any, declared: set[URIRef]) -> Literal:
    """A literal from YAML: ``{v:, type:}``, ``{v:, lang:}``, a string, a number or a boolean."""
    if isinstance(value, dict):
        if "v" not in value:
            raise TermError(f"literal {value!r} needs a 'v' (value) key")
        extra = sorted(set(value) - {"v", "type", "lang"})
        if extra:
            raise TermError(f"literal has unknown key(s) {', '.join(extra)} (allowed: v, type, lang)")
        if "type" in value and "lang" in value:
            raise TermError("a literal has either 'type' or 'lang', not both")
        text = str(value["v"])
        if "lang" in value:
            return Literal(text, lang=str(value["lang"]))
        if "type" in value:
            datatype = _expand(str(value["type"]))
            lit = Literal(text, datatype=datatype)
            if lit.ill_typed:
                raise TermError(f"{text!r} is not a valid {value['type']}")
            return lit
        return Literal(text)
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(str(value), datatype=XSD.decimal)
    if isinstance(value, str):
        return Literal(value)
    raise TermError(f"cannot make a literal of {value!r}")
