"""Where the blueprints find the application object: ``current_app.extensions["b2bkg"]``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app

if TYPE_CHECKING:
    from b2bkg.api import KnowledgeGraph

__all__ = ["KG_EXTENSION", "services"]

KG_EXTENSION = "b2bkg"


def services() -> KnowledgeGraph:
    """The app's ``KnowledgeGraph`` (store, SPARQL service, query library, read model, explorer,
    analytics), as ``create_app`` put it in ``current_app.extensions``."""
    return current_app.extensions[KG_EXTENSION]
