"""``b2bkg validate`` through click's CliRunner: exit codes and a report that names problems."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from b2bkg.cli import cli


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner, ontology, *args):
    return runner.invoke(cli, ["validate", "--ontology-dir", str(ontology), *map(str, args)])


@pytest.mark.reasoner
def test_clean_fixture_exits_0(runner, ontology_dir, data_file):
    result = run(runner, ontology_dir(), "--data", data_file("clean-data.ttl"))
    assert result.exit_code == 0, result.output
    assert "PASSED: 0 error(s), 0 warning(s)" in result.output
    for gate in ("syntax", "terms", "reasoner", "shacl", "pitfalls", "profile"):
        assert f"] {gate}:" in result.output


@pytest.mark.reasoner
def test_inconsistent_fixture_exits_1_and_names_the_clash(runner, ontology_dir, data_file):
    data = data_file("clean-data.ttl", "inconsistent-data.ttl")
    result = run(runner, ontology_dir(), "--data", data)
    assert result.exit_code == 1, result.output
    assert "reasoner: OWL reasoner (HermiT): consistency and satisfiability — FAILED" in (result.output)
    line = next(li for li in result.output.splitlines() if "inconsistent-disjoint" in li)
    assert "kg:actor/hybrid" in line and "b2b:Actor" in line and "b2b:Platform" in line


@pytest.mark.parametrize(
    ("extra", "data", "named"),
    [
        (["undeclared-prefix.ttl"], [], 'undeclared-prefix.ttl:5: Prefix "nope:" not bound'),
        (["undeclared-terms.ttl"], [], "b2b:MissingClass is used as a class"),
        ([], ["undeclared-data.ttl"], "b2b:haunts is used as a property in the data"),
        ([], ["shacl-violation-data.ttl"], "kg:stage/unordered b2b:stageOrder"),
        (["unsatisfiable.ttl"], [], "PlatformActor is unsatisfiable"),
    ],
)
@pytest.mark.reasoner
def test_broken_fixture_exits_1_and_report_names_problem(runner, ontology_dir, data_file, extra, data, named):
    result = run(runner, ontology_dir(*extra), "--data", data_file("clean-data.ttl", *data))
    assert result.exit_code == 1, result.output
    assert named in result.output
    assert "FAILED:" in result.output


@pytest.mark.reasoner
def test_json_format(runner, ontology_dir, data_file):
    data = data_file("clean-data.ttl", "functional-data.ttl")
    result = run(runner, ontology_dir(), "--data", data, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["conforms"] is False
    reasoner = next(g for g in report["gates"] if g["name"] == "reasoner")
    assert reasoner["stats"]["consistent"] is False
    assert "kg:stage/twice" in reasoner["findings"][0]["message"]


def test_missing_ontology_dir_exits_2(runner, tmp_path):
    result = run(runner, tmp_path / "absent", "--no-data")
    assert result.exit_code == 2
    assert "ontology directory not found" in result.output


def test_unreadable_data_exits_2(runner, ontology_dir, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = run(runner, ontology_dir(), "--data", bad)
    assert result.exit_code == 2
    assert "cannot parse data file" in result.output


def test_no_data_checks_the_ontology_alone(runner, ontology_dir):
    result = run(runner, ontology_dir(), "--no-data", "--no-reasoner")
    assert result.exit_code == 0, result.output
    assert "data: none" in result.output
    assert "unused-term" in result.output  # warnings are shown but do not fail
