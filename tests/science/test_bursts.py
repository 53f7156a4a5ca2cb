"""Burst detection checked against PyPI ``burst_detection`` (the maintained batched Kleinberg
implementation) on the same series."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from b2bkg.science.bursts import Burst, bursts, fit_cost, states

bd = pytest.importorskip("burst_detection")
pd = pytest.importorskip("pandas")


class _OldNumpy:
    """numpy as burst_detection 0.1.3 (2018) knew it: ``np.float`` (removed in numpy 1.24) and
    ``q[t] = np.where(...)`` storing a one-element index tuple (refused since numpy 2). Every other
    name is numpy's own; the package's algorithm runs unchanged (with ``tau`` below)."""

    float = float

    def __getattr__(self, name):
        return getattr(np, name)

    @staticmethod
    def where(condition):
        if np.ndim(condition) == 1:  # its state choice over the two costs of one batch
            return np.flatnonzero(condition)[:1]  # the lower state on a tie
        return np.where(condition)  # enumerate_bursts, over the (n, 1) state column


@pytest.fixture(autouse=True)
def _old_numpy(monkeypatch):
    monkeypatch.setattr(bd, "np", _OldNumpy())
    tau = bd.tau
    # Its tau gets the previous state as a one-element array; numpy < 2 stored the array result
    # into a scalar cell, numpy 2 refuses: hand it the element, as old numpy did.
    monkeypatch.setattr(bd, "tau", lambda i1, i2, gamma, n: tau(np.asarray(i1).item(), i2, gamma, n))


def _theirs(r, d, s, gamma):
    """burst_detection's state sequence, and its bursts (begin, end, weight) for that sequence."""
    q, _, _, p = bd.burst_detection(pd.Series(r, dtype=float), pd.Series(d, dtype=float), len(r), s, gamma, 1)
    seq = [int(x) for x in q[:, 0]]
    return seq, _their_weights(seq, r, d, p)


def _their_weights(seq, r, d, p):
    q = np.array(seq, dtype=float).reshape(-1, 1)
    found = bd.enumerate_bursts(q, "x")
    weights = bd.burst_weights(found, pd.Series(r, dtype=float), pd.Series(d, dtype=float), p)
    rows = zip(weights.begin, weights.end, weights.weight, strict=True)
    return sorted((int(b), int(e), float(w)) for b, e, w in rows)


def _total_cost(seq, r, d, s, gamma):
    p0 = sum(r) / sum(d)
    p = (p0, min(p0 * s, 0.99999))
    cost, prev = 0.0, 0
    for t, state in enumerate(seq):
        cost += fit_cost(d[t], r[t], p[state]) + (gamma * math.log(len(r)) if state > prev else 0)
        prev = state
    return cost


SERIES = [
    ([0, 1, 0, 8, 9, 7, 1, 0, 1, 0], [50] * 10),
    ([2, 3, 2, 2, 12, 15, 3, 2, 2, 2, 11, 13], [40, 42, 45, 50, 52, 60, 61, 70, 75, 80, 82, 90]),
    ([5, 5, 5, 5, 5, 5], [30] * 6),
    ([0, 0, 0, 0, 4], [10, 10, 12, 12, 12]),
]


@pytest.mark.parametrize(("r", "d"), SERIES)
@pytest.mark.parametrize(("s", "gamma"), [(2.0, 1.0), (1.5, 0.5), (3.0, 2.0)])
def test_same_bursts_and_strengths_as_burst_detection(r, d, s, gamma):
    seq, theirs = _theirs(r, d, s, gamma)
    ours_seq = states(r, d, s=s, gamma=gamma)
    ours_cost, their_cost = _total_cost(ours_seq, r, d, s, gamma), _total_cost(seq, r, d, s, gamma)
    assert ours_cost <= their_cost + 1e-9
    if ours_cost == pytest.approx(their_cost):  # its greedy pass found the optimum: the same states
        assert ours_seq == seq
    years = range(2000, 2000 + len(r))
    ours = bursts({"x": dict(zip(years, r, strict=True))}, dict(zip(years, d, strict=True)), s=s, gamma=gamma)
    p0 = sum(r) / sum(d)
    expected = _their_weights(ours_seq, r, d, {0: p0, 1: min(p0 * s, 0.99999)})
    assert [(b.begin - 2000, b.end - 2000) for b in sorted(ours, key=lambda b: b.begin)] == [
        (b, e) for b, e, _ in expected]
    for b in ours:  # strengths as burst_detection weighs the same bursts
        assert b.strength == pytest.approx(next(w for bb, _, w in expected if bb == b.begin - 2000), rel=1e-6)


