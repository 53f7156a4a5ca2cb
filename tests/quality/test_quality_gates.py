"""Each gate fires on a fixture made to break it, and stays quiet on the clean fixture."""

from __future__ import annotations

import pytest
from rdflib import Graph

from b2bkg.errors import SourceError
from b2bkg.quality import load_ontology_dir, validate
from b2bkg.quality.pitfalls import PITFALLS, check_pitfalls
from b2bkg.quality.shacl import check_shapes
from b2bkg.quality.terms import check_terms
from support.requires import require


def codes(findings) -> set[str]:
    return {f.code for f in findings}


@pytest.mark.reasoner
def test_clean_fixture_passes_every_gate(ontology_dir, data_file):
    require("owlapi")
    report = validate(ontology_dir(), data_file("clean-data.ttl"))
    assert [g.name for g in report.gates] == ["syntax", "terms", "reasoner", "shacl", "pitfalls", "profile",
                                              "owlapi"]  # fmt: skip
    assert all(g.ran for g in report.gates)
    assert report.conforms, [f.message for f in report.findings]
    assert report.errors == 0 and report.warnings == 0
    assert report.gate("reasoner").stats["inferred_triples"] > 0


@pytest.mark.parametrize(
    ("bad", "code", "location"),
    [
        ("bad-syntax.ttl", "parse-error", "bad-syntax.ttl:5"),
        ("undeclared-prefix.ttl", "undeclared-prefix", "undeclared-prefix.ttl:5"),
    ],
)
def test_syntax_gate_names_file_and_line(ontology_dir, bad, code, location):
    sources = load_ontology_dir(ontology_dir(bad))
    assert bad not in sources.files and "clean-ontology.ttl" in sources.files
    [finding] = sources.errors
    assert finding.code == code and finding.severity == "error"
    assert finding.location.endswith(location)
    assert location in finding.message


def test_undeclared_prefix_message_names_the_prefix(ontology_dir):
    [finding] = load_ontology_dir(ontology_dir("undeclared-prefix.ttl")).errors
    assert "nope:" in finding.message


def test_missing_ontology_dir_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="not found"):
        load_ontology_dir(tmp_path / "nowhere")


def test_terms_gate_flags_undeclared_terms_in_the_ontology(fixture_graph):
    findings, _ = check_terms(fixture_graph("clean-ontology.ttl", "undeclared-terms.ttl"))
    by_term = {f.term.rsplit("/", 1)[1]: f for f in findings}
    assert by_term["MissingClass"].code == "undeclared-class"
    assert by_term["missingProperty"].code == "undeclared-property"
    assert "b2b:MissingClass" in by_term["MissingClass"].message


def test_terms_gate_flags_undeclared_terms_in_the_data(fixture_graph):
    onto = fixture_graph("clean-ontology.ttl")
    findings, _ = check_terms(onto, fixture_graph("undeclared-data.ttl"))
    assert {(f.term.rsplit("/", 1)[1], f.code) for f in findings} == {
        ("Ghost", "undeclared-class"),
        ("haunts", "undeclared-property"),
    }
    assert all("in the data" in f.message for f in findings)


def test_terms_gate_flags_kind_mismatch_and_shape_targets(fixture_graph):
    onto = fixture_graph("clean-ontology.ttl")
    data = Graph().parse(
        data="@prefix b2b: <https://w3id.org/b2bkg/def/> .\n<https://w3id.org/b2bkg/id/x> a b2b:participatesIn .\n",
        format="turtle",
    )
    shapes = Graph().parse(
        data="@prefix b2b: <https://w3id.org/b2bkg/def/> .\n"
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "b2b:S a sh:NodeShape ; sh:targetClass b2b:Nowhere .\n",
        format="turtle",
    )
    found = {(f.term.rsplit("/", 1)[1], f.code) for f in check_terms(onto, data, shapes)[0]}
    assert found == {("participatesIn", "not-a-class"), ("Nowhere", "undeclared-class")}


def test_terms_gate_is_quiet_on_clean_fixture(fixture_graph):
    findings, stats = check_terms(
        fixture_graph("clean-ontology.ttl"),
        fixture_graph("clean-data.ttl"),
        fixture_graph("clean-shapes.ttl"),
    )
    assert findings == []
    assert stats["declared_classes"] == 5


def test_shacl_gate_reports_focus_path_and_message(fixture_graph):
    findings, stats = check_shapes(
        fixture_graph("shacl-violation-data.ttl"),
        fixture_graph("clean-shapes.ttl"),
        fixture_graph("clean-ontology.ttl"),
    )
    messages = {(f.term.rsplit("id/", 1)[1], f.path, f.severity) for f in findings}
    assert ("stage/unordered", "b2b:stageOrder", "error") in messages
    assert ("actor/nameless", "rdfs:label", "error") in messages
    assert stats["violations"] == 2
    texts = " | ".join(f.message for f in findings)
    assert "a stage has exactly one integer stageOrder" in texts
    assert "an actor needs a label" in texts


