"""The SPARQL protocol layer: inspect, refuse what is unsafe, negotiate, run under limits."""

from __future__ import annotations

from b2bkg.sparql.inspect import QueryInfo, inspect_query
from b2bkg.sparql.negotiate import GRAPH, TABULAR, negotiate, parse_accept
from b2bkg.sparql.protocol import Limits, Prepared, SparqlService

__all__ = [
    "GRAPH",
    "TABULAR",
    "Limits",
    "Prepared",
    "QueryInfo",
    "SparqlService",
    "inspect_query",
    "negotiate",
    "parse_accept",
]
