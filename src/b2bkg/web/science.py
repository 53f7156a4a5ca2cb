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
from b2bkg.web.params import Arg, get_operation

__all__ = ["bp", "OPENAPI_PATHS"]

bp = Blueprint("science", __name__)
KINDS: dict[str, list[str]] = {}
for _kind, _unit in DOCUMENTS_OF:
    KINDS.setdefault(_kind, []).append(_unit)


def _view() -> ScienceView:
    return services().science


NAME = Arg.text("name", "the corpus (default: every corpus and the curated papers' literature); "
                "an unknown name is a 404")
NETWORK = (Arg.choice("counting", "full or fractional", ("full", "fractional")),
           Arg.choice("normalisation", "one of " + ", ".join(NORMALISATIONS), NORMALISATIONS, "association"),
           Arg.integer("min_occurrences", "minimum occurrences of an item (default 1)", 1, 1, 100_000),
           Arg.integer("top", "keep the N items with most occurrences (default 300)", 300, 1, 5000),
           Arg.number("resolution", "Louvain resolution (default 1)", 1.0, 0.01, 100.0),
           Arg.integer("seed", "Louvain seed (default 42)", 42, 0, 2**31))
BURSTS = (NAME, Arg.choice("of", "references, keywords, authors or sources",
                           ("references", "keywords", "authors", "sources")),
          Arg.number("s", "burst rate as s times the base rate (default 2)", 2.0, 1.0001, 1000.0),
          Arg.number("gamma", "cost of entering a burst (default 1)", 1.0, 0.0, 1000.0),
          Arg.integer("min_duration", "shortest burst in years (default 1)", 1, 1, 1000),
          Arg.integer("limit", "only the N strongest", None, 1, 100_000))
KIND = Arg.choice("kind", "network kind (default co-citation)", list(KINDS), "co-citation")
UNIT = Arg.choice("unit", "its unit (a unit of another kind is a 400 naming the kind's units)",
                  sorted({u for units in KINDS.values() for u in units}), "")
CLUSTERS = (NAME, KIND, UNIT, Arg.integer("terms", "label terms per method (default 5)", 5, 1, 100), *NETWORK)
MAINPATH = (NAME, Arg.choice("weight", "spc, splc or spnp", ("spc", "splc", "spnp")),
            Arg.integer("key_routes", "key routes (default 1)", 1, 1, 100))
SLICES = (NAME, Arg.integer("years", "years per slice (default 1)", 1, 1, 200),
          Arg.integer("per_slice", "references per slice (default 50)", 50, 1, 5000))
HISTORIOGRAPH = (NAME, Arg.integer("limit", "documents (default 20)", 20, 1, 1000))
THEMATIC = (NAME, Arg.choice("unit", "author or indexed keywords", ("author", "indexed")), *NETWORK)
TAGS = (NAME, Arg.text("q", "a label (English or Chinese) or text the span contains", 200),
        Arg.text("entity", "IRI of one notion"), Arg.integer("limit", "tags returned (default 200)", 200, 1, 100_000))
RELATED = (NAME, Arg.text("paper", "IRI of a curated paper (an unknown one is a 404)"),
           Arg.integer("limit", "works per paper (default 50)", 50, 1, 10_000))
COMPARE = (Arg.choice("format", "json, csv or latex", ("json", "csv", "latex")),)


def _args(args) -> dict:
    return {a.name: a.get() for a in args}


def _network() -> dict:
    return _args(NETWORK)


@bp.get("/api/corpus/names")
def names():
    return jsonify({"corpora": _view().corpus_list()})


@bp.get("/api/corpus/bursts")
def bursts():
    a = _args(BURSTS)
    return jsonify(_view().bursts(a["of"], corpus=a["name"], s=a["s"], gamma=a["gamma"],
                                  min_duration=a["min_duration"], top=a["limit"]))


@bp.get("/api/corpus/clusters")
def clusters():
    kind = KIND.get()
    unit = request.args.get("unit") or next(iter(KINDS[kind]))
    if unit not in KINDS[kind]:
        raise BadRequest(f"unit of {kind} must be one of {', '.join(KINDS[kind])}, got {unit[:80]!r}")
    return jsonify(_view().clusters(kind, unit, corpus=NAME.get(), top_terms=CLUSTERS[3].get(), **_network()))


@bp.get("/api/corpus/mainpath")
def mainpath():
    a = _args(MAINPATH)
    return jsonify(_view().mainpath(corpus=a["name"], weight=a["weight"], key_routes=a["key_routes"]))