def test_shacl_warning_counts_separately_without_inference(fixture_graph):
    findings, stats = check_shapes(
        fixture_graph("shacl-violation-data.ttl"),
        fixture_graph("clean-shapes.ttl"),
        fixture_graph("clean-ontology.ttl"),
        inference="none",
    )
    assert stats["warnings"] == 1
    [warning] = [f for f in findings if f.severity == "warning"]
    assert warning.path == "b2b:participatesIn" and "not-a-platform" in warning.message


def test_shacl_gate_is_quiet_on_clean_fixture(fixture_graph):
    findings, stats = check_shapes(
        fixture_graph("clean-data.ttl"),
        fixture_graph("clean-shapes.ttl"),
        fixture_graph("clean-ontology.ttl"),
    )
    assert findings == [] and stats["violations"] == 0


EXPECTED_PITFALLS = [
    ("missing-label-zh", "Lonely"),
    ("missing-definition", "Lonely"),
    ("missing-definition-zh", "Lonely"),
    ("missing-label-en", "Root"),
    ("duplicate-label", "Leaf"),
    ("subclass-cycle", "Chicken"),
    ("missing-domain", "vague"),
    ("missing-range", "vague"),
    ("inverse-mismatch", "grows"),
    ("orphan-class", "Lonely"),
    ("unused-term", "Lonely"),
]


def test_every_pitfall_has_a_fixture():
    assert {code for code, _term in EXPECTED_PITFALLS} == set(PITFALLS)


@pytest.mark.parametrize(("code", "term"), EXPECTED_PITFALLS)
def test_pitfall_fires(fixture_graph, code, term):
    findings, stats = check_pitfalls(fixture_graph("pitfalls.ttl"))
    hits = [f for f in findings if f.code == code]
    assert term in {f.term.rsplit("/", 1)[1] for f in hits}
    assert all(f.severity == PITFALLS[code][0] for f in hits)
    assert stats[code] == len(hits)


def test_pitfall_messages_name_the_terms(fixture_graph):
    findings, _ = check_pitfalls(fixture_graph("pitfalls.ttl"))
    by_code = {f.code: f.message for f in findings}
    assert "b2b:Leaf" in by_code["duplicate-label"] and "b2b:Twig" in by_code["duplicate-label"]
    assert "b2b:Chicken" in by_code["subclass-cycle"] and "b2b:Egg" in by_code["subclass-cycle"]
    assert "b2b:Leaf" in by_code["inverse-mismatch"] and "b2b:Twig" in by_code["inverse-mismatch"]


def test_pitfalls_quiet_on_clean_fixture(fixture_graph):
    findings, _ = check_pitfalls(fixture_graph("clean-ontology.ttl"), fixture_graph("clean-data.ttl"))
    assert findings == []


def test_unused_term_is_used_once_data_refers_to_it(fixture_graph):
    alone, _ = check_pitfalls(fixture_graph("clean-ontology.ttl"))
    unused = {f.term.rsplit("/", 1)[1] for f in alone if f.code == "unused-term"}
    assert "SME" in unused
    with_data, _ = check_pitfalls(fixture_graph("clean-ontology.ttl"), fixture_graph("clean-data.ttl"))
    assert "unused-term" not in codes(with_data)


@pytest.mark.parametrize(
    ("extra", "data", "gate", "code"),
    [
        (["undeclared-terms.ttl"], ["clean-data.ttl"], "terms", "undeclared-class"),
        ([], ["clean-data.ttl", "undeclared-data.ttl"], "terms", "undeclared-property"),
        ([], ["clean-data.ttl", "inconsistent-data.ttl"], "reasoner", "inconsistent-disjoint"),
        (["unsatisfiable.ttl"], ["clean-data.ttl"], "reasoner", "unsatisfiable-class"),
        ([], ["clean-data.ttl", "shacl-violation-data.ttl"], "shacl", "MinCountConstraintComponent"),
        (["bad-syntax.ttl"], ["clean-data.ttl"], "syntax", "parse-error"),
    ],
)
@pytest.mark.reasoner
def test_validate_fails_on_each_broken_fixture(ontology_dir, data_file, extra, data, gate, code):
    report = validate(ontology_dir(*extra), data_file(*data), run_owlapi=False)
    assert not report.conforms
    assert code in codes(report.gate(gate).findings)
    assert report.to_dict()["errors"] == report.errors > 0


@pytest.mark.reasoner
def test_validate_takes_graphs_too(fixture_graph):
    report = validate(
        fixture_graph("clean-ontology.ttl"),
        fixture_graph("clean-data.ttl"),
        shapes=fixture_graph("clean-shapes.ttl"),
    )
    assert report.conforms
    assert report.gate("shacl").ran
