"""The backend matrix: the same service, named-query and analytics tests over every store.

``BACKENDS`` are ``memory``, ``oxigraph`` (a directory under the session's temp dir) and
``remote`` (a Virtuoso started here on 127.0.0.1 with free ports, loaded with ``push_dataset``
through its Graph Store endpoint, stopped at the end). The remote cases carry the
``virtuoso`` marker; without ``virtuoso-t`` they are skipped saying why, or failed in CI
(``make setup`` installs it).
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import waitress

from b2bkg.store import push_dataset
from b2bkg.web import create_app
from support.requires import require
from support.virtuoso import VirtuosoServer, start_virtuoso

BACKENDS = ("memory", "oxigraph", "remote")
TESTS = Path(__file__).resolve().parents[1]


def load_module(path: Path, name: str):
    """A test module of another directory, loaded under a name of its own."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


service = load_module(TESTS / "service" / "conftest.py", "b2bkg_matrix_service_conftest")
listener = service.listener  # the recording loopback listener of the service tests
fixture_dataset = service.fixture_dataset
fixture_queries = service.fixture_queries


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory) -> Iterator[Callable[[str, Path], VirtuosoServer]]:
    """``virtuoso(name, dataset)``: a running Virtuoso holding ``dataset`` (one server per name,
    since every dataset uses the same four graph IRIs)."""
    require("virtuoso")  # skipped outside CI when missing, failed in CI
    servers: dict[str, VirtuosoServer] = {}

    def get(name: str, dataset: Path) -> VirtuosoServer:
        if name not in servers:
            server = start_virtuoso(tmp_path_factory.mktemp(f"virtuoso-{name}"), buffers=20_000)
            servers[name] = server
            push_dataset(dataset, server.gsp_url, user=server.user, password=server.password)
        return servers[name]

    yield get
    for server in servers.values():
        server.stop()


def store_settings(backend: str, dataset: Path, name: str, tmp_path_factory, virtuoso) -> dict:
    """The settings that select ``backend`` for ``dataset`` (one line of configuration each)."""
    if backend == "oxigraph":
        return {"store": "oxigraph", "store_path": str(tmp_path_factory.mktemp(f"oxigraph-{name}"))}
    if backend == "remote":
        return {"store": "remote", "endpoint": virtuoso(name, dataset).sparql_url}
    return {"store": "memory"}


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def live(backend, tmp_path_factory, request) -> Iterator[service.LiveServer]:
    """The service tests' live server, on ``backend``."""
    virtuoso_get = request.getfixturevalue("virtuoso") if backend == "remote" else None
    settings = {**service.SETTINGS,
                **store_settings(backend, service.DATASET, "fixture", tmp_path_factory, virtuoso_get)}
    app = create_app(settings)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.effective_port}"
    service.wait_ready(url)
    yield service.LiveServer(url, app)
    server.close()
    thread.join(10)
    app.extensions["b2bkg"].close()


@pytest.fixture(scope="session")
def client(live):
    return live.app.test_client()


@pytest.fixture(scope="session")
def settings_for(tmp_path_factory, request) -> Callable[[str, Path, str], dict]:
    """``settings_for(backend, dataset, name)``: store settings holding ``dataset``."""

    def make(backend: str, dataset: Path, name: str) -> dict:
        virtuoso_get = request.getfixturevalue("virtuoso") if backend == "remote" else None
        return store_settings(backend, dataset, name, tmp_path_factory, virtuoso_get)

    return make
