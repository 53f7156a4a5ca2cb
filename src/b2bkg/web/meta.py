"""``/healthz``, ``/void`` (and ``/.well-known/void``), ``/openapi.json``."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from b2bkg.errors import NotAcceptable
from b2bkg.sparql.describe import void_description
from b2bkg.sparql.negotiate import GRAPH, format_from_param, media_type, negotiate
from b2bkg.web.context import services
from b2bkg.web.http import cacheable, etag_of
from b2bkg.web.openapi import openapi_spec

__all__ = ["bp", "RDFLIB_FORMATS"]

bp = Blueprint("meta", __name__)

RDFLIB_FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}


@bp.get("/healthz")
def healthz() -> Response:
    svc = services()
    store = svc.store
    return jsonify({
        "ok": True,
        "status": "ready",
        "version": store.version,
        "triples": store.triple_count(),
        "graphs": store.graph_counts(),
        "workers": getattr(store, "size", 0),
        "network_isolated": getattr(store, "network_isolated", False),
        "named_queries": len(svc.library),
    })


@bp.get("/void")
@bp.get("/.well-known/void")
def void() -> Response:
    svc = services()
    fmt = request.args.get("format")
    key = format_from_param(fmt, GRAPH) if fmt else negotiate(request.headers.get("Accept"), GRAPH)
    if key is None:
        raise NotAcceptable(f"the VoID description is available as: {', '.join(GRAPH.values())}")
    g = void_description(request.url_root, svc.store.version, svc.store.graph_counts())
    resp = Response(g.serialize(format=RDFLIB_FORMATS[key], encoding="utf-8"),
                    content_type=media_type(key))
    return cacheable(resp, etag_of("void", svc.store.version, request.url_root, key))


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_spec(request.url_root, services().library))
