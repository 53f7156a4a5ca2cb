"""The OWL API's OWL 2 DL profile checker agrees: the merged ontology is in the profile, and the
not-DL fixture is not (Debian's libowlapi-java; tools/system-deps.sh test installs it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from b2bkg.cli import cli
from b2bkg.quality import owlapi, validate
from support.requires import require

pytestmark = pytest.mark.reasoner


@pytest.fixture(autouse=True)
def _owlapi() -> None:
    require("owlapi")  # skips with the reason outside CI, fails in CI (no skip for a missing part)


def test_owlapi_finds_the_merged_ontology_owl2_dl(tmp_path: Path) -> None:
    out = tmp_path / "b2bkg.owl"
    result = CliRunner().invoke(cli, ["export", "--ontology", "--format", "xml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = owlapi.check_dl_profile(out)
    assert report.in_profile and report.violations == []


def test_owlapi_rejects_the_not_dl_fixture(fixture_path) -> None:
    report = owlapi.check_dl_profile(fixture_path("not-dl.ttl"))
    assert not report.in_profile
    kinds = {kind for kind, _ in report.violations}
    assert "UseOfReservedVocabularyForClassIRI" in kinds and "UseOfUndeclaredDatatype" in kinds
    text = " ".join(message for _, message in report.violations)
    assert "rdf:Statement" in text and "xsd:gYear" in text


def test_validate_runs_the_owlapi_gate_on_the_project_ontology() -> None:
    result = CliRunner().invoke(cli, ["validate", "--no-data", "--no-reasoner", "--format", "json"])
    assert result.exit_code == 0, result.output
    gate = next(g for g in json.loads(result.output)["gates"] if g["name"] == "owlapi")
    assert gate["ran"] and gate["stats"] == {"in_profile": True, "violations": 0}


def test_validate_fails_the_owlapi_gate_on_the_not_dl_fixture(fixture_path) -> None:
    ontology = Graph().parse(fixture_path("not-dl.ttl"))
    report = validate(ontology, run_reasoner=False)
    gate = report.gate("owlapi")
    assert gate.ran and not gate.stats["in_profile"] and gate.errors == gate.stats["violations"] > 0
    assert {"UseOfReservedVocabularyForClassIRI", "UseOfUndeclaredDatatype"} <= {f.code for f in gate.findings}
    assert not report.conforms


def test_no_owlapi_skips_the_gate() -> None:
    result = CliRunner().invoke(cli, ["validate", "--no-data", "--no-reasoner", "--no-owlapi"])
    assert result.exit_code == 0, result.output
    assert "owlapi: " in result.output and "OWL API check skipped (--no-owlapi)" in result.output
