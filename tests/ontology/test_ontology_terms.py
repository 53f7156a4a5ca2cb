"""The ontology files: syntax, header, bilingual documentation, the design's term list, and
the OWL 2 DL restrictions we can check structurally."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
B2B = Namespace("https://w3id.org/b2bkg/def/")
ONTOLOGY_IRI = URIRef("https://w3id.org/b2bkg/def")
VANN = "http://purl.org/vocab/vann/"
DESIGN = Path(__file__).resolve().parents[2] / "docs" / "design.md"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
BUILTIN = (str(RDF), str(RDFS), str(OWL), str(XSD))


def ours(g: Graph, kind: URIRef) -> set[URIRef]:
    return {
        s for s in g.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(B2B))
    }


@pytest.mark.parametrize("name", ["b2bkg.ttl", "external.ttl", "shapes.ttl"])
def test_each_file_parses_on_its_own(name: str) -> None:
    g = Graph().parse(ONTOLOGY_DIR / name, format="turtle")  # refuses undeclared prefixes
    assert len(g) > 100


def test_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    for prop in (DCTERMS.title, DCTERMS.description):
        langs = {o.language for o in onto.objects(ONTOLOGY_IRI, prop)}
        assert langs == {"en", "zh"}, prop
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert onto.value(ONTOLOGY_IRI, DCTERMS.created) == Literal("2026-11-25T00:00:00Z", datatype=XSD.dateTime)
    assert onto.value(ONTOLOGY_IRI, DCTERMS.modified) is not None
    assert onto.value(ONTOLOGY_IRI, DCTERMS.creator) is not None
    assert onto.value(ONTOLOGY_IRI, DCTERMS.source) == URIRef(
        "https://doi.org/10.12677/ecl.2025.14123846"
    )
    assert onto.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/b2bkg/def/0.1.0")
    assert str(onto.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    assert str(onto.value(ONTOLOGY_IRI, URIRef(VANN + "preferredNamespacePrefix"))) == "b2b"
    assert str(onto.value(ONTOLOGY_IRI, URIRef(VANN + "preferredNamespaceUri"))) == str(B2B)
    external = URIRef("https://w3id.org/b2bkg/def/external")
    assert list(onto.objects(ONTOLOGY_IRI, OWL.imports)) == [external]
    assert (external, RDF.type, OWL.Ontology) in onto


def test_every_term_is_documented_in_english_and_chinese(onto: Graph) -> None:
    terms = ours(onto, OWL.Class) | ours(onto, OWL.ObjectProperty) | ours(onto, OWL.DatatypeProperty)
    external = {
        s for k in KINDS for s in onto.subjects(RDF.type, k)
        if isinstance(s, URIRef) and not str(s).startswith(str(B2B))
    }
    missing = []
    for term in sorted(terms | external):
        for prop in (RDFS.label, SKOS.definition):
            langs = sorted(o.language for o in onto.objects(term, prop) if isinstance(o, Literal))
            if langs != ["en", "zh"]:
                missing.append(f"{term} {prop} {langs}")
    assert not missing, "\n".join(missing)
    undefined_by = [t for t in terms if (t, RDFS.isDefinedBy, ONTOLOGY_IRI) not in onto]
    assert not undefined_by


def test_object_properties_have_domain_and_range(onto: Graph) -> None:
    for prop in ours(onto, OWL.ObjectProperty):
        assert onto.value(prop, RDFS.domain) is not None, prop
        assert onto.value(prop, RDFS.range) is not None, prop
    for prop in ours(onto, OWL.DatatypeProperty):
        assert onto.value(prop, RDFS.range) is not None, prop


def _design_terms() -> tuple[set[str], set[str]]:
    """Backticked names in the design's "The ontology" section: bare b2b local names, and
    prefixed external names."""
    text = DESIGN.read_text(encoding="utf-8")
    section = text.split("## The ontology", 1)[1].split("\n## ", 1)[0]
    local, prefixed = set(), set()
    for token in re.findall(r"`([^`]+)`", section):
        if re.search(r"[<>.]|^kg:|\S/\S", token):  # IRIs and file paths, not term names
            continue
        for part in re.split(r"[\s,/]+", token):
            part = part.strip("()⊑⊔")
            if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", part):
                local.add(part)
            elif re.fullmatch(r"(b2b|fabio|doco|foaf|org|prov|skos|oa|cito|bibo|dcterms):\w+", part):
                prefixed.add(part)
    return local, prefixed


def test_every_term_of_the_design_is_declared(onto: Graph) -> None:
    local, prefixed = _design_terms()
    assert len(local) > 100  # the section was found and read
    declared = {s for k in KINDS for s in onto.subjects(RDF.type, k)}
    prefixes = dict(onto.namespaces())
    missing = [n for n in sorted(local) if B2B[n] not in declared]
    for name in sorted(prefixed):
        prefix, rest = name.split(":", 1)
        if URIRef(str(prefixes[prefix]) + rest) not in declared:
            missing.append(name)
    assert not missing, f"declared nowhere in ontology/: {missing}"


def test_no_undeclared_term_is_used(onto: Graph) -> None:
    declared = {s for k in (*KINDS, OWL.NamedIndividual) for s in onto.subjects(RDF.type, k)}
    used = set()
    for _s, p, o in onto:
        used.add(p)
        if p == RDF.type or p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.onProperty,
                                  OWL.someValuesFrom, OWL.inverseOf, OWL.disjointWith):
            used.add(o)
    for lst in onto.objects(None, OWL.unionOf):
        used.update(Collection(onto, lst))
    for lst in onto.objects(None, OWL.members):
        used.update(Collection(onto, lst))
    undeclared = sorted(
        t for t in used
        if isinstance(t, URIRef) and not str(t).startswith(BUILTIN) and t not in declared
    )
    assert not undeclared


def test_each_iri_has_one_kind(onto: Graph) -> None:
    """OWL 2 DL: an IRI is a class or one kind of property, never two kinds of property."""
    kinds: dict[URIRef, set[URIRef]] = {}
    for kind in KINDS[1:]:
        for s in onto.subjects(RDF.type, kind):
            kinds.setdefault(s, set()).add(kind)
    assert not {s: k for s, k in kinds.items() if len(k) > 1}


def _non_simple(onto: Graph) -> set[URIRef]:
    """Transitive properties, their inverses, and every super-property of a non-simple one."""
    out = set(onto.subjects(RDF.type, OWL.TransitiveProperty))
    changed = True
    while changed:
        changed = False
        for p in list(out):
            for q in [*onto.objects(p, OWL.inverseOf), *onto.subjects(OWL.inverseOf, p),
                      *onto.objects(p, RDFS.subPropertyOf)]:
                if q not in out:
                    out.add(q)
                    changed = True
    return out


def test_non_simple_properties_carry_no_simple_only_axiom(onto: Graph) -> None:
    non_simple = _non_simple(onto)
    assert {B2B.precedes, B2B.follows} <= non_simple
    assert B2B.nextStage not in non_simple and B2B.previousStage not in non_simple
    forbidden = (OWL.FunctionalProperty, OWL.InverseFunctionalProperty,
                 OWL.IrreflexiveProperty, OWL.AsymmetricProperty)
    bad = [(p, k) for p in non_simple for k in forbidden if (p, RDF.type, k) in onto]
    assert not bad
    cardinality = (OWL.cardinality, OWL.minCardinality, OWL.maxCardinality,
                   OWL.qualifiedCardinality, OWL.minQualifiedCardinality,
                   OWL.maxQualifiedCardinality)
    for restriction in onto.subjects(RDF.type, OWL.Restriction):
        if any(onto.value(restriction, c) is not None for c in cardinality):
            assert onto.value(restriction, OWL.onProperty) not in non_simple


def test_stage_properties(onto: Graph) -> None:
    for kind in (OWL.FunctionalProperty, OWL.InverseFunctionalProperty,
                 OWL.IrreflexiveProperty, OWL.AsymmetricProperty):
        assert (B2B.nextStage, RDF.type, kind) in onto
    assert (B2B.nextStage, RDFS.subPropertyOf, B2B.precedes) in onto
    assert (B2B.precedes, RDF.type, OWL.TransitiveProperty) in onto
    assert (B2B.interactsWith, RDF.type, OWL.SymmetricProperty) in onto
