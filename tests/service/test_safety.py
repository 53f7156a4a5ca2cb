"""Read-only and offline: Update, LOAD and SERVICE are refused before evaluation, and the
server never opens a connection, whatever the query says. A loopback listener stands in for
the remote address and records every connection it receives."""

from __future__ import annotations

from functools import partial

import pytest

from b2bkg.errors import BadRequest
from b2bkg.store import MemoryStore, QueryRequest, WorkerPoolStore
from support.requires import require_that


def _refused(resp, word: str) -> None:
    assert resp.status_code == 403, resp.text
    body = resp.json()
    assert body == {"ok": False, "error": body["error"], "status": 403}
    assert word in body["error"]


def remote_queries(url: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"select * where {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"PREFIX : <{url}/> SELECT * WHERE {{ SERVICE:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    ]


def test_service_refused_and_no_connection(live, listener):
    for q in remote_queries(listener.url):
        _refused(live.get("/sparql", params={"query": q}), "SERVICE")
        _refused(live.post("/sparql", data={"query": q}), "SERVICE")
    assert listener.connections == []


@pytest.mark.parametrize("how", ["get-query", "get-update", "form-update", "sparql-update"])
def test_load_refused_and_no_connection(live, listener, how):
    update = f"LOAD <{listener.url}/data.ttl>"
    if how == "get-query":
        r = live.get("/sparql", params={"query": update})
    elif how == "get-update":
        r = live.get("/sparql", params={"update": update})
    elif how == "form-update":
        r = live.post("/sparql", data={"update": update})
    else:
        r = live.post("/sparql", data=update,
                      headers={"Content-Type": "application/sparql-update"})
    _refused(r, "read-only")
    assert listener.connections == []


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP GRAPH <https://w3id.org/b2bkg/graph/assertions>",
        "PREFIX ex: <http://e/> WITH <http://g> DELETE { ?s ex:p ?o } WHERE { ?s ex:p ?o }",
    ],
)
def test_updates_refused(live, update):
    _refused(live.get("/sparql", params={"query": update}), "read-only")
    _refused(live.post("/sparql", data={"update": update}), "read-only")
    count = live.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    assert count.json()["results"]["bindings"][0]["n"]["value"] == "29"


def test_from_a_remote_address_fetches_nothing(live, listener):
    q = f"SELECT * FROM <{listener.url}/data.ttl> FROM NAMED <{listener.url}/g> {{ ?s ?p ?o }}"
    r = live.get("/sparql", params={"query": q})
    assert r.status_code == 200 and r.json()["results"]["bindings"] == []
    assert listener.connections == []


def test_workers_have_no_network_even_if_a_service_slipped_through(listener, fixture_dataset):
    """Second line of defence: the store itself, asked directly (bypassing the protocol
    layer's refusal), cannot reach the listener from its worker processes."""
    pool = WorkerPoolStore(partial(MemoryStore, fixture_dataset), workers=1)
    try:
        if not pool.network_isolated:
            require_that(False, "network namespaces (this system does not allow them)")
        q = f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
        with pytest.raises(BadRequest):
            pool.query(QueryRequest(q), timeout=30)
    finally:
        pool.close()
    assert listener.connections == []
