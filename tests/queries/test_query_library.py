"""Every named query of queries/ answers the paper's question with the expected answer.

The expectations are what the paper states (section given for each), not what the code happens
to return: a change in the curated statements that loses one of these facts fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from b2bkg import KnowledgeGraph
from b2bkg.queries import load_library
from b2bkg.sources import load_paper

ROOT = Path(__file__).resolve().parents[2]
KG = "https://w3id.org/b2bkg/id/"


@pytest.fixture(scope="module")
def kg():
    with KnowledgeGraph(queries_dir=ROOT / "queries") as graph:
        yield graph


def run(kg, name: str, **params: str) -> list[dict]:
    return kg.query(name, **params).records()


def entry_numbers(kg) -> dict[str, int]:
    """The seed paper's works (kg:work/…) -> the number of their entry in its reference list."""
    q = ("SELECT ?work ?n WHERE { ?e biro:references ?work ; b2b:referenceNumber ?n ; "
         "frbr:partOf <https://w3id.org/b2bkg/id/paper/wang-2025> }")
    return {str(r["work"]): int(r["n"]) for r in kg.query(q).records()}


def ids(rows: list[dict], key: str) -> set[str]:
    return {str(r[key]).removeprefix(KG) for r in rows if r[key] is not None}


def test_the_library_has_at_least_20_documented_questions():
    library = load_library(ROOT / "queries")
    assert len(library) >= 20
    for q in library.values():
        assert q.title.get("en") and q.title.get("zh"), q.name


def test_tools_driving_credit_enhancement_with_evidence(kg):  # §5.2
    rows = run(kg, "tools-driving-mechanism", mechanism="kg:mechanism/credit-enhancement")
    assert {"tool/blockchain-traceability", "tool/third-party-certification", "tool/insurance-service",
            "tool/credit-evaluation", "tool/smart-contract"} <= ids(rows, "tool")
    paper = load_paper(ROOT / "data" / "papers" / "wang-2025" / "paper.txt")
    for r in rows:  # every quote is the paper's own words, in the paragraph named
        assert str(r["quote"]) in paper.paragraphs[str(r["paragraph"])].text
    assert any(str(r["paragraph"]) == "5.2-1" for r in rows)


def test_tools_driving_market_expansion(kg):  # §5.3
    rows = run(kg, "tools-driving-mechanism", mechanism="kg:mechanism/market-expansion")
    assert {"tool/multilingual-processing", "tool/social-media-embedding", "tool/virtual-exhibition",
            "tool/live-streaming", "tool/digital-display"} <= ids(rows, "tool")


def test_stage_sequence_and_what_each_adds(kg):  # §4
    rows = run(kg, "stage-sequence")
    assert [int(r["order"]) for r in rows] == [1, 2, 3]
    assert [str(r["stage"]).removeprefix(KG) for r in rows] == [
        "stage/information-matching", "stage/functional-integration", "stage/ecological-collaboration"]
    assert rows[0]["previous"] is None
    assert str(rows[2]["previous"]).endswith("stage/functional-integration")
    assert "Supply chain finance" in str(rows[1]["adds"])
    assert "Blockchain" in str(rows[2]["adds"])


def test_stage_features(kg):  # §4.1
    rows = run(kg, "stage-features", stage="kg:stage/information-matching")
    zh = {str(r["feature_zh"]) for r in rows}
    assert any("有无" in z for z in zh)
    assert len(rows) >= 5


def test_platform_roles_by_stage(kg):  # §2.2, §4
    rows = run(kg, "platform-roles-by-stage")
    by_stage = {(int(r["order"]), str(r["role"]).removeprefix(KG)) for r in rows}
    assert (1, "role/electronic-yellow-pages") in by_stage
    assert (2, "role/comprehensive-service-provider") in by_stage
    assert (3, "role/enabler") in by_stage


