"""``/api/corpus/…`` science mapping (bursts, clusters, main path, timeline, slices,
historiograph, thematic map, concept tags, co-occurrence, concepts by year, related literature,
comparison) and the science-mapping page ``/corpus/science``: thin handlers over the app's
``KnowledgeGraph.science`` (:class:`b2bkg.science.view.ScienceView`, inputs cached per store version).

Bad parameters raise ``BadRequest``: the project's one JSON error shape, status 400.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request

from b2bkg.errors import BadRequest
from b2bkg.science.service import NORMALISATIONS
from b2bkg.science.view import DOCUMENTS_OF, ScienceView
from b2bkg.web.context import services
from b2bkg.web.params import choice_arg, float_arg, int_arg

__all__ = ["bp", "OPENAPI_PATHS"]

bp = Blueprint("science", __name__)
KINDS: dict[str, list[str]] = {}
for _kind, _unit in DOCUMENTS_OF:
    KINDS.setdefault(_kind, []).append(_unit)


def _view() -> ScienceView:
    return services().science


def _name() -> str | None:
    return request.args.get("name") or None


def _network() -> dict:
    return {"counting": choice_arg("counting", "full", ("full", "fractional")),
            "normalisation": choice_arg("normalisation", "association", NORMALISATIONS),
            "min_occurrences": int_arg("min_occurrences", 1), "top": int_arg("top", 300, 1, 5000),
            "resolution": float_arg("resolution", 1.0, 0.01, 100.0), "seed": int_arg("seed", 42, 0, 2**31)}


@bp.get("/api/corpus/names")
def names():
    return jsonify({"corpora": _view().corpus_list()})


@bp.get("/api/corpus/bursts")
def bursts():
    of = choice_arg("of", "references", ("references", "keywords", "authors", "sources"))
    return jsonify(_view().bursts(of, corpus=_name(), s=float_arg("s", 2.0, 1.0001, 1000.0),
                                  gamma=float_arg("gamma", 1.0, 0.0, 1000.0),
                                  min_duration=int_arg("min_duration", 1, 1, 1000),
                                  top=int_arg("limit", None, 1, 100_000)))


@bp.get("/api/corpus/clusters")
def clusters():
    kind = choice_arg("kind", "co-citation", list(KINDS))
    unit = choice_arg("unit", next(iter(KINDS[kind])), list(KINDS[kind]))
    return jsonify(_view().clusters(kind, unit, corpus=_name(), top_terms=int_arg("terms", 5, 1, 100), **_network()))


@bp.get("/api/corpus/mainpath")
def mainpath():
    return jsonify(_view().mainpath(corpus=_name(), weight=choice_arg("weight", "spc", ("spc", "splc", "spnp")),
                                    key_routes=int_arg("key_routes", 1, 1, 100)))


@bp.get("/api/corpus/timeline")
def timeline():
    return jsonify(_view().timeline(corpus=_name(), **_network()))


@bp.get("/api/corpus/slices")
def slices():
    return jsonify(_view().slices(corpus=_name(), years_per_slice=int_arg("years", 1, 1, 200),
                                  top=int_arg("per_slice", 50, 1, 5000)))


@bp.get("/api/corpus/historiograph")
def historiograph():
    return jsonify(_view().historiograph(corpus=_name(), top=int_arg("limit", 20, 1, 1000)))


@bp.get("/api/corpus/thematic")
def thematic():
    return jsonify(_view().thematic(corpus=_name(), unit=choice_arg("unit", "author", ("author", "indexed")),
                                    **_network()))


@bp.get("/api/corpus/tags")
def tags():
    q = (request.args.get("q") or "").strip() or None
    if q and len(q) > 200:
        raise BadRequest("q: at most 200 characters")
    rows = _view().tags(corpus=_name(), query=q, entity=request.args.get("entity") or None)
    limit = int_arg("limit", 200, 1, 100_000)
    return jsonify({"query": q, "total": len(rows), "tags": rows[:limit]})


@bp.get("/api/corpus/cooccurrence")
def cooccurrence():
    return jsonify(_view().cooccurrence(corpus=_name()))


@bp.get("/api/corpus/concepts-by-year")
def concepts_by_year():
    return jsonify(_view().concepts_by_year(corpus=_name()))


@bp.get("/api/corpus/related")
def related():
    return jsonify(_view().related(corpus=_name(), paper=request.args.get("paper") or None,
                                   limit=int_arg("limit", 50, 1, 10_000)))


@bp.get("/api/corpus/compare")
def compare():
    from b2bkg.science.compare import to_csv, to_latex

    fmt = choice_arg("format", "json", ("json", "csv", "latex"))
    c = _view().compare()
    if fmt == "json":
        return jsonify(c.as_dict())
    if fmt == "csv":
        return Response(to_csv(c), content_type="text/csv; charset=utf-8")
    return Response(to_latex(c), content_type="application/x-latex; charset=utf-8")


@bp.get("/corpus/science")
def science_page():
    return render_template("corpus_science.html")


def _get(summary: str, params: list[tuple[str, str]] = (), media: str = "application/json") -> dict:
    return {"get": {
        "summary": summary,
        "parameters": [{"name": n, "in": "query", "description": d, "required": False, "schema": {"type": "string"}}
                       for n, d in params],
        "responses": {"200": {"description": "OK", "content": {media: {}}},
                      "400": {"description": "Bad parameter", "content": {"application/json": {
                          "schema": {"$ref": "#/components/schemas/Error"}}}}},
    }}


_NAME = ("name", "the corpus (default: every corpus and the curated papers' literature)")
_NET = [("counting", "full or fractional"), ("normalisation", "one of " + ", ".join(NORMALISATIONS)),
        ("min_occurrences", "minimum occurrences of an item (default 1)"),
        ("top", "keep the N items with most occurrences (default 300)"),
        ("resolution", "Louvain resolution (default 1)"), ("seed", "Louvain seed (default 42)")]

#: The OpenAPI paths of this blueprint (merged into ``/openapi.json``).
OPENAPI_PATHS = {
    "/api/corpus/names": _get("The corpora in the store: [{name, documents}]"),
    "/api/corpus/bursts": _get("Kleinberg bursts (two-state, batched by year): [{label, begin, end, strength}]",
                               [_NAME, ("of", "references, keywords, authors or sources"),
                                ("s", "burst rate as s times the base rate (default 2)"),
                                ("gamma", "cost of entering a burst (default 1)"),
                                ("min_duration", "shortest burst in years (default 1)"),
                                ("limit", "only the N strongest")]),
    "/api/corpus/clusters": _get("Clusters of a corpus network with modularity Q, silhouettes and LLR/TF-IDF labels",
                                 [_NAME, ("kind", "network kind (default co-citation)"), ("unit", "its unit"),
                                  ("terms", "label terms per method (default 5)"), *_NET]),
    "/api/corpus/mainpath": _get("Main paths (local, global, key-route) of the direct-citation network with SPC",
                                 [_NAME, ("weight", "spc, splc or spnp"), ("key_routes", "key routes (default 1)")]),
    "/api/corpus/timeline": _get("Co-citation clusters over time, the curated papers' references placed on it",
                                 [_NAME, *_NET]),
    "/api/corpus/slices": _get("Time slices: per slice the co-citation network of its most cited references",
                               [_NAME, ("years", "years per slice (default 1)"),
                                ("per_slice", "references per slice (default 50)")]),
    "/api/corpus/historiograph": _get("The most locally cited documents and their citation links by year",
                                      [_NAME, ("limit", "documents (default 20)")]),
    "/api/corpus/thematic": _get("Thematic map: keyword clusters by Callon centrality and density, quadrants named",
                                 [_NAME, ("unit", "author or indexed keywords"), *_NET]),
    "/api/corpus/tags": _get("The curated papers' notions found in the corpus, each with its verbatim span",
                             [_NAME, ("q", "a label (English or Chinese) or text the span contains"),
                              ("entity", "IRI of one notion"), ("limit", "tags returned (default 200)")]),
    "/api/corpus/cooccurrence": _get("Concept co-occurrence: records tagged with both notions", [_NAME]),
    "/api/corpus/concepts-by-year": _get("Per notion, the records tagged with it each year", [_NAME]),
    "/api/corpus/related": _get("Per curated paper, the corpus works discussing its notions (shared notions named)",
                                [_NAME, ("paper", "IRI of a curated paper"), ("limit", "works per paper")]),
    "/api/corpus/compare": _get("ORKG-style comparison of the curated papers (rows = properties, columns = papers)",
                                [("format", "json, csv or latex")]),
    "/corpus/science": _get("The science-mapping page (HTML): burst chart, cluster timeline, main path, thematic "
                            "map, concept search, comparison", media="text/html"),
}
