"""Run the app on waitress in a background thread: for notebooks, benchmarks and tests.

>>> from b2bkg.web import create_app                                  # doctest: +SKIP
>>> with background_server(create_app()) as url:                     # doctest: +SKIP
...     requests.get(url + "/healthz").json()["status"]
'ready'
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import waitress
from flask import Flask
from waitress.channel import HTTPChannel

__all__ = ["background_server", "wait_ready", "waitress_options", "make_server"]


class _GuardedChannel(HTTPChannel):
    """waitress's channel, remembering when the request it is reading began (a client that
    sends one byte every few seconds is never idle, so the idle timeout alone cannot end it)."""

    request_started = 0.0

    def received(self, data):  # noqa: ANN001, ANN201 - waitress's signature
        if self.request is None:
            self.request_started = time.time()
        return super().received(data)


def make_server(app: Flask, host: str, port: int, settings: Mapping[str, Any] | None = None, **options: Any):
    """A waitress server for ``app`` with the limits of ``settings`` (``waitress_options``), that
    also closes a connection still sending one request after ``request_timeout`` seconds."""
    kw = waitress_options(settings or {})
    kw.update(options)
    request_timeout = float((settings or {}).get("request_timeout", 20))
    if "sockets" not in kw:  # given sockets (already listening) stand for host and port
        kw.update(host=host, port=port)
    server = waitress.create_server(app, **kw)
    server.channel_class = _GuardedChannel
    idle_maintenance = server.maintenance

    def maintenance(now: float) -> None:
        idle_maintenance(now)
        cutoff = now - request_timeout
        for channel in list(server.active_channels.values()):
            req = getattr(channel, "request", None)
            if req is not None and not req.completed and getattr(channel, "request_started", now) < cutoff:
                channel.will_close = True

    server.maintenance = maintenance
    return server


def waitress_options(settings: Mapping[str, Any]) -> dict[str, Any]:
    """waitress's connection limits and timeouts from the service settings: at most
    ``connection_limit`` open connections; an idle (or trickling) connection is closed after
    ``channel_timeout`` s; a request body over ``max_request_body`` bytes is refused (413)."""
    return {
        "threads": int(settings.get("threads", 16)),
        "connection_limit": int(settings.get("connection_limit", 1000)),
        "channel_timeout": int(settings.get("channel_timeout", 30)),
        "cleanup_interval": max(1, min(10, int(settings.get("channel_timeout", 30)) // 3)),
        "max_request_body_size": int(settings.get("max_request_body", 1_048_576)),
        "max_request_header_size": 65_536,
        "backlog": 1024,
        "asyncore_use_poll": True,  # select() cannot watch more than 1024 sockets
    }


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
def background_server(app: Flask, host: str = "127.0.0.1", port: int = 0, threads: int = 8,
                      **options: Any) -> Iterator[str]:
    """Serve ``app`` with waitress on ``host``:``port`` (0: a free port) in a daemon thread;
    yields the base URL once /healthz answers, and stops the server on exit. Re-raises, on exit,
    any error the server loop died of. ``options``: more waitress settings
    (``settings=``: the service settings, as ``b2bkg serve`` uses them)."""
    settings = dict(options.pop("settings", None) or {})
    settings.setdefault("threads", threads)
    server = make_server(app, host, port, settings, **options)
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