def test_a_series_where_viterbi_beats_the_greedy_pass():
    r, d = SERIES[1]
    seq, _ = _theirs(r, d, 1.5, 0.5)
    ours = states(r, d, s=1.5, gamma=0.5)
    assert ours != seq and _total_cost(ours, r, d, 1.5, 0.5) < _total_cost(seq, r, d, 1.5, 0.5)


def test_random_series_never_cost_more_than_burst_detection():
    rng = random.Random(13)
    same = 0
    for _ in range(150):
        n = rng.randint(4, 16)
        d = [rng.randint(20, 80) for _ in range(n)]
        base = rng.uniform(0.02, 0.1)
        lo, hi = sorted(rng.sample(range(n), 2))
        r = [min(d[t], round(d[t] * base * (rng.uniform(2, 5) if lo <= t <= hi else rng.uniform(0, 1.5))))
             for t in range(n)]
        if not sum(r):
            continue
        ours = states(r, d)
        seq, _ = _theirs(r, d, 2.0, 1.0)
        ours_cost, their_cost = _total_cost(ours, r, d, 2.0, 1.0), _total_cost(seq, r, d, 2.0, 1.0)
        assert ours_cost <= their_cost + 1e-9
        if ours_cost == pytest.approx(their_cost):
            assert ours == seq
            same += 1
    assert same >= 75  # most series: the greedy pass is optimal too (100 of 150 with this seed)


def test_burst_table_sorted_by_strength_and_min_duration():
    totals = {y: 100 for y in range(2000, 2010)}
    counts = {"weak": {2004: 9}, "strong": {2001: 20, 2002: 25, 2003: 22}, "flat": {y: 5 for y in totals}}
    table = bursts(counts, totals)
    assert [b.label for b in table] == ["strong", "weak"]
    assert table[0] == Burst("strong", 2001, 2003, table[0].strength) and table[0].strength > 0
    assert [b.label for b in bursts(counts, totals, min_duration=2)] == ["strong"]


@pytest.mark.parametrize(("kwargs", "message"), [({"s": 1.0}, "s must be above 1"), ({"gamma": -1}, "gamma")])
def test_bad_parameters_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        states([1, 2], [5, 5], **kwargs)


def test_counts_outside_the_totals_years_are_refused():
    with pytest.raises(ValueError, match="years without totals"):
        bursts({"x": {1999: 3}}, {2000: 10, 2001: 10})


def test_the_vectorised_decoder_decides_as_the_scalar_one():
    """states_many (numpy, all items at once) gives the scalar Viterbi's sequence on every series,
    including flat series, items present every year (p0 = 1) and ties."""
    from b2bkg.science.bursts import states_many

    rng = random.Random(13)
    d = [rng.randint(1, 30) for _ in range(25)]
    rows = [[rng.randint(0, x) if rng.random() < 0.3 else 0 for x in d] for _ in range(400)]
    rows += [list(d), [1 if x else 0 for x in d], [0] * 24 + [d[-1]], [d[0]] + [0] * 24]
    rows = [r for r in rows if sum(r)]
    for s, gamma in ((2.0, 1.0), (1.5, 0.2), (3.0, 2.0)):
        many = states_many(np.array(rows, dtype=float), np.array(d, dtype=float), s=s, gamma=gamma)
        for r, got in zip(rows, many, strict=True):
            assert list(got) == states(r, d, s=s, gamma=gamma)
