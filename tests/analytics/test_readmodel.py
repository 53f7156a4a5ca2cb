"""The read model: one definition of entity and display class (read from the data), shared by the
explorer's index and the analytics' projection, built with a few bulk queries, cached by version."""

from __future__ import annotations

import pytest

from b2bkg.api import resolve_dataset
from b2bkg.explore import Explorer
from b2bkg.readmodel import ReadModel, display_class, kind_of
from b2bkg.readmodel.facts import graph_roles
from b2bkg.store import MemoryStore, Store
from b2bkg.vocab import local_name

KG = "https://w3id.org/b2bkg/id/"
B2B = "https://w3id.org/b2bkg/def/"


class Counting(Store):
    """The real store, counting the queries that reach it."""

    def __init__(self, inner: Store):
        self.inner, self.calls = inner, 0

    @property
    def version(self) -> str:
        return self.inner.version

    def triple_count(self) -> int:
        return self.inner.triple_count()

    def graph_counts(self) -> dict[str, int]:
        return self.inner.graph_counts()

    def query(self, request, timeout=None):
        self.calls += 1
        return self.inner.query(request, timeout)

    def evaluate(self, request, timeout=None):
        self.calls += 1
        return self.inner.evaluate(request, timeout)


@pytest.fixture(scope="module")
def paper() -> ReadModel:
    return ReadModel(MemoryStore(resolve_dataset(None)))


def test_kinds_come_from_the_data(paper):
    index = paper.index()
    facts = paper.facts()
    paper_iri = next(i for i, e in index.entities.items() if e.kind == "record"
                     and "http://purl.org/spar/fabio/ResearchPaper" in e.types)
    assert index.kind(KG + "mechanism/cost-reduction") == "entity"
    work9 = next(o for s, p, o, _ in facts.links  # the work the paper's reference entry [9] references
                 if s == KG + "paper/wang-2025/reference/9" and p == "http://purl.org/spar/biro/references")
    assert index.kind(work9) == "record" and index.kind(paper_iri) == "record"
    assert index.kind(KG + "paper/wang-2025/reference/9") == "machinery"
    assert index.kind(KG + "person/coase") == "agent"
    sections = [s for s, ts in facts.asserted_types.items() if "http://purl.org/spar/doco/Section" in ts]
    paragraphs = [s for s, ts in facts.asserted_types.items() if "http://purl.org/spar/doco/Paragraph" in ts]
    assert sections and paragraphs
    for machinery in (*sections, *paragraphs, *facts.text_holders, work9 + "/authors"):
        assert index.kind(machinery) == "machinery" and machinery not in index.entities
    assert index.kind("http://purl.org/dc/terms/creator") == "external"
    assert kind_of(KG + "x", {"http://purl.org/spar/fabio/Journal"}) == "record"


def test_explorer_and_analytics_agree_on_entities_and_display_class(paper):
    index, G = paper.index(), paper.projection().graph
    assert set(G) <= set(index.entities)
    for n in G:
        e = index.entities[n]
        assert G.nodes[n]["display_class"] == (local_name(e.display_class) if e.display_class else "Thing"), n
        assert G.nodes[n]["label"] == e.label_en
    # the explorer used to show this one as InfluencingFactor (first by name); issue 17 removed the
    # class the old domain of b2b:influences forced on it, and it shows as InstitutionalCoordination
    gov = KG + "governance/institutional-coordination"
    assert set(index.entities[gov].types) == {B2B + "InstitutionalCoordination"}
    assert index.entities[gov].display_class == B2B + "InstitutionalCoordination"
    assert G.nodes[gov]["display_class"] == "InstitutionalCoordination"
    assert Explorer(paper.store, readmodel=paper).entity(gov)["class"] == "InstitutionalCoordination"
    # of two asserted classes the deeper, more specific one is shown (the shape the data had)
    closure = {B2B + "InstitutionalCoordination": {B2B + "GovernanceApproach"}}
    assert display_class({B2B + "InfluencingFactor", B2B + "InstitutionalCoordination"}, (), closure,
                         {B2B + "InstitutionalCoordination": 1}) == B2B + "InstitutionalCoordination"
    # a group named together is shown as what its members are
    group = KG + "mechanism/digital-empowerment"
    assert B2B + "EntityGroup" in index.entities[group].types
    assert G.nodes[group]["display_class"] == "Mechanism"


def test_built_with_a_few_bulk_queries_and_cached_by_version():
    store = Counting(MemoryStore(resolve_dataset(None)))
    rm = ReadModel(store)
    index, projection = rm.index(), rm.projection()
    assert len(index.entities) > 300 and projection.graph.number_of_nodes() > 300
    assert store.calls <= 8  # not one per entity
    assert rm.index() is index and rm.projection() is projection
    rm.bibliography()
    calls = store.calls
    rm.bibliography(), rm.facts(), rm.index()
    assert store.calls == calls


def test_graph_roles_read_one_graph_per_paper():
    roles = graph_roles([
        "https://w3id.org/b2bkg/graph/ontology", "https://w3id.org/b2bkg/graph/inferences",
        "https://w3id.org/b2bkg/graph/paper/a/assertions", "https://w3id.org/b2bkg/graph/paper/a/evidence",
        "https://w3id.org/b2bkg/graph/paper/b/assertions", "https://w3id.org/b2bkg/graph/corpus/x",
    ])
    assert roles["assertions"] == ("https://w3id.org/b2bkg/graph/paper/a/assertions",
                                   "https://w3id.org/b2bkg/graph/paper/b/assertions")
    assert roles["evidence"] == ("https://w3id.org/b2bkg/graph/paper/a/evidence",)
    assert roles["ontology"] == ("https://w3id.org/b2bkg/graph/ontology",)


def test_reified_statements_are_machinery_not_nodes(paper):
    """A moderation is stated on an rdf:Statement (typed so by the reasoner): a statement about a
    relation, not an entity; neither the explorer nor the projection shows it as a node."""
    statement = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"
    assert kind_of(KG + "statement/x", {statement}) == "machinery"
    facts, G, index = paper.facts(), paper.projection().graph, paper.index()
    reified = {s for s, *_ in facts.links if statement in facts.all_types(s)}
    for s in reified:
        assert s not in G and s not in index.entities
