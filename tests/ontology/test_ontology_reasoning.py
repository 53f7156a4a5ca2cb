"""HermiT (through owlready2) on the ontology alone and with the sample population: consistent,
no unsatisfiable class, the expected entailments, and the disjointness axioms at work."""

from __future__ import annotations

import owlready2
import pytest
from ontology_helpers import B2B, FIXTURES, load, ontology_graph, reason
from rdflib import RDF, Graph, URIRef

KG = "https://w3id.org/b2bkg/id/"


def _sample() -> Graph:
    g = ontology_graph()
    g += load(FIXTURES / "sample.ttl")
    return g


def _iri(world: owlready2.World, iri: str):
    entity = world[iri]
    assert entity is not None, iri
    return entity


def test_ontology_alone_is_consistent_and_every_class_satisfiable() -> None:
    world = reason(ontology_graph())
    assert list(world.inconsistent_classes()) == []


def test_sample_population_is_consistent_with_expected_entailments() -> None:
    world = reason(_sample())
    assert list(world.inconsistent_classes()) == []
    first = _iri(world, KG + "stage/information-matching")
    third = _iri(world, KG + "stage/ecological-collaboration")
    precedes = _iri(world, str(B2B.precedes))
    assert third in precedes[first]  # nextStage ⊑ precedes, precedes transitive
    sme = _iri(world, KG + "actor/sme")
    assert _iri(world, str(B2B.Enterprise)) in sme.INDIRECT_is_a  # SME ⊑ Enterprise
    mechanism = _iri(world, KG + "mechanism/credit-enhancement")
    interacts = _iri(world, str(B2B.interactsWith))
    assert _iri(world, KG + "mechanism/cost-reduction") in interacts[mechanism]  # symmetric


@pytest.mark.parametrize(
    ("triples", "why"),
    [
        ([("tool/big-data-matching", RDF.type, B2B.Mechanism)], "DigitalTool ⊓ Mechanism"),
        ([("actor/sme", RDF.type, B2B.LargeEnterprise)], "SME ⊓ LargeEnterprise"),
        ([("theory/transaction-cost", RDF.type, B2B.Risk)], "Theory ⊓ Risk"),
        ([("stage/information-matching", B2B.nextStage, "stage/information-matching")],
         "nextStage is irreflexive"),
        ([("stage/functional-integration", B2B.nextStage, "stage/information-matching")],
         "nextStage is asymmetric"),
        ([("mechanism/cost-reduction", B2B.enables, "mechanism/credit-enhancement"),
          ("mechanism/cost-reduction", RDF.type, B2B.Risk)],
         "enables has a tool or technology as subject"),
    ],
)
def test_contradictions_are_detected(triples: list[tuple], why: str) -> None:
    g = _sample()
    for s, p, o in triples:
        obj = o if isinstance(o, URIRef) else URIRef(KG + o)
        g.add((URIRef(KG + s), p, obj))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        reason(g)
