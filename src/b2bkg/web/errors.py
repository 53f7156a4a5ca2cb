"""One error handler: every error becomes ``{"ok": false, "error": …, "status": N}`` (or a
small HTML page when a browser asked for HTML). Raw exception text never reaches the client."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from b2bkg.errors import B2BKGError, retry_after
from b2bkg.sparql.negotiate import negotiate

__all__ = ["init_app", "error_response"]

log = logging.getLogger(__name__)


def error_response(status: int, message: str) -> Response:
    if negotiate(request.headers.get("Accept"), {"json": "application/json", "html": "text/html"}) == "html":
        resp = Response(render_template("error.html", status=status, message=message), status)
    else:
        resp = jsonify({"ok": False, "error": message, "status": status})
        resp.status_code = status
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _handle(exc: Exception) -> Response:
    if isinstance(exc, B2BKGError) and exc.status == 500:
        # a source or build error inside a request (a file missing or unreadable): its message
        # names paths and parser text, for the operator's log, never for the client
        log.error("%s %s failed: %s", request.method, request.path, exc.message)
        return error_response(500, "internal server error; the details are in the server's log")
    if isinstance(exc, B2BKGError):
        resp = error_response(exc.status, exc.message)
        seconds = retry_after(exc)
        if seconds:
            resp.headers["Retry-After"] = str(seconds)
        if exc.status >= 500:  # refusals under load are expected: info, not a warning per request
            log.log(logging.INFO if seconds else logging.WARNING, "%s %s answered %s: %s",
                    request.method, request.path, exc.status, exc.message)
        return resp
    if isinstance(exc, HTTPException):
        resp = error_response(exc.code or 500, exc.description or exc.name)
        if exc.code == 405 and exc.response is None:
            resp.headers["Allow"] = ", ".join(getattr(exc, "valid_methods", None) or [])
        return resp
    log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "internal server error; the details are in the server's log")


def init_app(app: Flask) -> None:
    app.register_error_handler(Exception, _handle)
