"""The application factory. Shared objects live in ``app.extensions["b2bkg"]``."""

from __future__ import annotations

import atexit
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

from b2bkg.api import store_dataset
from b2bkg.queries import NamedQuery, load_library
from b2bkg.readmodel import ReadModel
from b2bkg.settings import Settings, load_settings
from b2bkg.sparql.protocol import Limits, SparqlService
from b2bkg.store import Store, configured_backend, open_configured_store

__all__ = ["KG_EXTENSION", "Services", "create_app", "services"]

KG_EXTENSION = "b2bkg"


@dataclass
class Services:
    settings: Settings
    store: Store
    sparql: SparqlService
    library: dict[str, NamedQuery]
    readmodel: ReadModel  # the one entity index and projection, shared by the explorer and the analytics

    def close(self) -> None:
        self.store.close()


def services() -> Services:
    return current_app.extensions[KG_EXTENSION]


def _default_graphs(value: str) -> tuple[str, ...]:
    v = value.strip()
    if v.lower() in ("", "union"):
        return ()
    return tuple(g.strip().strip("<>") for g in v.split(",") if g.strip())


def create_app(settings: Mapping[str, Any] | None = None, *, store: Store | None = None) -> Flask:
    """A Flask app serving the dataset. ``settings``: see ``b2bkg.settings.SETTINGS``
    (defaults fill the rest; the environment is not read here). ``store``: an already open
    store to serve instead of opening ``settings["dataset"]``."""
    cfg = load_settings(settings, environ={})
    if store is None:
        workers = cfg["workers"] or max(2, os.cpu_count() or 2)
        dataset = store_dataset(configured_backend(cfg), cfg["dataset"])
        store = open_configured_store(cfg, dataset, workers=workers)
        atexit.register(store.close)
    limits = Limits(cfg["timeout"], cfg["max_rows"], cfg["max_query_length"])
    sparql = SparqlService(store, limits, default_graphs=_default_graphs(cfg["default_graph"]))
    app = Flask(__name__)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions[KG_EXTENSION] = Services(cfg, store, sparql, load_library(cfg["queries_dir"]), ReadModel(store))

    from b2bkg.web import analytics, errors, explorer, http, linked_data, meta, named_queries, sparql_views

    http.init_app(app)
    errors.init_app(app)
    app.register_blueprint(sparql_views.bp)
    app.register_blueprint(named_queries.bp)
    app.register_blueprint(linked_data.bp)
    app.register_blueprint(meta.bp)
    app.register_blueprint(analytics.analytics_bp)
    app.register_blueprint(explorer.bp)
    return app
