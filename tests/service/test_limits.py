"""The timeout really stops a runaway query while other requests keep being served."""

from __future__ import annotations

import threading

# A cartesian product of six patterns: 29^6 combinations to count, far beyond the 2 s limit.
CARTESIAN = (
    "SELECT (COUNT(*) AS ?n) WHERE "
    "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"
)
SIMPLE = "ASK { ?s a b2b:Mechanism }"


def test_timeout_fires_while_another_request_succeeds(live):
    order: list[str] = []
    slow_response = {}

    def slow() -> None:
        slow_response["r"] = live.get("/sparql", params={"query": CARTESIAN})
        order.append("slow")

    t = threading.Thread(target=slow)
    t.start()
    fast = live.get("/sparql", params={"query": SIMPLE})
    order.append("fast")
    t.join()
    assert fast.status_code == 200 and fast.json()["boolean"] is True
    r = slow_response["r"]
    assert r.status_code == 503
    assert r.json()["status"] == 503 and "2 s limit" in r.json()["error"]
    assert r.headers["Retry-After"]
    assert order == ["fast", "slow"]  # served while the runaway query was still running
    # the runaway worker was killed (its CPU work stopped) and is replaced (restarted, or by the
    # stand-in forked when the query turned long)
    store = live.app.extensions["b2bkg"].store
    assert store.health()["timeouts"] >= 1
    done = threading.Event()
    for _ in range(1000):
        h = store.health()
        if h["live"] == store.size and h["starting"] == 0 and h["stand_ins"] == 0:
            break
        done.wait(0.01)
    assert h["live"] == store.size and h["stand_ins"] == 0
    assert live.get("/sparql", params={"query": SIMPLE}).status_code == 200
