"""The three ways a network's pair sums are made give the same network: the store's one
``GROUP BY ?a ?b`` and, past ``pair_rows`` (large coupling networks), the store's ``GROUP BY``
in slices of the first item, or the sparse product of the (group, item) incidence the store
returns."""

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
@pytest.mark.parametrize("pair_sums", ["store", "python"])
def test_one_group_by_sliced_group_by_and_sparse_product_agree(view, kind, unit, counting, pair_sums):
    by_store = view.network(kind, unit, corpus="optics", counting=counting, pair_rows=None).as_dict()
    # pair_rows=0: past the bound whatever the size, i.e. one slice per kept item, or the product
    by_product = view.network(kind, unit, corpus="optics", counting=counting, pair_rows=0,
                              pair_sums=pair_sums).as_dict()
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


def test_slices_cover_the_items_once_in_order():
    from b2bkg.corpus.network import _slices

    items = [f"i{k:03}" for k in range(200)]
    occ = {i: 1 + (k * 7) % 13 for k, i in enumerate(items)}
    for expansion, bound in [(10, 1_000), (5_000, 1_000), (10**9, 1)]:
        slices = _slices(items, occ, expansion, bound)
        assert [i for s in slices for i in s] == sorted(items)
        assert all(slices)
        assert len(slices) <= min(len(items), max(1, -(-2 * expansion // bound)))
    assert len(_slices(items, occ, 5_000, 1_000)) > 1
    assert _slices(items, occ, 10**9, 1) == [[i] for i in sorted(items)]


def test_unknown_pair_sums_is_a_clear_error(view):
    from b2bkg.errors import BadRequest

    with pytest.raises(BadRequest, match="pair sums must be one of auto, store, python"):
        view.network("co-citation", "references", corpus="optics", pair_sums="gpu")


def test_auto_counts_in_the_store_and_sums_in_python_only_past_its_budget(view, monkeypatch):
    from b2bkg.corpus import network

    by_store = view.network("coupling", "authors", corpus="optics")  # the default: auto
    assert by_store.pairs_counted_by == "store"
    monkeypatch.setattr(network, "AUTO_STORE_ROWS", 0)  # any network is past the budget
    by_product = view.network("coupling", "authors", corpus="optics")
    assert by_product.pairs_counted_by == "python"
    assert by_product.links == by_store.links and by_product.nodes == by_store.nodes
