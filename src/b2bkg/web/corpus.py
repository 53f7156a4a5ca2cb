"""``/api/corpus/…`` and the literature-map page ``/corpus/map``: thin handlers over
``b2bkg.corpus.service.CorpusView`` on the app's store.

Routes: ``GET /api/corpus`` (the corpora in the store), ``GET /api/corpus/summary``,
``GET /api/corpus/network/<kind>?unit=…`` (JSON or an export format), ``GET /api/corpus/documents``
(the documents behind a node or a link of any network), ``GET /api/corpus/export?format=bibtex|ris|csl-json``.
The network and documents routes also take ``POST`` with a VOSviewer thesaurus file as the body
(for the title/abstract terms), the query string as for ``GET``.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from b2bkg.corpus.behind import MAX_ITEM
from b2bkg.corpus.exports import NETWORK_FORMATS, RECORD_FORMATS, export_network, export_records
from b2bkg.corpus.network import KINDS, NORMALISATIONS
from b2bkg.corpus.service import CorpusView
from b2bkg.errors import BadRequest, PayloadTooLarge
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


#: the largest thesaurus file a request may carry
MAX_THESAURUS = 1 << 20


def _thesaurus() -> dict[str, str] | None:
    """The VOSviewer thesaurus a POST carries as its body (None for a GET or an empty body)."""
    if request.method != "POST":
        return None
    if (request.content_length or 0) > MAX_THESAURUS:
        raise PayloadTooLarge(f"a thesaurus file is at most {MAX_THESAURUS} bytes")
    raw = request.get_data(cache=False, as_text=False)
    if len(raw) > MAX_THESAURUS:
        raise PayloadTooLarge(f"a thesaurus file is at most {MAX_THESAURUS} bytes")
    if not raw.strip():
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadRequest("the thesaurus file is not UTF-8 text (VOSviewer writes UTF-8)") from None
    from b2bkg.corpus.terms import read_thesaurus

    return read_thesaurus(text)


@bp.route("/api/corpus/network/<kind>", methods=["GET", "POST"])
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
        seed=int_arg("seed", 42, 0, 2**31), thesaurus=_thesaurus())
    if fmt == "json":
        from b2bkg.corpus.vosviewer import network_to_vosviewer

        doc = net.as_dict()
        items, _ = network_to_vosviewer(net, seed=int_arg("seed", 42, 0, 2**31))
        for node, item in zip(doc["nodes"], items, strict=True):
            node["x"], node["y"] = item["x"], item["y"]  # the map's layout, seeded
        return jsonify(doc)
    return Response(export_network(net, fmt), content_type=_MEDIA[fmt])


@bp.route("/api/corpus/documents", methods=["GET", "POST"])
def documents():
    kind = choice_arg("kind", "co-citation", list(KINDS))
    unit = choice_arg("unit", next(iter(KINDS[kind])), list(KINDS[kind]))
    items = request.args.getlist("item")
    if not 1 <= len(items) <= 2:
        raise BadRequest("give one item (a node) or two (the two ends of a link): item=<its id in the network>")
    view, name = _view(), request.args.get("name") or None
    view.check(name)  # an unknown name is a 404 (and never reaches the SPARQL)
    found = view.behind(kind, unit, items, corpus=name, thesaurus=_thesaurus())
    return jsonify({"kind": kind, "unit": unit, "items": items, **found})


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


def _get(summary: str, params: list[tuple] = (), media=("application/json",),
         path_params: tuple[str, ...] = ()) -> dict:
    """One GET operation; each parameter is ``(name, description, required[, schema])`` (the
    schema says what the handler accepts, so schemathesis can tell a valid request)."""
    media = (media,) if isinstance(media, str) else media
    errors = {"description": "Bad parameter", "content": {"application/json": {}}}
    return {"get": {
        "summary": summary,
        "parameters": [{"name": p[0], "in": "path" if p[0] in path_params else "query", "description": p[1],
                        "required": p[2] or p[0] in path_params, "schema": p[3] if len(p) > 3 else {"type": "string"},
                        **({"style": "form", "explode": True} if (p[3] if len(p) > 3 else {}).get("type") == "array"
                           else {})}
                       for p in params],
        "responses": {"200": {"description": "OK", "content": {m: {} for m in media}},
                      "400": errors,
                      "404": {"description": "No corpus of that name", "content": {"application/json": {}}}},
    }}


def _integer(low: int, high: int, default: int) -> dict:
    """An integer in [low, high]; empty means the default (as the handlers read it)."""
    return {"anyOf": [{"type": "integer", "minimum": low, "maximum": high}, {"type": "string", "maxLength": 0}],
            "default": default}


def _enum(values) -> dict:
    """One of ``values``; empty means the default (as the handlers read it)."""
    return {"type": "string", "enum": [*values, ""]}


_UNITS = sorted({u for units in KINDS.values() for u in units})
_NET_PARAMS = [
    ("kind", "one of " + ", ".join(KINDS), True, {"type": "string", "enum": list(KINDS)}),
    ("unit", "the unit of the kind (docs/corpus.md; a unit of another kind is a 400)", False,
     _enum(_UNITS)),
    ("name", "the corpus (default every corpus)", False),
    ("counting", "full or fractional", False, _enum(["full", "fractional"])),
    ("normalisation", "one of " + ", ".join(NORMALISATIONS), False, _enum(NORMALISATIONS)),
    ("min_occurrences", "minimum occurrences of an item (default 1)", False, _integer(1, 100_000, 1)),
    ("top", "keep the N items with most occurrences (default 300)", False, _integer(1, 5000, 300)),
    ("seed", "seed of the Leiden clustering (default 42)", False, _integer(0, 2**31, 42)),
    ("format", "one of " + ", ".join(NETWORK_FORMATS), False, _enum(NETWORK_FORMATS)),
]

def _with_thesaurus(path: dict) -> dict:
    """The GET operation, and the same as a POST whose body is a VOSviewer thesaurus file."""
    post = {**path["get"], "requestBody": {
        "required": False, "description": "A VOSviewer thesaurus file (UTF-8, tab-separated, header "
        "`label<TAB>replace by`), applied to the title/abstract terms (keywords / terms) before counting",
        "content": {"text/tab-separated-values": {"schema": {"type": "string", "maxLength": MAX_THESAURUS}}}}}
    post["responses"] = {**post["responses"], "413": {"description": "Thesaurus file too large",
                                                      "content": {"application/json": {}}}}
    return {"get": path["get"], "post": post}


#: The OpenAPI paths of this blueprint (merged into ``/openapi.json``).
OPENAPI_PATHS = {
    "/api/corpus": _get("The literature corpora in the store (name, documents) and the network kinds with units"),
    "/api/corpus/summary": _get("Main information of a corpus (bibliometrix conventions, docs/corpus.md)",
                                [("name", "the corpus (default every corpus)", False),
                                 ("top", "length of the top lists (default 10)", False, _integer(1, 1000, 10))]),
    "/api/corpus/network/{kind}": _with_thesaurus(_get(
        "A bibliometric network counted in the store, clustered (seeded Leiden)", _NET_PARAMS,
        path_params=("kind",), media=sorted({_MEDIA[f] for f in NETWORK_FORMATS}))),
    "/api/corpus/documents": _with_thesaurus(_get(
        "The corpus documents behind a node (item once) or a link (item twice) of a network: for co-citation "
        "of references, the records citing the work / both", [
            ("kind", "the network kind (default co-citation)", False, _enum(KINDS)),
            ("unit", "its unit (default the kind's first; see /api/corpus)", False, _enum(_UNITS)),
            ("item", "a node's id as the network gives it (an IRI for works, documents and sources; the key "
             "or text for authors, keywords, terms, countries); once or twice", True,
             {"type": "array", "minItems": 1, "maxItems": 2,
              "items": {"type": "string", "minLength": 1, "maxLength": MAX_ITEM, "pattern": "^[^\\x00-\\x1f]+$"}}),
            ("name", "the corpus (default every corpus)", False)])),
    "/api/corpus/export": _get("The corpus documents as BibTeX, RIS or CSL-JSON",
                               [("format", "bibtex, ris or csl-json (default bibtex)", False,
                                 {**_enum(RECORD_FORMATS), "default": "bibtex"}),
                                ("name", "the corpus", False)],
                               media=[_MEDIA[f] for f in RECORD_FORMATS]),
    "/corpus/map": _get("The literature map (HTML): the network drawn as VOSviewer does, with a node table, "
                        "filters and the documents behind nodes and links", media="text/html"),
}
