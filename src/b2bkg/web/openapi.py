"""The OpenAPI 3.1 description of the HTTP API (``GET /openapi.json``)."""

from __future__ import annotations

import copy
from collections.abc import Mapping

from b2bkg._version import __version__
from b2bkg.queries import NamedQuery
from b2bkg.sparql.negotiate import GRAPH, TABULAR
from b2bkg.web.corpus import OPENAPI_PATHS as CORPUS_PATHS
from b2bkg.web.explorer import OPENAPI_PATHS as EXPLORER_PATHS
from b2bkg.web.science import OPENAPI_PATHS as SCIENCE_PATHS

__all__ = ["openapi_spec", "ERROR_STATUSES"]

ERROR_STATUSES = {
    "400": "Malformed query (the parser's message with line and column) or bad parameter",
    "403": "SPARQL Update, LOAD or SERVICE: refused, the endpoint is read-only and offline",
    "404": "No such resource or named query",
    "406": "No acceptable format for this kind of result",
    "413": "The query is longer than the service's limit",
    "415": "POST body of a media type other than form or application/sparql-query",
    "422": "The result has more rows than the service's limit",
    "502": "The remote store failed (refused the service's credentials, or answered with an error)",
    "503": "The query ran longer than the timeout and was stopped, or the service is busy (Retry-After)",
}

_ERROR = {"$ref": "#/components/schemas/Error"}


def _errors(*codes: str) -> dict:
    return {
        c: {"description": ERROR_STATUSES[c],
            "content": {"application/json": {"schema": _ERROR}}}
        for c in codes
    }


def _content(types) -> dict:
    return {t: {} for t in types}


def _param(name: str, where: str, desc: str, *, required: bool = False, many: bool = False,
           enum=None, **schema_kw):
    item: dict = {"type": "string", **schema_kw}
    if enum is not None:
        item["enum"] = list(enum)
    schema = {"type": "array", "items": item} if many else item
    return {"name": name, "in": where, "description": desc, "required": required,
            "schema": schema}


#: The characters of an IRI path (RFC 3987: iunreserved, sub-delims, ':', '@', '/'); a path with
#: characters IRIs never contain answers 400.
LOCAL_NAME = "^[A-Za-z0-9._~!$&'()*+,;=:@/\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+$"
_FORMATS = [*TABULAR, *GRAPH]


def _graph_params(graphs) -> list:
    return [
        # not enums: without a query, /sparql answers its page whatever they are (with one, an
        # unknown graph is a 400 naming the dataset's graphs)
        _param("default-graph-uri", "query", "A named graph to use as the default graph: "
               + ", ".join(graphs), many=True),
        _param("named-graph-uri", "query", "A named graph available to GRAPH: " + ", ".join(graphs), many=True),
        # not an enum: without a query, /sparql answers its page or Service Description whatever it is
        _param("format", "query", "Result format override: " + ", ".join(_FORMATS) + " (or a media type)"),
    ]


_SPARQL_GET = {
    "200": {"description": "The answer (SELECT/ASK: SPARQL results; CONSTRUCT/DESCRIBE: RDF); without a "
                           "query, the Service Description (RDF) or a page (HTML)",
            "content": _content([*TABULAR.values(), *GRAPH.values(), "text/html"])},
    "304": {"description": "Not modified (If-None-Match matched the ETag)"},
}
_QUERY_ANSWER = {
    "200": {"description": "The answer (SELECT/ASK: SPARQL results; CONSTRUCT/DESCRIBE: RDF)",
            "content": _content([*TABULAR.values(), *GRAPH.values()])},
    "304": {"description": "Not modified (If-None-Match matched the ETag)"},
}
_RDF = {"200": {"description": "RDF", "content": _content(GRAPH.values())}}
_PAGE = {"200": {"description": "RDF to machines, HTML to browsers",
                 "content": _content([*GRAPH.values(), "text/html"])}}


