"""``b2bkg docs`` (pyLODE page plus bilingual index) and ``b2bkg export`` (every syntax)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from b2bkg.cli import cli
from b2bkg.quality.export import EXPORT_FORMATS, QUAD_FORMATS, export_dataset, union_graph
from b2bkg.quality.sources import load_data, quiet_rdflib
from b2bkg.vocab import GRAPH_INFERENCES, GRAPH_ONTOLOGY, paper_graph

GRAPH_ASSERTIONS = paper_graph("sample", "assertions")


def test_docs_command_writes_bilingual_html(ontology_dir, tmp_path):
    out = tmp_path / "docs"
    result = CliRunner().invoke(cli, ["docs", "--ontology-dir", str(ontology_dir()), "-o", str(out)])
    assert result.exit_code == 0, result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    pylode = (out / "ontology.html").read_text(encoding="utf-8")
    for page in (index, pylode):
        assert page.lstrip().lower().startswith("<!doctype html>")
        assert "Small and medium-sized enterprise" in page
        assert "中小企业" in page
    # the index has every term of ours with both labels and the hierarchy
    assert 'lang="zh">参与</td>' in index and 'lang="en">participates in</td>' in index
    assert "Class hierarchy" in index and "5 classes" in index
    # pyLODE shows a term's English and Chinese labels apart, English first (not "Platform平台")
    assert "Platform / 平台" in pylode
    assert "Platform平台" not in pylode and "平台Platform" not in pylode


def test_docs_command_refuses_unparsable_ontology(ontology_dir, tmp_path):
    result = CliRunner().invoke(
        cli, ["docs", "--ontology-dir", str(ontology_dir("bad-syntax.ttl")), "-o", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "does not parse" in result.output


@pytest.fixture
def dataset_file(tmp_path, fixture_graph):
    """A small dataset with named graphs, written as N-Quads like the build writes it."""
    ds = Dataset()
    with quiet_rdflib():
        for name, files in (
            (GRAPH_ONTOLOGY, ["clean-ontology.ttl"]),
            (GRAPH_ASSERTIONS, ["clean-data.ttl"]),
        ):
            graph = ds.graph(name)
            for triple in fixture_graph(*files):
                graph.add(triple)
        inferred = ds.graph(GRAPH_INFERENCES)
        from b2bkg.quality import inferred_triples

        for triple in inferred_triples(fixture_graph("clean-ontology.ttl", "clean-data.ttl")):
            inferred.add(triple)
    path = tmp_path / "dataset.nq"
    path.write_bytes(export_dataset(ds, "nquads"))
    return path


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.reasoner
def test_export_round_trips_every_format(dataset_file, tmp_path, fmt):
    original = load_data(dataset_file)
    with quiet_rdflib():
        quads = len(list(original.quads()))
    union = len(union_graph(original))
    assert quads >= union > 0

    out = tmp_path / f"export.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--dataset", str(dataset_file), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = Dataset()
    with quiet_rdflib():
        back.parse(out, format=fmt)
        if fmt in QUAD_FORMATS:
            assert len(list(back.quads())) == quads
            names = {g.identifier for g in back.graphs() if len(g)}
            assert {GRAPH_ONTOLOGY, GRAPH_ASSERTIONS, GRAPH_INFERENCES} <= names
        else:
            assert len(union_graph(back)) == union


@pytest.mark.reasoner
def test_export_to_stdout_is_sorted_and_deterministic(dataset_file):
    runner = CliRunner()
    first = runner.invoke(cli, ["export", "--dataset", str(dataset_file), "--format", "nt"])
    second = runner.invoke(cli, ["export", "--dataset", str(dataset_file), "--format", "nt"])
    assert first.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes
    lines = first.stdout_bytes.decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(union_graph(load_data(dataset_file)))
    assert Graph().parse(data=first.stdout_bytes.decode("utf-8"), format="nt")


def test_export_missing_dataset_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["export", "--dataset", str(tmp_path / "absent.nq")])
    assert result.exit_code == 2
    assert "not found" in result.output


UNION_DOMAIN = """
@prefix b2b: <https://w3id.org/b2bkg/def/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
b2b:faces rdfs:domain [ a owl:Class ; owl:unionOf ( b2b:Actor b2b:Platform ) ] .
"""


@pytest.mark.parametrize("fmt", ["nt", "nquads"])
def test_export_labels_blank_nodes_canonically(fmt):
    def fresh() -> Dataset:
        ds = Dataset()
        with quiet_rdflib():
            graph = ds.graph(GRAPH_ONTOLOGY)
            for triple in Graph().parse(data=UNION_DOMAIN, format="turtle"):
                graph.add(triple)
        return ds

    first, second = export_dataset(fresh(), fmt), export_dataset(fresh(), fmt)
    assert first == second
    assert b"_:" in first and len(first.splitlines()) == 7
