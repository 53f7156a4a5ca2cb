"""Name what makes a graph inconsistent. HermiT only says "inconsistent"; these checks look for
the usual culprits with RDFS-level reasoning (asserted types, domains, ranges, sub-classes):
an individual in two disjoint classes, in owl:Nothing, two values of a functional property that
cannot be the same, an irreflexive or asymmetric property broken, a literal outside its range."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from b2bkg.quality.closure import class_members, list_items, qname, superclasses, superproperties

__all__ = ["Clash", "find_clashes", "describe_clashes"]

_INTEGERS = {
    XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
    XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger, XSD.unsignedLong,
    XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte,
}  # fmt: skip
# Datatypes HermiT supports, with the literal datatypes each admits.
_ADMITS = {
    XSD.decimal: {XSD.decimal} | _INTEGERS,
    XSD.integer: _INTEGERS,
    XSD.double: {XSD.double},
    XSD.float: {XSD.float},
    XSD.string: {XSD.string},
    XSD.boolean: {XSD.boolean},
    XSD.dateTime: {XSD.dateTime, XSD.dateTimeStamp},
    XSD.anyURI: {XSD.anyURI},
    RDF.langString: {RDF.langString},
}


@dataclass(frozen=True, order=True)
class Clash:
    """One reason the graph is inconsistent: the individual, the kind of clash, the terms
    involved (classes or properties) and a sentence saying it."""

    individual: str
    kind: str
    terms: tuple[str, ...]
    message: str


def _disjoint_pairs(graph: Graph) -> set[frozenset]:
    pairs: set[frozenset] = set()
    for a, b in graph.subject_objects(OWL.disjointWith):
        if isinstance(a, URIRef) and isinstance(b, URIRef) and a != b:
            pairs.add(frozenset((a, b)))
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for head in graph.objects(group, OWL.members):
            named = [m for m in list_items(graph, head) if isinstance(m, URIRef)]
            pairs.update(frozenset(p) for p in combinations(named, 2) if p[0] != p[1])
    for _whole, head in graph.subject_objects(OWL.disjointUnionOf):
        named = [m for m in list_items(graph, head) if isinstance(m, URIRef)]
        pairs.update(frozenset(p) for p in combinations(named, 2) if p[0] != p[1])
    return pairs


class _Typing:
    """Each individual's classes with the reason it has them (RDFS-level entailment)."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.supers = superclasses(graph)
        self.superprops = superproperties(graph)
        self.why: dict[URIRef, dict[URIRef, str]] = defaultdict(dict)
        for s, c in graph.subject_objects(RDF.type):
            if isinstance(s, URIRef) and isinstance(c, URIRef):
                self._add(s, c, f"{qname(s)} rdf:type {qname(c)}")
        for s, p, o in graph:
            if not isinstance(s, URIRef) or p == RDF.type:
                continue
            for sup in self.superprops[p]:
                for d in graph.objects(sup, RDFS.domain):
                    for c in self._single(d):
                        self._add(s, c, f"rdfs:domain of {qname(sup)} (used by {qname(s)})")
                if isinstance(o, URIRef):
                    for r in graph.objects(sup, RDFS.range):
                        for c in self._single(r):
                            self._add(o, c, f"rdfs:range of {qname(sup)} ({qname(s)} → it)")

    def _single(self, expr) -> list[URIRef]:
        """Classes an expression implies on its own (a union implies none of its members)."""
        if isinstance(expr, URIRef):
            return [expr]
        if (expr, OWL.unionOf, None) in self.graph:
            return []
        return class_members(self.graph, expr)

    def _add(self, individual: URIRef, cls: URIRef, reason: str) -> None:
        known = self.why[individual]
        for sup in sorted(self.supers[cls]):
            if sup not in known:
                via = reason if sup == cls else f"{reason}, and {qname(cls)} ⊑ {qname(sup)}"
                known[sup] = via

    def types(self, individual) -> dict[URIRef, str]:
        return self.why.get(individual, {})


def _datatype_of(literal: Literal) -> URIRef:
    if literal.language:
        return RDF.langString
    return literal.datatype or XSD.string


