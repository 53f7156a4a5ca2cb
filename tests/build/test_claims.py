"""Claims: support by the in-text citations of the quote's sentence, the author's own claims,
framing marks resting on words of the quote, moderation, and the cross-pairing review list."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from b2bkg.build.claims import cross_paired, framing_cues, sentence_spans, sentences_overlapping
from b2bkg.build.compile import compile_sources
from b2bkg.sources.paper import parse_paper
from b2bkg.sources.statements import parse_statement_file
from b2bkg.vocab import B2B, CITO, KG

PAPER = parse_paper(
    "@section 2.3 | 参与差异 | Differences\n"
    "@para 2.3-1\n"
    "不同地区的中小企业存在显著分化，数字化基础设施成为影响其平台参与程度的关键因素[14]。"
    "平台可能呈现以下趋势，合规流程将更加全面地嵌入平台运行。\n"
    "@para 2.3-4\n"
    "B2B 电子商务的采用程度与企业竞争优势密切相关，但这一关系受到组织资源的共同影响[17]。\n"
    "@section references | 参考文献 | References\n"
    "@para references-14\n[14] 孟祥铭. 研究[J]. 2018.\n"
    "@para references-17\n[17] Ocloo. 研究[D]. 2019.\n",
    "paper.txt",
)

ONTOLOGY = Graph().parse(
    data="""
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix b2b: <https://w3id.org/b2bkg/def/> .
@prefix cito: <http://purl.org/spar/cito/> .
b2b:InfluencingFactor a owl:Class . b2b:Concept a owl:Class . b2b:Reference a owl:Class .
b2b:influences a owl:ObjectProperty . b2b:moderatedBy a owl:ObjectProperty .
cito:citesAsEvidence a owl:ObjectProperty .
""",
    format="turtle",
)

ENTITIES = """
entities:
  - id: factor/digital-infrastructure
    a: [InfluencingFactor]
    label: {en: Digital infrastructure, zh: 数字化基础设施}
    quote: 数字化基础设施
  - id: factor/adoption
    a: [InfluencingFactor]
    label: {en: Adoption, zh: 采用程度}
    quote: B2B 电子商务的采用程度
  - id: factor/resources
    a: [InfluencingFactor]
    label: {en: Resources, zh: 组织资源}
    quote: 组织资源
  - id: concept/participation
    a: [Concept]
    label: {en: Participation, zh: 参与}
    quote: 平台参与程度
  - id: concept/advantage
    a: [Concept]
    label: {en: Advantage, zh: 竞争优势}
    quote: 企业竞争优势
  - id: ref/14
    a: [Reference]
    label: {en: "[14]", zh: "[14]"}
    quote: "[14] 孟祥铭"
  - id: ref/17
    a: [Reference]
    label: {en: "[17]", zh: "[17]"}
    quote: "[17] Ocloo"
"""

STATEMENTS = """
statements:
  - s: factor/digital-infrastructure
    p: influences
    o: concept/participation
    quote: 数字化基础设施成为影响其平台参与程度的关键因素
  - s: factor/digital-infrastructure
    p: influences
    o: concept/advantage
    quote: 合规流程将更加全面地嵌入平台运行
    kind: [definition]
    cue: 嵌入
  - s: factor/adoption
    p: influences
    o: concept/advantage
    quote: B2B 电子商务的采用程度与企业竞争优势密切相关
    moderatedBy:
      by: [factor/resources]
      quote: 但这一关系受到组织资源的共同影响
citations:
  - refs: [14]
    intent: citesAsEvidence
    quote: 数字化基础设施成为影响其平台参与程度的关键因素
  - refs: [17]
    intent: citesAsEvidence
    quote: B2B 电子商务的采用程度与企业竞争优势密切相关
