"""The two ways a network's pair sums are made give the same network: the store's
``GROUP BY ?a ?b`` and, past ``pair_rows`` (large coupling networks), the sparse product of the
(group, item) incidence the store returns."""

from __future__ import annotations

import pytest

from b2bkg.corpus.network import KINDS
from b2bkg.corpus.persist import import_corpus
from b2bkg.corpus.service import CorpusView
from b2bkg.store import MemoryStore

CASES = [(kind, unit) for kind, units in KINDS.items() for unit in units
         if kind != "direct-citation" and (kind, unit) != ("keywords", "terms")]


@pytest.fixture(scope="module")
def view(tmp_path_factory, mixed_files):
    report = import_corpus(mixed_files, "optics", directory=tmp_path_factory.mktemp("pairs"))
    return CorpusView(MemoryStore(report.path))


@pytest.mark.parametrize("counting", ["full", "fractional"])
@pytest.mark.parametrize("kind, unit", CASES)
def test_store_group_by_and_sparse_product_agree(view, kind, unit, counting):
    by_store = view.network(kind, unit, corpus="optics", counting=counting, pair_rows=None).as_dict()
    by_product = view.network(kind, unit, corpus="optics", counting=counting, pair_rows=0).as_dict()
    if kind != "co-authorship" or unit == "authors":
        assert by_store["links"], (kind, unit)  # a network with links, not two empty ones agreeing
    store_links = {(x["source"], x["target"]): x for x in by_store["links"]}
    product_links = {(x["source"], x["target"]): x for x in by_product["links"]}
    assert product_links.keys() == store_links.keys()
    for pair, link in store_links.items():  # the same sums, added in another order
        assert product_links[pair]["count"] == link["count"], pair
        assert product_links[pair]["weight"] == pytest.approx(link["weight"], abs=2e-6), pair
    assert by_product["nodes"] == by_store["nodes"]
    assert by_product["modularity"] == pytest.approx(by_store["modularity"], abs=1e-4)
