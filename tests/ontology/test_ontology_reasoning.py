"""HermiT (through owlready2) on the ontology alone and with the sample population: consistent,
no unsatisfiable class, the expected entailments, and the disjointness axioms at work."""

from __future__ import annotations

import owlready2
import pytest
from rdflib import RDF, Graph, Namespace, URIRef

B2B = Namespace("https://w3id.org/b2bkg/def/")
KG = "https://w3id.org/b2bkg/id/"

pytestmark = pytest.mark.reasoner  # HermiT through owlready2 (needs Java)


@pytest.fixture
def population(onto: Graph, sample: Graph) -> Graph:
    g = Graph()
    g += onto
    g += sample
    return g


def _iri(world: owlready2.World, iri: str):
    entity = world[iri]
    assert entity is not None, iri
    return entity


def test_ontology_alone_is_consistent_and_every_class_satisfiable(onto: Graph, reasoner) -> None:
    world = reasoner(onto)
    assert list(world.inconsistent_classes()) == []


def test_sample_population_is_consistent_with_expected_entailments(
    population: Graph, reasoner
) -> None:
    world = reasoner(population)
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
def test_contradictions_are_detected(
    triples: list[tuple], why: str, population: Graph, reasoner
) -> None:
    for s, p, o in triples:
        obj = o if isinstance(o, URIRef) else URIRef(KG + o)
        population.add((URIRef(KG + s), p, obj))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        reasoner(population)