"""


def compile_text(text: str):
    return compile_sources(PAPER, [parse_statement_file(text, "s.yaml")], ONTOLOGY)


def statement(ev: Graph, s: str, o: str):
    return next(st for st in ev.subjects(RDF.subject, KG[s]) if (st, RDF.object, KG[o]) in ev)


def test_sentences_end_after_full_stops():
    spans = sentence_spans("甲乙。丙[1]。丁")
    assert spans == ((0, 3), (3, 8), (8, 9))
    assert sentences_overlapping(spans, 1, 5) == {0, 1}


@pytest.mark.parametrize(("quote", "expected"), [
    ("到 2025 年预计扩大至 6.9 万亿元", {("forecast", "预计")}),
    ("合规流程将更加全面地嵌入平台运行", {("forecast", "将")}),
    ("能够在一定程度上降低交易成本", {("hedged", "一定程度上")}),
    ("政策层面应加快跨境规则的统一与监管协同", {("recommendation", "应")}),
    ("中小企业需提升自身的数字化应用与合规管理能力", {("recommendation", "需")}),
    # words that only contain a cue character are no cue
    ("将信息搜寻与谈判环节数字化", set()),
    ("国际化效应体现为政策制度与平台机制的双重作用", set()),
    ("供应链协同与资源共享，制度适应能力不足，协同需求", set()),
    ("推动交易撮合向个性化与预测性演化", set()),
])
def test_framing_cues(quote, expected):
    assert set(framing_cues(quote)) == expected


def test_a_claim_is_supported_by_the_citation_of_its_sentence():
    out = compile_text(ENTITIES + STATEMENTS)
    assert out.problems == []
    ev = out.evidence
    cited = statement(ev, "factor/digital-infrastructure", "concept/participation")
    assert (cited, RDF.type, B2B.Claim) in ev
    (citation,) = ev.objects(cited, B2B.supportedBy)
    (work,) = ev.objects(citation, CITO.hasCitedEntity)  # the work the paper's entry [14] references
    assert (KG["paper/paper/reference/14"], URIRef("http://purl.org/spar/biro/references"), work) in out.assertions
    assert (cited, B2B.claimKind, B2B.ReportedFinding) in ev
    assert (cited, B2B.claimKind, B2B.AuthorsArgument) not in ev


def test_a_claim_of_a_sentence_without_citation_is_the_authors_own_with_marks_on_its_words():
    ev = compile_text(ENTITIES + STATEMENTS).evidence
    own = statement(ev, "factor/digital-infrastructure", "concept/advantage")
    assert list(ev.objects(own, B2B.supportedBy)) == []
    assert (own, B2B.claimKind, B2B.AuthorsArgument) in ev
    marks = {ev.value(m, B2B.markKind): {str(c) for c in ev.objects(m, B2B.cue)}
             for m in ev.objects(own, B2B.hasFramingMark)}
    assert marks == {B2B.Forecast: {"将"}, B2B.Definition: {"嵌入"}}


def test_moderation_is_stated_on_the_relation_not_flattened():
    out = compile_text(ENTITIES + STATEMENTS)
    base = statement(out.evidence, "factor/adoption", "concept/advantage")
    assert (base, B2B.moderatedBy, KG["factor/resources"]) in out.assertions
    assert (KG["factor/resources"], B2B.influences, KG["concept/advantage"]) not in out.assertions


def test_a_cue_not_in_the_quote_is_refused():
    text = ENTITIES + STATEMENTS.replace("cue: 嵌入", "cue: 预计")
    assert any("s.yaml:" in p and "cue '预计' is not in the quote" in p for p in compile_text(text).problems)


def test_a_cited_sentence_without_a_citation_entry_is_a_problem():
    text = ENTITIES + STATEMENTS.split("citations:")[0]
    problems = compile_text(text).problems
    assert any("cites [14]" in p and "2.3-1" in p for p in problems)


def test_kind_needs_a_cue():
    from b2bkg.errors import SourceError

    with pytest.raises(SourceError, match="'kind' needs 'cue'"):
        parse_statement_file(STATEMENTS.replace("    cue: 嵌入\n", ""), "s.yaml")


def test_cross_paired_statements_are_listed_for_review():
    text = """
statements:
""" + "".join(f"""  - s: tool/{t}
    p: enables
    o: mechanism/{m}
    quote: 智能推荐、数据治理等数字工具为企业拓展市场、构建信用体系提供新的机遇
""" for t in ("a", "b") for m in ("x", "y")) + """  - s: tool/a
    p: enables
    o: mechanism/x
    quote: 只此一对
"""
    (found,) = cross_paired([parse_statement_file(text, "t.yaml")])
    assert (found.subjects, found.objects) == (("tool/a", "tool/b"), ("mechanism/x", "mechanism/y"))
    assert found.lines == (3, 7, 11, 15)
    assert "2×2 'enables'" in found.describe()


def test_the_papers_citation_statements_are_no_claims():
    out = compile_text(ENTITIES + STATEMENTS)
    paper_claims = [s for s in out.evidence.subjects(RDF.type, B2B.Claim)
                    if (s, RDF.predicate, CITO.citesAsEvidence) in out.evidence]
    assert paper_claims == []
    assert Literal("将") in set(out.evidence.objects(None, B2B.cue))
