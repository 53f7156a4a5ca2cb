"""``analytics_bp``: graph analytics and exports over HTTP, thin handlers over
``b2bkg.analytics.operations``.

Routes: ``GET /api/analytics`` (the list of analyses with their parameters and a sample URL),
``GET /api/analytics/<name>``, ``GET /api/export/graph?view=…&format=…``,
``GET /api/export/references?format=…``. Errors are ``b2bkg.errors`` exceptions, rendered by the
app's one error handler.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request, url_for

from b2bkg.analytics import Analytics
from b2bkg.analytics.operations import (
    EXPORT_GRAPH_PARAMS,
    OPERATIONS,
    PROJECTION_PARAMS,
    export_graph_view,
    export_reference_list,
    run,
)
from b2bkg.analytics.readwrite import REFERENCE_FORMATS
from b2bkg.web.context import services

__all__ = ["analytics_bp"]

analytics_bp = Blueprint("analytics", __name__)


def _analytics() -> Analytics:
    """The app's ``Analytics`` (the application object's: over its store and read model)."""
    return services().analytics


def _params() -> dict[str, str]:
    return request.args.to_dict(flat=True)


def _download(data: bytes, media_type: str, filename: str, version: str) -> Response:
    resp = Response(data, mimetype=media_type.split(";")[0], content_type=media_type)
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    resp.headers["ETag"] = f'"{version}"'
    return resp


@analytics_bp.get("/api/analytics")
def index():
    ops = [
        {"name": op.name, "summary": op.summary, "url": url_for("analytics.analysis", name=op.name),
         "example": url_for("analytics.analysis", name=op.name) + (f"?{op.example}" if op.example else ""),
         "params": {**op.params, **(PROJECTION_PARAMS if op.graph else {})}}
        for op in OPERATIONS.values()
    ]
    exports = [
        {"url": url_for("analytics.export_graph"), "params": {**EXPORT_GRAPH_PARAMS, **PROJECTION_PARAMS},
         "example": url_for("analytics.export_graph") + "?view=graph&format=gexf"},
        {"url": url_for("analytics.export_refs"), "params": {"format": f"one of {', '.join(REFERENCE_FORMATS)}"},
         "example": url_for("analytics.export_refs") + "?format=bibtex"},
    ]
    return jsonify({"analyses": ops, "exports": exports})


@analytics_bp.get("/api/analytics/<name>")
def analysis(name: str):
    return jsonify(run(_analytics(), name, _params()))


@analytics_bp.get("/api/export/graph")
def export_graph():
    a = _analytics()
    export, filename = export_graph_view(a, _params())
    return _download(export.data, export.media_type, filename, a.version)


@analytics_bp.get("/api/export/references")
def export_refs():
    a = _analytics()
    export, filename = export_reference_list(a, _params())
    return _download(export.data, export.media_type, filename, a.version)
