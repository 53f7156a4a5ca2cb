"""OWL reasoning with HermiT (through owlready2): consistency, unsatisfiable classes, and the
triples the graph entails beyond what it states.

Each call loads the graph into a fresh owlready2 World (nothing is shared between calls).
``inferred`` holds only entailments: HermiT's inferred types, sub-classes, equivalences and
object property values (inverses, symmetric and transitive closure, sub-properties), plus the
rdfs:subClassOf / rdfs:subPropertyOf closure of the types and property values — minus every
triple the input already has and the trivia (owl:Thing, owl:Nothing, owl:NamedIndividual,
reflexive axioms, top/bottom properties, blank nodes, owlready2's bookkeeping).
"""

from __future__ import annotations

import ctypes
import io
import os
import signal
import sys
import tempfile
from dataclasses import dataclass, field

import owlready2
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from b2bkg.errors import B2BKGError, ValidationError
from b2bkg.quality.clashes import Clash, describe_clashes, find_clashes
from b2bkg.quality.closure import is_builtin, superclasses, superproperties
from b2bkg.vocab import bind_prefixes

__all__ = ["ReasonerError", "InconsistentGraph", "ReasonerResult", "reason", "inferred_triples"]

_INFERENCES_ONTOLOGY = "http://inferrences/"  # owlready2's own (mis)spelling
_TOP_BOTTOM = frozenset(
    {
        OWL.Thing,
        OWL.Nothing,
        OWL.topObjectProperty,
        OWL.bottomObjectProperty,
        OWL.topDataProperty,
        OWL.bottomDataProperty,
        OWL.NamedIndividual,
        OWL.Ontology,
    }
)
_REFLEXIVE_TRIVIA = frozenset(
    {
        RDFS.subClassOf,
        RDFS.subPropertyOf,
        OWL.equivalentClass,
        OWL.equivalentProperty,
        OWL.sameAs,
    }
)


class ReasonerError(B2BKGError):
    """The reasoner could not run (Java missing, HermiT crashed, input unreadable)."""

    status = 500
    exit_code = 2


class InconsistentGraph(ValidationError):
    """The graph has no model; ``problems`` names each clash found."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class ReasonerResult:
    """What HermiT concluded. ``inferred`` is empty when the graph is inconsistent;
    ``clashes`` names the causes found when it is."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    inferred: Graph = field(default_factory=Graph)
    explanation: str = ""
    clashes: list[Clash] = field(default_factory=list)


def _is_trivial(s, p, o) -> bool:
    if isinstance(s, BNode) or isinstance(o, BNode):
        return True
    if s in _TOP_BOTTOM or o in _TOP_BOTTOM or p in _TOP_BOTTOM:
        return True
    if str(s).startswith(_INFERENCES_ONTOLOGY.rstrip("/")):
        return True
    return p in _REFLEXIVE_TRIVIA and s == o


def _for_owlready(graph: Graph) -> bytes:
    """N-Triples of ``graph`` without owl:imports (owlready2 would fetch them from the web)."""
    clean = Graph()
    for triple in graph:
        if triple[1] != OWL.imports:
            clean.add(triple)
    return clean.serialize(format="nt", encoding="utf-8")


def _die_with_parent() -> None:  # runs in the Java child between fork and exec
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


_PR_SET_PDEATHSIG = 1
if sys.platform.startswith("linux"):
    # HermiT runs as a Java child process of owlready2's: killed with this process (a killed
    # `b2bkg build` must not leave an orphaned reasoner burning a core)
    owlready2.reasoning._subprocess_kargs = {**owlready2.reasoning._subprocess_kargs,
                                             "preexec_fn": _die_with_parent}


