"""A real server on an ephemeral loopback port, serving the fixture dataset, plus helpers."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import waitress

from b2bkg.web import create_app

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


def wait_ready(url: str) -> None:
    """Poll /healthz until the server answers (bounded by attempts, not by sleeping)."""
    last: Exception | None = None
    for _ in range(500):
        try:
            if requests.get(url + "/healthz", timeout=5).status_code == 200:
                return
        except requests.ConnectionError as exc:
            last = exc
            threading.Event().wait(0.01)
    raise RuntimeError(f"server at {url} never became ready: {last}")


@pytest.fixture(scope="session")
def live() -> Iterator[LiveServer]:
    app = create_app(SETTINGS)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=8)
    stopping = threading.Event()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            server.run()
        except BaseException as exc:  # noqa: BLE001 - closing the sockets ends the loop
            if not stopping.is_set():
                failures.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.effective_port}"
    wait_ready(url)
    yield LiveServer(url, app)
    stopping.set()
    server.close()
    thread.join(10)
    app.extensions["b2bkg"].close()
    assert not failures, failures


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
