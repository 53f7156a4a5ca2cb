"""``b2bkg export --ontology``: b2bkg.ttl imports external.ttl's ontology, and the merged
rendering (RDF/XML) is one self-contained document that owlready2 loads directly."""

from __future__ import annotations

from pathlib import Path

import owlready2
from click.testing import CliRunner
from rdflib import OWL, RDF, Graph, URIRef

from b2bkg.cli import cli

ONTOLOGY = "https://w3id.org/b2bkg/def"
EXTERNAL = URIRef("https://w3id.org/b2bkg/def/external")


def test_ontology_as_rdfxml_loads_in_owlready2(tmp_path: Path) -> None:
    out = tmp_path / "b2bkg.owl"
    result = CliRunner().invoke(cli, ["export", "--ontology", "--format", "xml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().lstrip().startswith(b"<?xml")
    graph = Graph().parse(out, format="xml")
    assert (URIRef(ONTOLOGY), RDF.type, OWL.Ontology) in graph
    assert not list(graph.objects(None, OWL.imports))  # self-contained: nothing to fetch
    assert (EXTERNAL, RDF.type, OWL.Ontology) not in graph

    world = owlready2.World()
    try:
        onto = world.get_ontology(out.as_uri()).load()
        assert onto.base_iri.rstrip("/#") == ONTOLOGY
        assert world["https://w3id.org/b2bkg/def/Platform"] is not None  # ours
        assert world["http://purl.org/spar/fabio/ResearchPaper"] is not None  # an external one
        assert len(list(world.classes())) > 90
        assert not onto.imported_ontologies
    finally:
        world.close()
