"""``/healthz``, ``/void`` (and ``/.well-known/void``), ``/openapi.json``."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from b2bkg.errors import B2BKGError, NotAcceptable
from b2bkg.sparql.describe import void_description, void_statistics
from b2bkg.sparql.negotiate import GRAPH, format_from_param, media_type, negotiate
from b2bkg.web.context import services
from b2bkg.web.http import cacheable, etag_of
from b2bkg.web.openapi import openapi_spec

__all__ = ["bp", "RDFLIB_FORMATS"]

bp = Blueprint("meta", __name__)

RDFLIB_FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}


@bp.get("/healthz")
def healthz() -> Response:
    """Ready (200) only while the store can answer: with a worker pool, while at least one
    worker is alive; otherwise 503 ``"status": "unavailable"`` (a probe must not call a
    service ready that answers every query with 503). Never waits for a query worker."""
    svc = services()
    store = svc.store
    pool = store.health() if hasattr(store, "health") else None
    ready = pool is None or pool["live"] > 0
    resp = jsonify({
        "ok": ready,
        "status": "ready" if ready else "unavailable",
        "version": store.version,
        "triples": store.triple_count(),
        "graphs": store.graph_counts(),
        "workers": pool["live"] if pool else 0,
        "workers_configured": pool["configured"] if pool else 0,
        "pool": pool,
        "network_isolated": getattr(store, "network_isolated", False),
        "named_queries": len(svc.library),
        # the explorer's and analytics' shared answers: SPARQL serves while these are computed
        "warm": svc.warmup.status(),
        **_dataset_file(store),
    })
    resp.headers["Cache-Control"] = "no-store"
    if not ready:
        resp.status_code = 503
        resp.headers["Retry-After"] = "2"
    return resp


def _dataset_file(store) -> dict:
    """Whether the file the service started on still is what it serves (``b2bkg.store.served``):
    the service keeps serving its version either way; a restart would serve the file as it is now."""
    served = getattr(store, "served", None)
    if served is None:
        return {}
    state = served.state()
    notes = {"unchanged": "the service serves the dataset file as it was at start",
             "changed": "the dataset file changed since the service started; the service still serves "
                        "the version it started with; restart it to serve the new file (checked against "
                        "its manifest first)",
             "missing": "the dataset file was removed since the service started; the service still serves "
                        "the version it started with"}
    return {"dataset_file": state, "dataset_note": notes[state]}


@bp.after_app_request
def dataset_version(resp: Response) -> Response:
    """Every answer names the dataset version it was made from (one per service)."""
    resp.headers.setdefault("X-Dataset-Version", services().store.version)
    return resp


@bp.get("/void")
@bp.get("/.well-known/void")
def void() -> Response:
    svc = services()
    fmt = request.args.get("format")
    key = format_from_param(fmt, GRAPH) if fmt else negotiate(request.headers.get("Accept"), GRAPH)
    if key is None:
        raise NotAcceptable(f"the VoID description is available as: {', '.join(GRAPH.values())}")
    try:
        stats = void_statistics(svc.sparql)
    except B2BKGError:  # more classes or properties than --max-rows, or too slow: counts only
        stats = None
    g = void_description(request.url_root, svc.store.version, svc.store.graph_counts(), stats)
    resp = Response(g.serialize(format=RDFLIB_FORMATS[key], encoding="utf-8"),
                    content_type=media_type(key))
    return cacheable(resp, etag_of("void", svc.store.version, request.url_root, key))


@bp.get("/openapi.json")
def openapi() -> Response:
    svc = services()
    return jsonify(openapi_spec(request.url_root, svc.library, svc.store.graph_counts()))
