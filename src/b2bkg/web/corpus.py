"""``/api/corpus/…`` and the literature-map page ``/corpus/map``: thin handlers over
``b2bkg.corpus.service.CorpusView`` on the app's store.

Routes: ``GET /api/corpus`` (the corpora in the store), ``GET /api/corpus/summary``,
``GET /api/corpus/network/<kind>?unit=…`` (JSON or an export format), ``GET /api/corpus/documents``
(the documents behind a node or a link), ``GET /api/corpus/export?format=bibtex|ris|csl-json``.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from b2bkg.corpus.exports import NETWORK_FORMATS, RECORD_FORMATS, export_network, export_records
from b2bkg.corpus.network import KINDS, NORMALISATIONS
from b2bkg.corpus.service import CorpusView
from b2bkg.errors import BadRequest
from b2bkg.web.params import choice_arg, int_arg

__all__ = ["bp", "OPENAPI_PATHS"]

bp = Blueprint("corpus", __name__)

_MEDIA = {"json": "application/json", "vosviewer-map": "text/tab-separated-values; charset=utf-8",
          "vosviewer-network": "text/tab-separated-values; charset=utf-8", "vosviewer-json": "application/json",
          "gexf": "application/gexf+xml", "graphml": "application/graphml+xml", "csv-nodes": "text/csv; charset=utf-8",
          "csv-links": "text/csv; charset=utf-8", "bibtex": "application/x-bibtex; charset=utf-8",
          "ris": "application/x-research-info-systems; charset=utf-8",
          "csl-json": "application/vnd.citationstyles.csl+json"}


def _view() -> CorpusView:
    return current_app.extensions["b2bkg"].corpus


@bp.get("/api/corpus")
def corpora():
    return jsonify({"corpora": _view().names(), "kinds": {k: list(v) for k, v in KINDS.items()}})


@bp.get("/api/corpus/summary")
def summary():
    return jsonify(_view().summary(request.args.get("name") or None, top=int_arg("top", 10, 1, 1000)))


@bp.get("/api/corpus/network/<kind>")
def network(kind: str):
    if kind not in KINDS:
        raise BadRequest(f"unknown network kind {kind!r}; known: {', '.join(KINDS)}")
    unit = choice_arg("unit", next(iter(KINDS[kind])), list(KINDS[kind]))
    fmt = choice_arg("format", "json", NETWORK_FORMATS)
    net = _view().network(
        kind, unit, corpus=request.args.get("name") or None,
        counting=choice_arg("counting", "full", ("full", "fractional")),
        normalisation=choice_arg("normalisation", "association", NORMALISATIONS),
        min_occurrences=int_arg("min_occurrences", 1), top=int_arg("top", 300, 1, 5000),
        seed=int_arg("seed", 42, 0, 2**31))
    if fmt == "json":
        from b2bkg.corpus.vosviewer import network_to_vosviewer

        doc = net.as_dict()
        items, _ = network_to_vosviewer(net, seed=int_arg("seed", 42, 0, 2**31))
        for node, item in zip(doc["nodes"], items, strict=True):
            node["x"], node["y"] = item["x"], item["y"]  # the map's layout, seeded
        return jsonify(doc)
    return Response(export_network(net, fmt), content_type=_MEDIA[fmt])


@bp.get("/api/corpus/documents")
def documents():
    items = request.args.getlist("item")
    if not items or len(items) > 2 or not all(i.startswith(("http://", "https://")) for i in items):
        raise BadRequest("give one or two item=<IRI of a cited work> (a node, or the two ends of a link)")
    return jsonify({"items": items, "documents": _view().documents(items, corpus=request.args.get("name") or None)})


@bp.get("/api/corpus/export")
def export():
    fmt = choice_arg("format", "bibtex", RECORD_FORMATS)
    view = _view()
    name = request.args.get("name") or None
    view.check(name)
    return Response(export_records(view.records(name), fmt), content_type=_MEDIA[fmt])


@bp.get("/corpus/map")
def literature_map():
    return render_template("corpus_map.html")


def _get(summary: str, params: list[tuple[str, str, bool]] = (), media: str = "application/json",
         path_params: tuple[str, ...] = ()) -> dict:
    return {"get": {
        "summary": summary,
        "parameters": [{"name": n, "in": "path" if n in path_params else "query", "description": d,
                        "required": r, "schema": {"type": "string"}} for n, d, r in params],
        "responses": {"200": {"description": "OK", "content": {media: {}}},
                      "400": {"description": "Bad parameter", "content": {"application/json": {}}}},
    }}


_NET_PARAMS = [
    ("kind", "one of " + ", ".join(KINDS), True), ("unit", "the unit of the kind (docs/corpus.md)", False),
    ("name", "the corpus (default every corpus)", False), ("counting", "full or fractional", False),
    ("normalisation", "one of " + ", ".join(NORMALISATIONS), False),
    ("min_occurrences", "minimum occurrences of an item (default 1)", False),
    ("top", "keep the N items with most occurrences (default 300)", False),
    ("seed", "seed of the Louvain clustering (default 42)", False),
    ("format", "one of " + ", ".join(NETWORK_FORMATS), False),
]

#: The OpenAPI paths of this blueprint (merged into ``/openapi.json``).
OPENAPI_PATHS = {
    "/api/corpus": _get("The literature corpora in the store (name, documents) and the network kinds with units"),
    "/api/corpus/summary": _get("Main information of a corpus (bibliometrix conventions, docs/corpus.md)",
                                [("name", "the corpus (default every corpus)", False),
                                 ("top", "length of the top lists (default 10)", False)]),
    "/api/corpus/network/{kind}": _get("A bibliometric network counted in the store, clustered (seeded Louvain)",
                                       _NET_PARAMS, path_params=("kind",)),
    "/api/corpus/documents": _get("The corpus documents citing a work (item once) or co-citing two (item twice)",
                                  [("item", "IRI of a cited work; give it once or twice", True),
                                   ("name", "the corpus (default every corpus)", False)]),
    "/api/corpus/export": _get("The corpus documents as BibTeX, RIS or CSL-JSON",
                               [("format", "bibtex, ris or csl-json", True), ("name", "the corpus", False)],
                               media="text/plain"),
    "/corpus/map": _get("The literature map (HTML): the network drawn as VOSviewer does, with a node table, "
                        "filters and the documents behind nodes and links", media="text/html"),
}
