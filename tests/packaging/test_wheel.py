"""The installed package is self-sufficient: build the wheel, install it into a fresh virtualenv,
then run the Python API and the service from an empty directory (nothing of the checkout in
sight). Slow: it installs the runtime dependencies from the package index (pip's cache)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import venv
from pathlib import Path

import pytest
import requests

from b2bkg.build import ensure_dataset

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow

API = """
import json
from b2bkg import KnowledgeGraph
from b2bkg.resources import in_checkout, resource
kg = KnowledgeGraph()
rows = kg.query("tools-driving-mechanism").records()
print(json.dumps({"checkout": in_checkout(), "queries": len(kg.library), "rows": len(rows),
                  "data": str(resource("data")), "triples": kg.store.triple_count()}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict]:
    ensure_dataset()  # the wheel carries the built dataset
    tmp = tmp_path_factory.mktemp("wheel")
    wheels = tmp / "dist"
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    (wheel,) = wheels.glob("b2bkg-*.whl")
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    run = subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True,
                         timeout=1200)
    assert run.returncode == 0, run.stderr[-2000:]
    empty = tmp / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("B2BKG_", "PYTHON", "VIRTUAL_ENV"))}
    env["XDG_DATA_HOME"] = str(tmp / "xdg")
    return env_dir, {"cwd": str(empty), "env": env}


def test_python_api_from_an_empty_directory(installed):
    env_dir, where = installed
    run = subprocess.run([str(env_dir / "bin" / "python"), "-c", API], capture_output=True, text=True,
                         timeout=300, **where)
    assert run.returncode == 0, run.stderr[-2000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["checkout"] is False and "site-packages" in seen["data"]
    assert seen["queries"] >= 20 and seen["rows"] > 0 and seen["triples"] > 10_000


def test_service_from_an_empty_directory(installed):
    env_dir, where = installed
    port = _free_port()
    proc = subprocess.Popen([str(env_dir / "bin" / "b2bkg"), "serve", "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **where)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            assert proc.poll() is None, proc.stdout.read()[-2000:]
            try:
                if requests.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the installed service did not become ready"
            time.sleep(0.5)
        assert len(requests.get(url + "/api/queries", timeout=30).json()["queries"]) >= 20
        for path in ("/vendor/cytoscape.min.js", "/vendor/yasgui.min.js", "/vendor/cytoscape-fcose.js"):
            assert requests.get(url + path, timeout=30).status_code == 200, path
        page = requests.get(url + "/id/mechanism/credit-enhancement", headers={"Accept": "text/html"}, timeout=30)
        assert page.status_code == 200 and "credit" in page.text.lower()
        r = requests.get(url + "/sparql", params={"query": "ASK { ?s a b2b:Mechanism }"}, timeout=30)
        assert r.json()["boolean"] is True
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
