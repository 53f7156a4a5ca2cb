"""Every claim of the dataset as a nanopublication (http://www.nanopub.org/nschema#), in TriG.

A nanopublication ``<claim>/np`` has four named graphs: the head (``np:Nanopublication`` with
``np:hasAssertion``, ``np:hasProvenance``, ``np:hasPublicationInfo``), the assertion (the one
triple the paper states), the provenance (the assertion ``prov:wasDerivedFrom`` each quote's
annotation and ``prov:wasQuotedFrom`` the paper, with the quote's text-quote and text-position
selectors, the claim's supporting in-text citations and cited references, and its framing marks)
and the publication info (licence, source, creator). Pure: a Dataset in, Datasets or bytes out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from b2bkg.quality.export import union_graph
from b2bkg.quality.sources import quiet_rdflib
from b2bkg.vocab import B2B, BIRO, CITO, FRBR, KG, OA, bind_prefixes

__all__ = ["NP", "claims_of", "nanopublication", "nanopublications", "nanopubs_trig", "write_nanopubs"]

NP = Namespace("http://www.nanopub.org/nschema#")
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
CREATOR = KG["org/b2bkg-developers"]


def _papers(graph: Graph, claim: URIRef) -> list[URIRef]:
    """The papers a claim is quoted from: the source of each of its annotations' texts."""
    out = set()
    for ann in graph.subjects(OA.hasBody, claim):
        for target in graph.objects(ann, OA.hasTarget):
            for text in graph.objects(target, OA.hasSource):
                out.update(p for p in graph.objects(text, DCTERMS.source) if isinstance(p, URIRef))
    return sorted(out)


def claims_of(graph: Graph) -> list[URIRef]:
    """Every b2b:Claim of the graph, sorted."""
    return sorted(c for c in graph.subjects(RDF.type, B2B.Claim) if isinstance(c, URIRef))


def _copy(source: Graph, target: Graph, node: URIRef, depth: int = 2) -> None:
    """The node's outgoing triples, following IRIs minted under it (targets, selectors, marks)."""
    for p, o in source.predicate_objects(node):
        target.add((node, p, o))
        if depth and isinstance(o, URIRef) and str(o).startswith(str(node) + "/"):
            _copy(source, target, o, depth - 1)


def nanopublication(graph: Graph, claim: URIRef) -> Dataset:
    """The nanopublication of one claim of ``graph`` (the union of assertions and evidence)."""
    s, p, o = (graph.value(claim, RDF.subject), graph.value(claim, RDF.predicate),
               graph.value(claim, RDF.object))
    if s is None or p is None or o is None:
        raise ValueError(f"{claim} is not a reified statement")
    base = f"{claim}/np"
    np_iri, head_iri = URIRef(base), URIRef(f"{base}/head")
    a_iri, prov_iri, info_iri = URIRef(f"{base}/assertion"), URIRef(f"{base}/provenance"), URIRef(f"{base}/pubinfo")
    ds = Dataset()
    bind_prefixes(ds)
    ds.bind("np", NP)
    head = ds.graph(head_iri)
    head.add((np_iri, RDF.type, NP.Nanopublication))
    head.add((np_iri, NP.hasAssertion, a_iri))
    head.add((np_iri, NP.hasProvenance, prov_iri))
    head.add((np_iri, NP.hasPublicationInfo, info_iri))
    ds.graph(a_iri).add((s, p, o))

    prov = ds.graph(prov_iri)
    papers = _papers(graph, claim)
    for paper in papers:
        prov.add((a_iri, PROV.wasQuotedFrom, paper))
        for author in sorted(graph.objects(paper, DCTERMS.creator)):
            prov.add((a_iri, PROV.wasAttributedTo, author))
    for ann in sorted(graph.subjects(OA.hasBody, claim)):
        prov.add((a_iri, PROV.wasDerivedFrom, ann))
        _copy(graph, prov, ann)
    _copy(graph, prov, claim)
    for citation in sorted(graph.objects(claim, B2B.supportedBy)):
        for q in (CITO.hasCitedEntity, CITO.hasCitationCharacterization, CITO.hasCitingEntity, RDF.type):
            for v in graph.objects(citation, q):
                prov.add((citation, q, v))
        for ref in graph.objects(citation, CITO.hasCitedEntity):
            for q in (DCTERMS.title, RDF.type):
                for v in graph.objects(ref, q):
                    prov.add((ref, q, v))
            for entry in graph.subjects(BIRO.references, ref):  # the citing paper's printed entry
                if set(graph.objects(entry, FRBR.partOf)) & set(papers):
                    for q in (RDF.type, BIRO.references, B2B.referenceNumber, B2B.referenceText, FRBR.partOf):
                        for v in graph.objects(entry, q):
                            prov.add((entry, q, v))

    info = ds.graph(info_iri)
    info.add((np_iri, DCTERMS.license, LICENCE))
    info.add((np_iri, DCTERMS.creator, CREATOR))
    for paper in papers:
        info.add((np_iri, DCTERMS.source, paper))
    for lang in ("en", "zh"):
        label = _label(graph, s, lang), _label(graph, p, lang), _label(graph, o, lang)
        info.add((np_iri, RDFS.label, Literal(" — ".join(label), lang=lang)))
    return ds


def _label(graph: Graph, node, lang: str) -> str:
    if isinstance(node, Literal):
        return str(node)
    for value in graph.objects(node, RDFS.label):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def nanopublications(dataset: Dataset | Graph) -> Iterator[tuple[URIRef, Dataset]]:
    """(claim, nanopublication) for every claim, in claim order."""
    graph = union_graph(dataset)
    for claim in claims_of(graph):
        yield claim, nanopublication(graph, claim)


def _trig(ds: Dataset) -> bytes:
    with quiet_rdflib():
        return ds.serialize(format="trig", encoding="utf-8")


def nanopubs_trig(dataset: Dataset | Graph) -> bytes:
    """All nanopublications together in one TriG document."""
    together = Dataset()
    bind_prefixes(together)
    together.bind("np", NP)
    for _claim, ds in nanopublications(dataset):
        with quiet_rdflib():
            for g in ds.graphs():
                if len(g):
                    target = together.graph(g.identifier)
                    for triple in g:
                        target.add(triple)
    return _trig(together)


def write_nanopubs(dataset: Dataset | Graph, directory: Path) -> int:
    """One ``<claim id>.trig`` per claim and ``all.trig`` with them all; the number written."""
    directory.mkdir(parents=True, exist_ok=True)
    n = 0
    for claim, ds in nanopublications(dataset):
        name = str(claim).removeprefix(str(KG)).replace("/", "_")
        (directory / f"{name}.trig").write_bytes(_trig(ds))
        n += 1
    (directory / "all.trig").write_bytes(nanopubs_trig(dataset))
    return n