def analytics_paths() -> dict:
    """``/api/analytics/{name}`` for the analyses without a required parameter, and one path per
    analysis that has one (so that each path says what it needs), plus the exports."""
    from b2bkg.analytics.bipartite import VIEWS as BIPARTITE_VIEWS
    from b2bkg.analytics.centrality import MEASURES
    from b2bkg.analytics.communities import METHODS
    from b2bkg.analytics.operations import GRAPH_VIEWS, OPERATIONS
    from b2bkg.analytics.readwrite import GRAPH_FORMATS, REFERENCE_FORMATS
    from b2bkg.analytics.similarity import SIMILARITY_METHODS

    enums = {"measure": MEASURES, "method": METHODS, "level": ("paragraph", "sentence")}
    needs = {"bipartite": {"view": list(BIPARTITE_VIEWS)}, "path": {"source": None, "target": None},
             "neighbourhood": {"node": None}, "similarity": {"node": None}}
    answer = {"200": {"description": "Its result", "content": {"application/json": {}}}, **_errors("400", "404")}
    paths = {"/api/analytics/{name}": {"get": {
        "summary": "Run one analysis that needs no parameter (centrality, communities, …); the others have "
                   "paths of their own",
        "parameters": [_param("name", "path", "The analysis", required=True,
                              enum=[n for n in OPERATIONS if n not in needs])],
        "responses": answer,
    }}}
    for name, required in needs.items():
        op = OPERATIONS.get(name)
        if op is None:
            continue
        params = []
        for pname, desc in op.params.items():
            if pname in required:
                params.append(_param(pname, "query", desc, required=True, enum=required[pname], minLength=1))
            else:
                values = SIMILARITY_METHODS if (name, pname) == ("similarity", "method") else enums.get(pname)
                params.append(_param(pname, "query", desc, enum=values))
        paths[f"/api/analytics/{name}"] = {"get": {"summary": op.summary, "parameters": params,
                                                    "responses": answer}}
    paths["/api/export/graph"] = {"get": {
        "summary": "Download a projection of the graph (GraphML, GEXF, Cytoscape.js, …)",
        "parameters": [_param("view", "query", "Which projection (default graph)", enum=list(GRAPH_VIEWS)),
                       _param("format", "query", "Export format", required=True, enum=list(GRAPH_FORMATS))],
        "responses": {"200": {"description": "A file download"}, **_errors("400")},
    }}
    paths["/api/export/references"] = {"get": {
        "summary": "Download the paper's references (BibTeX, RIS, CSL-JSON), or one of them",
        "parameters": [_param("format", "query", "Export format", required=True, enum=list(REFERENCE_FORMATS)),
                       _param("work", "query", "The IRI of one referenced work: that reference alone")],
        "responses": {"200": {"description": "A file download"}, **_errors("400", "404")},
    }}
    return paths


#: routes that never ask the store (files, this document, the health probe): no 502/503 of the store
_STORELESS = frozenset({"/openapi.json", "/favicon.ico", "/vendor/{name}", "/healthz", "/corpus/map",
                        "/corpus/science"})


def with_store_errors(paths: dict) -> dict:
    """Every operation that reads the store can answer 503 (busy, stopped, or no worker alive,
    with Retry-After) and 502 (the remote store failed): say so where a route's own description
    does not."""
    for path, item in paths.items():
        if path in _STORELESS:
            continue
        for op in item.values():
            responses = op.setdefault("responses", {})
            for code in ("502", "503"):
                responses.setdefault(code, {"description": ERROR_STATUSES[code],
                                            "content": {"application/json": {"schema": _ERROR}}})
    return paths


def openapi_spec(server: str, library: Mapping[str, NamedQuery], graphs=()) -> dict:
    """The OpenAPI document; ``server`` is this server's root URL, ``graphs`` the dataset's graph
    IRIs (the values ``default-graph-uri`` and ``named-graph-uri`` accept)."""
    graphs = list(graphs)
    graph_params = _graph_params(graphs)
    names = sorted(library)
    spec = copy.deepcopy(_spec(server, library, graphs, graph_params, names))  # the blueprints' tables stay as written
    with_store_errors(spec["paths"])
    return spec