def test_theory_explains_mechanism_and_who_proposed_it(kg):  # §3.1
    rows = run(kg, "theory-explains-mechanism")
    pairs = {(str(r["theory"]).removeprefix(KG), str(r["mechanism"]).removeprefix(KG)) for r in rows}
    assert ("theory/transaction-cost", "mechanism/cost-reduction") in pairs
    assert ("theory/resource-based", "mechanism/resource-integration") in pairs
    tc = next(r for r in rows if str(r["theory"]).endswith("transaction-cost"))
    assert "Coase" in str(tc["proposed_by"])


def test_theory_proponents(kg):  # §3.1
    rows = run(kg, "theory-proponents")
    got = {(str(r["theory"]).removeprefix(KG), str(r["role"]), str(r["person_zh"])) for r in rows}
    assert got == {
        ("theory/transaction-cost", "proposed", "科斯"),
        ("theory/transaction-cost", "systematised", "威廉姆森"),
        ("theory/resource-based", "proposed", "巴尼"),
        ("theory/platform-ecosystem", "proposed", "摩尔"),
        ("theory/institutional", "proposed", "迪马吉欧"),
        ("theory/institutional", "proposed", "鲍威尔"),
    }


def test_what_transaction_cost_theory_explains(kg):  # §3.1 1)
    rows = run(kg, "theory-explains", theory="kg:theory/transaction-cost")
    assert {"mechanism/cost-reduction", "tool/big-data-matching", "tool/online-contract"} <= ids(rows, "explained")


def test_mechanism_outcomes_credit_data_to_trade_financing(kg):  # §5.2
    rows = run(kg, "mechanism-outcomes")
    tf = [r for r in rows if str(r["outcome"]).endswith("outcome/trade-financing")]
    assert tf and str(tf[0]["mechanism"]).endswith("mechanism/credit-enhancement")
    assert KG + "actor/sme" in str(tf[0]["benefits"])
    assert KG + "actor/bank" in str(tf[0]["provided_by"])


def test_constraints_eased_by_each_mechanism(kg):  # §5.2–§5.4
    rows = run(kg, "constraints-eased-by-mechanism")
    pairs = {(str(r["mechanism"]).removeprefix(KG), str(r["constraint"]).removeprefix(KG)) for r in rows}
    assert {("mechanism/credit-enhancement", "constraint/credit-deficiency"),
            ("mechanism/credit-enhancement", "constraint/financing-constraint"),
            ("mechanism/market-expansion", "constraint/limited-channels"),
            ("mechanism/resource-integration", "constraint/resource-shortage")} <= pairs


def test_risks_addressed_by_governance(kg):  # §2.4, §6
    rows = run(kg, "risks-addressed-by-governance")
    pairs = {(str(r["governance"]).removeprefix(KG), str(r["risk"]).removeprefix(KG)) for r in rows}
    assert ("governance/social-co-governance", "risk/transaction-authenticity") in pairs
    assert ("principle/efficiency-compliance-balance", "risk/fraud-and-counterfeiting") in pairs
    assert any(g.startswith("instrument/") for g, _ in pairs)


def test_horizontal_coordination_agencies(kg):  # §6.2.1
    rows = run(kg, "horizontal-coordination-agencies")
    assert ids(rows, "actor") == {
        "actor/customs", "actor/tax-authority", "actor/market-regulator", "actor/financial-regulator",
        "actor/platform-operator", "actor/financial-institution", "actor/third-party-service-provider"}


def test_governance_instruments_rest_on_tools(kg):  # §6.2.2
    rows = run(kg, "governance-instruments")
    bases = {str(r["basis"]).removeprefix(KG) for r in rows if r["basis"] is not None}
    assert {"tool/ai-risk-control", "tool/blockchain-traceability", "tool/smart-contract"} <= bases


