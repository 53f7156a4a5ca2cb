"""Run the app on waitress in a background thread: for notebooks, benchmarks and tests.

>>> from b2bkg.web import create_app                                  # doctest: +SKIP
>>> with background_server(create_app()) as url:                     # doctest: +SKIP
...     requests.get(url + "/healthz").json()["status"]
'ready'
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import waitress
from flask import Flask

__all__ = ["background_server", "wait_ready"]


def wait_ready(url: str, attempts: int = 500) -> None:
    """Poll ``url``/healthz until it answers 200 (bounded by attempts, never a fixed sleep)."""
    last: Exception | None = None
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError) as exc:
            last = exc
            threading.Event().wait(0.01)
    raise RuntimeError(f"server at {url} never became ready: {last}")


@contextmanager
def background_server(app: Flask, host: str = "127.0.0.1", port: int = 0, threads: int = 8) -> Iterator[str]:
    """Serve ``app`` with waitress on ``host``:``port`` (0: a free port) in a daemon thread;
    yields the base URL once /healthz answers, and stops the server on exit. Re-raises, on exit,
    any error the server loop died of."""
    server = waitress.create_server(app, host=host, port=port, threads=threads)
    stopping = threading.Event()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            server.run()
        except BaseException as exc:  # noqa: BLE001 - closing the sockets ends the loop
            if not stopping.is_set():
                failures.append(exc)

    thread = threading.Thread(target=run, daemon=True, name="b2bkg-waitress")
    thread.start()
    url = f"http://{host}:{server.effective_port}"
    try:
        wait_ready(url)
        yield url
    finally:
        stopping.set()
        server.close()
        thread.join(10)
    if failures:
        raise RuntimeError(f"the server loop failed: {failures[0]!r}")
