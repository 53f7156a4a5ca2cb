"""The analytics' projection is the read model's: see ``b2bkg.readmodel.projection``."""

from b2bkg.readmodel.projection import (
    BIBLIOGRAPHIC_PREDICATES,
    Projection,
    ProjectionConfig,
    as_facts,
    curie,
    expand,
    node_ref,
    project,
)

__all__ = ["BIBLIOGRAPHIC_PREDICATES", "Projection", "ProjectionConfig", "as_facts", "curie", "expand",
           "node_ref", "project"]
