"""Copy a store's named graphs into an rdflib ``Dataset``: what ``b2bkg.analytics`` projects.

Each graph comes out of the store with one ``CONSTRUCT`` (decoded, or in N-Triples for
``graph_ntriples``), so this works the same on every backend.
"""

from __future__ import annotations

import warnings

from rdflib import Dataset, URIRef

from b2bkg.store.base import QueryRequest, Store

__all__ = ["dataset_of", "graph_ntriples"]

_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { ?s ?p ?o } }"


def graph_ntriples(store: Store, graph: str, timeout: float | None = None) -> bytes:
    """The triples of one named graph of ``store``, as N-Triples."""
    n = store.graph_counts().get(graph, 0)
    request = QueryRequest(_GRAPH % graph, graph_format="ntriples", max_rows=max(n, 1) + 1)
    return store.query(request, timeout=timeout).body


def dataset_of(store: Store, graphs: tuple[str, ...] | None = None, timeout: float | None = None) -> Dataset:
    """An rdflib ``Dataset`` with the named graphs of ``store`` (all of them by default), from the
    store's decoded answers (no serialising in between)."""
    ds = Dataset()
    counts = store.graph_counts()
    with warnings.catch_warnings():  # rdflib 7.x warns about its own internals here
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        for g in graphs or tuple(counts):
            request = QueryRequest(_GRAPH % g, max_rows=max(counts.get(g, 0), 1) + 1)
            target = ds.graph(URIRef(g))
            for triple in store.evaluate(request, timeout=timeout).triples:
                target.add(triple)
    return ds
