"""``/sparql``: the SPARQL 1.1 Protocol (query operation only: the endpoint is read-only)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, render_template, request

from b2bkg.errors import BadRequest, Forbidden, PayloadTooLarge, UnsupportedMediaType
from b2bkg.sparql.describe import service_description
from b2bkg.sparql.negotiate import GRAPH, HTML, media_type, negotiate
from b2bkg.web.context import services
from b2bkg.web.http import cacheable, etag_of, not_modified, send_answer

__all__ = ["bp", "ProtocolParams", "protocol_params"]

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"


@dataclass(frozen=True)
class ProtocolParams:
    query: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None


def protocol_params(max_length: int) -> ProtocolParams:
    """The protocol's parameters from GET, form POST or sparql-query POST."""
    args = request.args
    if "update" in args:
        raise Forbidden(READ_ONLY)
    query, fmt = args.get("query"), _format(args)
    if request.method == "POST":
        if (request.content_length or 0) > 4 * max_length + 1024:
            raise PayloadTooLarge(f"the request body is too large; queries are limited to "
                                  f"{max_length} characters")
        mt = request.mimetype
        if mt == FORM:
            if "update" in request.form:
                raise Forbidden(READ_ONLY)
            body_query, fmt = request.form.get("query"), _format(request.form) or fmt
        elif mt == SPARQL_QUERY:
            body_query = request.get_data(cache=False).decode("utf-8", errors="replace")
        elif mt == SPARQL_UPDATE:
            raise Forbidden(READ_ONLY)
        else:
            raise UnsupportedMediaType(
                f"cannot read a POST of {mt or 'no content type'}; send the query as "
                f"{FORM} (query=…) or as {SPARQL_QUERY}"
            )
        if query is not None and body_query is not None:
            raise BadRequest("send the query once: in the URL or in the body, not both")
        query = body_query if body_query is not None else query
        if query is None:
            raise BadRequest("the POST has no query; send query=… or a sparql-query body")
    sources = [args]
    if request.method == "POST" and request.mimetype == FORM:
        sources.append(request.form)
    return ProtocolParams(
        query,
        tuple(g for src in sources for g in src.getlist("default-graph-uri")),
        tuple(g for src in sources for g in src.getlist("named-graph-uri")),
        fmt,
    )


def _format(params) -> str | None:
    """``format`` (Virtuoso) or ``output`` (Fuseki): clients such as SPARQLWrapper send both."""
    return params.get("format") or params.get("output")


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    svc = services()
    params = protocol_params(svc.sparql.limits.max_query_length)
    if params.query is None:
        return _describe()
    prepared = svc.sparql.prepare(
        params.query,
        accept=request.headers.get("Accept"),
        format=params.format,
        default_graphs=params.default_graphs,
        named_graphs=params.named_graphs,
    )
    return not_modified(prepared.etag) or send_answer(svc.sparql.run(prepared), prepared)


def _describe() -> Response:
    """No query: the Service Description to RDF clients, a page to browsers."""
    svc = services()
    fmt = request.args.get("format")
    key = fmt if fmt in GRAPH else negotiate(request.headers.get("Accept"), {**HTML, **GRAPH})
    if key == "html" or key is None:
        page = render_template("sparql.html", examples=svc.library, prefixes=dict(svc.sparql.prefixes))
        return Response(page, mimetype="text/html")
    g = service_description(request.url_root, svc.store.graph_counts(), not svc.sparql.default_graphs)
    body = g.serialize(format={"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt",
                               "rdfxml": "xml"}[key], encoding="utf-8")
    resp = Response(body, content_type=media_type(key))
    return cacheable(resp, etag_of("sd", svc.store.version, request.url_root, key))
