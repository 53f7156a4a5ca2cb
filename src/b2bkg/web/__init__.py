"""The HTTP face: ``create_app(settings)`` and its blueprints.

Routes: ``/sparql`` (SPARQL 1.1 Protocol), ``/api/queries`` (named queries), ``/id/…``,
``/def/…``, ``/graph/…`` (linked data), ``/void``, ``/openapi.json``, ``/healthz``.
"""

from __future__ import annotations

from b2bkg.web.app import KG_EXTENSION, Services, create_app

__all__ = ["KG_EXTENSION", "Services", "create_app"]