def _spec(server: str, library: Mapping[str, NamedQuery], graphs: list, graph_params: list, names: list) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "b2bkg SPARQL service",
            "version": __version__,
            "description": "A read-only SPARQL 1.1 endpoint, named queries and linked data "
                           "over the knowledge graph of Wang (2025). Named queries: "
                           + ", ".join(library) + ".",
        },
        "servers": [{"url": server.rstrip("/")}],
        "paths": {
            "/sparql": {
                "get": {
                    "summary": "SPARQL query (without 'query': the Service Description or a "
                               "page for browsers)",
                    "parameters": [_param("query", "query", "The SPARQL query", minLength=1), *graph_params],
                    "responses": {**_SPARQL_GET, **_errors(
                        "400", "403", "406", "413", "422", "502", "503")},
                },
                "post": {
                    "summary": "SPARQL query in the body",
                    "parameters": graph_params,
                    "requestBody": {"required": True, "content": {
                        "application/x-www-form-urlencoded": {"schema": {
                            "type": "object", "required": ["query"],
                            "properties": {"query": {"type": "string", "minLength": 1}}}},
                        "application/sparql-query": {"schema": {"type": "string", "minLength": 1}},
                    }},
                    "responses": {**_QUERY_ANSWER, **_errors(
                        "400", "403", "406", "413", "415", "422", "502", "503")},
                },
            },
            "/api/queries": {"get": {
                "summary": "The named-query library: name, titles (en, zh), parameters",
                "responses": {"200": {"description": "The list",
                                      "content": {"application/json": {}}}},
            }},
            "/api/queries/{name}": {"get": {
                "summary": "Run a named query; other query-string parameters bind its "
                           "parameters as RDF terms",
                "parameters": [_param("name", "path", "The query's name", required=True, enum=names),
                               _param("format", "query", "Result format override", enum=_FORMATS)],
                "responses": {**_QUERY_ANSWER, **_errors("400", "404", "406", "422", "502", "503")},
            }},
            "/id/{local}": {"get": {
                "summary": "An entity of the paper (https://w3id.org/b2bkg/id/…)",
                "parameters": [_param("local", "path", "Local name", required=True, pattern=LOCAL_NAME)],
                "responses": {**_PAGE, **_errors("400", "404", "406")},
            }},
            "/def": {"get": {"summary": "The ontology", "responses": {**_PAGE,
                                                                        **_errors("406")}}},
            "/def/{local}": {"get": {
                "summary": "A term of the ontology (https://w3id.org/b2bkg/def/…)",
                "parameters": [_param("local", "path", "Local name", required=True, pattern=LOCAL_NAME)],
                "responses": {**_PAGE, **_errors("400", "404", "406")},
            }},
            "/graph/{name}": {"get": {
                "summary": "A named graph of the dataset, whole",
                "parameters": [_param("name", "path",
                                      "ontology, assertions, evidence or inferences",
                                      required=True, enum=[g.rsplit("/", 1)[-1] for g in graphs] or None)],
                "responses": {**_PAGE, **_errors("404", "406")},
            }},
            "/void": {"get": {"summary": "VoID description of the dataset",
                              "responses": {**_RDF, **_errors("406")}}},
            "/.well-known/void": {"get": {"summary": "VoID description (well-known address)",
                                          "responses": {**_RDF, **_errors("406")}}},
            # analytics (handlers in b2bkg.web.analytics; their parameters are listed by
            # GET /api/analytics itself)
            "/api/analytics": {"get": {
                "summary": "The graph analyses and exports, with their parameters and examples",
                "responses": {"200": {"description": "The list",
                                      "content": {"application/json": {}}}},
            }},
            **analytics_paths(),
            "/healthz": {"get": {
                "summary": "Readiness, triple count, dataset version, live query workers, whether the dataset file "
                           "changed since the start (dataset_file)",
                "responses": {"200": {"description": "Ready",
                                      "content": {"application/json": {}}},
                              "503": {"description": "Not ready: no query worker is alive",
                                      "content": {"application/json": {}}}},
            }},
            "/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3.1",
                                      "content": {"application/json": {}}}},
            }},
            **EXPLORER_PATHS,  # the explorer's pages and JSON APIs (b2bkg.web.explorer)
            **SCIENCE_PATHS,  # science mapping over the corpus (b2bkg.web.science)
            **CORPUS_PATHS,  # the literature corpora (b2bkg.web.corpus)
        },
        "components": {"schemas": {"Error": {
            "type": "object",
            "required": ["ok", "error", "status"],
            "properties": {"ok": {"const": False}, "error": {"type": "string"},
                           "status": {"type": "integer"}},
        }}},
    }
