"""`b2bkg analyze …`, `b2bkg export-graph` and `b2bkg export-references` through click's runner,
and one error through the real entry point (exit code 2, one readable line, no traceback)."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import networkx as nx
import rispy
from click.testing import CliRunner

from b2bkg.analytics.operations import OPERATIONS
from b2bkg.cli import cli

KG = "https://w3id.org/b2bkg/id/"


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_every_analysis_is_a_subcommand():
    out = invoke("analyze", "--help").stdout
    for name in OPERATIONS:
        assert name in out


def test_analyze_centrality_json_and_table(mini_path):
    r = invoke("analyze", "centrality", "--dataset", str(mini_path), "--measure", "in_degree", "--top", "1",
               "--class", "Mechanism")
    body = json.loads(r.stdout)
    assert r.exit_code == 0 and body["result"]["results"][0]["iri"] == KG + "mechanism/credit-enhancement"
    table = invoke("analyze", "centrality", "--dataset", str(mini_path), "--top", "2", "--table").stdout
    assert table.splitlines()[0].startswith("rank  pagerank") and len(table.splitlines()) == 3


def test_analyze_path_and_cocitation(mini_path):
    r = invoke("analyze", "path", "--dataset", str(mini_path), "--source", KG + "theory/transaction-cost",
               "--target", KG + "actor/sme")
    assert json.loads(r.stdout)["result"]["length"] == 2
    table = invoke("analyze", "cocitation", "--dataset", str(mini_path), "--level", "sentence", "--table").stdout
    assert "[ 3]-[ 4]" in table and "[ 3]-[ 5]" not in table


def test_export_graph_to_file_and_stdout(mini_path, tmp_path):
    out = tmp_path / "g.gexf"
    r = invoke("export-graph", "--dataset", str(mini_path), "--format", "gexf", "--view", "theory-mechanism",
               "-o", str(out))
    assert r.exit_code == 0
    G = nx.read_gexf(out)
    assert G.has_edge(KG + "theory/transaction-cost", KG + "mechanism/cost-reduction")
    r = invoke("export-graph", "--dataset", str(mini_path), "--format", "graphml", "--graphs", "inferred")
    R = nx.read_graphml(io.StringIO(r.stdout))
    assert R.has_edge(KG + "mechanism/cost-reduction", KG + "tool/big-data-matching")


def test_export_references_ris(mini_path):
    r = invoke("export-references", "--dataset", str(mini_path), "--format", "ris")
    assert r.stdout.startswith("TY  - ")
    assert len(rispy.loads(r.stdout)) == 5


def test_bad_measure_exits_2_with_the_allowed_values(mini_path):
    p = subprocess.run(
        [sys.executable, "-c", "from b2bkg.cli import main; main()", "analyze", "centrality",
         "--dataset", str(mini_path), "--measure", "katz"],
        capture_output=True, text=True, timeout=120,
    )
    assert p.returncode == 2
    assert "measure" in p.stderr and "pagerank" in p.stderr and "Traceback" not in p.stderr
