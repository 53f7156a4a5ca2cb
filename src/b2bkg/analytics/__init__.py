"""Graph analytics over the dataset: a projection into networkx and pure functions ``G -> data``.

``Analytics`` owns the dataset file and caches the projection and answers per dataset version;
``operations`` is the table of named analyses that the HTTP blueprint and the CLI both call.
"""

from b2bkg.analytics.bipartite import VIEWS as BIPARTITE_VIEWS
from b2bkg.analytics.bipartite import bipartite, bipartite_graph
from b2bkg.analytics.centrality import MEASURES, centrality
from b2bkg.analytics.communities import METHODS, communities
from b2bkg.analytics.paths import shortest_paths
from b2bkg.analytics.projection import Projection, ProjectionConfig, curie, expand, project
from b2bkg.analytics.service import Analytics
from b2bkg.analytics.similarity import SIMILARITY_METHODS, similar
from b2bkg.analytics.structure import components, k_core, neighbourhood, summary

__all__ = [
    "Analytics",
    "BIPARTITE_VIEWS",
    "MEASURES",
    "METHODS",
    "Projection",
    "ProjectionConfig",
    "SIMILARITY_METHODS",
    "bipartite",
    "bipartite_graph",
    "centrality",
    "communities",
    "components",
    "curie",
    "expand",
    "k_core",
    "neighbourhood",
    "project",
    "shortest_paths",
    "similar",
    "summary",
]