def _run_hermit(graph: Graph) -> tuple[bool, list[str], Graph]:
    """(consistent, unsatisfiable classes, HermiT's raw conclusions as an rdflib Graph)."""
    world = owlready2.World()
    handle, path = tempfile.mkstemp(suffix=".nt", prefix="b2bkg-reason-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_for_owlready(graph))
        world.get_ontology("file://" + path).load()
        try:
            owlready2.sync_reasoner_hermit(
                world, infer_property_values=True, debug=0, ignore_unsupported_datatypes=True
            )
        except owlready2.OwlReadyInconsistentOntologyError:
            return False, [], Graph()
        except owlready2.OwlReadyJavaError as exc:
            detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else "no message"
            raise ReasonerError(f"HermiT failed: {detail}") from exc
        except OSError as exc:
            raise ReasonerError(f"cannot start Java for HermiT: {exc}") from exc
        unsatisfiable = sorted(
            c.iri for c in world.inconsistent_classes() if getattr(c, "iri", None) and c.iri != str(OWL.Nothing)
        )
        concluded = Graph()
        buffer = io.BytesIO()
        world.get_ontology(_INFERENCES_ONTOLOGY).save(file=buffer, format="ntriples")
        concluded.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
        # owlready2 stores a property value only in one direction and answers the inverse on
        # the fly: ask its rdflib view for each object property to get both directions.
        view = world.as_rdflib_graph()
        props = set(graph.subjects(RDF.type, OWL.ObjectProperty))
        props |= {p for _s, p, _o in concluded}
        for prop in sorted(p for p in props if isinstance(p, URIRef) and not is_builtin(p)):
            for s, _p, o in view.triples((None, prop, None)):
                if isinstance(s, URIRef) and isinstance(o, URIRef):
                    concluded.add((s, prop, o))
        return True, unsatisfiable, concluded
    finally:
        world.close()
        os.unlink(path)


def _closure(graph: Graph, concluded: Graph) -> Graph:
    """Super-class types of every typed individual and super-property values of every
    property value, over the input plus HermiT's conclusions."""
    both = Graph()
    for triple in graph:
        both.add(triple)
    for triple in concluded:
        both.add(triple)
    supers = superclasses(both)
    superprops = superproperties(both)
    terms = {
        s
        for t in (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
        for s in both.subjects(RDF.type, t)
    }
    terms |= set(both.subjects(RDF.type, OWL.AnnotationProperty))
    out = Graph()
    for s, p, o in both:
        if isinstance(s, BNode):
            continue
        if p == RDF.type:
            if s in terms or not isinstance(o, URIRef) or is_builtin(o):
                continue
            for sup in supers[o]:
                out.add((s, RDF.type, sup))
        else:
            for sup in superprops[p]:
                if sup != p:
                    out.add((s, sup, o))
    return out


def reason(graph: Graph, *, closure: bool = True) -> ReasonerResult:
    """Run HermiT over ``graph`` (ontology plus data) and report what it concludes.

    Raises ReasonerError when HermiT cannot run. The input graph is not modified.
    """
    consistent, unsatisfiable, concluded = _run_hermit(graph)
    if not consistent:
        clashes = find_clashes(graph)
        return ReasonerResult(consistent=False, explanation=describe_clashes(clashes), clashes=clashes)
    if closure:
        for triple in _closure(graph, concluded):
            concluded.add(triple)
    inferred = Graph()
    bind_prefixes(inferred)
    for s, p, o in concluded:
        if not _is_trivial(s, p, o) and (s, p, o) not in graph:
            inferred.add((s, p, o))
    if unsatisfiable:
        names = ", ".join(unsatisfiable)
        explanation = f"Consistent, but {len(unsatisfiable)} unsatisfiable class(es): {names}"
    else:
        explanation = f"Consistent; {len(inferred)} triple(s) inferred."
    return ReasonerResult(consistent=True, unsatisfiable=unsatisfiable, inferred=inferred, explanation=explanation)


def inferred_triples(graph: Graph) -> Graph:
    """The entailments of ``graph`` (see the module docstring) as a new Graph; the same input
    gives the same triples. Raises ReasonerError when the graph is inconsistent."""
    result = reason(graph)
    if not result.consistent:
        raise InconsistentGraph(
            "the ontology and data are inconsistent (HermiT)",
            [c.message for c in result.clashes] or [result.explanation],
        )
    return result.inferred
