"""Defect 4: 100 idle or trickling connections denied service (waitress's default connection
limit of 100; a connection sending a byte every few seconds is never idle). Now the limits are
settings with defaults that survive this, and a connection that takes longer than
``request_timeout`` to send one request is closed."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import requests

from support.hardening import ORDINARY, base_settings, eventually, serving

# fault injection against live servers: seconds each, so not in the fast core (`make test` runs them)
pytestmark = pytest.mark.slow


def _open(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    s = socket.create_connection((host, int(port)), timeout=10)
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # headers never finished
    return s


def _closed(s: socket.socket) -> bool:
    s.settimeout(0.01)
    try:
        return s.recv(1) == b""
    except (TimeoutError, BlockingIOError):
        return False
    except OSError:
        return True


def test_200_slow_connections_while_a_normal_client_is_answered():
    settings = base_settings(workers=1, request_timeout=4.0, channel_timeout=3)
    with serving(settings) as (url, _):
        slow = [_open(url) for _ in range(200)]
        stop = threading.Event()

        def trickle() -> None:  # one byte every second on every connection
            while not stop.is_set():
                for s in slow:
                    try:
                        s.sendall(b"X")
                    except OSError:
                        pass
                stop.wait(1.0)

        t = threading.Thread(target=trickle, daemon=True)
        t.start()
        try:
            latencies = []
            for _ in range(20):
                started = time.monotonic()
                r = requests.get(url + "/sparql", params={"query": ORDINARY}, timeout=10)
                assert r.status_code == 200
                latencies.append(time.monotonic() - started)
            print(f"\n200 trickling connections: normal client p50 {sorted(latencies)[10] * 1000:.1f} ms, "
                  f"max {max(latencies) * 1000:.1f} ms")
            assert max(latencies) < 3.0
            # the trickling connections are closed once request_timeout has passed
            eventually(lambda: sum(_closed(s) for s in slow) == len(slow), 30, "all slow connections closed")
        finally:
            stop.set()
            t.join(5)
            for s in slow:
                s.close()


def test_idle_connections_are_closed_after_channel_timeout():
    with serving(base_settings(workers=1, channel_timeout=2)) as (url, _):
        host, port = url.removeprefix("http://").split(":")
        idle = [socket.create_connection((host, int(port)), timeout=10) for _ in range(150)]
        try:
            assert requests.get(url + "/healthz", timeout=10).status_code == 200  # over the old limit of 100
            eventually(lambda: all(_closed(s) for s in idle), 30, "idle connections closed")
        finally:
            for s in idle:
                s.close()