@bp.get("/api/corpus/timeline")
def timeline():
    return jsonify(_view().timeline(corpus=NAME.get(), **_network()))


@bp.get("/api/corpus/slices")
def slices():
    a = _args(SLICES)
    return jsonify(_view().slices(corpus=a["name"], years_per_slice=a["years"], top=a["per_slice"]))


@bp.get("/api/corpus/historiograph")
def historiograph():
    a = _args(HISTORIOGRAPH)
    return jsonify(_view().historiograph(corpus=a["name"], top=a["limit"]))


@bp.get("/api/corpus/thematic")
def thematic():
    a = _args(THEMATIC)
    return jsonify(_view().thematic(corpus=a.pop("name"), unit=a.pop("unit"), **a))


@bp.get("/api/corpus/tags")
def tags():
    a = _args(TAGS)
    q = (a["q"] or "").strip() or None
    rows = _view().tags(corpus=a["name"], query=q, entity=a["entity"])
    return jsonify({"query": q, "total": len(rows), "tags": rows[:a["limit"]]})


@bp.get("/api/corpus/cooccurrence")
def cooccurrence():
    return jsonify(_view().cooccurrence(corpus=NAME.get()))


@bp.get("/api/corpus/concepts-by-year")
def concepts_by_year():
    return jsonify(_view().concepts_by_year(corpus=NAME.get()))


@bp.get("/api/corpus/related")
def related():
    a = _args(RELATED)
    return jsonify(_view().related(corpus=a["name"], paper=a["paper"], limit=a["limit"]))


@bp.get("/api/corpus/compare")
def compare():
    from b2bkg.science.compare import to_csv, to_latex

    fmt = COMPARE[0].get()
    c = _view().compare()
    if fmt == "json":
        return jsonify(c.as_dict())
    if fmt == "csv":
        return Response(to_csv(c), content_type="text/csv; charset=utf-8")
    return Response(to_latex(c), content_type="application/x-latex; charset=utf-8")


@bp.get("/corpus/science")
def science_page():
    return render_template("corpus_science.html")


#: The OpenAPI paths of this blueprint (merged into ``/openapi.json``), from the same ``Arg``
#: declarations the handlers read.
OPENAPI_PATHS = {
    "/api/corpus/names": get_operation("The corpora in the store: [{name, documents}]", statuses=("502", "503")),
    "/api/corpus/bursts": get_operation("Kleinberg bursts (two-state, batched by year): [{label, begin, end, "
                                        "strength}]", BURSTS),
    "/api/corpus/clusters": get_operation("Clusters of a corpus network with modularity Q, silhouettes and "
                                          "LLR/TF-IDF labels", CLUSTERS),
    "/api/corpus/mainpath": get_operation("Main paths (local, global, key-route) of the direct-citation network "
                                          "with SPC", MAINPATH),
    "/api/corpus/timeline": get_operation("Co-citation clusters over time, the curated papers' references placed "
                                          "on it", (NAME, *NETWORK)),
    "/api/corpus/slices": get_operation("Time slices: per slice the co-citation network of its most cited "
                                        "references", SLICES),
    "/api/corpus/historiograph": get_operation("The most locally cited documents and their citation links by year",
                                               HISTORIOGRAPH),
    "/api/corpus/thematic": get_operation("Thematic map: keyword clusters by Callon centrality and density, "
                                          "quadrants named", THEMATIC),
    "/api/corpus/tags": get_operation("The curated papers' notions found in the corpus, each with its verbatim "
                                      "span", TAGS),
    "/api/corpus/cooccurrence": get_operation("Concept co-occurrence: records tagged with both notions", (NAME,)),
    "/api/corpus/concepts-by-year": get_operation("Per notion, the records tagged with it each year", (NAME,)),
    "/api/corpus/related": get_operation("Per curated paper, the corpus works discussing its notions (shared "
                                         "notions named)", RELATED),
    "/api/corpus/compare": get_operation("ORKG-style comparison of the curated papers (rows = properties, "
                                         "columns = papers)", COMPARE,
                                         media=("application/json", "text/csv", "application/x-latex"),
                                         statuses=("400", "502", "503")),
    "/corpus/science": get_operation("The science-mapping page (HTML): burst chart, cluster timeline, main path, "
                                     "thematic map, concept search, comparison", media="text/html", statuses=()),
}
