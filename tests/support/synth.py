"""Synthetic literature corpora in the project's ontology, deterministic from a seed.

``generate(triples, seed)`` yields sorted-by-graph N-Quads lines of a corpus with about
``triples`` quads: papers (``fabio:ResearchPaper``, titles, years, authors in an ordered
``bibo:authorList``), persons, concepts, mechanisms, digital tools and technologies, citations
between papers (``cito:cites``, preferential attachment: a few papers are cited a lot), and
claims with evidence shaped exactly like the build's (``rdf:Statement`` + ``b2b:Evidence`` with
``oa:hasBody``, ``oa:hasTarget``/``oa:hasSelector``/``oa:exact``, ``b2b:inParagraph`` →
paragraph with ``b2b:paragraphId``), so the real named-query library runs on it. The four
core mechanisms and technologies keep their real ids (``kg:mechanism/credit-enhancement`` …),
so named queries with default parameters find answers. Same seed and size, same bytes.

>>> lines = list(generate(2_000, seed=7))
>>> 1_800 < len(lines) < 2_400 and lines == list(generate(2_000, seed=7))
True
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

__all__ = ["generate", "write_corpus", "SIZES"]

SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}

B2B = "https://w3id.org/b2bkg/def/"
KG = "https://w3id.org/b2bkg/id/"
G = "https://w3id.org/b2bkg/graph/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OA = "http://www.w3.org/ns/oa#"
DCT = "http://purl.org/dc/terms/"
FABIO = "http://purl.org/spar/fabio/"
CITO = "http://purl.org/spar/cito/"
BIBO = "http://purl.org/ontology/bibo/"
FOAF = "http://xmlns.com/foaf/0.1/"
DOCO = "http://purl.org/spar/doco/"

MECHANISMS = ["cost-reduction", "credit-enhancement", "market-expansion", "resource-integration"]
TECHNOLOGIES = ["artificial-intelligence", "big-data", "blockchain", "web3"]
CLASSES = {  # class -> (en, zh, superclass or None)
    "Mechanism": ("Mechanism", "机制", None), "DigitalTool": ("Digital tool", "数字工具", None),
    "DigitalTechnology": ("Digital technology", "数字技术", None), "Concept": ("Concept", "概念", None),
    "Outcome": ("Outcome", "结果", None), "Reference": ("Reference", "参考文献", None),
    "Evidence": ("Evidence", "证据", OA + "Annotation"),
}
PROPERTIES = {"enables": ("enables", "驱动"), "produces": ("produces", "产生"), "reduces": ("reduces", "降低"),
              "basedOn": ("based on", "基于"), "about": ("about", "关于")}
_WORDS = ["platform", "trade", "credit", "supply", "digital", "export", "matching", "finance", "logistics",
          "trust", "cluster", "policy", "risk", "data", "market", "service", "governance", "SME"]
_ZH = ["平台", "贸易", "信用", "供应链", "数字", "出口", "匹配", "金融", "物流", "信任", "集群", "政策"]


def _iri(v: str) -> str:
    return f"<{v}>"


def _lit(v: str, lang: str = "", dtype: str = "") -> str:
    v = v.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{v}"@{lang}' if lang else (f'"{v}"^^<{dtype}>' if dtype else f'"{v}"')


class _Writer:
    def __init__(self) -> None:
        self.graphs: dict[str, list[str]] = {n: [] for n in ("ontology", "assertions", "evidence", "inferences")}

    def add(self, graph: str, s: str, p: str, o: str) -> None:
        self.graphs[graph].append(f"{s} {p} {o} <{G}{graph}> .")

    def count(self) -> int:
        return sum(len(v) for v in self.graphs.values())


def _ontology(w: _Writer) -> None:
    for name, (en, zh, sup) in CLASSES.items():
        c = _iri(B2B + name)
        w.add("ontology", c, _iri(RDF + "type"), _iri(OWL + "Class"))
        w.add("ontology", c, _iri(RDFS + "label"), _lit(en, "en"))
        w.add("ontology", c, _iri(RDFS + "label"), _lit(zh, "zh"))
        if sup:
            w.add("ontology", c, _iri(RDFS + "subClassOf"), _iri(sup))
    for name, (en, zh) in PROPERTIES.items():
        p = _iri(B2B + name)
        w.add("ontology", p, _iri(RDF + "type"), _iri(OWL + "ObjectProperty"))
        w.add("ontology", p, _iri(RDFS + "label"), _lit(en, "en"))
        w.add("ontology", p, _iri(RDFS + "label"), _lit(zh, "zh"))


def generate(triples: int, seed: int = 42) -> Iterator[str]:
    """N-Quads lines (without newline) of a corpus of about ``triples`` quads; see the module doc."""
    rng = random.Random(seed)
    w = _Writer()
    _ontology(w)
    a, ty, label = "assertions", _iri(RDF + "type"), _iri(RDFS + "label")
    # a fixed vocabulary of things the literature talks about, growing slowly with the size
    n_concepts = max(20, triples // 400)
    n_tools = max(10, triples // 1000)
    things: list[tuple[str, str]] = []  # (iri, class)
    for m in MECHANISMS:
        things.append((KG + "mechanism/" + m, "Mechanism"))
    for t in TECHNOLOGIES:
        things.append((KG + "technology/" + t, "DigitalTechnology"))
    things += [(f"{KG}synth/tool/{i}", "DigitalTool") for i in range(n_tools)]
    things += [(f"{KG}synth/concept/{i}", "Concept") for i in range(n_concepts)]
    things += [(f"{KG}synth/mechanism/{i}", "Mechanism") for i in range(n_concepts // 10)]
    for iri, cls in things:
        s = _iri(iri)
        words = rng.sample(_WORDS, 2)
        w.add(a, s, ty, _iri(B2B + cls))
        w.add(a, s, label, _lit(f"{words[0]} {words[1]} {cls.lower()} {iri.rsplit('/', 1)[1]}", "en"))
        w.add(a, s, label, _lit("".join(rng.sample(_ZH, 2)) + iri.rsplit("/", 1)[1], "zh"))
        w.add("inferences", s, ty, _iri(OWL + "Thing"))
    tools = [i for i, c in things if c == "DigitalTool"]
    mechanisms = [i for i, c in things if c == "Mechanism"]
    technologies = [i for i, c in things if c == "DigitalTechnology"]
    concepts = [i for i, c in things if c == "Concept"]
    for t in tools:
        w.add(a, _iri(t), _iri(B2B + "basedOn"), _iri(rng.choice(technologies)))

    persons: list[str] = []
    papers: list[str] = []
    cited: list[str] = []  # one entry per citation received: preferential attachment
    i = 0
    while w.count() < triples:
        paper = f"{KG}synth/paper/{i}"
        p = _iri(paper)
        year = 1990 + rng.randrange(36)
        w.add(a, p, ty, _iri(FABIO + "ResearchPaper"))
        w.add(a, p, ty, _iri(B2B + "Reference"))
        w.add(a, p, _iri(DCT + "title"), _lit(" ".join(rng.sample(_WORDS, 5)).capitalize() + f" ({i})", "en"))
        w.add(a, p, _iri(FABIO + "hasPublicationYear"), _lit(str(year), dtype=XSD + "gYear"))
        w.add(a, p, _iri(B2B + "referenceNumber"), _lit(str(i + 1), dtype=XSD + "integer"))
        seq = _iri(paper + "/authors")
        w.add(a, p, _iri(BIBO + "authorList"), seq)
        w.add(a, seq, ty, _iri(RDF + "Seq"))
        for k in range(1 + rng.randrange(4)):
            if persons and rng.random() < 0.7:
                person = rng.choice(persons)
            else:
                person = f"{KG}synth/person/{len(persons)}"
                persons.append(person)
                w.add(a, _iri(person), ty, _iri(FOAF + "Person"))
                w.add(a, _iri(person), label, _lit(f"Author {len(persons)}", "en"))
            w.add(a, p, _iri(DCT + "creator"), _iri(person))
            w.add(a, seq, _iri(f"{RDF}_{k + 1}"), _iri(person))
        for _ in range(min(len(papers), rng.randrange(8))):
            target = rng.choice(cited) if cited and rng.random() < 0.6 else rng.choice(papers)
            w.add(a, p, _iri(CITO + "cites"), _iri(target))
            cited.append(target)
        para = _iri(paper + "/para/1")
        w.add(a, para, ty, _iri(DOCO + "Paragraph"))
        w.add(a, para, _iri(B2B + "paragraphId"), _lit(f"{i}-1"))
        for c in range(1 + rng.randrange(3)):  # claims, each with its evidence
            tool, mech = rng.choice(tools), rng.choice(mechanisms)
            pred = "enables" if rng.random() < 0.7 else "reduces"
            obj = mech if pred == "enables" else rng.choice(concepts)
            w.add(a, _iri(tool), _iri(B2B + pred), _iri(obj))
            st, ev = _iri(f"{paper}/statement/{c}"), f"{paper}/evidence/{c}"
            e = "evidence"
            w.add(e, st, ty, _iri(RDF + "Statement"))
            w.add(e, st, _iri(RDF + "subject"), _iri(tool))
            w.add(e, st, _iri(RDF + "predicate"), _iri(B2B + pred))
            w.add(e, st, _iri(RDF + "object"), _iri(obj))
            w.add(e, _iri(ev), ty, _iri(B2B + "Evidence"))
            w.add(e, _iri(ev), _iri(OA + "hasBody"), st)
            w.add(e, _iri(ev), _iri(B2B + "inParagraph"), para)
            w.add(e, _iri(ev), _iri(OA + "hasTarget"), _iri(ev + "/target"))
            w.add(e, _iri(ev + "/target"), _iri(OA + "hasSource"), p)
            w.add(e, _iri(ev + "/target"), _iri(OA + "hasSelector"), _iri(ev + "/target/quote"))
            w.add(e, _iri(ev + "/target/quote"), _iri(OA + "exact"),
                  _lit(f"{' '.join(rng.sample(_WORDS, 6))} ({i}.{c})", "en"))
            w.add("inferences", _iri(ev), ty, _iri(OA + "Annotation"))
        w.add("inferences", p, ty, _iri(OWL + "Thing"))
        papers.append(paper)
        i += 1
    for graph in ("ontology", "assertions", "evidence", "inferences"):
        yield from w.graphs[graph]


def write_corpus(path: str | Path, triples: int, seed: int = 42) -> Path:
    """Write ``generate(triples, seed)`` to ``path`` (N-Quads) unless it is already there."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            for line in generate(triples, seed):
                f.write(line + "\n")
        tmp.replace(path)
    return path
