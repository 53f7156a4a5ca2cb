"""Fixtures of the ontology tests: the Turtle files, HermiT and pySHACL as callables."""

from __future__ import annotations

import tempfile
from pathlib import Path

import owlready2
import pyshacl
import pytest
from rdflib import OWL, Graph, Namespace, URIRef

__all__ = ["onto", "sample", "shapes", "reasoner", "shacl"]

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
B2B = Namespace("https://w3id.org/b2bkg/def/")
SH = Namespace("http://www.w3.org/ns/shacl#")


def load(*paths: Path) -> Graph:
    """Parse Turtle files into one graph."""
    g = Graph()
    for path in paths:
        g.parse(path, format="turtle")
    return g


def ontology_graph() -> Graph:
    """b2bkg.ttl and external.ttl (what the build puts in the ontology graph)."""
    return load(ONTOLOGY_DIR / "b2bkg.ttl", ONTOLOGY_DIR / "external.ttl")


def reason(graph: Graph) -> owlready2.World:
    """Load ``graph`` into a fresh owlready2 World and run HermiT on it.

    Raises owlready2.OwlReadyInconsistentOntologyError when the graph is inconsistent.
    The data's years (xsd:gYear) lie outside the OWL 2 datatype map, hence the HermiT flag.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "merged.nt"
        # without owl:imports (owlready2 would fetch the imported ontology from the web)
        clean = Graph()
        for triple in graph.triples((None, None, None)):
            if triple[1] != OWL.imports:
                clean.add(triple)
        clean.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load()
        owlready2.sync_reasoner_hermit(
            world, infer_property_values=True, debug=0, ignore_unsupported_datatypes=True
        )
    return world


def shacl_results(data: Graph, shapes: Graph, ontology: Graph) -> list[tuple[URIRef, URIRef]]:
    """(focus node, source shape) of every SHACL result; shapes that are blank nodes are
    reported by their parent property shape IRI when there is one."""
    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True
    )
    out = []
    for result in report.subjects(predicate=SH.focusNode):
        out.append((report.value(result, SH.focusNode), report.value(result, SH.sourceShape)))
    return sorted(out)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology_graph()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load(ONTOLOGY_DIR / "shapes.ttl")


@pytest.fixture(scope="module")
def sample() -> Graph:
    """The sample population (tests/ontology/fixtures/sample.ttl); copy before editing."""
    return load(FIXTURES / "sample.ttl")


@pytest.fixture(scope="session")
def reasoner():
    return reason


@pytest.fixture(scope="session")
def shacl():
    return shacl_results