def find_clashes(graph: Graph) -> list[Clash]:
    """Every clash the RDFS-level checks can name, sorted."""
    typing = _Typing(graph)
    disjoint = _disjoint_pairs(graph)
    clashes: set[Clash] = set()

    def type_clashes(individual, types: dict[URIRef, str], context: str = "") -> None:
        if OWL.Nothing in types:
            clashes.add(
                Clash(
                    str(individual),
                    "nothing",
                    (str(OWL.Nothing),),
                    f"{qname(individual)} is an owl:Nothing ({types[OWL.Nothing]})",
                )
            )
        for pair in disjoint:
            a, b = sorted(pair)
            if a in types and b in types:
                clashes.add(Clash(
                    str(individual), "disjoint", (str(a), str(b)),
                    f"{qname(individual)}{context} is both {qname(a)} and {qname(b)}, "
                    f"which are disjoint classes — {qname(a)} from {types[a]}; "
                    f"{qname(b)} from {types[b]}",
                ))  # fmt: skip

    for individual in sorted(typing.why):
        type_clashes(individual, typing.types(individual))

    functional = set(graph.subjects(RDF.type, OWL.FunctionalProperty))
    inverse_functional = set(graph.subjects(RDF.type, OWL.InverseFunctionalProperty))
    for prop in sorted(p for p in functional | inverse_functional if isinstance(p, URIRef)):
        groups: dict = defaultdict(set)
        if prop in functional:
            for s, o in graph.subject_objects(prop):
                groups[("value", s)].add(o)
        if prop in inverse_functional:
            for s, o in graph.subject_objects(prop):
                groups[("subject", o)].add(s)
        for (side, anchor), values in sorted(groups.items()):
            if len(values) < 2:
                continue
            kind = "functional" if side == "value" else "inverse functional"
            literals = sorted(v for v in values if isinstance(v, Literal))
            if len(literals) > 1 and len({(_datatype_of(v), v.value) for v in literals}) > 1:
                shown = ", ".join(v.n3() for v in literals)
                clashes.add(Clash(str(anchor), "functional", (str(prop),),
                                  f"{qname(anchor)} has several values of the {kind} property "
                                  f"{qname(prop)}: {shown}"))  # fmt: skip
                continue
            named = sorted(v for v in values if isinstance(v, URIRef))
            merged: dict[URIRef, str] = {}
            for v in named:
                for cls, reason in typing.types(v).items():
                    merged.setdefault(cls, reason)
            for a, b in combinations(named, 2):
                if (a, OWL.differentFrom, b) in graph or (b, OWL.differentFrom, a) in graph:
                    clashes.add(Clash(str(anchor), "functional", (str(prop),),
                                      f"{qname(anchor)} has {qname(a)} and {qname(b)} for the "
                                      f"{kind} property {qname(prop)}, but they are declared "
                                      f"owl:differentFrom"))  # fmt: skip
            names = ", ".join(qname(v) for v in named)
            type_clashes(anchor, merged, context=f" ({kind} {qname(prop)} makes {names} one)")

    for prop in sorted(p for p in graph.subjects(RDF.type, OWL.IrreflexiveProperty)):
        for s, o in graph.subject_objects(prop):
            if s == o:
                clashes.add(Clash(str(s), "irreflexive", (str(prop),),
                                  f"{qname(s)} {qname(prop)} itself, but {qname(prop)} "
                                  f"is irreflexive"))  # fmt: skip
    for prop in sorted(p for p in graph.subjects(RDF.type, OWL.AsymmetricProperty)):
        for s, o in graph.subject_objects(prop):
            if s != o and (o, prop, s) in graph:
                a, b = sorted((s, o))
                clashes.add(Clash(str(a), "asymmetric", (str(prop),),
                                  f"{qname(a)} {qname(prop)} {qname(b)} and back, but "
                                  f"{qname(prop)} is asymmetric"))  # fmt: skip

    for prop in sorted(graph.subjects(RDF.type, OWL.DatatypeProperty)):
        for rng in graph.objects(prop, RDFS.range):
            admitted = _ADMITS.get(rng)
            if admitted is None:
                continue
            for s, o in graph.subject_objects(prop):
                if not isinstance(o, Literal):
                    continue
                bad_type = _datatype_of(o) not in admitted
                if bad_type or getattr(o, "ill_typed", False):
                    why = "not a valid" if not bad_type else f"typed {qname(_datatype_of(o))}, not"
                    clashes.add(Clash(str(s), "datatype", (str(prop), str(rng)),
                                      f"{qname(s)} {qname(prop)} {o.n3()}: the value is {why} "
                                      f"{qname(rng)} (the range of {qname(prop)})"))  # fmt: skip
    return sorted(clashes)


def describe_clashes(clashes: list[Clash]) -> str:
    """One readable paragraph naming every clash (or saying none was found)."""
    if not clashes:
        return (
            "HermiT found the ontology and data inconsistent, but no simple cause was found "
            "(disjoint classes, owl:Nothing, functional, irreflexive or asymmetric properties, "
            "datatype ranges); look at class restrictions and owl:complementOf axioms."
        )
    lines = [f"Inconsistent: {len(clashes)} clash(es) found:"]
    lines += [f"- {c.message}" for c in clashes]
    return "\n".join(lines)
