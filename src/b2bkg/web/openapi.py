"""The OpenAPI 3.1 description of the HTTP API (``GET /openapi.json``)."""

from __future__ import annotations

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
    "503": "The query ran longer than the timeout and was stopped",
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


def _param(name: str, where: str, desc: str, *, required: bool = False, many: bool = False):
    schema = {"type": "array", "items": {"type": "string"}} if many else {"type": "string"}
    return {"name": name, "in": where, "description": desc, "required": required,
            "schema": schema}


_GRAPH_PARAMS = [
    _param("default-graph-uri", "query", "A named graph to use as the default graph",
           many=True),
    _param("named-graph-uri", "query", "A named graph available to GRAPH", many=True),
    _param("format", "query", "Result format override: " + ", ".join([*TABULAR, *GRAPH])),
]
_QUERY_ANSWER = {
    "200": {"description": "The answer (SELECT/ASK: SPARQL results; CONSTRUCT/DESCRIBE: RDF)",
            "content": _content([*TABULAR.values(), *GRAPH.values()])},
    "304": {"description": "Not modified (If-None-Match matched the ETag)"},
}
_RDF = {"200": {"description": "RDF", "content": _content(GRAPH.values())}}
_PAGE = {"200": {"description": "RDF to machines, HTML to browsers",
                 "content": _content([*GRAPH.values(), "text/html"])}}


def openapi_spec(server: str, library: Mapping[str, NamedQuery]) -> dict:
    """The OpenAPI document; ``server`` is this server's root URL."""
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
                    "parameters": [_param("query", "query", "The SPARQL query"), *_GRAPH_PARAMS],
                    "responses": {**_QUERY_ANSWER, **_errors(
                        "400", "403", "406", "413", "422", "503")},
                },
                "post": {
                    "summary": "SPARQL query in the body",
                    "parameters": _GRAPH_PARAMS,
                    "requestBody": {"content": {
                        "application/x-www-form-urlencoded": {"schema": {
                            "type": "object", "properties": {"query": {"type": "string"}}}},
                        "application/sparql-query": {"schema": {"type": "string"}},
                    }},
                    "responses": {**_QUERY_ANSWER, **_errors(
                        "400", "403", "406", "413", "415", "422", "503")},
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
                "parameters": [_param("name", "path", "The query's name", required=True),
                               _param("format", "query", "Result format override")],
                "responses": {**_QUERY_ANSWER, **_errors("400", "404", "406", "422", "503")},
            }},
            "/id/{local}": {"get": {
                "summary": "An entity of the paper (https://w3id.org/b2bkg/id/…)",
                "parameters": [_param("local", "path", "Local name", required=True)],
                "responses": {**_PAGE, **_errors("404", "406")},
            }},
            "/def": {"get": {"summary": "The ontology", "responses": {**_PAGE,
                                                                        **_errors("406")}}},
            "/def/{local}": {"get": {
                "summary": "A term of the ontology (https://w3id.org/b2bkg/def/…)",
                "parameters": [_param("local", "path", "Local name", required=True)],
                "responses": {**_PAGE, **_errors("404", "406")},
            }},
            "/graph/{name}": {"get": {
                "summary": "A named graph of the dataset, whole",
                "parameters": [_param("name", "path",
                                      "ontology, assertions, evidence or inferences",
                                      required=True)],
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
            "/api/analytics/{name}": {"get": {
                "summary": "Run one analysis (centrality, communities, paths, …)",
                "parameters": [_param("name", "path", "The analysis", required=True)],
                "responses": {"200": {"description": "Its result",
                                      "content": {"application/json": {}}},
                              **_errors("400", "404")},
            }},
            "/api/export/graph": {"get": {
                "summary": "Download a projection of the graph (GraphML, GEXF, Cytoscape.js, …)",
                "parameters": [_param("view", "query", "Which projection"),
                               _param("format", "query", "Export format")],
                "responses": {"200": {"description": "A file download"}, **_errors("400")},
            }},
            "/api/export/references": {"get": {
                "summary": "Download the paper's references (BibTeX, RIS, CSL-JSON)",
                "parameters": [_param("format", "query", "Export format")],
                "responses": {"200": {"description": "A file download"}, **_errors("400")},
            }},
            "/healthz": {"get": {
                "summary": "Readiness, triple count and dataset version",
                "responses": {"200": {"description": "Ready",
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
