"""Concept tagging: the matching rules, the VOSviewer thesaurus file, and the precision measured
on a hand-labelled sample of real records (tests/science/fixtures/tagging-sample.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from b2bkg.science.tagging import Thesaurus, ThesaurusError, tag_records, tag_text

FIXTURE = Path(__file__).parent / "fixtures" / "tagging-sample.json"
LABELS = [
    ("kg:mechanism/credit-enhancement", "Credit enhancement", "pref"),
    ("kg:mechanism/credit-enhancement", "信用增级", "alt"),
    ("kg:concept/transaction-cost", "Transaction cost", "pref"),
    ("kg:theory/tct", "Transaction cost theory", "pref"),
    ("kg:concept/sme-internationalisation", "SME internationalisation", "pref"),
    ("kg:concept/sme-internationalisation", "中小企业国际化", "pref"),
    ("kg:concept/enterprise-internationalisation", "企业国际化", "pref"),
    ("kg:concept/network-externality", "Network externality", "pref"),
    ("kg:concept/innovation", "Innovation", "pref"),
    ("kg:concept/compliance", "合规", "pref"),
    ("kg:factor/rise", "cross-border e-commerce", "alt"),
    ("kg:keyword/cbec", "Cross-border e-commerce", "pref"),
]


@pytest.fixture
def th():
    return Thesaurus.from_labels(LABELS)


def spans(th, text):
    return [(t.exact, t.entity.split(":")[1]) for t in tag_text(th, "w", "title", text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Credit enhancements on platforms", [("Credit enhancements", "mechanism/credit-enhancement")]),
    ("credit-enhancement", [("credit-enhancement", "mechanism/credit-enhancement")]),
    ("network externalities of trade", [("network externalities", "concept/network-externality")]),
    ("SME internationalization in Asia", [("SME internationalization", "concept/sme-internationalisation")]),
    ("Transaction costs and transaction cost theory",
     [("Transaction costs", "concept/transaction-cost"), ("transaction cost theory", "theory/tct")]),
    ("credit enhancer", []),  # not an inflection: another word
    ("discredit enhancement", []),  # no match inside a longer word
    ("transaction costume", []),
    ("innovation in SMEs", []),  # single-word English labels are rejected
    ("跨境电商赋能中小企业国际化", [("中小企业国际化", "concept/sme-internationalisation")]),  # longest wins
    ("企业国际化与信用增级", [("企业国际化", "concept/enterprise-internationalisation"),
                              ("信用增级", "mechanism/credit-enhancement")]),
    ("合规管理", []),  # two-character CJK labels are rejected
    ("cross-border ecommerce", [("cross-border ecommerce", "keyword/cbec")]),  # the preferred label wins
])
def test_matching_rules(th, text, expected):
    assert spans(th, text) == expected


def test_a_tag_is_a_text_quote_selector_on_its_field(th):
    text = "How platforms use credit enhancement to reach buyers abroad"
    (tag,) = tag_records(th, [{"work": "kg:work/x", "title": "", "abstract": text, "keywords": []}])
    assert (tag.field, tag.exact) == ("abstract", "credit enhancement")
    assert text[tag.start:tag.end] == tag.exact
    assert text[: tag.start].endswith(tag.prefix) and text[tag.end:].startswith(tag.suffix)
    keyword_tags = tag_records(th, [{"work": "w", "title": "", "abstract": "", "keywords": ["Trust", "信用增级"]}])
    assert [(t.field, t.exact) for t in keyword_tags] == [("keyword/1", "信用增级")]


def test_thesaurus_file_adds_merges_and_ignores():
    file = ("label\treplace by\n"
            "credit guarantee\tCredit enhancement\n"           # a synonym, by label
            "Network externality\tkg:concept/transaction-cost\n"  # merge one entity into another, by IRI
            "Transaction cost theory\t\n")                     # ignore
    th = Thesaurus.from_labels(LABELS, file)
    assert spans(th, "a credit guarantee") == [("credit guarantee", "mechanism/credit-enhancement")]
    assert spans(th, "network externality") == [("network externality", "concept/transaction-cost")]
    assert spans(th, "transaction cost theory") == [("transaction cost", "concept/transaction-cost")]


@pytest.mark.parametrize(("file", "message"), [
    ("term\treplacement\nx\ty\n", "line 1: .*label<TAB>replace by"),
    ("label\treplace by\nfoo\tno such label\n", "line 2: 'replace by' 'no such label'"),
    ("label\treplace by\n\tCredit enhancement\n", "line 2: the label column is empty"),
    ("label\treplace by\na\tb\tc\n", "line 2: two tab-separated columns"),
])
def test_bad_thesaurus_files_are_named_by_line(file, message):
    with pytest.raises(ThesaurusError, match=message):
        Thesaurus.from_labels(LABELS, file)


@pytest.fixture(scope="module")
def real_thesaurus():
    from b2bkg import KnowledgeGraph
    from b2bkg.science.sources import thesaurus_labels

    with KnowledgeGraph() as kg:
        return Thesaurus.from_labels(thesaurus_labels(kg))


def test_precision_on_the_hand_labelled_sample(real_thesaurus):
    sample = json.loads(FIXTURE.read_text(encoding="utf-8"))
    judged = {(j["work"], j["field"], j["start"], j["entity"]): j for j in sample["judgements"]}
    tags = tag_records(real_thesaurus, sample["records"])
    keys = [(t.work, t.field, t.start, t.entity.split("/id/")[1]) for t in tags]
    unjudged = [k for k in keys if k not in judged]
    assert not unjudged, f"tags nobody has judged yet (label them in {FIXTURE.name}): {unjudged[:5]}"
    for t, k in zip(tags, keys, strict=True):
        assert judged[k]["exact"] == t.exact
    accepted = sum(judged[k]["accept"] for k in keys)
    precision = accepted / len(keys)
    print(f"concept tags on the sample: {len(keys)}, accepted {accepted}, precision {precision:.3f}")
    assert len(keys) >= 50 and precision >= 0.9
    assert not [k for k in keys if k[0].startswith("wos-optics/")]  # optics records mention none of them
    references = {k[0] for k in keys if "/reference/" in k[0]}
    assert len(references) >= 15  # most of the seed paper's (Chinese) reference titles are tagged
