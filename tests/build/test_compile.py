"""The compiler: quotes verified against the text, evidence attached, errors name file and line."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from b2bkg.build.compile import compile_sources, paragraph_iri
from b2bkg.build.dataset import serialize_nquads
from b2bkg.errors import SourceError
from b2bkg.sources.paper import parse_paper
from b2bkg.sources.statements import parse_statement_file
from b2bkg.vocab import B2B, KG, OA

PAPER = parse_paper(
    "@section 5.2 | 信用增进机制 | Credit enhancement\n"
    "@para 5.2-1\n"
    "信用不足是制约中小企业参与国际市场的主要障碍。借助区块链溯源、第三方认证与保险服务增强交易透明度。\n"
    "@para 5.2-2\n"
    "平台生成的信用数据可以成为银行与金融机构开展贸易融资的重要依据。区块链溯源。\n",
    "paper.txt",
)

ONTOLOGY = Graph().parse(
    data="""
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix b2b: <https://w3id.org/b2bkg/def/> .
b2b:Mechanism a owl:Class . b2b:DigitalTool a owl:Class .
b2b:enables a owl:ObjectProperty . b2b:value a owl:DatatypeProperty .
""",
    format="turtle",
)

GOOD = """
entities:
  - id: mechanism/credit-enhancement
    a: [Mechanism]
    label: {en: Credit enhancement mechanism, zh: 信用增进机制}
    quote: 信用不足是制约中小企业参与国际市场的主要障碍
  - id: tool/blockchain-traceability
    a: [DigitalTool]
    label: {en: Blockchain traceability, zh: 区块链溯源}
    quote: 区块链溯源
    para: 5.2-1
    data:
      value: {v: "1.5", type: xsd:decimal}
statements:
  - s: tool/blockchain-traceability
    p: enables
    o: mechanism/credit-enhancement
    quote: 借助区块链溯源、第三方认证与保险服务增强交易透明度
"""


def compile_text(text: str):
    return compile_sources(PAPER, [parse_statement_file(text, "s.yaml")], ONTOLOGY)


def test_a_statement_becomes_a_plain_triple_with_evidence():
    out = compile_text(GOOD)
    assert out.problems == []
    tool, mech = KG["tool/blockchain-traceability"], KG["mechanism/credit-enhancement"]
    assert (tool, B2B.enables, mech) in out.assertions
    assert (tool, RDFS.label, Literal("区块链溯源", lang="zh")) in out.assertions
    # evidence: a reified statement, an annotation with the exact quote and its offsets
    q = """
    SELECT ?exact ?start ?end ?para WHERE {
      ?st rdf:subject ?s ; rdf:predicate b2b:enables ; rdf:object ?o .
      ?ann oa:hasBody ?st ; b2b:inParagraph ?para ; oa:hasTarget/oa:hasSelector ?q, ?p .
      ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
    }"""
    rows = list(out.evidence.query(q, initNs={"rdf": RDF, "b2b": B2B, "oa": OA}))
    assert len(rows) == 1
    exact, start, end, para = rows[0]
    assert str(exact) == "借助区块链溯源、第三方认证与保险服务增强交易透明度"
    assert PAPER.text[int(start) : int(end)] == str(exact)
    assert para == paragraph_iri("paper", "5.2-1")
    assert out.quotes == 4  # two rdf:type, one data value, one statement


def test_same_input_gives_byte_identical_output():
    a, b = compile_text(GOOD), compile_text(GOOD)
    assert serialize_nquads({KG.g: a.assertions, KG.e: a.evidence}) == serialize_nquads(
        {KG.g: b.assertions, KG.e: b.evidence}
    )


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        (("增强交易透明度\n", "增强交易的透明度\n"), "quote not found in the canonical text", 15),
        (("    para: 5.2-1\n", ""), "quote occurs in several paragraphs (5.2-1, 5.2-2)", 7),
        (("p: enables", "p: drives"), "term 'drives'", 15),
        (("o: mechanism/credit-enhancement", "o: mechanism/credit"), "unknown entity id 'mechanism/credit'", 15),
        (("a: [Mechanism]", "a: [Mechanizm]"), "term 'Mechanizm'", 3),
        (("zh: 信用增进机制}", "de: x}"), "has no label.zh", 3),
        (("{v: \"1.5\", type: xsd:decimal}", "{v: abc, type: xsd:decimal}"), "not a valid xsd:decimal", 7),
        (("    para: 5.2-1\n", "    para: 9.9-9\n"), "paragraph '9.9-9' does not exist", 7),
    ],
)
def test_problems_name_file_line_and_what_is_wrong(change, message, line):
    out = compile_text(GOOD.replace(*change))
    assert any(p.startswith(f"s.yaml:{line}:") and message in p for p in out.problems), out.problems


def test_duplicate_ids_are_refused():
    out = compile_sources(
        PAPER, [parse_statement_file(GOOD, "a.yaml"), parse_statement_file(GOOD, "b.yaml")], ONTOLOGY
    )
    assert any(p.startswith("b.yaml:3:") and "already defined at a.yaml:3" in p for p in out.problems)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entities: [1]", "every item of 'entities' must be a mapping"),
        ("statements:\n  - s: a\n    p: b\n", "s.yaml:2: missing 'o'"),
        ("entities:\n  - id: x\n    label: {en: a, zh: b}\n", "s.yaml:2: entity x needs at least one class"),
        ("statements:\n  - {s: a, p: b, o: c, qoute: d}\n", "unknown key(s) qoute"),
        ("foo: 1\n", "unknown top-level key(s): foo"),
        ("entities:\n  - id: [\n", "YAML error"),
        ("citations:\n  - {refs: x, intent: cites}\n", "'refs' must be a list of reference numbers"),
    ],
)
def test_malformed_statement_files_name_the_line(text, message):
    with pytest.raises(SourceError) as err:
        parse_statement_file(text, "s.yaml")
    assert message in str(err.value)