def test_statistics_with_value_unit_year_and_source(kg):  # §1
    rows = {str(r["statistic"]).removeprefix(KG): r for r in run(kg, "statistics")}
    assert len(rows) == 3
    numbers = entry_numbers(kg)
    values = sorted((float(r["value"]), str(r["unit"]), f"ref/{numbers[str(r['source'])]}") for r in rows.values())
    assert values == [(6.9, "万亿元", "ref/2"), (15.6, "%", "ref/2"), (36.2, "万亿美元", "ref/1")]
    g = next(r for r in rows.values() if float(r["value"]) == 36.2)
    assert str(g["year"]) == "2026" and g["forecast"] is True
    cagr = next(r for r in rows.values() if float(r["value"]) == 15.6)
    assert (str(cagr["period_start"]), str(cagr["period_end"])) == ("2022", "2025")


def test_references_supporting_section_2_4(kg):  # §2.4 cites [18]–[21]
    rows = run(kg, "references-supporting-section", section="2.4")
    assert sorted(int(r["number"]) for r in rows) == [18, 19, 20, 21]


def test_references_supporting_section_3_1(kg):  # §3.1 cites [22]–[26]
    rows = run(kg, "references-supporting-section", section="3.1")
    assert sorted({int(r["number"]) for r in rows}) == [22, 23, 24, 25, 26]


def test_references_about_social_co_governance(kg):  # §2.4 [21]
    rows = run(kg, "references-about-entity", entity="kg:governance/social-co-governance")
    assert {int(r["number"]) for r in rows} == {21}


def test_bibliography_has_26_typed_records(kg):
    rows = run(kg, "bibliography")
    assert [int(r["number"]) for r in rows] == list(range(1, 27))
    by_n = {int(r["number"]): r for r in rows}
    assert str(by_n[22]["type"]).endswith("JournalArticle") and str(by_n[22]["year"]) == "1937"
    assert str(by_n[23]["type"]).endswith("Book")
    assert str(by_n[10]["type"]).endswith("MastersThesis")
    assert str(by_n[17]["type"]).endswith("DoctoralThesis")
    assert str(by_n[1]["type"]).endswith("ReportDocument")
    assert str(by_n[3]["first_author"]) == "李小平" and int(by_n[3]["authors"]) == 4
    assert str(by_n[26]["first_author"]) == "P.J. DiMaggio" and int(by_n[26]["authors"]) == 2


def test_reference_authors_in_printed_order(kg):  # [3] 李小平, 余娟娟, 余东升, 吴俊豪
    work = next(w for w, n in entry_numbers(kg).items() if n == 3)
    rows = run(kg, "reference-authors", reference=work)
    assert [(int(r["position"]), str(r["name_zh"])) for r in rows] == [
        (1, "李小平"), (2, "余娟娟"), (3, "余东升"), (4, "吴俊豪")]


def test_citations_by_intent_cover_all_markers(kg):
    rows = run(kg, "citations-by-intent")
    assert sum(int(r["citations"]) for r in rows) == 28  # 28 numbered markers in §1–§7


def test_most_cited_references(kg):
    rows = run(kg, "most-cited-references")
    assert len(rows) == 26  # every reference is cited in the body
    top = {int(r["number"]) for r in rows if int(r["citations"]) == int(rows[0]["citations"])}
    assert {10, 14} <= top  # [10] (§2.2 twice) and [14] (§2.3 twice)


def test_trends_of_4_4_and_6_3(kg):
    rows = run(kg, "trends")
    kinds = {}
    for r in rows:
        kinds.setdefault(str(r["kind"]).rsplit("/", 1)[1], set()).add(str(r["trend"]).removeprefix(KG))
    assert {"trend/platform-intelligence", "trend/credit-compliance-standardisation",
            "trend/industrial-linkage"} == kinds["PlatformTrend"]
    assert {"trend/intelligent-upgrading", "trend/institutional-internationalisation",
            "trend/ecological-integration", "trend/compliance-digitalisation"} <= kinds["GovernanceTrend"]


def test_research_gaps(kg):  # §2.5 (three) and §7
    rows = run(kg, "research-gaps")
    assert len(ids(rows, "gap")) == 4


def test_implications_and_their_addressees(kg):  # §7
    rows = run(kg, "implications")
    pairs = {(str(r["implication"]).removeprefix(KG), str(r["addressed_to"]).removeprefix(KG)) for r in rows}
    assert ("implication/platform-strengthen-digital-functions", "actor/platform-operator") in pairs
    assert ("implication/sme-capability", "actor/sme") in pairs


