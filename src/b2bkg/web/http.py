"""Cross-cutting HTTP behaviour: CORS on every response, and sending cacheable answers."""

from __future__ import annotations

import hashlib

from flask import Flask, Response, request

from b2bkg.sparql.negotiate import media_type
from b2bkg.sparql.protocol import Prepared
from b2bkg.store.base import QueryResult

__all__ = ["init_app", "send_answer", "not_modified", "cacheable", "etag_of"]


def etag_of(*parts: str) -> str:
    """A short, ASCII entity tag for a representation determined by ``parts``."""
    h = hashlib.sha256("\0".join(parts).encode())
    return h.hexdigest()[:24]


def _cors(resp: Response) -> Response:
    resp.headers["Access-Control-Allow-Origin"] = "*"
    resp.headers["Access-Control-Expose-Headers"] = "ETag, Content-Type, Retry-After, Link"
    if request.method == "OPTIONS":
        resp.headers["Access-Control-Allow-Methods"] = "GET, POST, HEAD, OPTIONS"
        resp.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept, If-None-Match"
        resp.headers["Access-Control-Max-Age"] = "86400"
    return resp


def init_app(app: Flask) -> None:
    app.after_request(_cors)


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
