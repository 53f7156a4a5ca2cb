"""ontology/shapes.ttl: every shape documented, paths and classes declared, the domain/range
shapes in step with the ontology, and pySHACL accepting the sample population while flagging
each kind of broken data with the shape meant to catch it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

B2B = Namespace("https://w3id.org/b2bkg/def/")
KG = Namespace("https://w3id.org/b2bkg/id/")
SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Namespace("https://w3id.org/b2bkg/def/shapes/")
BIRO = Namespace("http://purl.org/spar/biro/")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")
DOCO = Namespace("http://purl.org/spar/doco/")
BUILTIN = (str(RDF), str(RDFS), str(OWL), str(XSD))


def _all_shapes(g: Graph) -> set:
    out = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    out |= set(g.subjects(RDF.type, SH.SPARQLConstraint))
    for p in (SH.property, SH.node, SH.sparql):
        out |= set(g.objects(None, p))
    return out


def test_every_shape_has_a_label_and_a_message(shapes: Graph) -> None:
    found = _all_shapes(shapes)
    assert len(found) > 150
    bad = [s for s in found if shapes.value(s, SH.message) is None
           or {o.language for o in shapes.objects(s, RDFS.label)} != {"en", "zh"}]
    assert not bad


def test_shapes_use_only_declared_classes_and_properties(shapes: Graph, onto: Graph) -> None:
    declared = {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used = set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH["class"]))
    used |= set(shapes.objects(None, SH.targetSubjectsOf))
    for path in shapes.objects(None, SH.path):
        if isinstance(path, URIRef):
            used.add(path)
        elif (alt := shapes.value(path, SH.alternativePath)) is not None:
            used.update(x for x in Collection(shapes, alt) if isinstance(x, URIRef))
    unknown = sorted(
        t for t in used if not str(t).startswith(BUILTIN) and t not in declared
    )
    assert not unknown


def _classes(g: Graph, node) -> set[URIRef]:
    """Classes named by a shape: sh:class, or the sh:class of each member of sh:or."""
    out = set(g.objects(node, SH["class"]))
    for lst in g.objects(node, SH["or"]):
        for member in Collection(g, lst):
            out |= set(g.objects(member, SH["class"]))
    return out


def _union(onto: Graph, node) -> set[URIRef]:
    if node is None or node == OWL.Thing:
        return set()
    if isinstance(node, URIRef):
        return {node}
    return set(Collection(onto, onto.value(node, OWL.unionOf)))


# Domains OWL 2 DL cannot state (RDF's reserved vocabulary as a class): only the shapes check them
SHAPES_ONLY_DOMAIN = {B2B.moderatedBy: {RDF.Statement}}


def test_domain_and_range_shapes_mirror_the_ontology(shapes: Graph, onto: Graph) -> None:
    props = [p for p in onto.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(str(B2B))]
    assert len(props) > 40
    for prop in props:
        name = str(prop)[len(str(B2B)):]
        node = SHAPES[f"{name}Shape"]
        domain = _union(onto, onto.value(prop, RDFS.domain)) or SHAPES_ONLY_DOMAIN.get(prop, set())
        range_ = _union(onto, onto.value(prop, RDFS.range))
        assert (node, SH.targetSubjectsOf, prop) in shapes, name
        assert _classes(shapes, node) == domain, name
        prop_shape = SHAPES[f"{name}Shape-range"]
        if range_:
            assert shapes.value(prop_shape, SH.path) == prop, name
            assert _classes(shapes, prop_shape) == range_, name
        else:
            assert (node, SH.property, prop_shape) not in shapes, name


def test_sample_population_conforms(sample: Graph, shapes: Graph, onto: Graph, shacl) -> None:
    assert shacl(sample, shapes, onto) == []


def _replace(s: URIRef, p: URIRef, o) -> Callable[[Graph], None]:
    def edit(g: Graph) -> None:
        g.remove((s, p, None))
        g.add((s, p, o))
    return edit


def _remove(s: URIRef, p: URIRef, o=None) -> Callable[[Graph], None]:
    return lambda g: g.remove((s, p, o))


def _add(*triples: tuple) -> Callable[[Graph], None]:
    def edit(g: Graph) -> None:
        for t in triples:
            g.add(t)
    return edit


STAT = KG["stat/global-b2b-2026"]
CAGR = KG["stat/export-cagr-2022-2025"]
EVIDENCE = KG["evidence/e1"]
CITATION = KG["citation/c1"]
POSITION = KG["evidence/e1/target/position"]
QUOTE = KG["evidence/e1/target/quote"]
STAGE2 = KG["stage/functional-integration"]
STAGE3 = KG["stage/ecological-collaboration"]
OUTSIDER = URIRef("http://example.org/risk")
CASES = {
    "label zh missing": (_remove(KG["mechanism/cost-reduction"], RDFS.label,
                                 Literal("成本降低机制", lang="zh")),
                         KG["mechanism/cost-reduction"], SHAPES["EntityShape-labelZh"]),
    "two English labels": (_add((KG["actor/sme"], RDFS.label, Literal("small firms", lang="en"))),
                           KG["actor/sme"], SHAPES["EntityShape-labelUnique"]),
    "entity outside kg:": (_add((OUTSIDER, RDF.type, B2B.Risk),
                                (OUTSIDER, RDFS.label, Literal("r", lang="en")),
                                (OUTSIDER, RDFS.label, Literal("风险", lang="zh"))),
                           OUTSIDER, SHAPES.EntityShape),
    "stage order missing": (_remove(STAGE2, B2B.stageOrder), STAGE2,
                            SHAPES["DevelopmentStageShape-order"]),
    "stage order out of step": (_replace(STAGE3, B2B.stageOrder, Literal(4)), STAGE2,
                                SHAPES.DevelopmentStageShape),
    "stage order repeated": (_replace(STAGE3, B2B.stageOrder, Literal(2)), STAGE3,
                             SHAPES.DevelopmentStageShape),
    "statistic unit missing": (_remove(STAT, B2B.unit), STAT, SHAPES["StatisticShape-unit"]),
    "statistic value a string": (_replace(STAT, B2B.value, Literal("36.2")), STAT,
                                 SHAPES["StatisticShape-value"]),
    "statistic without year": (_remove(STAT, B2B.year), STAT, SHAPES.StatisticShape),
    "statistic period reversed": (_replace(CAGR, B2B.periodStart,
                                           Literal("2026", datatype=XSD.gYear)),
                                  CAGR, SHAPES.StatisticShape),
    "statistic measures nothing": (_remove(STAT, B2B.measures), STAT,
                                   SHAPES["StatisticShape-measures"]),
    "statistic without source": (_remove(STAT, DCTERMS.source), STAT, SHAPES.StatisticShape),
    "theory without proposer": (_remove(KG["theory/platform-ecosystem"], B2B.derivesFrom),
                                KG["theory/ecosystem"], SHAPES.TheoryShape),
    "mechanism unconnected": (_remove(KG["mechanism/cost-reduction"], B2B.interactsWith),
                              KG["mechanism/credit-enhancement"],
                              SHAPES["MechanismShape-connected"]),
    "reference number 0": (_replace(KG["paper/wang-2025/reference/1"], B2B.referenceNumber, Literal(0)),
                           KG["paper/wang-2025/reference/1"], SHAPES["EntryShape-number"]),
    "reference number repeated": (_replace(KG["paper/wang-2025/reference/1"], B2B.referenceNumber, Literal(22)),
                                  KG["paper/wang-2025/reference/1"], SHAPES.EntryShape),
    "reference entry without work": (_remove(KG["paper/wang-2025/reference/1"], BIRO.references, KG["ref/1"]),
                                     KG["ref/1"], SHAPES["ReferenceShape-entry"]),
    "reference not cited": (_remove(KG["paper/wang-2025"], CITO.cites, KG["ref/1"]),
                            KG["ref/1"], SHAPES["ReferenceShape-citedByPaper"]),
    "reference year an integer": (_replace(KG["ref/1"], FABIO.hasPublicationYear, Literal(2024)),
                                  KG["ref/1"], SHAPES["ReferenceShape-year"]),
    "position start after end": (_replace(POSITION, OA.start,
                                          Literal(9020, datatype=XSD.nonNegativeInteger)),
                                 POSITION, SHAPES["TextPositionSelectorShape-start"]),
    "empty quote": (_replace(QUOTE, OA.exact, Literal("")), QUOTE,
                    SHAPES["TextQuoteSelectorShape-exact"]),
    "evidence without body": (_remove(EVIDENCE, OA.hasBody), EVIDENCE,
                              SHAPES["EvidenceShape-body"]),
    "target without position": (_remove(KG["evidence/e1/target"], OA.hasSelector, POSITION),
                                EVIDENCE, SHAPES["AnnotationShape-target"]),
    "intent not CiTO": (_replace(CITATION, CITO.hasCitationCharacterization, B2B.explains),
                        CITATION, SHAPES["InTextCitationShape-intent"]),
    "citing another node": (_replace(CITATION, CITO.hasCitingEntity,
                                     KG["paper/wang-2025/section/3.1"]),
                            CITATION, SHAPES.InTextCitationShape),
    "paragraph kind unknown": (_add((KG["paper/wang-2025/para/3.1-3"], B2B.paragraphKind,
                                     Literal("body"))),
                               KG["paper/wang-2025/para/3.1-3"], SHAPES["ParagraphShape-kind"]),
    "statement with two objects": (_add((KG["statement/s1"], RDF.object, KG["person/moore"])),
                                   KG["statement/s1"], SHAPES["StatementShape-object"]),
    "enables from an actor": (_add((KG["actor/sme"], B2B.enables, KG["mechanism/cost-reduction"])),
                              KG["actor/sme"], SHAPES.enablesShape),
    "enables a concept": (_add((KG["tool/big-data-matching"], B2B.enables,
                                KG["concept/transaction-cost"])),
                          KG["tool/big-data-matching"], SHAPES["enablesShape-range"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_data_is_flagged(
    case: str, sample: Graph, shapes: Graph, onto: Graph, shacl
) -> None:
    edit, focus, shape = CASES[case]
    data = Graph()
    data += sample
    edit(data)
    results = shacl(data, shapes, onto)
    assert (focus, shape) in results, results
    assert not any(isinstance(s, BNode) for _f, s in results)  # every result names its shape
