"""How good a clustering of a network is, as CiteSpace reports it: modularity Q and the mean
silhouette, and each cluster's size and silhouette.

- **Modularity** (Newman 2004) of the weighted, undirected network for the partition:
  ``Q = 1/2m Σ_ij [A_ij - k_i k_j / 2m] δ(c_i, c_j)`` (networkx's ``modularity``).
- **Silhouette** (Rousseeuw 1987) of node ``i``: ``s(i) = (b(i) - a(i)) / max(a(i), b(i))`` with
  ``a(i)`` the mean distance from ``i`` to the other members of its cluster and ``b(i)`` the least
  mean distance to the members of another cluster; ``s(i) = 0`` for a member of a one-node cluster.
  The distance is ``1 - cos(x_i, x_j)`` between the nodes' rows of the weighted adjacency matrix
  (the cosine of their link profiles, as CiteSpace derives dissimilarity from co-citation
  strength). A cluster's silhouette is its members' mean; the network's mean silhouette is the
  mean over all nodes, which is CiteSpace's size-weighted mean of the clusters' silhouettes.
  Nodes without links have no profile: they are left out of the silhouette (their clusters are
  reported with ``silhouette: None``), and so is a clustering of a single cluster.

Computed on sparse matrices: the sums of similarities from each node to each cluster are
``X (Xᵀ M)`` (``X`` the row-normalised adjacency, ``M`` the membership), so memory grows with the
links and nodes × clusters, never nodes².
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import scipy.sparse as sp

__all__ = ["ClusterQuality", "ClusterScore", "quality", "silhouettes"]


@dataclass(frozen=True)
class ClusterScore:
    id: int
    size: int
    silhouette: float | None


@dataclass(frozen=True)
class ClusterQuality:
    modularity: float
    silhouette: float | None
    clusters: list[ClusterScore] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"modularity": self.modularity, "silhouette": self.silhouette,
                "clusters": [c.__dict__ for c in self.clusters]}


def silhouettes(G: nx.Graph, membership: Mapping[Hashable, int], weight: str = "weight") -> dict[Hashable, float]:
    """Each linked node's silhouette (nodes without links are left out)."""
    nodes = [n for n in G if n in membership]
    if not nodes:
        return {}
    clusters = sorted({membership[n] for n in nodes})
    if len(clusters) < 2:
        return {}
    col = {c: k for k, c in enumerate(clusters)}
    X = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=weight, format="csr").astype(float)
    X.setdiag(0)
    X.eliminate_zeros()
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    linked = norms > 0
    X = sp.diags(np.where(linked, 1 / np.where(linked, norms, 1), 0)) @ X
    labels = np.array([col[membership[n]] for n in nodes])
    M = sp.csr_array((linked.astype(float), (np.arange(len(nodes)), labels)), shape=(len(nodes), len(clusters)))
    sims = (X @ (X.T @ M)).toarray()
    sizes = np.asarray(M.sum(axis=0)).ravel()
    out: dict[Hashable, float] = {}
    for i, n in enumerate(nodes):
        if not linked[i]:
            continue
        own = labels[i]
        if sizes[own] <= 1:
            out[n] = 0.0
            continue
        mean_dist = 1 - sims[i] / np.where(sizes > 0, sizes, 1)
        a = 1 - (sims[i, own] - 1) / (sizes[own] - 1)  # without its similarity to itself (1)
        others = [mean_dist[k] for k in range(len(clusters)) if k != own and sizes[k] > 0]
        if not others:
            continue
        b = min(others)
        top = max(a, b)
        out[n] = float((b - a) / top) if top > 0 else 0.0
    return out


def quality(G: nx.Graph, membership: Mapping[Hashable, int], weight: str = "weight") -> ClusterQuality:
    """Modularity, mean silhouette and each cluster's size and silhouette.

    >>> G = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    >>> q = quality(G, {1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: 1})
    >>> round(q.modularity, 3), [c.size for c in q.clusters]
    (0.357, [3, 3])
    """
    missing = [n for n in G if n not in membership]
    if missing:
        raise ValueError(f"{len(missing)} node(s) have no cluster, e.g. {missing[0]!r}")
    U = G.to_undirected() if G.is_directed() else G
    groups: dict[int, set] = {}
    for n in U:
        groups.setdefault(membership[n], set()).add(n)
    Q = nx.community.modularity(U, list(groups.values()), weight=weight) if U.number_of_edges() else 0.0
    s = silhouettes(U, membership, weight)
    clusters = []
    for c in sorted(groups, key=lambda c: (-len(groups[c]), c)):
        vals = [s[n] for n in groups[c] if n in s]
        clusters.append(ClusterScore(c, len(groups[c]), round(float(np.mean(vals)), 4) if vals else None))
    mean = round(float(np.mean(list(s.values()))), 4) if s else None
    return ClusterQuality(round(float(Q), 4), mean, clusters)
