"""Fixtures of the explorer's tests: the built dataset (copied, so a rebuild elsewhere cannot change
it under the tests), the app over it, its test client, and a real server on an ephemeral loopback
port for the browser tests."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import waitress

from b2bkg.web import create_app

ROOT = Path(__file__).resolve().parents[2]
CREDIT = "https://w3id.org/b2bkg/id/mechanism/credit-enhancement"


@pytest.fixture(scope="session")
def dataset(tmp_path_factory) -> Path:
    from b2bkg.build import ensure_dataset

    copy = tmp_path_factory.mktemp("web") / "dataset.nq"
    shutil.copyfile(ensure_dataset(), copy)
    return copy


@pytest.fixture(scope="session")
def app(dataset):
    app = create_app({"dataset": str(dataset), "queries_dir": str(ROOT / "queries"), "workers": 2})
    yield app
    app.extensions["b2bkg"].close()


@pytest.fixture(scope="session")
def client(app):
    return app.test_client()


@dataclass
class LiveServer:
    url: str


def _wait_ready(url: str) -> None:
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
def live(app) -> Iterator[LiveServer]:
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
    _wait_ready(url)
    yield LiveServer(url)
    stopping.set()
    server.close()
    thread.join(10)
    assert not failures, failures
