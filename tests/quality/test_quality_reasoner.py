"""The reasoner (real owlready2 + HermiT): inferences, unsatisfiable classes, named clashes."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from b2bkg.quality import InconsistentGraph, inferred_triples, reason
from b2bkg.vocab import B2B, KG

pytestmark = pytest.mark.reasoner  # every test here runs HermiT (needs Java)


def test_clean_graph_is_consistent_and_infers_entailments(fixture_graph):
    graph = fixture_graph("clean-ontology.ttl", "clean-data.ttl")
    before = len(graph)
    result = reason(graph)
    assert result.consistent
    assert result.unsatisfiable == []
    assert len(graph) == before  # the input is not modified
    inferred = result.inferred
    sme, platform = KG["actor/sme"], KG["platform/p"]
    one, two, three = KG["stage/one"], KG["stage/two"], KG["stage/three"]
    # inverse property value (HermiT; owlready2 keeps only one direction)
    assert (platform, B2B.hasParticipant, sme) in inferred
    # super-classes of the asserted type
    assert (sme, RDF.type, B2B.Enterprise) in inferred
    assert (sme, RDF.type, B2B.Actor) in inferred
    # sub-property, transitive and inverse closure
    assert (one, B2B.precedes, two) in inferred
    assert (one, B2B.precedes, three) in inferred
    assert (three, B2B.follows, one) in inferred


def test_inferred_holds_only_new_nontrivial_triples(fixture_graph):
    graph = fixture_graph("clean-ontology.ttl", "clean-data.ttl")
    inferred = reason(graph).inferred
    assert len(inferred) > 0
    for s, p, o in inferred:
        assert (s, p, o) not in graph
        assert not isinstance(s, BNode) and not isinstance(o, BNode)
        assert o not in (OWL.Thing, OWL.NamedIndividual, OWL.Nothing)
        assert not str(s).startswith("http://inferrences")


def test_inferred_triples_are_deterministic(fixture_graph):
    graph = fixture_graph("clean-ontology.ttl", "clean-data.ttl")
    first = set(inferred_triples(graph))
    second = set(inferred_triples(graph))
    assert first == second


def test_unsatisfiable_class_is_listed(fixture_graph):
    result = reason(fixture_graph("clean-ontology.ttl", "unsatisfiable.ttl"))
    assert result.consistent
    assert result.unsatisfiable == [str(B2B.PlatformActor)]
    assert "PlatformActor" in result.explanation


@pytest.mark.parametrize(
    ("data", "kind", "named"),
    [
        ("inconsistent-data.ttl", "disjoint", ["kg:actor/hybrid", "b2b:Actor", "b2b:Platform"]),
        (
            "inconsistent-via-domain.ttl",
            "disjoint",
            ["kg:platform/q", "b2b:Actor", "b2b:Platform", "rdfs:domain of b2b:participatesIn"],
        ),
        ("functional-data.ttl", "functional", ["kg:stage/twice", "b2b:stageOrder"]),
        ("irreflexive-data.ttl", "irreflexive", ["kg:stage/loop", "b2b:nextStage"]),
    ],
)
def test_inconsistency_names_the_clash(fixture_graph, data, kind, named):
    result = reason(fixture_graph("clean-ontology.ttl", "clean-data.ttl", data))
    assert not result.consistent
    assert len(result.inferred) == 0
    assert [c.kind for c in result.clashes] == [kind]
    for name in named:
        assert name in result.explanation


def test_inferred_triples_raises_on_inconsistency(fixture_graph):
    graph = fixture_graph("clean-ontology.ttl", "inconsistent-data.ttl")
    with pytest.raises(InconsistentGraph) as caught:
        inferred_triples(graph)
    assert caught.value.exit_code == 1
    assert any("kg:actor/hybrid" in p for p in caught.value.problems)


def test_datatype_range_clash_is_named():
    graph = Graph()
    prop = B2B.stageOrder
    graph.add((prop, RDF.type, OWL.DatatypeProperty))
    graph.add((prop, URIRef("http://www.w3.org/2000/01/rdf-schema#range"),
               URIRef("http://www.w3.org/2001/XMLSchema#integer")))  # fmt: skip
    graph.add((KG["stage/x"], prop, Literal("first")))
    result = reason(graph)
    assert not result.consistent
    assert "kg:stage/x" in result.explanation and "xsd:integer" in result.explanation
