"""What the read model needs from the store, fetched with a few bulk SELECTs (never one per entity).

``fetch_facts`` runs six queries through the ``Store`` interface (decoded answers, no files):
labels, types, the class tree, the triples of the asserted and inferred graphs (minus types and
texts), the evidence of each asserted triple, and the holders of texts. Graphs are found by their
role (``graph_roles``), so a dataset with one graph per paper reads the same as one with a single
assertions graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from rdflib import RDF, Literal

from b2bkg.readmodel.entities import KG_BASE, TEXT_PREDICATE, class_tree
from b2bkg.store.base import QueryRequest, Store
from b2bkg.store.decode import Answer
from b2bkg.vocab import (
    GRAPH,
    GRAPH_ASSERTIONS,
    GRAPH_EVIDENCE,
    GRAPH_INFERENCES,
    GRAPH_ONTOLOGY,
    PREFIXES,
    local_name,
)

__all__ = ["Facts", "FACTS_CODEC", "encoded_facts", "fetch_facts", "graph_roles", "run_select", "values"]

MAX_ROWS = 50_000_000
_PAPER_GRAPHS = str(GRAPH) + "paper/"


def graph_roles(graphs: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The dataset's named graphs by role: ontology, assertions, evidence, inferences.

    >>> graph_roles(["https://w3id.org/b2bkg/graph/assertions",
    ...              "https://w3id.org/b2bkg/graph/paper/p2/assertions"])["assertions"]
    ('https://w3id.org/b2bkg/graph/assertions', 'https://w3id.org/b2bkg/graph/paper/p2/assertions')
    """
    roles: dict[str, list[str]] = {"ontology": [], "assertions": [], "evidence": [], "inferences": []}
    fixed = {str(GRAPH_ONTOLOGY): "ontology", str(GRAPH_ASSERTIONS): "assertions",
             str(GRAPH_EVIDENCE): "evidence", str(GRAPH_INFERENCES): "inferences"}
    for g in sorted(set(graphs)):
        role = fixed.get(g)
        if role is None and g.startswith(_PAPER_GRAPHS):
            last = g.rstrip("/").rsplit("/", 1)[-1]
            role = last if last in ("assertions", "evidence") else None
        if role:
            roles[role].append(g)
    return {k: tuple(v) for k, v in roles.items()}


def values(graphs: Iterable[str]) -> str:
    """A ``VALUES ?g { … }`` block (one that matches nothing when ``graphs`` is empty)."""
    gs = " ".join(f"<{g}>" for g in graphs)
    return f"VALUES ?g {{ {gs} }}" if gs else "VALUES ?g { <urn:b2bkg:no-graph> }"


def run_select(store: Store, query: str, timeout: float | None = None) -> Answer:
    """A SELECT through the store, decoded, with the project's prefixes and no row cap to speak of."""
    request = QueryRequest(query=query, max_rows=MAX_ROWS, prefixes=tuple(PREFIXES.items()))
    return store.evaluate(request, timeout=timeout)


