"""A real server on an ephemeral loopback port, serving the fixture dataset, plus helpers."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from b2bkg.web import create_app
from b2bkg.web.server import background_server, wait_ready  # noqa: F401 - wait_ready used by tests/stores

FIXTURES = Path(__file__).parent / "fixtures"
DATASET = FIXTURES / "dataset.nq"
QUERIES = FIXTURES / "queries"

# Small limits so the tests can reach them with the fixture dataset (29 quads).
SETTINGS = {
    "dataset": str(DATASET),
    "queries_dir": str(QUERIES),
    "workers": 2,
    "timeout": 2.0,
    "max_rows": 20,
    "max_query_length": 2000,
    "threads": 8,
}


@dataclass
class LiveServer:
    url: str
    app: object

    def get(self, path: str, **kw) -> requests.Response:
        return requests.get(self.url + path, timeout=30, **kw)

    def post(self, path: str, **kw) -> requests.Response:
        return requests.post(self.url + path, timeout=30, **kw)


@pytest.fixture(scope="session")
def live() -> Iterator[LiveServer]:
    app = create_app(SETTINGS)
    with background_server(app) as url:
        yield LiveServer(url, app)
    app.extensions["b2bkg"].close()


@pytest.fixture(scope="session")
def client(live):
    return live.app.test_client()


@dataclass
class Listener:
    """A TCP listener on 127.0.0.1 that records every connection it receives."""

    port: int
    connections: list

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def listener() -> Iterator[Listener]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.settimeout(0.2)
    stop = threading.Event()
    seen: list = []

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, addr = sock.accept()
            except (TimeoutError, OSError):
                continue
            seen.append(addr)
            conn.close()

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield Listener(sock.getsockname()[1], seen)
    stop.set()
    t.join()
    sock.close()


@pytest.fixture(scope="session")
def fixture_dataset() -> Path:
    return DATASET


@pytest.fixture(scope="session")
def fixture_queries() -> Path:
    return QUERIES