def test_regional_differences(kg):  # §2.4
    rows = run(kg, "regional-differences")
    rel = {(str(r["region"]).removeprefix(KG), str(r["relation"]).rsplit("/", 1)[1]) for r in rows}
    assert ("region/eastern", "hasAdvantageIn") in rel
    assert ("region/central-western", "constrainedBy") in rel


def test_policies_and_pilot_zones(kg):  # §1, §2.1
    rows = run(kg, "policies-and-pilot-zones")
    measures = {str(r["object_zh"]) for r in rows if str(r["relation"]).endswith("providesMeasure")}
    assert measures == {"通关便利", "税收优惠", "金融支持"}


def test_ecosystem_actors(kg):  # §3.1 3)
    rows = run(kg, "ecosystem-actors")
    assert {"actor/platform-operator", "actor/supplier", "actor/buyer", "actor/logistics-provider",
            "actor/payment-provider"} <= ids(rows, "actor")


def test_tools_by_technology(kg):
    rows = run(kg, "tools-by-technology")
    assert ("technology/blockchain", "tool/blockchain-traceability") in {
        (str(r["technology"]).removeprefix(KG), str(r["tool"]).removeprefix(KG)) for r in rows}


def test_mechanism_limits(kg):  # §5.5, §7
    rows = run(kg, "mechanism-limits")
    assert {"factor/digital-capability", "factor/platform-governance-level",
            "factor/external-institutional-environment"} <= ids(rows, "factor")


def test_evidence_for_entity(kg):
    rows = run(kg, "evidence-for-entity", entity="kg:mechanism/credit-enhancement")
    assert any("信用不足是制约中小企业参与国际市场的主要障碍" in str(r["quote"]) for r in rows)


@pytest.mark.parametrize(("text", "expected"), [("信用", "mechanism/credit-enhancement"),
                                                ("credit enhancement", "mechanism/credit-enhancement"),
                                                ("区块链", "tool/blockchain-traceability")])
def test_search_labels_in_both_languages(kg, text, expected):
    assert expected in ids(run(kg, "search-labels", text=text), "entity")


def test_asserted_and_inferred_facts_are_apart(kg):
    rows = run(kg, "asserted-vs-inferred")
    graphs = {str(r["graph"]).rsplit("/", 1)[1] for r in rows}
    assert graphs == {"assertions", "inferences"}