@dataclass
class Facts:
    """The raw facts, keyed by IRI strings (see ``fetch_facts``)."""

    version: str
    roles: dict[str, tuple[str, ...]]
    #: IRI -> lang -> label (the smallest label per language), from the ontology and assertions
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    #: IRI -> lang -> label, the ontology graph's alone (term labels)
    term_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    alt_labels: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # kg: IRI -> {(lang, text)}
    asserted_types: dict[str, set[str]] = field(default_factory=dict)
    inferred_types: dict[str, set[str]] = field(default_factory=dict)
    closure: dict[str, frozenset[str]] = field(default_factory=dict)  # class -> its superclasses
    depth: dict[str, int] = field(default_factory=dict)
    #: (s, p, o, inferred only) for kg: subjects with an IRI object, rdf:type left out
    links: list[tuple[str, str, str, bool]] = field(default_factory=list)
    #: s -> [(predicate, lang, lexical, inferred)] literal values of kg: subjects (labels, texts left out)
    literals: dict[str, list[tuple[str, str, str, bool]]] = field(default_factory=dict)
    #: (s, p, o) -> sorted [(quote, paragraph id, section id)], one per annotation
    evidence: dict[tuple[str, str, str], list[tuple[str, str, str]]] = field(default_factory=dict)
    text_holders: set[str] = field(default_factory=set)
    #: asserted labelled kg: IRIs (rdfs:label in an assertions graph)
    labelled: set[str] = field(default_factory=set)

    _all_types: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def all_types(self, iri: str) -> frozenset[str]:
        """Asserted and inferred classes of ``iri`` and their superclasses (computed once per IRI)."""
        found = self._all_types.get(iri)
        if found is None:
            ts = self.asserted_types.get(iri, set()) | self.inferred_types.get(iri, set())
            found = frozenset(ts | {s for t in ts for s in self.closure.get(t, ())})
            self._all_types[iri] = found
        return found

    def label_pair(self, iri: str) -> tuple[str, str]:
        """(English label, falling back to a plain, then Chinese one, then the local name; Chinese or "")."""
        ls = self.labels.get(iri, {})
        return (ls.get("en") or ls.get("") or ls.get("zh") or local_name(iri), ls.get("zh", ""))


def _facts_to_data(facts: Facts) -> dict:
    return {f.name: getattr(facts, f.name) for f in fields(Facts) if not f.name.startswith("_")}


def _facts_from_data(data: dict) -> Facts:
    return Facts(**data)


#: how the facts are kept in the on-disk cache (``b2bkg.store.diskcache``): their fields as plain data
FACTS_CODEC = (_facts_to_data, _facts_from_data)


def encoded_facts(store: Store, timeout: float | None = None) -> Any:
    """``fetch_facts`` as plain data (``FACTS_CODEC``): what a worker process sends back when the
    read model has the facts fetched there (``WorkerPoolStore.run``)."""
    return _facts_to_data(fetch_facts(store, timeout))


def _local_id(iri: str | None) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] if iri else ""


