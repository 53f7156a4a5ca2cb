"""Defect 12: no nosniff, no Content-Security-Policy, pages could be framed by any site."""

from __future__ import annotations

import pytest

from b2bkg.web import create_app
from support.hardening import base_settings

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def client():
    app = create_app(base_settings(workers=1))
    yield app.test_client()
    app.extensions["b2bkg"].close()


@pytest.mark.parametrize("path,accept", [
    ("/sparql?query=ASK%7B%7D", "application/sparql-results+json"),
    ("/healthz", "application/json"),
    ("/openapi.json", "application/json"),
    ("/id/nothing-here", "application/json"),  # errors too
    ("/sparql", BROWSER),
    ("/def", "text/turtle"),
])
def test_nosniff_and_no_framing_everywhere(client, path, accept):
    r = client.get(path, headers={"Accept": accept})
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/sparql", "/def", "/id/nothing-here", "/"])
def test_html_pages_allow_only_their_own_scripts(client, path):
    r = client.get(path, headers={"Accept": BROWSER})
    assert r.mimetype == "text/html"
    csp = dict(part.strip().split(" ", 1) for part in r.headers["Content-Security-Policy"].split(";"))
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    sources = csp["script-src"].split()
    assert "'self'" in sources and "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
    assert all(s == "'self'" or s.startswith("'nonce-") for s in sources)
    nonce = next(s for s in sources if s.startswith("'nonce-"))[7:-1]
    # every inline script of the page carries this response's nonce; a second response gets another
    body = r.get_data(as_text=True)
    for chunk in body.split("<script")[1:]:
        tag = chunk.split(">", 1)[0]
        assert "src=" in tag or f'nonce="{nonce}"' in tag or 'type="application/json"' in tag, tag
    again = client.get(path, headers={"Accept": BROWSER}).headers["Content-Security-Policy"]
    assert again != r.headers["Content-Security-Policy"]
