"""The service's own tests (tests/service/), run unchanged on every backend.

Every test of those modules that uses the ``live`` server is collected here too; ``live`` is
parametrised by backend in this directory's conftest, so each runs on memory, oxigraph and
remote (``test_x[remote]``). The timeout test is backend-specific (a worker pool restarts its
worker, a remote server stops its own query) and is written for the matrix below.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
import threading
from pathlib import Path

import pytest

SERVICE = Path(__file__).resolve().parents[1] / "service"
MODULES = ("test_protocol", "test_safety", "test_named_queries", "test_linked_data", "test_contracts",
           "test_clients")


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _collect() -> dict:
    found = {}
    for name in MODULES:
        module = load_module(SERVICE / f"{name}.py", f"b2bkg_matrix_{name}")
        for attr, value in vars(module).items():
            if attr.startswith("test_") and callable(value) and "live" in inspect.signature(value).parameters:
                found[f"{attr}__{name.removeprefix('test_')}"] = value
    return found


globals().update(_collect())

CARTESIAN = (
    "SELECT (COUNT(*) AS ?n) WHERE "
    "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"
)
SIMPLE = "ASK { ?s a b2b:Mechanism }"


@pytest.mark.slow  # waits for the timeout on every store (tests/service runs it once, fast)
def test_timeout_fires_while_another_request_succeeds(live, backend):
    slow: dict = {}
    t = threading.Thread(target=lambda: slow.setdefault("r", live.get("/sparql", params={"query": CARTESIAN})))
    t.start()
    fast = live.get("/sparql", params={"query": SIMPLE})
    t.join()
    assert fast.status_code == 200 and fast.json()["boolean"] is True
    r = slow["r"]
    assert r.status_code == 503, r.text
    assert "2 s limit" in r.json()["error"] and r.headers["Retry-After"]
    assert live.get("/sparql", params={"query": SIMPLE}).status_code == 200
