"""``/api/queries``: the named-query library as an API."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from b2bkg.queries import get
from b2bkg.web.context import services
from b2bkg.web.http import not_modified, send_answer

__all__ = ["bp"]

bp = Blueprint("named_queries", __name__, url_prefix="/api/queries")


@bp.get("")
def index() -> Response:
    library = services().library
    return jsonify({"ok": True, "queries": [q.as_dict() for q in library.values()]})


@bp.get("/<name>")
def run(name: str) -> Response:
    svc = services()
    named = get(svc.library, name)
    values = {k: v for k, v in request.args.items() if k != "format"}
    prepared = svc.sparql.prepare(
        named.text,
        accept=request.headers.get("Accept"),
        format=request.args.get("format"),
        bindings=named.bind(values),
    )
    return not_modified(prepared.etag) or send_answer(svc.sparql.run(prepared), prepared)
