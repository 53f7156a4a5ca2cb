"""Cluster labels: LLR checked against scipy's G-test, TF-IDF by its definition."""

from __future__ import annotations

import math

import pytest
from scipy.stats import chi2_contingency

from b2bkg.science.labels import _g2, labels, terms


@pytest.mark.parametrize("table", [(8, 2, 3, 40), (5, 5, 5, 5), (1, 0, 9, 30), (12, 30, 4, 100)])
def test_g2_is_the_log_likelihood_ratio_of_the_table(table):
    a, b, c, d = table
    g, *_ = chi2_contingency([[a, b], [c, d]], correction=False, lambda_="log-likelihood")
    assert _g2(a, b, c, d) == pytest.approx(g)


def test_terms_keep_keywords_whole_and_skip_stopwords_and_numbers():
    got = terms(["The design of 3 optical fibre sensors."], ["Fibre Bragg grating", "光纤传感"])
    assert {"fibre bragg grating", "光纤传感", "optical fibre", "fibre sensors", "design"} <= got
    assert not {"the", "of", "the design", "3", "design of"} & got


def test_labels_rank_the_cluster_specific_term_first():
    docs = {f"a{i}": [f"credit enhancement of export platforms {i}"] for i in range(6)}
    docs |= {f"b{i}": [f"trust in export markets {i}"] for i in range(6)}
    got = labels({0: [f"a{i}" for i in range(6)], 1: [f"b{i}" for i in range(6)]}, docs, top=3)
    llr0 = [x for x in got[0] if x.method == "llr"]
    assert llr0[0].term == "credit enhancement"
    assert all(x.term != "export" for x in got[0])  # in every document: no LLR, idf 0
    tfidf0 = [x for x in got[0] if x.method == "tfidf"]
    assert tfidf0[0].score == pytest.approx(6 * math.log(12 / 6), abs=1e-4)  # scores rounded to 4 places
