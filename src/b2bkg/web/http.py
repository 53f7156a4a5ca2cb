"""Cross-cutting HTTP behaviour: CORS and security headers on every response, and sending
cacheable answers.

Every response says ``X-Content-Type-Options: nosniff`` and may not be framed by another site
(``X-Frame-Options: DENY``); HTML pages also carry a Content-Security-Policy that runs only the
app's own scripts (files it serves, and inline blocks marked with this response's nonce:
``<script nonce="{{ csp_nonce() }}">``), connects only to itself and cannot be framed.
"""

from __future__ import annotations

import hashlib
import secrets

from flask import Flask, Response, g, request

from b2bkg.sparql.negotiate import media_type
from b2bkg.sparql.protocol import Prepared
from b2bkg.store.base import QueryResult

__all__ = ["init_app", "send_answer", "not_modified", "cacheable", "etag_of", "csp_nonce", "CSP", "CORS_HEADERS",
           "SECURITY_HEADERS", "REFERRER_POLICY"]

CSP = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
       "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def csp_nonce() -> str:
    """This response's script nonce (made on first use, for templates)."""
    nonce = g.get("csp_nonce")
    if nonce is None:
        nonce = g.csp_nonce = secrets.token_urlsafe(16)
    return nonce


def etag_of(*parts: str) -> str:
    """A short, ASCII entity tag for a representation determined by ``parts``."""
    h = hashlib.sha256("\0".join(parts).encode())
    return h.hexdigest()[:24]


#: headers every response carries (``_cors`` and ``_security``; ``b2bkg.web.fast`` sends the same)
CORS_HEADERS = (("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Expose-Headers", "ETag, Content-Type, Retry-After, Link"))
SECURITY_HEADERS = (("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"))
REFERRER_POLICY = "same-origin"


def _cors(resp: Response) -> Response:
    for name, value in CORS_HEADERS:
        resp.headers[name] = value
    if request.method == "OPTIONS":
        resp.headers["Access-Control-Allow-Methods"] = "GET, POST, HEAD, OPTIONS"
        resp.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept, If-None-Match"
        resp.headers["Access-Control-Max-Age"] = "86400"
    return resp


def _security(resp: Response) -> Response:
    for name, value in SECURITY_HEADERS:
        resp.headers[name] = value
    resp.headers.setdefault("Referrer-Policy", REFERRER_POLICY)
    if resp.mimetype == "text/html":
        resp.headers["Content-Security-Policy"] = CSP.format(nonce=csp_nonce())
    return resp


def init_app(app: Flask) -> None:
    app.after_request(_cors)
    app.after_request(_security)
    app.jinja_env.globals["csp_nonce"] = csp_nonce


def cacheable(resp: Response, etag: str) -> Response:
    from b2bkg.web.context import services

    resp.set_etag(etag)
    resp.headers["Cache-Control"] = f"public, max-age={services().settings['cache_max_age']}"
    resp.vary.add("Accept")
    return resp


def not_modified(etag: str) -> Response | None:
    """A 304 when the client already holds ``etag`` (GET and HEAD only)."""
    if request.method in ("GET", "HEAD") and request.if_none_match.contains(etag):
        return cacheable(Response(status=304), etag)
    return None


def send_answer(result: QueryResult, prepared: Prepared) -> Response:
    resp = Response(result.body, content_type=media_type(prepared.format))
    return cacheable(resp, prepared.etag)
