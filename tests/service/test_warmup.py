"""Readiness does not wait for the explorer's and analytics' warm-up (issue 15: 44 s of a 1M-triple
reopen was the warm-up), and ``/healthz`` tells the truth about it: which parts are computed,
which one is running, and what failed."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading

import requests

from b2bkg.warmup import Warmup
from b2bkg.web import create_app


def test_steps_run_once_in_order_and_report_their_progress():
    order: list[str] = []
    gate = threading.Event()
    w = Warmup([("a", lambda: order.append("a")), ("b", lambda: gate.wait(10) and order.append("b"))])
    assert w.status() == {"state": "pending", "running": None, "done": {}, "pending": ["a", "b"],
                          "seconds": None, "error": None}
    w.start()
    for _ in range(500):
        if w.status()["running"] == "b":
            break
        threading.Event().wait(0.01)
    status = w.status()
    assert status["state"] == "running" and status["running"] == "b" and list(status["done"]) == ["a"]
    gate.set()
    assert w.wait(10) and w.done
    w.run()  # never a second time
    assert order == ["a", "b"] and w.status()["state"] == "done" and w.status()["pending"] == []


def test_a_failing_step_is_reported_not_raised():
    def broken():
        raise ValueError("no such graph")

    w = Warmup([("index", broken), ("view", lambda: None)]).run()
    status = w.status()
    assert status["state"] == "failed" and status["error"] == "index: ValueError" and not w.done
    assert "view" not in status["done"]


def test_healthz_reports_the_warm_up(fixture_dataset, fixture_queries):
    app = create_app({"dataset": str(fixture_dataset), "queries_dir": str(fixture_queries), "workers": 1})
    try:
        client = app.test_client()
        before = client.get("/healthz").json
        assert before["status"] == "ready" and before["warm"]["state"] == "pending"
        app.extensions["b2bkg"].warmup.run()
        after = client.get("/healthz").json["warm"]
        assert after["state"] == "done" and set(after["done"]) == {"index", "view", "paper", "pagerank", "release"}
    finally:
        app.extensions["b2bkg"].close()


def test_serve_is_ready_before_the_warm_up_and_health_follows_it(fixture_dataset, fixture_queries):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", "from b2bkg.cli import main; main()", "serve", "--port", str(port),
         "--dataset", str(fixture_dataset), "--queries-dir", str(fixture_queries), "--workers", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        health = None
        for _ in range(1500):
            try:
                health = requests.get(url + "/healthz", timeout=5).json()
                if health["warm"]["state"] == "done":
                    break
            except requests.ConnectionError:
                assert proc.poll() is None, proc.stderr.read().decode()
            threading.Event().wait(0.02)
        assert health is not None and health["status"] == "ready" and health["warm"]["state"] == "done"
        r = requests.get(url + "/api/graph", timeout=10)
        assert r.status_code == 200 and r.json()["elements"]
    finally:
        proc.terminate()
        proc.wait(20)
        proc.stderr.close()


def test_an_unknown_warm_up_mode_is_a_clear_error(fixture_dataset):
    r = subprocess.run([sys.executable, "-c", "from b2bkg.cli import main; main()", "serve",
                        "--dataset", str(fixture_dataset), "--warm-up", "later"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "--warm-up must be one of background, wait, off" in r.stderr
    assert "Traceback" not in r.stderr