@pytest.mark.parametrize("path", sorted((ROOT / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_every_query_is_valid_standalone_sparql(path):
    """Each file runs in any SPARQL client: all prefixes it uses are declared in the file."""
    import pyoxigraph as ox

    ox.Store().query(path.read_text(encoding="utf-8"))  # SyntaxError on an undeclared prefix


def test_claims_resting_on_reference_14(kg):  # §2.3 [14]
    rows = run(kg, "claims-citing", ref="14")
    pairs = {(str(r["subject"]).removeprefix(KG), str(r["object"]).removeprefix(KG)) for r in rows}
    assert ("factor/digital-infrastructure", "concept/sme-participation") in pairs
    assert ("factor/data-compliance-capability", "concept/sme-internationalisation") in pairs
    assert {str(r["paragraph"]) for r in rows} == {"2.3-1", "2.3-3"}
    assert {str(r["subjectLabel"]) for r in rows} >= {"Digital infrastructure conditions"}
    work = next(w for w, n in entry_numbers(kg).items() if n == 14)
    by_iri = run(kg, "claims-citing", ref=work)  # the cited work's IRI, or the paper's entry
    assert {r["claim"] for r in by_iri} == {r["claim"] for r in rows}
    by_entry = run(kg, "claims-citing", ref="kg:paper/wang-2025/reference/14")
    assert {r["claim"] for r in by_entry} == {r["claim"] for r in rows}


def test_claims_resting_on_ocloo_keep_the_moderated_relation(kg):  # §2.3 [17]
    rows = run(kg, "claims-citing", ref="17")
    assert any(str(r["predicate"]).endswith("moderatedBy")
               and str(r["object"]).removeprefix(KG) == "factor/organisational-resources" for r in rows)


def test_authors_own_claims_in_section_5(kg):  # §5 cites no reference
    rows = run(kg, "author-claims", section="5")
    assert {str(r["paragraph"]).split("-")[0] for r in rows} >= {"5", "5.1", "5.2", "5.3", "5.4", "5.5"}
    assert any("信用不足是制约中小企业参与国际市场的主要障碍" in str(r["quote"]) for r in rows)
    cited = run(kg, "claims-citing", ref="12")  # §2.2 cites [12]; §5 cites nothing
    assert not {r["claim"] for r in rows} & {r["claim"] for r in cited if str(r["paragraph"]) == "2.2-2"}


def test_hindering_factors_of_sme_participation(kg):  # §2.3, §3.1, §5.2, §5.5, §7
    rows = run(kg, "hindering-factors")
    found = {(str(r["factor"]).removeprefix(KG), str(r["target"]).removeprefix(KG)) for r in rows}
    assert ("constraint/credit-deficiency", "concept/sme-international-market-participation") in found
    assert ("constraint/resource-shortage", "concept/ecosystem-embedding-depth") in found
    assert ("concept/institutional-logic", "concept/sme-participation") in found
    assert ("constraint/compliance-pressure", "mechanism/digital-empowerment") in found  # §7 机制效能


def test_forecasts_rest_on_their_cue_words(kg):  # §1, §4.4, §6.3
    rows = run(kg, "forecasts", kind="b2b:Forecast")
    assert any(str(r["cue"]) == "有望" and "有望逐步趋于统一" in str(r["quote"]) for r in rows)
    assert any(str(r["cue"]) == "预计" for r in rows)
    assert all(str(r["cue"]) in str(r["quote"]) for r in rows)


def test_search_shows_what_the_paper_states_twice(kg):  # §4.4 and §6.3 trends
    rows = run(kg, "search-labels", text="Intelligent upgrading")
    row = next(r for r in rows if str(r["entity"]).endswith("trend/intelligent-upgrading"))
    assert KG + "trend/platform-intelligence" in str(row["linked"]).split()


def test_cited_studies_carry_their_kind(kg):  # [5] 准自然实验, [1] a report
    kinds = {str(r["workKind"]) for r in run(kg, "claims-citing", ref="5")}
    assert kinds == {"JournalArticle QuasiNaturalExperiment"} or kinds == {"QuasiNaturalExperiment JournalArticle"}
    flagged = kg.query("SELECT ?ref ?issue WHERE { ?ref b2b:hasBibliographicIssue ?issue }").records()
    numbers = entry_numbers(kg)
    assert {f"ref/{numbers[str(r['ref'])]}" for r in flagged} == {"ref/1", "ref/5"}


@pytest.mark.parametrize("printed", ["[14]", " 14 ", "<https://w3id.org/b2bkg/id/paper/wang-2025/reference/14>"])
def test_a_reference_is_named_as_printed_or_by_iri(kg, printed):
    assert {r["claim"] for r in run(kg, "claims-citing", ref=printed)} == \
        {r["claim"] for r in run(kg, "claims-citing", ref="14")}


def test_a_section_is_named_with_or_without_its_sign(kg):
    assert len(run(kg, "author-claims", section="§5")) == len(run(kg, "author-claims", section="5")) > 100
    assert run(kg, "author-claims", section="9") == []


def test_definitions_rest_on_their_cue_words(kg):  # §4.1 更接近于“电子黄页”, §3.1 3) 共同构成
    rows = run(kg, "forecasts", kind="b2b:Definition")
    found = {(str(r["object"]).removeprefix(KG), str(r["cue"])) for r in rows}
    assert ("role/electronic-yellow-pages", "更接近于") in found
    assert ("ecosystem/cross-border-b2b-ecosystem", "共同构成") in found
