"""VOSviewer files: the files VOSviewer wrote are read; what we write reads back the same."""

from __future__ import annotations

import json

import pytest

from b2bkg.corpus.exports import export_network
from b2bkg.corpus.persist import import_corpus
from b2bkg.corpus.service import CorpusView
from b2bkg.corpus.vosviewer import (
    from_json,
    generate_map,
    generate_network,
    parse_map,
    parse_network,
    read_map,
    read_network,
    to_json,
)
from b2bkg.store import MemoryStore

from .conftest import VOSVIEWER


@pytest.mark.parametrize(
    "base, items, clusters, links",
    [("Economics_journal_co-citation", 232, 5, 4112), ("QSS_publication_bibliographic_coupling", 39, 4, 194)],
)
def test_read_vosviewer_files_and_round_trip(base, items, clusters, links):
    got = read_map(VOSVIEWER / f"{base}_map.txt")
    net, selfs = read_network(VOSVIEWER / f"{base}_network.txt")
    assert (len(got), len({i["cluster"] for i in got}), len(net)) == (items, clusters, links)
    assert parse_map(generate_map(got)) == got
    assert parse_network(generate_network(net, selfs)) == (net, selfs)
    back_items, back_links = from_json(json.loads(json.dumps(to_json(got, net))))
    assert back_links == net
    assert [(i["id"], i["label"], i.get("cluster")) for i in back_items] == [
        (i["id"], i["label"], i.get("cluster")) for i in got]


def test_qss_weights_and_scores():
    items = {i["id"]: i for i in read_map(VOSVIEWER / "QSS_publication_bibliographic_coupling_map.txt")}
    assert items[29]["label"] == "visser (2021)"
    assert items[29]["weights"] == {"Links": 20, "Total link strength": 32, "Citations": 19,
                                    "Norm. citations": 20.2955}
    assert items[29]["scores"]["Pub. year"] == 2021


def test_economics_self_pairs_kept_apart():
    _, selfs = read_network(VOSVIEWER / "Economics_journal_co-citation_network.txt")
    assert len(selfs) == 232 and selfs[1] == 892


def test_our_network_written_as_vosviewer_reads_back(mixed_files):
    report = import_corpus(mixed_files, "mixed")
    net = CorpusView(MemoryStore(report.path)).network("co-citation", "references", min_occurrences=2)
    items = parse_map(export_network(net, "vosviewer-map"))
    links, _ = parse_network(export_network(net, "vosviewer-network"))
    assert [i["label"] for i in items] == [n["label"] for n in net.nodes]
    assert [i["cluster"] for i in items] == [n["cluster"] for n in net.nodes]
    assert [i["weights"]["Occurrences"] for i in items] == [n["occurrences"] for n in net.nodes]
    assert len(links) == len(net.links)
    doc = json.loads(export_network(net, "vosviewer-json"))
    assert len(doc["network"]["items"]) == len(items)
    for fmt in ("gexf", "graphml"):
        assert export_network(net, fmt).lstrip().startswith("<?xml")
