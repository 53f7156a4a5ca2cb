"""Title/abstract terms: the ``keywords``/``terms`` network (VOSviewer's "text data" map).

VOSviewer keeps the noun phrases that a part-of-speech tagger finds: "a sequence of words that
consists exclusively of nouns and adjectives and that ends with a noun", plurals folded to the
singular. b2bkg does the same with the Brill-style tagger that TextBlob ships with its lexicon
(``textblob.en.taggers.PatternTagger``, Tom De Smedt's *pattern*; deterministic, nothing to
download). The rule (docs/corpus.md):

1. The text (title, then abstract) is NFKC-normalised; a publisher's copyright line
   (``(c) 2005 …``, ``© …``, ``copyright …``) and everything after it is dropped; a possessive
   ``'s`` is dropped (``Snell's law`` → ``Snell law``).
2. It is cut into segments at punctuation (``. , ; : ! ? ( ) [ ] " /`` and their CJK forms).
3. A run of Chinese, Japanese or Korean characters inside a segment is one term, kept whole.
4. The rest of a segment is tagged (an all-capitals segment, as old WoS titles print, is tagged
   in lower case). A noun phrase is a maximal run of nouns (``NN*``) and adjectives (``JJ*``),
   cut back to end with a noun. Any other word (verbs, determiners, prepositions …), a stop word
   (``data/stopwords-en.txt``, in its singular too: generic nouns of abstracts such as ``paper``),
   a number or a one-letter word ends a phrase and is left out.
5. Words are lower-cased with Latin letters folded to ASCII (``Goos-Hänchen`` → ``goos-hanchen``);
   the phrases of 1–4 words are the terms; a longer phrase is no term (counted as dropped).
6. The last word of a term is folded to its singular (English plural rules below).

Counting is binary, VOSviewer's default: a term occurs once in a document however often its text
repeats it. The store cannot tokenise, so the counting runs in Python over the titles and
abstracts read from the store by one SPARQL query.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

__all__ = ["MAX_WORDS", "apply_thesaurus", "document_terms", "extract_terms", "read_thesaurus", "singular",
           "stop_words", "tag", "term_documents", "terms_network"]

MAX_WORDS = 4

_COPYRIGHT = re.compile(r"(\(c\)\s*(19|20)\d\d|©|\bcopyright\b).*", re.S | re.I)
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_PUNCT = re.compile(r"[.,;:!?()\[\]{}\"“”‘’/\\|<>=+*&%#@~^$`…、，。；：！？（）【】《》「」『』·]+|\s[-–—]+\s|[–—]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
#: words ending in s that are singular (and the -ics names of fields)
_SINGULAR_S = frozenset({"lens", "gas", "bias", "series", "species", "means", "physics", "optics", "news",
                         "plasmonics", "photonics", "electronics", "dynamics", "mechanics", "kinetics",
                         "thermodynamics", "electrodynamics", "mathematics", "statistics", "economics",
                         "chaos", "ethos", "atlas", "canvas", "status", "corpus", "focus", "radius",
                         "analysis", "basis", "axis", "thesis", "synthesis", "hypothesis", "crisis"})
_IRREGULAR = {"lenses": "lens", "analyses": "analysis", "axes": "axis", "bases": "basis", "theses": "thesis",
              "hypotheses": "hypothesis", "syntheses": "synthesis", "crises": "crisis", "radii": "radius",
              "foci": "focus", "media": "medium", "spectra": "spectrum", "phenomena": "phenomenon",
              "criteria": "criterion", "data": "data", "indices": "index", "matrices": "matrix",
              "vertices": "vertex", "gases": "gas", "biases": "bias", "men": "man", "women": "woman"}


@cache
def stop_words() -> frozenset[str]:
    """The stop-word list (``b2bkg/corpus/data/stopwords-en.txt``)."""
    text = resources.files("b2bkg.corpus").joinpath("data/stopwords-en.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def singular(word: str) -> str:
    """English plural folding of one word: ``waves`` → ``wave``, ``cavities`` → ``cavity``,
    ``boxes`` → ``box``, ``lenses`` → ``lens``; ``optics``, ``glass``, ``radius`` stay.

    >>> [singular(w) for w in ("shifts", "cavities", "beams", "glass", "optics", "lenses")]
    ['shift', 'cavity', 'beam', 'glass', 'optics', 'lens']
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word in _SINGULAR_S or not word.endswith("s") or word.endswith(("ss", "us", "is", "'s")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def _fold(text: str) -> str:
    """Lower case, Latin letters folded to ASCII (``Hänchen`` → ``hanchen``)."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@cache
def _tagger():
    """TextBlob's pattern tagger, its lexicon loaded. (Its reader leaves the lexicon files for the
    garbage collector to close: that ResourceWarning is theirs, and silenced here, once.)"""
    import gc
    import warnings

    from textblob.en.taggers import PatternTagger

    tagger = PatternTagger()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        tagger.tag("The lexicon, the context rules and the named entities load on first use.")
        gc.collect()
    return tagger


def tag(segment: str) -> list[tuple[str, str]]:
    """(word, Penn Treebank tag) of each token of ``segment``; an all-capitals segment is tagged
    in lower case (the lexicon knows ``shifts``, not ``SHIFTS``).

    >>> tag("total internal reflection")
    [('total', 'JJ'), ('internal', 'JJ'), ('reflection', 'NN')]
    """
    if segment.isupper():
        segment = segment.lower()
    return list(_tagger().tag(segment))


def _noun_or_adjective(pos: str) -> bool:
    return pos.startswith(("NN", "JJ"))


def extract_terms(text: str, *, stats: dict | None = None) -> list[str]:
    """The noun-phrase terms of ``text`` in order of appearance, repeats kept (the caller counts
    binarily). ``stats`` (optional) receives ``dropped_long`` phrases.

    >>> extract_terms("Observation of the Goos-Hänchen shifts in total internal reflection.")
    ['observation', 'goos-hanchen shift', 'total internal reflection']
    >>> extract_terms("We measured the lateral shifts of reflected beams.")
    ['lateral shift', 'beam']
    >>> extract_terms("光子晶体的研究, photonic crystals")
    ['光子晶体的研究', 'photonic crystal']
    """
    stops = stop_words()
    terms: list[str] = []

    def close(phrase: list[tuple[str, str]]) -> None:
        while phrase and not phrase[-1][1].startswith("NN"):
            phrase = phrase[:-1]  # a noun phrase ends with a noun
        if not phrase:
            return
        if len(phrase) > MAX_WORDS:
            if stats is not None:
                stats["dropped_long"] = stats.get("dropped_long", 0) + 1
            return
        words = [w for w, _ in phrase]
        terms.append(" ".join([*words[:-1], singular(words[-1])]))

    text = _POSSESSIVE.sub("", _COPYRIGHT.sub("", unicodedata.normalize("NFKC", text or "")))
    for segment in _PUNCT.split(text):
        start = 0
        pieces: list[tuple[bool, str]] = []
        for m in _CJK.finditer(segment):
            pieces.append((False, segment[start:m.start()]))
            pieces.append((True, m.group()))
            start = m.end()
        pieces.append((False, segment[start:]))
        for is_cjk, piece in pieces:
            if is_cjk:
                terms.append(piece)
                continue
            if not piece.strip():
                continue
            phrase: list[tuple[str, str]] = []
            for token, pos in tag(piece):
                word = _fold(token)
                if (not _WORD.fullmatch(word) or word in stops or singular(word) in stops or len(word) < 2
                        or word.replace("-", "").isdigit() or not _noun_or_adjective(pos)):
                    close(phrase)
                    phrase = []
                else:
                    phrase.append((word, pos))
            close(phrase)
    return terms


def document_terms(rows: list[dict]) -> tuple[dict[str, set[str]], dict[str, int], int]:
    """Per document (``?g``) the set of its terms from its texts (``?i``), its year (``?y``),
    and the number of phrases dropped as longer than ``MAX_WORDS``."""
    stats: dict[str, int] = {}
    terms: dict[str, set[str]] = {}
    years: dict[str, int] = {}
    for r in sorted(rows, key=lambda r: (r["g"], str(r["i"]))):
        terms.setdefault(r["g"], set()).update(extract_terms(str(r["i"] or ""), stats=stats))
        if r.get("y") is not None:
            years.setdefault(r["g"], int(str(r["y"])[:4]))
    return terms, years, stats.get("dropped_long", 0)


def terms_network(store, pattern: str, net, counting: str, min_occurrences: int, top: int,
                  thesaurus: dict[str, str] | None = None):
    """Occurrences and pair weights of the terms (binary per document), as ``build_network``
    counts the other networks in the store: (links ``(a, b, weight, count)``, kept items,
    occurrences, average years)."""
    from itertools import combinations

    from b2bkg.corpus.sparql import select

    rows = select(store, f"SELECT DISTINCT ?g ?i ?y WHERE {{ {pattern} "
                         "OPTIONAL { ?g fabio:hasPublicationYear ?y } }")
    by_doc, year_of, _ = document_terms(rows)
    by_doc = apply_thesaurus(by_doc, thesaurus)
    counts: dict[str, int] = {}
    for found in by_doc.values():
        for t in found:
            counts[t] = counts.get(t, 0) + 1
    net.items_total = len(counts)
    kept = sorted(((t, n) for t, n in counts.items() if n >= min_occurrences), key=lambda t: (-t[1], t[0]))[:top]
    occ = dict(kept)
    weights: dict[tuple[str, str], list[float]] = {}
    years: dict[str, list[int]] = {}
    for g, found in by_doc.items():
        mine = sorted(t for t in found if t in occ)
        if g in year_of:
            for t in mine:
                years.setdefault(t, []).append(year_of[g])
        share = 1.0 if counting == "full" else (1.0 / (len(found) - 1) if len(found) > 1 else 0.0)
        for pair in combinations(mine, 2):
            w = weights.setdefault(pair, [0.0, 0])
            w[0] += share
            w[1] += 1
    links = [(a, b, w, int(c)) for (a, b), (w, c) in weights.items()]
    avg = {t: round(sum(ys) / len(ys), 2) for t, ys in years.items()}
    return links, [t for t, _ in kept], occ, avg


def term_documents(store, pattern: str, items: list[str], thesaurus: dict[str, str] | None = None
                   ) -> dict[str, list[str]]:
    """Term -> the corpus documents whose title or abstract has it (sorted IRIs); ``pattern``
    is ``network.item_pattern("keywords", "terms", corpus)``."""
    from b2bkg.corpus.sparql import select

    by_doc, _, _ = document_terms(select(store, f"SELECT DISTINCT ?g ?i WHERE {{ {pattern} }}"))
    by_doc = apply_thesaurus(by_doc, thesaurus)
    wanted = set(items)
    out: dict[str, list[str]] = {}
    for g in sorted(by_doc):
        for t in by_doc[g] & wanted:
            out.setdefault(t, []).append(g)
    return out


def read_thesaurus(text: str) -> dict[str, str]:
    """A VOSviewer thesaurus file (tab-separated, header ``label<TAB>replace by``): term -> its
    replacement, ``""`` for a term to leave out. Labels are folded as the extractor folds text.

    >>> read_thesaurus("label\\treplace by\\nGH shifts\\tgoos-hanchen shift\\ntheory\\t\\n")
    {'gh shift': 'goos-hanchen shift', 'theory': ''}
    """
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines()):
        parts = line.rstrip("\r").split("\t")
        if not line.strip() or (n == 0 and parts[0].strip().lower() == "label"):
            continue
        words = _fold(parts[0]).split()
        if not words:
            continue
        label = " ".join([*words[:-1], singular(words[-1])])  # as the extractor writes the term
        out[label] = " ".join(_fold(parts[1]).split()) if len(parts) > 1 else ""
    return out


def apply_thesaurus(by_doc: dict[str, set[str]], thesaurus: dict[str, str] | None) -> dict[str, set[str]]:
    """Each document's terms with the thesaurus applied (replaced, or left out when replaced by
    nothing); binary counting still holds after two terms became one."""
    if not thesaurus:
        return by_doc
    return {g: {thesaurus.get(t, t) for t in found} - {""} for g, found in by_doc.items()}
