"""The SPARQL protocol's common case answered without Flask's per-request machinery.

Flask's request and app contexts, routing, werkzeug's request and response objects and the
``after_request`` hooks cost about as much as the whole evaluation of a light query (a no-op Flask
route behind waitress: 0.26 ms against 0.16 ms for a bare WSGI callable). ``FastPath`` is WSGI
middleware in front of the Flask app (``app.wsgi_app``) that answers the two hot routes — a query
sent to ``/sparql`` (GET, form POST or ``application/sparql-query`` POST) and a named query
(``GET /api/queries/<name>``) — with the same library calls as the views (``SparqlService.prepare``
and ``run``, ``NamedQuery.bind``) and the same headers (``b2bkg.web.http``); a test holds the two
paths to the same status, headers and body.

Everything else goes to Flask unchanged: other routes, HEAD and OPTIONS, conditional requests
(``If-None-Match``), requests the protocol refuses (so the one error handler renders them), and
any request that is not plainly one of the hot cases. An error raised while evaluating is
rendered by the Flask app's own error handler (its JSON body, status and ``Retry-After``), so the
query is never evaluated twice.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl

from flask import Flask

from b2bkg.errors import B2BKGError
from b2bkg.queries import get as named_query
from b2bkg.sparql.negotiate import media_type
from b2bkg.sparql.protocol import Prepared
from b2bkg.web.context import KG_EXTENSION
from b2bkg.web.http import CORS_HEADERS, REFERRER_POLICY, SECURITY_HEADERS

__all__ = ["FastPath", "init_app"]

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
NAMED_PREFIX = "/api/queries/"
# parameters the protocol view reads; any other name means "let the view decide"
_PROTOCOL = frozenset({"query", "default-graph-uri", "named-graph-uri", "format", "output"})


class _NotFast(Exception):
    """This request is not one the fast path answers: hand it to Flask."""


def _params(text: str) -> list[tuple[str, str]]:
    return parse_qsl(text, keep_blank_values=True, errors="replace")


def _first(pairs: list[tuple[str, str]], name: str) -> str | None:
    for k, v in pairs:
        if k == name:
            return v
    return None


class FastPath:
    """``app.wsgi_app = FastPath(app)``: see the module's description."""

    def __init__(self, app: Flask):
        self.app = app
        self.flask: WSGIApp = app.wsgi_app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "")
        if "HTTP_IF_NONE_MATCH" in environ or method not in ("GET", "POST"):
            return self.flask(environ, start_response)
        try:
            if path == "/sparql":
                prepared = self._sparql(environ, method)
            elif method == "GET" and path.startswith(NAMED_PREFIX) and "/" not in path[len(NAMED_PREFIX):]:
                prepared = self._named(environ, path[len(NAMED_PREFIX):])
            else:
                return self.flask(environ, start_response)
        except (_NotFast, B2BKGError, UnicodeDecodeError, ValueError):
            return self.flask(environ, start_response)  # the view answers it, or renders the refusal
        try:
            result = self.app.extensions[KG_EXTENSION].sparql.run(prepared)
        except B2BKGError as exc:
            return self._error(environ, start_response, exc)
        return self._send(start_response, result.body, prepared)

    def _sparql(self, environ: dict, method: str) -> Prepared:
        pairs = _params(environ.get("QUERY_STRING", ""))
        if method == "POST":
            if pairs:  # parameters in the URL and the body: the view's rules decide
                raise _NotFast()
            content_type = environ.get("CONTENT_TYPE", "")
            length = int(environ.get("CONTENT_LENGTH") or 0)
            svc = self.app.extensions[KG_EXTENSION].sparql
            if length <= 0 or length > 4 * svc.limits.max_query_length + 1024:
                raise _NotFast()
            body = environ["wsgi.input"].read(length)
            environ["wsgi.input"] = io.BytesIO(body)  # for the view, if it takes over
            if content_type == FORM:
                pairs = _params(body.decode("utf-8", errors="replace"))
            elif content_type == SPARQL_QUERY:
                pairs = [("query", body.decode("utf-8", errors="replace"))]
            else:
                raise _NotFast()
        if any(k not in _PROTOCOL for k, _ in pairs) or sum(k == "query" for k, _ in pairs) != 1:
            raise _NotFast()
        svc = self.app.extensions[KG_EXTENSION].sparql
        return svc.prepare(
            _first(pairs, "query") or "",
            accept=environ.get("HTTP_ACCEPT"),
            format=_first(pairs, "format") or _first(pairs, "output"),
            default_graphs=tuple(v for k, v in pairs if k == "default-graph-uri"),
            named_graphs=tuple(v for k, v in pairs if k == "named-graph-uri"),
        )

    def _named(self, environ: dict, name: str) -> Prepared:
        kg = self.app.extensions[KG_EXTENSION]
        named = named_query(kg.library, name)
        pairs = _params(environ.get("QUERY_STRING", ""))
        values: dict[str, str] = {}
        for k, v in pairs:
            if k != "format":
                values.setdefault(k, v)
        return kg.sparql.prepare(
            named.text,
            accept=environ.get("HTTP_ACCEPT"),
            format=_first(pairs, "format"),
            bindings=named.bind(values),
        )

    def _send(self, start_response: Callable, body: bytes, prepared: Prepared) -> list[bytes]:
        kg = self.app.extensions[KG_EXTENSION]
        max_age = kg.settings["cache_max_age"]
        start_response("200 OK", [
            ("Content-Type", media_type(prepared.format)),
            ("Content-Length", str(len(body))),
            ("ETag", f'"{prepared.etag}"'),
            ("Cache-Control", f"public, max-age={max_age}"),
            ("Vary", "Accept"),
            *CORS_HEADERS,
            *SECURITY_HEADERS,
            ("Referrer-Policy", REFERRER_POLICY),
            ("X-Dataset-Version", kg.store.version),  # as b2bkg.web.meta adds to every Flask answer
        ])
        return [body]

    def _error(self, environ: dict, start_response: Callable, exc: B2BKGError) -> Iterable[bytes]:
        """``exc`` rendered as the Flask app renders every error (its handler and hooks)."""
        with self.app.request_context(environ):
            response = self.app.finalize_request(self.app.handle_user_exception(exc))
        return response(environ, start_response)


def init_app(app: Flask) -> None:
    app.wsgi_app = FastPath(app)
