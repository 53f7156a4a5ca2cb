"""Documentation and error-shape contracts: every route is in the OpenAPI document, every
error has the one JSON shape, every setting has help and a CLI flag."""

from __future__ import annotations

import re

import pytest
import requests
from click.testing import CliRunner

from b2bkg.cli import cli
from b2bkg.settings import SETTINGS, load_settings
from b2bkg.web.openapi import ERROR_STATUSES


def test_every_route_is_documented(live):
    spec = live.get("/openapi.json").json()
    documented = set(spec["paths"])
    for rule in live.app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        assert path in documented, f"{rule.rule} is not in /openapi.json"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in spec["paths"][path], f"{method} {rule.rule} undocumented"


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("get", "/sparql", {"params": {"query": "SELECT"}}, 400),
        ("get", "/sparql", {"params": {"query": "CLEAR ALL"}}, 403),
        ("get", "/nowhere", {}, 404),
        ("delete", "/sparql", {}, 405),
        ("get", "/sparql", {"params": {"query": "ASK {}"}, "headers": {"Accept": "a/b"}}, 406),
        ("get", "/sparql", {"params": {"query": "ASK {}" + " " * 3000}}, 413),
        ("post", "/sparql", {"data": b"x", "headers": {"Content-Type": "text/plain"}}, 415),
        ("get", "/sparql", {"params": {"query": "SELECT * { ?s ?p ?o }"}}, 422),
    ],
)
def test_every_error_has_one_shape(live, method, path, kwargs, status):
    r = requests.request(method, live.url + path, timeout=10, **kwargs)
    assert r.status_code == status
    assert r.json() == {"ok": False, "error": r.json()["error"], "status": status}
    assert "Traceback" not in r.text
    if status != 405:
        assert str(status) in ERROR_STATUSES or status == 404


def test_every_setting_is_documented_and_has_a_flag():
    runner = CliRunner()
    help_text = runner.invoke(cli, ["serve", "--help"]).output
    for s in SETTINGS:
        assert s.help, s.name
        if s.name not in ("backend", "sandbox"):
            assert "--" + s.name.replace("_", "-") in help_text, s.name


def test_settings_precedence():
    s = load_settings({"port": 9}, environ={"B2BKG_PORT": "7", "B2BKG_TIMEOUT": "3"})
    assert (s["port"], s["timeout"]) == (9, 3.0)
    from b2bkg.errors import BadRequest

    with pytest.raises(BadRequest, match="timeout"):
        load_settings(environ={"B2BKG_TIMEOUT": "soon"})


def test_healthz(live):
    body = live.get("/healthz").json()
    assert body["ok"] is True and body["status"] == "ready"
    assert body["triples"] == 29 and len(body["version"]) == 16
    assert set(body["graphs"]) == {
        f"https://w3id.org/b2bkg/graph/{n}"
        for n in ("ontology", "assertions", "evidence", "inferences")
    }