def fetch_facts(store: Store, timeout: float | None = None) -> Facts:
    """The facts of ``store``'s current version (six bulk queries)."""
    version = store.version
    roles = graph_roles(store.graph_counts())
    onto, asserted, evidence, inferred = (roles[k] for k in ("ontology", "assertions", "evidence", "inferences"))
    facts = Facts(version, roles)
    asserted_set = set(asserted)
    onto_set = set(onto)

    labels: dict[str, dict[str, str]] = defaultdict(dict)
    term_labels: dict[str, dict[str, str]] = defaultdict(dict)
    alt: dict[str, set[tuple[str, str]]] = defaultdict(set)
    q = f"""SELECT ?g ?s ?p ?l WHERE {{ {values((*onto, *asserted))} VALUES ?p {{ rdfs:label skos:altLabel }}
      GRAPH ?g {{ ?s ?p ?l }} FILTER(isLiteral(?l) && !isBlank(?s)) }}"""
    for g, s, p, lit in run_select(store, q, timeout).rows:
        s_, lang, text = str(s), lit.language or "", str(lit)
        if str(p).endswith("#label"):
            current = labels[s_].get(lang)
            if current is None or text < current:
                labels[s_][lang] = text
            if str(g) in onto_set:
                term_labels[s_].setdefault(lang, text)
                if text < term_labels[s_][lang]:
                    term_labels[s_][lang] = text
            elif str(g) in asserted_set and s_.startswith(KG_BASE):
                facts.labelled.add(s_)
        elif str(g) in asserted_set and s_.startswith(KG_BASE):
            alt[s_].add((lang, text))
    facts.labels, facts.term_labels, facts.alt_labels = dict(labels), dict(term_labels), dict(alt)

    a_types: dict[str, set[str]] = defaultdict(set)
    i_types: dict[str, set[str]] = defaultdict(set)
    q = f"""SELECT ?g ?s ?t WHERE {{ {values((*asserted, *inferred))} GRAPH ?g {{ ?s a ?t }}
      FILTER(isIRI(?t) && !isBlank(?s)) }}"""
    for g, s, t in run_select(store, q, timeout).rows:
        (a_types if str(g) in asserted_set else i_types)[str(s)].add(str(t))
    # reified statements are typed rdf:Statement in the evidence graphs only (OWL 2 DL keeps
    # rdf:Statement out of the ontology's axioms, so the reasoner no longer infers it for the
    # subjects of b2b:moderatedBy): count it as their type, so they stay machinery
    if evidence:
        q = f"""SELECT ?s WHERE {{ {values(evidence)} GRAPH ?g {{ ?s a rdf:Statement }} FILTER(!isBlank(?s)) }}"""
        for (s,) in run_select(store, q, timeout).rows:
            i_types[str(s)].add(str(RDF.Statement))
    facts.asserted_types, facts.inferred_types = dict(a_types), dict(i_types)

    q = f"""SELECT ?c ?d WHERE {{ {values((*onto, *inferred))} GRAPH ?g {{ ?c rdfs:subClassOf ?d }}
      FILTER(isIRI(?c) && isIRI(?d)) }}"""
    facts.closure, facts.depth = class_tree((str(c), str(d)) for c, d in run_select(store, q, timeout).rows)

    seen: set[tuple[str, str, str]] = set()
    literals: dict[str, list[tuple[str, str, str, bool]]] = defaultdict(list)
    q = f"""SELECT ?g ?s ?p ?o WHERE {{ {values((*asserted, *inferred))} GRAPH ?g {{ ?s ?p ?o }}
      FILTER(?p NOT IN (rdf:type, rdfs:label, skos:prefLabel, <{TEXT_PREDICATE}>)
             && STRSTARTS(STR(?s), "{KG_BASE}")) }}"""
    deferred: list[tuple[str, str, str]] = []
    for g, s, p, o in run_select(store, q, timeout).rows:
        is_asserted = str(g) in asserted_set
        if isinstance(o, Literal):
            literals[str(s)].append((str(p), o.language or "", str(o), not is_asserted))
            continue
        key = (str(s), str(p), str(o))
        if is_asserted:
            if key not in seen:
                seen.add(key)
                facts.links.append((*key, False))
        else:
            deferred.append(key)
    for key in deferred:  # inferred-only triples, after every asserted one is known
        if key not in seen:
            seen.add(key)
            facts.links.append((*key, True))
    facts.literals = dict(literals)

    q = f"""SELECT DISTINCT ?s WHERE {{ {values(asserted)} GRAPH ?g {{ ?s <{TEXT_PREDICATE}> ?t }} }}"""
    facts.text_holders = {str(r[0]) for r in run_select(store, q, timeout).rows}

    q = f"""SELECT ?ann ?s ?p ?o ?quote ?para ?sec WHERE {{ {values(evidence)} GRAPH ?g {{
        ?ann oa:hasBody ?st . ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        OPTIONAL {{ ?ann oa:hasTarget ?target . ?target oa:hasSelector ?sel . ?sel oa:exact ?quote }}
        OPTIONAL {{ ?ann b2b:inParagraph ?para }} OPTIONAL {{ ?ann b2b:inSection ?sec }} }} }}"""
    per_ann: dict[tuple[str, tuple[str, str, str]], tuple[str, str, str]] = {}
    for ann, s, p, o, quote, para, sec in run_select(store, q, timeout).rows:
        key = (str(ann), (str(s), str(p), str(o)))
        row = (str(quote) if quote is not None else "", _local_id(para and str(para)), _local_id(sec and str(sec)))
        if key not in per_ann or row > per_ann[key]:
            per_ann[key] = row
    ev: dict[tuple[str, str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for (_, triple), row in per_ann.items():
        ev[triple].append(row)
    facts.evidence = {k: sorted(v) for k, v in ev.items()}
    return facts
