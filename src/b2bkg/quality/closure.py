"""Small RDFS helpers on rdflib graphs: built-in vocabulary, class expressions, and the
reflexive-transitive closure of rdfs:subClassOf / rdfs:subPropertyOf."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from b2bkg.vocab import PREFIXES

__all__ = [
    "SH",
    "BUILTIN_NAMESPACES",
    "is_builtin",
    "qname",
    "list_items",
    "class_members",
    "ancestors",
    "superclasses",
    "superproperties",
]

SH = Namespace("http://www.w3.org/ns/shacl#")
BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD), str(SH))

_BY_LENGTH = sorted({**PREFIXES, "sh": str(SH)}.items(), key=lambda item: -len(item[1]))


def is_builtin(term) -> bool:
    """True for IRIs of the RDF, RDFS, OWL, XSD and SHACL vocabularies."""
    return isinstance(term, URIRef) and str(term).startswith(BUILTIN_NAMESPACES)


def qname(term) -> str:
    """A short, readable name for a term: ``b2b:Platform`` for known namespaces, else ``<iri>``.

    >>> qname(URIRef("https://w3id.org/b2bkg/def/Platform"))
    'b2b:Platform'
    """
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in _BY_LENGTH:
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns) :]}"
        return f"<{text}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return term.n3() if hasattr(term, "n3") else str(term)


def list_items(graph: Graph, node) -> list:
    """The members of an RDF list (empty when ``node`` is not a well-formed list)."""
    try:
        return list(Collection(graph, node))
    except Exception:  # a broken list is reported elsewhere; here it simply has no members
        return []


def class_members(graph: Graph, node) -> list[URIRef]:
    """The named classes a class expression mentions: an IRI itself, or the IRIs in an
    owl:unionOf / owl:intersectionOf list (nested expressions are followed)."""
    if isinstance(node, URIRef):
        return [node]
    found: list[URIRef] = []
    for link in (OWL.unionOf, OWL.intersectionOf):
        for head in graph.objects(node, link):
            for item in list_items(graph, head):
                found.extend(class_members(graph, item))
    return found


def ancestors(edges: Iterable[tuple[URIRef, URIRef]]) -> dict[URIRef, set[URIRef]]:
    """Reflexive-transitive closure of (child, parent) edges: node -> all its ancestors."""
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for child, parent in edges:
        parents[child].add(parent)
    closure: dict[URIRef, set[URIRef]] = {}

    def visit(node: URIRef) -> set[URIRef]:
        if node in closure:
            return closure[node]
        seen = {node}
        stack = [node]
        while stack:
            for parent in parents.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        closure[node] = seen
        return seen

    for node in list(parents):
        visit(node)
    return _Closure(closure)


class _Closure(dict):
    """A dict that answers for nodes with no edges too (they are their own only ancestor)."""

    def __missing__(self, key):
        return {key}


def _named_edges(graph: Graph, sub, equivalent) -> list[tuple[URIRef, URIRef]]:
    edges = [(s, o) for s, o in graph.subject_objects(sub) if isinstance(s, URIRef) and isinstance(o, URIRef)]
    for s, o in graph.subject_objects(equivalent):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            edges += [(s, o), (o, s)]
    # A class that is (a subclass of) an intersection is a subclass of each member.
    if sub == RDFS.subClassOf:
        for link in (sub, equivalent):
            for s, expr in graph.subject_objects(link):
                if not isinstance(s, URIRef) or not isinstance(expr, BNode):
                    continue
                for head in graph.objects(expr, OWL.intersectionOf):
                    members = list_items(graph, head)
                    edges += [(s, m) for m in members if isinstance(m, URIRef)]
    return edges


def superclasses(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """class -> itself and every named superclass (rdfs:subClassOf, owl:equivalentClass)."""
    return ancestors(_named_edges(graph, RDFS.subClassOf, OWL.equivalentClass))


def superproperties(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """property -> itself and every named super-property (rdfs:subPropertyOf,
    owl:equivalentProperty)."""
    return ancestors(_named_edges(graph, RDFS.subPropertyOf, OWL.equivalentProperty))
