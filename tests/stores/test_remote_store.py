"""The ``remote`` backend's own guarantees, against a real Virtuoso on loopback: nothing unsafe
is ever sent, parameters travel as terms, loading and switching store by configuration."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from b2bkg.cli import cli
from b2bkg.errors import BadRequest, Forbidden, SourceError
from b2bkg.store import QueryRequest, RemoteStore, push_dataset
from b2bkg.store.remote import expand_escaped_names, inject_bindings, remote_keyword

IRI = ("iri", "https://w3id.org/b2bkg/id/mechanism/cost-reduction")


@pytest.fixture(scope="module")
def server(virtuoso, fixture_dataset):
    return virtuoso("fixture", fixture_dataset)


@pytest.fixture
def remote(server):
    return RemoteStore(server.sparql_url)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?m WHERE { ?m ?p ?o }", "SELECT ?m WHERE { VALUES ?m { <%s> } ?m ?p ?o }"),
        ('SELECT ?m { ?m ?p "{" } # {', 'SELECT ?m { VALUES ?m { <%s> } ?m ?p "{" } # {'),
        ("CONSTRUCT { ?m ?p ?o } WHERE { ?m ?p ?o }", "CONSTRUCT { ?m ?p ?o } WHERE { VALUES ?m { <%s> } ?m ?p ?o }"),
        ("PREFIX x: <http://x/> ASK { ?m x:p '''}''' }",
         "PREFIX x: <http://x/> ASK { VALUES ?m { <%s> } ?m x:p '''}''' }"),
    ],
)
def test_bindings_are_values_of_terms(query, expected):
    assert inject_bindings(query, [("m", IRI)]) == expected % IRI[1]


def test_escaped_prefixed_names_become_iris():
    q = 'PREFIX kg: <https://w3id.org/b2bkg/id/> DESCRIBE kg:mechanism\\/cost-reduction. # kg:a\\/b'
    assert expand_escaped_names(q, {}) == (
        "PREFIX kg: <https://w3id.org/b2bkg/id/> DESCRIBE <https://w3id.org/b2bkg/id/mechanism/cost-reduction>."
        " # kg:a\\/b")


@pytest.mark.parametrize(
    ("query", "word"),
    [("SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", "SERVICE"),
     ("SELECT * { \\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", "SERVICE"),
     ('SELECT * { ?s ?p "SERVICE <x> {}" }', None), ("SELECT * { ?s <http://e/SERVICE> ?o }", None)],
)
def test_remote_keyword(query, word):
    assert remote_keyword(query) == word


def test_unsafe_queries_never_leave_the_process(remote, listener):
    """Asked directly (behind the protocol layer's own refusal), the store still sends nothing."""
    sent = remote.requests_sent
    attempts = [
        (f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}", Forbidden),
        (f"LOAD <{listener.url}/data.ttl>", Forbidden),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", BadRequest),
        (f'DEFINE get:soft "replace" SELECT * FROM <{listener.url}/x> {{ ?s ?p ?o }}', BadRequest),
        ("SELECT * WHERE { ?s ?p }", BadRequest),
    ]
    for query, error in attempts:
        with pytest.raises(error):
            remote.query(QueryRequest(query), timeout=5)
    assert remote.requests_sent == sent
    assert listener.connections == []


def test_syntax_errors_match_the_local_backends(remote):
    with pytest.raises(BadRequest, match="line 2, column "):
        remote.query(QueryRequest("SELECT * WHERE {\n ?s ?p }"))


def test_graph_answers_are_sorted_and_identical_each_time(remote):
    q = QueryRequest("CONSTRUCT WHERE { ?s ?p ?o }", graph_format="ntriples")
    body = remote.query(q, timeout=10).body
    lines = body.decode().splitlines()
    assert len(lines) == 29 and remote.query(q, timeout=10).body == body


def test_load_command_pushes_and_reads_back(server, fixture_dataset):
    r = CliRunner().invoke(cli, ["load", "--dataset", str(fixture_dataset), "--store", "remote",
                                 "--endpoint", server.sparql_url, "--gsp", server.gsp_url,
                                 "--user", server.user, "--password", server.password])
    assert r.exit_code == 0, r.output
    assert "remote: loaded 29 triples" in r.output and "graph/assertions  14" in r.output


def test_wrong_password_and_unreachable_endpoint_are_clear_errors(server, fixture_dataset):
    with pytest.raises(SourceError, match="check --user and --password"):
        push_dataset(fixture_dataset, server.gsp_url, user="dba", password="wrong")
    with pytest.raises(Exception, match="cannot be reached"):
        RemoteStore("http://127.0.0.1:1/sparql")
    with pytest.raises(BadRequest, match="endpoint URL"):
        RemoteStore("file:///etc/passwd")


def test_query_command_on_each_store(server, fixture_dataset, fixture_queries, tmp_path):
    runner = CliRunner()
    q = "SELECT ?m WHERE { ?m a b2b:Mechanism } ORDER BY ?m"
    for args in (["--store", "remote", "--endpoint", server.sparql_url],
                 ["--dataset", str(fixture_dataset), "--store", "oxigraph", "--store-path", str(tmp_path)]):
        r = runner.invoke(cli, ["query", q, "--format", "csv", "--queries-dir", str(fixture_queries), *args])
        assert r.exit_code == 0, r.output
        assert r.output.splitlines()[1:] == [
            "https://w3id.org/b2bkg/id/mechanism/cost-reduction",
            "https://w3id.org/b2bkg/id/mechanism/credit-enhancement"]


def test_one_line_of_configuration_switches_store(fixture_dataset, tmp_path, monkeypatch):
    from b2bkg.settings import load_settings
    from b2bkg.store import OxigraphStore
    from b2bkg.web import create_app

    env = {"B2BKG_STORE": "oxigraph", "B2BKG_STORE_PATH": str(tmp_path / "ox")}
    settings = load_settings({"dataset": str(fixture_dataset), "workers": 1}, environ=env)
    app = create_app(settings)
    try:
        assert app.test_client().get("/healthz").json["triples"] == 29
        assert OxigraphStore(tmp_path / "ox", read_only=True).triple_count() == 29
    finally:
        app.extensions["b2bkg"].close()
