"""The explorer blueprint: the pages ``/`` (graph explorer) and ``/paper`` (reader), the JSON APIs
they use, and ``/vendor/<name>``, the browser libraries installed by npm (``make setup``) and
served by the app itself: no CDN, nothing fetched at run time.

Routes: ``/api/search?q=``, ``/api/entity?iri=``, ``/api/graph?view=``, ``/api/neighbours?iri=``,
``/api/paper``. Handlers parse arguments, call ``b2bkg.explore.Explorer`` and render.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, jsonify, render_template, request, send_file

from b2bkg.errors import BadRequest, NotFound
from b2bkg.explore import VIEWS, Explorer
from b2bkg.resources import resource
from b2bkg.web.context import services
from b2bkg.web.http import cacheable, etag_of
from b2bkg.web.vendor import VENDOR

__all__ = ["bp", "VENDOR", "OPENAPI_PATHS", "node_modules", "warm"]

bp = Blueprint("explorer", __name__)



def node_modules() -> Path:
    """Where npm installed the browser libraries: ``B2BKG_NODE_MODULES`` in the app's config, or
    the checkout's ``node_modules``."""
    configured = current_app.config.get("B2BKG_NODE_MODULES")
    return Path(configured) if configured else resource("vendor")


def _explorer() -> Explorer:
    return services().explorer


def warm(app: Flask) -> None:
    """Compute the explorer's index, default view, paper and default node sizes (PageRank) now,
    in this thread (``KnowledgeGraph.warmup``; ``b2bkg serve`` runs it in the background instead)."""
    with app.app_context():
        services().warmup.run()


def _json(data: dict, *parts: str) -> Response:
    ex = _explorer()
    return cacheable(jsonify(data), etag_of("explore", ex.version, request.full_path, *parts))


def _page(template: str, twin: str) -> Response:
    resp = Response(render_template(template, views=VIEWS), mimetype="text/html")
    resp.headers["Link"] = f'<{twin}>; rel="alternate"; type="application/json"'
    return resp


@bp.get("/")
def explorer_page() -> Response:
    return _page("explorer.html", "/api/graph")


@bp.get("/paper")
def paper_page() -> Response:
    return _page("paper.html", "/api/paper")


@bp.get("/paper/<paper_id>")
def one_paper_page(paper_id: str) -> Response:
    _explorer().paper(paper_id)  # 404 naming the papers there are, before any page is drawn
    return _page("paper.html", f"/api/paper/{paper_id}")


@bp.get("/api/search")
def search() -> Response:
    limit = request.args.get("limit", "20")
    if not limit.isdigit():
        raise BadRequest(f"parameter 'limit' must be a whole number (got {limit!r})")
    return _json(_explorer().search(request.args.get("q", ""), int(limit)))


@bp.get("/api/entity")
def entity() -> Response:
    return _json(_explorer().entity(request.args.get("iri", "")))


@bp.get("/api/graph")
def graph() -> Response:
    return _json(_explorer().graph(request.args.get("view") or "whole"))


@bp.get("/api/neighbours")
def neighbours() -> Response:
    return _json(_explorer().neighbours(request.args.get("iri", "")))


@bp.get("/api/paper")
def paper() -> Response:
    return _json(_explorer().paper())


@bp.get("/api/paper/<paper_id>")
def one_paper(paper_id: str) -> Response:
    return _json(_explorer().paper(paper_id))


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The site's icon (browsers ask every page's server for it)."""
    return send_file(Path(__file__).parent / "static" / "explorer" / "favicon.svg", mimetype="image/svg+xml",
                     max_age=86400)


@bp.get("/vendor/<name>")
def vendor(name: str) -> Response:
    rel = VENDOR.get(name)
    if rel is None:
        raise NotFound(f"no vendored file {name!r}; available: {', '.join(VENDOR)}")
    path = node_modules() / rel
    if not path.is_file():
        raise NotFound(f"{name} is not installed: run `make setup` (npm ci) to install the browser libraries")
    return send_file(path, max_age=3600)


def _get(summary: str, params: list[tuple] = (), media: str | tuple[str, ...] = "application/json") -> dict:
    """An OpenAPI GET operation; ``params``: (name, description, required[, JSON schema extras])."""
    return {"get": {
        "summary": summary,
        "parameters": [{"name": p[0], "in": "path" if p[0] in ("name", "paper_id") else "query", "description": p[1],
                        "required": p[2], "schema": {"type": "string", **(p[3] if len(p) > 3 else {})}}
                       for p in params],
        "responses": {"200": {"description": "OK",
                              "content": {m: {} for m in ((media,) if isinstance(media, str) else media)}},
                      "400": {"description": "Bad parameter", "content": {"application/json": {}}},
                      "404": {"description": "No such entity or file", "content": {"application/json": {}}}},
    }}


#: The OpenAPI paths of this blueprint (merged into ``/openapi.json``).
OPENAPI_PATHS = {
    "/": _get("The graph explorer (HTML); its JSON twin is /api/graph", media="text/html"),
    "/paper": _get("The paper reader with every evidence span highlighted (HTML); JSON twin /api/paper",
                   media="text/html"),
    "/api/search": _get("Entities whose label or alternative label contains q (Chinese or English), best first",
                        [("q", "the text to find", True, {"minLength": 1, "pattern": "[^\\s]"}),
                         ("limit", "how many (default 20, at most 100)", False, {"pattern": "^([1-9][0-9]?|100)$"})]),
    "/api/entity": _get("One entity: labels, definition, types, relations by property, evidence quotes, "
                        "supporting references", [("iri", "the entity's IRI", True, {"minLength": 1})]),
    "/api/graph": _get("A view of the graph as Cytoscape.js elements, with its legend",
                       [("view", "one of " + ", ".join(VIEWS) + " (default whole)", False, {"enum": ["", *VIEWS]})]),
    "/api/neighbours": _get("An entity, its neighbours and the edges to them, as Cytoscape.js elements",
                            [("iri", "the entity's IRI", True, {"minLength": 1})]),
    "/paper/{paper_id}": _get("The reader for one paper of the dataset (HTML); JSON twin /api/paper/{paper_id}",
                              [("paper_id", "the paper's id (its folder name)", True,
                                {"pattern": "^[a-z0-9][a-z0-9._-]*$"})], media="text/html"),
    "/api/paper": _get("The first paper (by id): sections, paragraphs cut into segments, every evidence span and "
                       "what it supports; 'papers' lists the ids of every paper"),
    "/api/paper/{paper_id}": _get("One paper, as /api/paper", [("paper_id", "the paper's id (its folder name)", True,
                                                                {"pattern": "^[a-z0-9][a-z0-9._-]*$"})]),
    "/favicon.ico": _get("The site's icon (SVG)", media="image/svg+xml"),
    "/vendor/{name}": _get("A browser library installed by npm, served by the app",
                           [("name", "one of " + ", ".join(VENDOR), True, {"enum": list(VENDOR)})],
                           media=("application/javascript", "text/javascript", "text/css")),
}
