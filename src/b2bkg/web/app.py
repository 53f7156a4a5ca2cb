"""The application factory: ``create_app`` puts the one ``KnowledgeGraph`` in
``app.extensions["b2bkg"]`` and registers the blueprints, which take it from there
(``b2bkg.web.context.services``), never from this module."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from b2bkg.api import KnowledgeGraph
from b2bkg.store import Store
from b2bkg.web import (
    analytics,
    corpus,
    errors,
    explorer,
    fast,
    http,
    linked_data,
    meta,
    named_queries,
    science,
    sparql_views,
)
from b2bkg.web.context import KG_EXTENSION, services

__all__ = ["KG_EXTENSION", "Services", "create_app", "services"]

Services = KnowledgeGraph  # the older name of the app's shared object


def create_app(settings: Mapping[str, Any] | None = None, *, store: Store | None = None,
               kg: KnowledgeGraph | None = None) -> Flask:
    """A Flask app serving ``kg``, or the ``KnowledgeGraph`` that ``settings`` describe (see
    ``b2bkg.settings.SETTINGS``; defaults fill the rest, the environment is not read here).
    ``store``: an already open store to serve instead of opening ``settings["dataset"]``."""
    if kg is None:
        kg = KnowledgeGraph.from_settings(settings, store=store)
    elif settings is not None or store is not None:
        raise TypeError("create_app takes either kg or settings/store, not both")
    app = Flask(__name__)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions[KG_EXTENSION] = kg

    http.init_app(app)
    errors.init_app(app)
    app.register_blueprint(sparql_views.bp)
    app.register_blueprint(named_queries.bp)
    app.register_blueprint(linked_data.bp)
    app.register_blueprint(meta.bp)
    app.register_blueprint(analytics.analytics_bp)
    app.register_blueprint(explorer.bp)
    app.register_blueprint(science.bp)
    app.register_blueprint(corpus.bp)
    fast.init_app(app)  # the hot SPARQL routes without Flask's per-request machinery
    return app
