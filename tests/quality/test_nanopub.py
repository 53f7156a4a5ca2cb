"""``b2bkg export --format nanopub``: every claim of the built dataset as a nanopublication that
parses as TriG and has the four graphs of the nanopublication schema."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from b2bkg.build import ensure_dataset
from b2bkg.cli import cli
from b2bkg.quality.nanopub import NP, claims_of, nanopublication
from b2bkg.quality.sources import load_data, quiet_rdflib
from b2bkg.vocab import B2B, KG, OA

pytestmark = pytest.mark.slow  # loads the built dataset and writes ~800 files

# §5.2: 信用不足是制约中小企业参与国际市场的主要障碍 — the author's own claim
HINDERS = (KG["constraint/credit-deficiency"], B2B.hinders, KG["concept/sme-international-market-participation"])


@pytest.fixture(scope="module")
def dataset_path():
    return ensure_dataset()


@pytest.fixture(scope="module")
def union(dataset_path):
    from b2bkg.quality.export import union_graph

    return union_graph(load_data(dataset_path))


def _parse(data: bytes) -> Dataset:
    ds = Dataset()
    with quiet_rdflib():
        ds.parse(data=data.decode("utf-8"), format="trig")
    return ds


def _claim_of(union, triple) -> URIRef:
    s, p, o = triple
    return next(c for c in union.subjects(RDF.subject, s)
                if (c, RDF.predicate, p) in union and (c, RDF.object, o) in union)


def test_one_claim_is_a_nanopublication_with_its_quote_and_paper(union):
    claim = _claim_of(union, HINDERS)
    with quiet_rdflib():
        data = nanopublication(union, claim).serialize(format="trig", encoding="utf-8")
    ds = _parse(data)
    np_iri = URIRef(f"{claim}/np")
    head = ds.graph(URIRef(f"{claim}/np/head"))
    assert (np_iri, RDF.type, NP.Nanopublication) in head
    assertion = ds.graph(head.value(np_iri, NP.hasAssertion))
    provenance = ds.graph(head.value(np_iri, NP.hasProvenance))
    pubinfo = ds.graph(head.value(np_iri, NP.hasPublicationInfo))
    assert set(assertion) == {HINDERS}
    assert (assertion.identifier, PROV.wasQuotedFrom, KG["paper/wang-2025"]) in provenance
    assert (assertion.identifier, PROV.wasAttributedTo, KG["person/wang-yilin"]) in provenance
    exact = {str(o) for o in provenance.objects(None, OA.exact)}
    assert "信用不足是制约中小企业参与国际市场的主要障碍" in exact
    assert set(provenance.objects(None, OA.start))  # the position selector came along
    assert (claim, B2B.claimKind, B2B.AuthorsArgument) in provenance
    assert (np_iri, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in pubinfo


def test_a_cited_claim_carries_its_citation_and_reference(union):
    claim = _claim_of(union, (KG["factor/digital-infrastructure"], B2B.influences, KG["concept/sme-participation"]))
    ds = nanopublication(union, claim)
    provenance = ds.graph(URIRef(f"{claim}/np/provenance"))
    (citation,) = provenance.objects(claim, B2B.supportedBy)
    (work,) = provenance.objects(citation, URIRef("http://purl.org/spar/cito/hasCitedEntity"))
    entry = KG["paper/wang-2025/reference/14"]  # the printed entry [14] that references the work
    assert (entry, URIRef("http://purl.org/spar/biro/references"), work) in provenance
    assert int(provenance.value(entry, B2B.referenceNumber)) == 14


def test_export_writes_one_file_per_claim_and_all_together(dataset_path, union, tmp_path):
    out = tmp_path / "np"
    result = CliRunner().invoke(cli, ["export", "--format", "nanopub", "--dataset", str(dataset_path),
                                      "-o", f"{out}/"])
    assert result.exit_code == 0, result.output
    claims = claims_of(union)
    files = sorted(p for p in out.glob("*.trig") if p.name != "all.trig")
    assert len(files) == len(claims) > 500
    one = _parse(files[0].read_bytes())
    with quiet_rdflib():
        assert len([g for g in one.graphs() if len(g)]) == 4
    together = _parse((out / "all.trig").read_bytes())
    with quiet_rdflib():
        heads = {q[0] for q in together.quads((None, RDF.type, NP.Nanopublication, None))}
    assert len(heads) == len(claims)
