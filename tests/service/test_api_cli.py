"""The Python API (``KnowledgeGraph``) and the ``b2bkg query`` command."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading

import pytest
import requests
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from b2bkg import KnowledgeGraph
from b2bkg.cli import cli
from b2bkg.errors import BadRequest, Forbidden

MECH = "SELECT ?m WHERE { ?m a b2b:Mechanism } ORDER BY ?m"


@pytest.fixture(scope="module")
def kg(fixture_dataset, fixture_queries):
    with KnowledgeGraph(fixture_dataset, queries_dir=fixture_queries) as kg:
        yield kg


def test_select(kg):
    table = kg.query(MECH)
    assert table.variables == ("m",)
    assert [r[0] for r in table] == [URIRef("https://w3id.org/b2bkg/id/mechanism/cost-reduction"),
                                     URIRef("https://w3id.org/b2bkg/id/mechanism/credit-enhancement")]


def test_records_and_named_query(kg):
    rows = kg.query("mechanisms", lang="en").records()
    assert rows[0] == {"mechanism": "https://w3id.org/b2bkg/id/mechanism/cost-reduction",
                       "label": "Cost reduction mechanism", "lang": "en"}
    assert kg.query("graph-sizes").rows[0][1] == Literal(14)


def test_ask_construct_and_refusals(kg):
    assert kg.query("ASK { ?s ?p ?o }").boolean is True
    g = kg.query("CONSTRUCT WHERE { ?m a b2b:Mechanism }")
    assert isinstance(g, Graph) and len(g) == 2
    with pytest.raises(Forbidden):
        kg.query("SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
    with pytest.raises(BadRequest, match="line 1"):
        kg.query("SELECT * {")
    assert kg.triple_count == 29 and "29 triples" in repr(kg)


def _run(args):
    return CliRunner().invoke(cli, ["query", *args], catch_exceptions=False)


def test_cli_table_csv_json(fixture_dataset, fixture_queries):
    r = _run(["--dataset", str(fixture_dataset), MECH])
    assert r.exit_code == 0
    assert r.output.splitlines()[2:] == ["kg:mechanism/cost-reduction",
                                         "kg:mechanism/credit-enhancement", "(2 rows)"]
    r = _run(["--dataset", str(fixture_dataset), "--format", "csv", MECH])
    assert r.output.splitlines()[0] == "m"
    r = _run(["--dataset", str(fixture_dataset), "--format", "json", MECH])
    assert len(json.loads(r.output)["results"]["bindings"]) == 2


def test_cli_query_file_and_named(fixture_dataset, fixture_queries):
    path = fixture_queries / "mechanisms.rq"
    r = _run(["--dataset", str(fixture_dataset), str(path), "-p", "lang=zh"])
    assert r.exit_code == 0 and "信用增进机制" in r.output
    r = _run(["--dataset", str(fixture_dataset), "--queries-dir", str(fixture_queries),
              "tools-enabling-mechanism"])
    assert "kg:tool/blockchain-traceability" in r.output


def test_cli_error_is_a_message(fixture_dataset):
    p = subprocess.run([sys.executable, "-c", "from b2bkg.cli import main; main()", "query",
                        "--dataset", str(fixture_dataset), "SELECT * {"],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and p.stderr.startswith("error: malformed SPARQL query: line 1")
    assert "Traceback" not in p.stderr


def test_serve_command_runs_a_server(fixture_dataset, fixture_queries):
    """`b2bkg serve` as a user runs it: a subprocess on a free loopback port, polled until ready."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", "from b2bkg.cli import main; main()", "serve", "--port", str(port),
         "--dataset", str(fixture_dataset), "--queries-dir", str(fixture_queries),
         "--workers", "1", "--timeout", "3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(1000):
            try:
                health = requests.get(url + "/healthz", timeout=5)
                break
            except requests.ConnectionError:
                assert proc.poll() is None, proc.stderr.read().decode()
                threading.Event().wait(0.02)
        assert health.json()["triples"] == 29 and health.json()["workers"] == 1
        r = requests.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
        assert r.json()["boolean"] is True
    finally:
        proc.terminate()
        proc.wait(20)
        proc.stdout.close()
        proc.stderr.close()
