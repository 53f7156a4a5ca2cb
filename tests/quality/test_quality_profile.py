"""The OWL 2 DL profile gate fires on what leaves OWL 2 DL and is quiet on the real ontology."""

from __future__ import annotations

from rdflib import Graph

from b2bkg.quality.profile import check_profile
from b2bkg.resources import resource


def test_profile_gate_fires(fixture_graph):
    findings, stats = check_profile(fixture_graph("not-dl.ttl"))
    got = {(f.code, f.term.rsplit("#", 1)[1]) for f in findings}
    assert got == {
        ("datatype-outside-map", "date"),
        ("datatype-outside-map", "gYear"),
        ("reserved-vocabulary", "Statement"),
        ("reserved-vocabulary", "Seq"),
    }
    assert all(f.severity == "error" and f.gate == "profile" for f in findings)
    assert stats["violations"] == 4
    assert any("rdfs:range of b2b:year" in f.message for f in findings)


def test_profile_gate_quiet_on_clean_fixture(fixture_graph):
    assert check_profile(fixture_graph("clean-ontology.ttl"))[0] == []


def test_the_merged_ontology_is_owl2_dl():
    onto = Graph()
    for name in ("b2bkg.ttl", "external.ttl"):
        onto.parse(resource("ontology") / name, format="turtle")
    findings, stats = check_profile(onto)
    assert findings == [], [f.message for f in findings]
    assert stats["profile"] == "OWL 2 DL"
