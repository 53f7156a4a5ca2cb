"""Cluster quality against the textbook formulas computed the slow way."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from b2bkg.science.clusterquality import quality, silhouettes


def _naive_silhouettes(G, membership):
    nodes = list(G)
    A = nx.to_numpy_array(G, nodelist=nodes, weight="weight")
    np.fill_diagonal(A, 0)
    norms = np.linalg.norm(A, axis=1)
    out = {}
    for i, n in enumerate(nodes):
        if norms[i] == 0:
            continue
        def dist(j, i=i):
            return 1 - A[i] @ A[j] / (norms[i] * norms[j]) if norms[j] else 1.0
        same = [j for j, m in enumerate(nodes) if membership[m] == membership[n] and j != i and norms[j]]
        if not same:
            out[n] = 0.0
            continue
        a = np.mean([dist(j) for j in same])
        b = min(np.mean([dist(j) for j, m in enumerate(nodes) if membership[m] == c and norms[j]])
                for c in set(membership.values()) - {membership[n]}
                if any(membership[m] == c and norms[j] for j, m in enumerate(nodes)))
        out[n] = (b - a) / max(a, b)
    return out


def test_silhouette_matches_the_formula_on_a_weighted_graph():
    rng = random.Random(5)
    G = nx.Graph()
    for u in range(40):
        for v in range(u + 1, 40):
            if rng.random() < (0.35 if u // 10 == v // 10 else 0.04):
                G.add_edge(u, v, weight=rng.randint(1, 5))
    membership = {n: n // 10 for n in G}
    ours = silhouettes(G, membership)
    naive = _naive_silhouettes(G, membership)
    assert ours.keys() == naive.keys()
    for n in ours:
        assert ours[n] == pytest.approx(naive[n], abs=1e-9)
    q = quality(G, membership)
    assert q.silhouette == pytest.approx(np.mean(list(naive.values())), abs=1e-4)
    assert q.modularity == pytest.approx(nx.community.modularity(G, [{n for n in G if n // 10 == c} for c in range(4)]),
                                         abs=1e-4)
    assert sum(c.size for c in q.clusters) == G.number_of_nodes()
    assert q.silhouette > 0 and q.modularity > 0.4  # planted clusters score as good ones


def test_a_bad_partition_scores_below_a_good_one():
    G = nx.barbell_graph(6, 0)
    good = {n: int(n >= 6) for n in G}
    bad = {n: n % 2 for n in G}
    assert quality(G, good).silhouette > 0.5 > quality(G, bad).silhouette
    assert quality(G, good).modularity > quality(G, bad).modularity


def test_singletons_and_one_cluster():
    G = nx.Graph([(1, 2), (2, 3)])
    G.add_node(4)
    q = quality(G, {1: 0, 2: 0, 3: 0, 4: 1})
    assert q.clusters[1].silhouette is None  # the unlinked node has no profile
    assert quality(nx.path_graph(3), {0: 0, 1: 0, 2: 0}).silhouette is None


def test_a_node_without_cluster_is_named():
    with pytest.raises(ValueError, match="no cluster"):
        quality(nx.path_graph(3), {0: 0, 1: 0})
