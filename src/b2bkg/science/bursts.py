"""Kleinberg's burst detection, two-state and batched (Kleinberg 2002, §4 "enumerating bursts"
over batches), the form CiteSpace applies to yearly counts.

In batch ``t`` there are ``d[t]`` events, ``r[t]`` of them about the item (citations to one
reference, uses of one keyword, …). The base state emits the item with the overall share
``p0 = Σr / Σd``; the burst state with ``p1 = min(s · p0, 0.99999)``. The cost of batch ``t`` in
state ``i`` is ``-ln[C(d, r) · p_i^r · (1 - p_i)^(d - r)]``; moving up a state costs
``γ · ln n`` (``n`` batches), moving down costs nothing, and the sequence starts in the base state.
The state sequence of least total cost is found by the Viterbi algorithm (exact; PyPI
``burst_detection`` 0.1.3 picks each batch's cheaper state given the previous one, which can
differ on long weak bursts: its sequence never costs less than ours). A burst is a maximal run
of burst state; its strength is ``Σ_t cost_0(t) - cost_1(t)`` over the run (that package's
``weight``, Kleinberg's burst weight).

>>> [b.begin for b in bursts({"x": {2003: 9, 2004: 10}}, {y: 20 for y in range(2000, 2008)})]
[2003]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy.special import gammaln

__all__ = ["Burst", "P1_MAX", "fit_cost", "states", "states_many", "bursts"]

P1_MAX = 0.99999


@dataclass(frozen=True)
class Burst:
    """One burst of one item: first and last batch (years) and its strength."""

    label: str
    begin: int
    end: int
    strength: float

    def as_dict(self) -> dict:
        return asdict(self)


def _log_binom(d: float, r: float) -> float:
    return math.lgamma(d + 1) - math.lgamma(r + 1) - math.lgamma(d - r + 1)


def fit_cost(d: float, r: float, p: float) -> float:
    """``-ln P(r of d | p)`` under a binomial; zero-probability terms with zero count are 0."""
    if r < 0 or d < r:
        raise ValueError(f"a batch needs 0 <= r <= d, got r={r}, d={d}")
    cost = -_log_binom(d, r)
    if r:
        cost -= r * math.log(p)
    if d - r:
        cost -= (d - r) * math.log1p(-p)
    return cost


def _shares(r: Sequence[float], d: Sequence[float], s: float) -> tuple[float, float]:
    p0 = sum(r) / sum(d)
    return p0, min(p0 * s, P1_MAX)


def states(r: Sequence[float], d: Sequence[float], *, s: float = 2.0, gamma: float = 1.0) -> list[int]:
    """The least-cost two-state sequence (0 base, 1 burst) for counts ``r`` out of totals ``d``.

    >>> states([0, 0, 9, 10, 0, 0], [20] * 6)
    [0, 0, 1, 1, 0, 0]
    """
    n = len(r)
    if n != len(d):
        raise ValueError(f"r and d differ in length ({n} vs {len(d)})")
    if s <= 1:
        raise ValueError(f"s must be above 1 (the burst state's share is s times the base's), got {s}")
    if gamma < 0:
        raise ValueError(f"gamma must be >= 0, got {gamma}")
    if n == 0 or sum(r) == 0:
        return [0] * n
    p = _shares(r, d, s)
    up = gamma * math.log(n)
    # cost[i]: least cost of batches 0..t ending in state i; back[t][i]: the state before it.
    cost = [fit_cost(d[0], r[0], p[0]), up + fit_cost(d[0], r[0], p[1])]
    back: list[tuple[int, int]] = [(0, 0)]
    for t in range(1, n):
        f0, f1 = fit_cost(d[t], r[t], p[0]), fit_cost(d[t], r[t], p[1])
        to0 = (cost[0], 0) if cost[0] <= cost[1] else (cost[1], 1)
        to1 = (cost[1], 1) if cost[1] <= cost[0] + up else (cost[0] + up, 0)
        cost = [to0[0] + f0, to1[0] + f1]
        back.append((to0[1], to1[1]))
    state = 0 if cost[0] <= cost[1] else 1
    seq = [state]
    for t in range(n - 1, 0, -1):
        state = back[t][state]
        seq.append(state)
    return seq[::-1]


def _costs(R: np.ndarray, d: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``fit_cost`` of every item (rows) and batch (columns) at the items' rates ``p``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        hit = np.where(R > 0, R * np.log(p)[:, None], 0.0)
        miss = np.where(d - R > 0, (d - R) * np.log1p(-p)[:, None], 0.0)
    return -(gammaln(d + 1) - gammaln(R + 1) - gammaln(d - R + 1)) - hit - miss


def states_many(R: np.ndarray, d: np.ndarray, *, s: float = 2.0, gamma: float = 1.0) -> np.ndarray:
    """:func:`states` of many items at once (``R``: items × batches, ``d``: batches), the
    Viterbi recursion vectorised over the items; the same decisions, ties included."""
    n = R.shape[1]
    p0 = R.sum(axis=1) / d.sum()
    p1 = np.minimum(p0 * s, P1_MAX)
    f0, f1 = _costs(R, d, p0), _costs(R, d, p1)
    up = gamma * math.log(n)
    c0, c1 = f0[:, 0].copy(), up + f1[:, 0]
    back0 = np.zeros(R.shape, dtype=np.int8)
    back1 = np.zeros(R.shape, dtype=np.int8)
    for t in range(1, n):
        stay0 = c0 <= c1
        stay1 = c1 <= c0 + up
        back0[:, t] = np.where(stay0, 0, 1)
        back1[:, t] = np.where(stay1, 1, 0)
        n0 = np.where(stay0, c0, c1) + f0[:, t]
        n1 = np.where(stay1, c1, c0 + up) + f1[:, t]
        c0, c1 = n0, n1
    seq = np.zeros(R.shape, dtype=np.int8)
    state = np.where(c0 <= c1, 0, 1).astype(np.int8)
    seq[:, n - 1] = state
    for t in range(n - 1, 0, -1):
        state = np.where(state == 0, back0[:, t], back1[:, t]).astype(np.int8)
        seq[:, t - 1] = state
    return seq


def bursts(
    counts: Mapping[str, Mapping[int, float]],
    totals: Mapping[int, float] | None = None,
    *,
    s: float = 2.0,
    gamma: float = 1.0,
    min_duration: int = 1,
    chunk: int = 20_000,
) -> list[Burst]:
    """Bursts of every item of ``counts`` (item -> {year: count}) against ``totals`` ({year:
    events that year}; by default the sum over the items). Years run from the first to the last
    year of ``totals``, missing years counting 0. Sorted by strength (strongest first), then
    begin year and label; runs shorter than ``min_duration`` batches are left out. The items are
    decoded ``chunk`` at a time by :func:`states_many` (numpy), each burst's strength by
    :func:`fit_cost`."""
    if s <= 1:
        raise ValueError(f"s must be above 1 (the burst state's share is s times the base's), got {s}")
    if gamma < 0:
        raise ValueError(f"gamma must be >= 0, got {gamma}")
    if totals is None:
        summed: dict[int, float] = {}
        for series in counts.values():
            for year, c in series.items():
                summed[year] = summed.get(year, 0) + c
        totals = summed
    if not totals:
        return []
    years = list(range(min(totals), max(totals) + 1))
    index = {y: k for k, y in enumerate(years)}
    d = [totals.get(y, 0) for y in years]
    D = np.array(d, dtype=float)
    labels = []
    for label, series in counts.items():
        outside = sorted(y for y, c in series.items() if c and y not in totals)
        if outside:
            raise ValueError(f"{label!r} has counts in years without totals: {outside}")
        if any(c for c in series.values()):
            labels.append(label)
    found: list[Burst] = []
    for start in range(0, len(labels), chunk):
        part = labels[start:start + chunk]
        R = np.zeros((len(part), len(years)))
        for i, label in enumerate(part):
            for y, c in counts[label].items():
                R[i, index[y]] = c
        bad = (R < 0) | (R > D)
        if bad.any():
            i, t = map(int, np.argwhere(bad)[0])
            raise ValueError(f"a batch needs 0 <= r <= d, got r={R[i, t]:g}, d={D[t]:g} ({part[i]!r}, {years[t]})")
        seq = states_many(R, D, s=s, gamma=gamma)
        for i in np.flatnonzero(seq.any(axis=1)):
            label, row, r = part[i], seq[i], R[i]
            p = _shares(r, d, s)
            t = 0
            while t < len(row):
                if row[t] != 1:
                    t += 1
                    continue
                begin = t
                while t < len(row) and row[t] == 1:
                    t += 1
                if t - begin >= min_duration:
                    strength = sum(fit_cost(d[k], r[k], p[0]) - fit_cost(d[k], r[k], p[1]) for k in range(begin, t))
                    found.append(Burst(label, years[begin], years[t - 1], round(float(strength), 6)))
    found.sort(key=lambda b: (-b.strength, b.begin, b.label))
    return found
