"""``b2bkg corpus network KIND --unit UNIT``: bibliometric networks counted in the store.

Every network is a co-occurrence of *items* within *groups*, written as one SPARQL pattern
binding ``?g`` and ``?i``:

============================  ==========================  =====================================
kind / unit                   group ``?g``                item ``?i``
============================  ==========================  =====================================
co-citation / references      citing document             cited work
co-citation / authors         citing document             first-author key of the cited work
co-citation / sources         citing document             venue of the cited work
coupling / documents          cited work                  citing document
coupling / authors|sources|   cited work                  author key / venue / country of the
countries                                                 citing document
co-authorship / authors|      document                    author key / institution / country
institutions|countries
keywords / author|indexed     document                    keyword (lower-cased)
keywords / terms              document                    title/abstract term (counted in Python:
                                                          ``b2bkg.corpus.terms``, docs/corpus.md)
direct-citation / documents   (directed: document ``?i`` cites document ``?j``, both in the corpus)
============================  ==========================  =====================================

The store counts: item occurrences (groups per item) with ``GROUP BY``, then, for the items
kept by the thresholds (minimum occurrences, then the top N by occurrences), the pair weights
with ``GROUP BY ?a ?b``: full counting ``COUNT(DISTINCT ?g)``, fractional counting
``SUM(1 / (n_g - 1))`` where ``n_g`` is the number of items of the group (VOSviewer's
fractional counting: each group spreads a total weight of 1 over its links, about). The
remote store, past ``REMOTE_PAIR_ROWS`` (group, pair) rows, counts them in slices of the first
item, one query each. Past what the store's ``GROUP BY`` gets through in about a minute
(``AUTO_STORE_ROWS``, ``AUTO_REMOTE_ROWS``), or past ``PAIR_ROWS`` when asked for
(``pair_sums="python"``), Python makes them as the sparse product of the store's incidence
(docs/corpus.md, "How the pairs are counted").
Python normalises the thresholded links and runs the graph algorithm (seeded Leiden, igraph)
with modularity.

Normalisations (bibliometrix ``normalizeSimilarity``; ``o_i`` the occurrences of item i,
``c_ij`` the co-occurrences): association strength ``c_ij / (o_i o_j)`` (VOSviewer's, up to a
constant factor), Salton's cosine ``c_ij / sqrt(o_i o_j)``, Jaccard ``c_ij / (o_i + o_j - c_ij)``,
inclusion ``c_ij / min(o_i, o_j)``.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field

import igraph

from b2bkg.corpus.sparql import corpus_graphs, corpus_scope, iri_values, select
from b2bkg.errors import BadRequest
from b2bkg.store import RemoteStore, Store

__all__ = ["KINDS", "NORMALISATIONS", "PAIR_ROWS", "PAIR_SUMS", "Network", "build_network", "communities",
           "item_pattern"]

_DOC = "{scope} ?c prov:hadMember ?g ."
_CITING = "{scope} ?c prov:hadMember ?x . ?x cito:cites ?g ."

KINDS: dict[str, dict[str, str]] = {
    "co-citation": {
        "references": _DOC + " ?g cito:cites ?i .",
        # per-import helper triples (corpus/rdf.py): the first-author key and the venue of each
        # cited work, once per document, i.e. ``?g cito:cites ?w . ?w b2b:firstAuthorKey ?i``
        # (resp. ``dcterms:isPartOf``) without the join and the DISTINCT it needs
        "authors": _DOC + " ?g b2b:citedAuthorKey ?i .",
        "sources": _DOC + " ?g b2b:citedVenue ?i .",
    },
    "coupling": {
        "documents": _CITING + " BIND(?x AS ?i)",
        "authors": _CITING + " ?x b2b:hasAuthorship/b2b:authorKey ?i .",
        "sources": _CITING + " ?x dcterms:isPartOf ?i .",
        "countries": _CITING + " ?x b2b:country ?i .",
    },
    "co-authorship": {
        "authors": _DOC + " ?g b2b:hasAuthorship/b2b:authorKey ?i .",
        "institutions": _DOC + " ?g b2b:institution ?i .",
        "countries": _DOC + " ?g b2b:country ?i .",
    },
    "keywords": {
        "author": _DOC + " ?g prism:keyword ?k . BIND(LCASE(STR(?k)) AS ?i)",
        "indexed": _DOC + " ?g b2b:indexKeyword ?k . BIND(LCASE(STR(?k)) AS ?i)",
        # the store cannot tokenise: the pattern reads the texts, Python extracts and counts the terms
        "terms": _DOC + " {{ ?g dcterms:title ?i }} UNION {{ ?g dcterms:abstract ?i }}",
    },
    "direct-citation": {"documents": ""},
}
NORMALISATIONS = ("none", "association", "cosine", "jaccard", "inclusion")
#: who adds up a network's pairs: ``store`` (its ``GROUP BY``; the remote store in slices past its
#: bound), ``python`` (a sparse product of the store's incidence past ``PAIR_ROWS``) or ``auto``
#: (the store's unless the rows pass ``AUTO_STORE_ROWS`` / ``AUTO_REMOTE_ROWS``)
PAIR_SUMS = ("auto", "store", "python")


def item_pattern(kind: str, unit: str, corpus: str | None) -> str:
    if kind not in KINDS:
        raise BadRequest(f"unknown network kind {kind!r}; known: {', '.join(KINDS)}")
    if unit not in KINDS[kind]:
        raise BadRequest(f"network {kind!r} has no unit {unit!r}; known: {', '.join(KINDS[kind])}")
    return _scoped(KINDS[kind][unit], corpus)


def _scoped(template: str, corpus: str | None) -> str:
    """The pattern for one corpus (its IRI written in: engines plan a constant better than a
    ``VALUES`` join) or for every corpus."""
    if corpus:
        from b2bkg.corpus.rdf import corpus_graph, corpus_iri

        # inside the import's own graph: the union default graph repeats a triple once per graph
        # holding it (a document in two imports), so a pattern of one triple gives one row per
        # group and item only there
        inner = template.replace("{scope} ?c ", "{scope} ").format(scope=f"<{corpus_iri(corpus)}>")
        return f"GRAPH <{corpus_graph(corpus)}> {{ {inner} }}"
    return template.format(scope=corpus_scope(None))


#: past this many (group, pair) rows ``pair_sums="python"`` makes the pair sums a sparse product
PAIR_ROWS = 1_000_000
#: the most (group, pair) rows one pair query sent to the remote store expands to; past it the
#: pairs are counted in slices: Virtuoso's pair GROUP BY over plain (not deduplicated) groups ran
#: into its transaction time-out (SR171) at a few hundred thousand rows on a loaded machine
REMOTE_PAIR_ROWS = 200_000
#: ``pair_sums="auto"``: the most (group, pair) rows the store's own GROUP BY is given before the
#: pairs are summed in Python instead: for the embedded stores about a minute of Oxigraph (3.5 µs a
#: row on this machine); for the remote store one query's bound (Virtuoso's pair GROUP BY in slices
#: took 78 s where the product took 1.9 s, 1k corpus, coupling of authors, and more than 10 minutes
#: at 10k)
AUTO_STORE_ROWS = 20_000_000
AUTO_REMOTE_ROWS = REMOTE_PAIR_ROWS

#: the networks whose pattern, within one import's graph, gives each (group, item) once: their
#: pairs need no DISTINCT (the costliest step of the pair query)
_ONE_ROW = {("co-citation", "references"), ("co-citation", "authors"), ("co-citation", "sources"),
            ("coupling", "documents"), ("co-authorship", "institutions"), ("co-authorship", "countries")}


@dataclass
class Network:
    """Nodes (id, label, occurrences, links, total link strength, cluster, average year) and
    links (source, target, weight, raw count) of one thresholded network."""

    kind: str
    unit: str
    counting: str
    normalisation: str
    nodes: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    modularity: float | None = None
    clusters: int = 0
    items_total: int = 0
    #: how the pair sums were made: ``store`` (one query), ``store, N slices`` or ``python``
    pairs_counted_by: str = "store"

    def as_dict(self) -> dict:
        return {"kind": self.kind, "unit": self.unit, "counting": self.counting,
                "normalisation": self.normalisation, "items_total": self.items_total,
                "pairs_counted_by": self.pairs_counted_by,
                "clusters": self.clusters, "modularity": self.modularity,
                "nodes": self.nodes, "links": self.links}


def _term(value: str) -> str:
    if value.startswith(("http://", "https://")):
        return f"<{value}>"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _values(var: str, items: list[str]) -> str:
    if items and all(i.startswith(("http://", "https://")) for i in items):
        return iri_values(var, items)
    return f"VALUES ?{var} {{ " + " ".join(_term(i) for i in items) + " }"


def build_network(
    store: Store,
    kind: str,
    unit: str,
    *,
    corpus: str | None = None,
    counting: str = "full",
    normalisation: str = "association",
    min_occurrences: int = 1,
    top: int = 500,
    min_weight: float = 0.0,
    resolution: float = 1.0,
    seed: int = 42,
    thesaurus: dict[str, str] | None = None,
    pair_rows: int | None = None,
    pair_sums: str = "auto",
) -> Network:
    """The network ``kind``/``unit`` of ``corpus`` (every corpus when None). ``thesaurus``
    (``corpus.terms.read_thesaurus``): a VOSviewer thesaurus, for the title/abstract terms only.

    The pairs are counted by the store (``pair_sums="store"``) in one ``GROUP BY ?a ?b`` query,
    or, past ``pair_rows`` (group, pair) rows as the store counts them, in one such query per
    slice of the first item. ``pair_rows`` None: the store's own bound, ``REMOTE_PAIR_ROWS`` for
    the remote store (its transaction time-out) and none for the embedded ones (their
    ``GROUP BY`` holds one accumulator per pair of kept items, whatever the rows).
    ``pair_sums="python"``: past ``pair_rows`` (None: ``PAIR_ROWS``) the sparse product of the
    (group, item) incidence the store returns (:func:`_pairs_by_product`) instead.
    ``pair_sums="auto"`` (the default): the store's, unless the rows pass what the store's
    ``GROUP BY`` gets through in about a minute (``AUTO_STORE_ROWS``, ``AUTO_REMOTE_ROWS``):
    then the product. ``Network.pairs_counted_by`` says which way it went."""
    if pair_sums not in PAIR_SUMS:
        raise BadRequest(f"pair sums must be one of {', '.join(PAIR_SUMS)}, not {pair_sums!r}")
    if counting not in ("full", "fractional"):
        raise BadRequest(f"counting must be full or fractional, not {counting!r}")
    if normalisation not in NORMALISATIONS:
        raise BadRequest(f"unknown normalisation {normalisation!r}; known: {', '.join(NORMALISATIONS)}")
    if top < 1 or min_occurrences < 1:
        raise BadRequest("--top and --min-occurrences must be at least 1")
    net = Network(kind, unit, counting, normalisation)
    if kind == "direct-citation":
        item_pattern(kind, unit, corpus)
        return _direct(store, net, corpus, min_occurrences, top, resolution, seed)
    pattern = item_pattern(kind, unit, corpus)
    if thesaurus and (kind, unit) != ("keywords", "terms"):
        raise BadRequest("a thesaurus applies to the title/abstract terms (keywords --unit terms) only")
    if kind == "keywords" and unit == "terms":
        from b2bkg.corpus.terms import terms_network

        links, items, occ, years = terms_network(store, pattern, net, counting, min_occurrences, top, thesaurus)
        links = [(a, b, w, raw) for a, b, w, raw in
                 ((a, b, _normalise(normalisation, w, occ[a], occ[b]), raw) for a, b, w, raw in links)
                 if w > min_weight]
        _finish(net, items, occ, links, {i: i for i in items}, years, resolution, seed)
        return net
    counts, years = _occurrences(store, pattern, kind, unit)
    if not counts and kind == "co-citation" and unit in _HELPED:
        _check_helpers(store, corpus, unit)
    net.items_total = len(counts)
    kept = sorted(((i, n) for i, n in counts.items() if n >= min_occurrences), key=lambda t: (-t[1], t[0]))[:top]
    occ = dict(kept)
    if not kept:
        return net
    items = [i for i, _ in kept]
    keep = set(items)
    # The pairs are counted by the store. The kept items are chosen inside the query by their
    # occurrences (HAVING), not by a VALUES list (which engines join slowly): the threshold is the
    # occurrences of the N-th kept item, so ties past it come back too and are dropped below.
    floor = min(n for _, n in kept)
    sub = pattern.replace("?g", "?g0")

    distinct = "" if corpus and (kind, unit) in _ONE_ROW else "DISTINCT "
    by_values = isinstance(store, RemoteStore)  # Virtuoso plans a VALUES list well, the HAVING join badly

    def side(var: str, among: list[str] | None = None) -> str:
        """The (group, item) rows of the kept items (of ``among`` only, when given)."""
        inner = pattern.replace("?i", "?" + var)
        if by_values:  # a plain group, not a subquery: its own variables renamed apart
            return f"{{ {_own_variables(pattern, var)} {_values(var, among or items)} }}"
        if among is not None:  # a slice of the kept items: few enough for a VALUES join
            return f"{{ SELECT {distinct}?g ?{var} WHERE {{ {_values(var, among)} {inner} }} }}"
        chosen = (f"{{ SELECT ?{var} WHERE {{ {sub.replace('?i', '?' + var)} }} GROUP BY ?{var} "
                  f"HAVING (COUNT({distinct}?g0) >= {floor}) }}")
        return f"{{ SELECT {distinct}?g ?{var} WHERE {{ {inner} {chosen} }} }}"

    def pair_query(among: list[str] | None) -> str:
        both = f"{side('a', among)} {side('b')} FILTER(STR(?a) < STR(?b))"
        if by_values and distinct:
            # Virtuoso 7 loses rows when it joins two deduplicated subqueries (SELECT DISTINCT or
            # GROUP BY; 1k synthetic corpus: one (document, item) row, i.e. every pair of that item
            # in that document one short, though each side alone and each pair asked alone are
            # right). The remote store joins the plain patterns and counts distinct groups instead.
            # COUNT(*) over the distinct (group, pair) rows, not COUNT(DISTINCT ?g) per pair: that
            # is SR319 on Virtuoso for pairs of computed keys (keywords) in tens of thousands of groups
            if counting == "full":
                return (f"SELECT ?a ?b (COUNT(*) AS ?w) WHERE {{ "
                        f"{{ SELECT DISTINCT ?g ?a ?b WHERE {{ {both} }} }} }} GROUP BY ?a ?b")
            return (f"SELECT ?a ?b (SUM(1.0 / (?n - 1)) AS ?w) (COUNT(*) AS ?c) WHERE {{ "
                    f"{{ SELECT DISTINCT ?g ?a ?b WHERE {{ {both} }} }} {sizes} FILTER(?n > 1) }} GROUP BY ?a ?b")
        if counting == "full":
            return f"SELECT ?a ?b (COUNT(*) AS ?w) WHERE {{ {both} }} GROUP BY ?a ?b"
        return (f"SELECT ?a ?b (SUM(1.0 / (?n - 1)) AS ?w) (COUNT(*) AS ?c) WHERE {{ "
                f"{sizes} FILTER(?n > 1) {both} }} GROUP BY ?a ?b")

    sizes = f"{{ SELECT ?g (COUNT(DISTINCT ?i) AS ?n) WHERE {{ {pattern} }} GROUP BY ?g }}"
    budget = None  # pair_sums="auto": past this many rows the product instead of the store
    if pair_sums == "auto":
        budget = AUTO_REMOTE_ROWS if by_values else AUTO_STORE_ROWS
        pair_sums = "store"
    if pair_rows is None:
        pair_rows = REMOTE_PAIR_ROWS if by_values else PAIR_ROWS if pair_sums == "python" else None
    if budget is not None:
        pair_rows = budget if pair_rows is None else min(pair_rows, budget)
    # the remote store joins plain groups (not deduplicated): its rows are the pattern's rows
    per_group = "*" if by_values and distinct else "DISTINCT ?i"
    bound = f"{{ SELECT ?g (COUNT({per_group}) AS ?n) WHERE {{ {pattern} }} GROUP BY ?g }}"
    if pair_rows is not None and _expansion(store, bound) > pair_rows:
        # every item's groups bound it from above (cheap); the kept items' groups are the size
        expansion = _expansion(store, f"{{ SELECT ?g (COUNT({per_group.replace('?i', '?a')}) AS ?n) "
                                      f"WHERE {{ {side('a')} }} GROUP BY ?g }}")
    else:
        expansion = 0
    if budget is not None and expansion > budget:
        pair_sums = "python"
    if pair_rows is not None and expansion > pair_rows and pair_sums == "python":
        # the remote store's answers in chunks (INCIDENCE_ROWS); the embedded ones in one query
        sides = [side("a", chunk) for chunk in _chunks(items, occ)] if by_values else [side("a")]
        rows = _pairs_by_product(store, sides, sizes, items, counting)
        net.pairs_counted_by = "python"
    elif pair_rows is not None and expansion > pair_rows:
        slices = _slices(items, occ, expansion, pair_rows)
        rows = [row for among in slices for row in select(store, pair_query(among))]
        net.pairs_counted_by = f"store, {len(slices)} slices"
    else:
        rows = select(store, pair_query(None))
    rows = [r for r in rows if r["a"] in keep and r["b"] in keep]
    links = []
    for r in rows:
        a, b, w = r["a"], r["b"], float(r["w"])
        raw = int(r.get("c") or w)
        weight = _normalise(normalisation, w, occ[a], occ[b])
        if weight > min_weight:
            links.append((a, b, weight, raw))
    labels = _labels(store, items, corpus)
    _finish(net, items, occ, links, labels, years, resolution, seed)
    return net


def _slices(items: list[str], occ: dict[str, int], expansion: int, pair_rows: int) -> list[list[str]]:
    """The kept items cut into slices of the first item ``?a`` of a pair, so that the pair query
    of one slice expands to about ``pair_rows`` (group, pair) rows or fewer: as many slices as
    ``expansion / pair_rows`` twice over (the rows are not spread evenly), each of about the same
    sum of occurrences ``o_a`` times the share of items after ``a`` (``STR(?a) < STR(?b)``: an
    item early in that order is the first of more pairs).

    >>> _slices(["a", "b", "c", "d", "e", "f"], {"a": 5, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1}, 10, 10)
    [['a'], ['b', 'c', 'd', 'e', 'f']]
    """
    order = sorted(items)
    wanted = min(len(order), max(1, -(-2 * expansion // max(pair_rows, 1))))
    if wanted == len(order):
        return [[a] for a in order]
    cost = [occ[a] * (len(order) - k) for k, a in enumerate(order)]
    share = sum(cost) / wanted
    slices: list[list[str]] = [[]]
    spent = 0.0
    for a, c in zip(order, cost, strict=True):
        if slices[-1] and spent + c > share * len(slices) and len(slices) < wanted:
            slices.append([])
        slices[-1].append(a)
        spent += c
    return slices


#: the co-citation units counted on per-import helper triples (corpus/rdf.py), with the path
#: through the cited works that the helper stands for
_HELPED = {"authors": ("b2b:citedAuthorKey", "b2b:firstAuthorKey"), "sources": ("b2b:citedVenue", "dcterms:isPartOf")}


def _check_helpers(store: Store, corpus: str | None, unit: str) -> None:
    """An empty co-citation of cited authors or sources is either right (no cited work has a
    first author or a venue) or an import made before the helper triples existed: say which."""
    helper, path = _HELPED[unit]
    scope = _scoped("{scope} ?c prov:hadMember ?g .", corpus)
    if select(store, f"SELECT ?w WHERE {{ {scope} ?g cito:cites ?w . ?w {path} ?v }} LIMIT 1") and not select(
            store, f"SELECT ?v WHERE {{ {scope} ?g {helper} ?v }} LIMIT 1"):
        raise BadRequest(f"this corpus was imported before the co-citation of cited {unit} was counted on "
                         f"{helper} triples; import its files again (b2bkg corpus import … --name NAME) "
                         "to add them")


def _expansion(store: Store, sizes: str) -> int:
    """The (group, pair) rows a pair query over the groups of ``sizes`` (``?g``, ``?n`` items)
    makes, counted by the store: half the sum of ``n^2``."""
    rows = select(store, f"SELECT (SUM(?n * ?n) AS ?rows) WHERE {sizes}")
    return int(rows[0]["rows"] or 0) // 2 if rows else 0


#: the most (group, item) rows one incidence query of the product may return: Virtuoso 7 sends at
#: most 1,048,576 rows of an answer over HTTP (100k synthetic corpus, co-citation of references:
#: 1,127,072 rows asked; the remote store refuses such an answer, see ``X-SPARQL-MaxRows`` in
#: ``store/remote.py``), so the incidence is asked in chunks
INCIDENCE_ROWS = 500_000


def _chunks(items: list[str], occ: dict[str, int]) -> list[list[str]]:
    """The kept items in chunks whose occurrences (their (group, item) rows) add up to at most
    ``INCIDENCE_ROWS`` (an item with more is a chunk alone).

    >>> _chunks(["a", "b", "c"], {"a": 2, "b": 2, "c": 1}) == [["a", "b", "c"]]
    True
    """
    chunks: list[list[str]] = [[]]
    rows = 0
    for item in items:
        if chunks[-1] and rows + occ[item] > INCIDENCE_ROWS:
            chunks.append([])
            rows = 0
        chunks[-1].append(item)
        rows += occ[item]
    return chunks


def _pairs_by_product(store: Store, sides: list[str], sizes: str, items: list[str], counting: str) -> list[dict]:
    """The pair rows the ``GROUP BY ?a ?b`` would give, from the (group, kept item) incidence the
    store returns: with B the groups x items 0/1 matrix and w each group's weight (1, or
    ``1/(n_g - 1)`` for fractional counting, ``n_g`` counted by the store), the weights are
    ``B^T diag(w) B`` and the counts ``B^T B``, upper triangle (``a < b``) only.

    This is for the networks whose pair expansion (a coupling of authors, sources or countries:
    every pair of items citing a much-cited work) is too large for a ``GROUP BY`` in seconds;
    the occurrences, the thresholds and the incidence are still the store's."""
    import numpy as np
    from scipy import sparse

    incidence = [row for side in sides for row in select(store, f"SELECT DISTINCT ?g ?a WHERE {{ {side} }}")]
    column = {item: k for k, item in enumerate(sorted(items))}
    order = sorted(column)
    group: dict[str, int] = {}
    r, c = [], []
    for row in incidence:
        k = column.get(row["a"])
        if k is None:
            continue
        r.append(group.setdefault(row["g"], len(group)))
        c.append(k)
    b = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(group), len(order)))
    counts = sparse.triu(b.T @ b, k=1).tocoo()
    if counting == "full":
        weights = counts
    else:
        n = {row["g"]: int(row["n"]) for row in select(store, f"SELECT ?g ?n WHERE {sizes}")}
        w = np.zeros(len(group))
        for g, k in group.items():
            if n.get(g, 0) > 1:
                w[k] = 1.0 / (n[g] - 1)
        weights = sparse.triu(b.T @ sparse.diags(w) @ b, k=1).tocoo()
    weight = {(i, j): float(v) for i, j, v in zip(weights.row, weights.col, weights.data, strict=True)}
    out = [{"a": order[i], "b": order[j], "w": weight.get((i, j), 0.0), "c": int(cnt)}
           for i, j, cnt in zip(counts.row, counts.col, counts.data, strict=True)]
    return [row for row in out if row["w"] > 0]


def _own_variables(pattern: str, var: str) -> str:
    """``pattern`` with ``?i`` renamed ``?<var>`` and every variable but the group ``?g`` given
    the suffix ``_<var>``, so two copies joined on ``?g`` share nothing else.

    >>> _own_variables("?c prov:hadMember ?x . ?x cito:cites ?g . BIND(?x AS ?i)", "a")
    '?c_a prov:hadMember ?x_a . ?x_a cito:cites ?g . BIND(?x_a AS ?a)'
    """
    return re.sub(r"\?(\w+)", lambda m: "?g" if m[1] == "g" else f"?{var}" if m[1] == "i" else f"?{m[1]}_{var}",
                  pattern)


def _normalise(how: str, c: float, oi: int, oj: int) -> float:
    if how == "association":
        return c / (oi * oj)
    if how == "cosine":
        return c / math.sqrt(oi * oj)
    if how == "jaccard":
        return c / (oi + oj - c) if oi + oj - c > 0 else 0.0
    if how == "inclusion":
        return c / min(oi, oj)
    return c


def _labels(store: Store, items: list[str], corpus: str | None) -> dict[str, str]:
    """Each item's label as the corpus's own import prints it (a work in two imports may be
    printed two ways: ``J OPT SOC AM`` and ``JOURNAL OF THE OPTICAL SOCIETY OF AMERICA``)."""
    iris = [i for i in items if i.startswith(("http://", "https://"))]
    labels: dict[str, str] = {i: i for i in items}
    for start in range(0, len(iris), 2000):
        chunk = iris[start:start + 2000]
        rows = select(store, f"SELECT ?i (SAMPLE(?l) AS ?label) WHERE {{ {iri_values('i', chunk)} "
                             "OPTIONAL { ?i rdfs:label ?l1 } OPTIONAL { ?i dcterms:title ?l2 } "
                             "OPTIONAL { ?i b2b:sourceAbbreviation ?l3 } "
                             "BIND(COALESCE(?l1, ?l3, ?l2) AS ?l) } GROUP BY ?i", graphs=corpus_graphs(corpus))
        for r in rows:
            if r["label"]:
                labels[r["i"]] = r["label"]
    return labels


def _occurrences(store: Store, pattern: str, kind: str, unit: str) -> tuple[dict[str, int], dict[str, float]]:
    """Every item's occurrences (distinct groups) and average publication year, in one query
    (no list of items to join): the year of the cited work itself for co-cited references, else
    of the documents the item occurs in (the VOSviewer overlay's 'Avg. pub. year'); for coupling
    those are the citing documents, counted apart (their own pattern, without the citations)."""
    year_of = "?i" if (kind, unit) == ("co-citation", "references") else "?g"
    pairs = f"{{ SELECT DISTINCT ?i ?g WHERE {{ {pattern} }} }} OPTIONAL {{ {year_of} fabio:hasPublicationYear ?y }}"
    if isinstance(store, RemoteStore):
        # one row per (item, group) with one year, then COUNT(*): COUNT(DISTINCT ?g) per item is
        # what Virtuoso 7 refuses once computed keys (keywords, grouped by their lower-cased text)
        # and their groups are many (SR319, "max row length in a temp col"; 30k documents with a
        # few hundred keywords), as in the summary's top lists. The embedded stores keep
        # COUNT(DISTINCT): the same answer, 20-40 % faster there (10k corpus, memory store).
        query = (f"SELECT ?i (COUNT(*) AS ?n) (AVG(?yr) AS ?year) WHERE {{ {{ SELECT ?i ?g "
                 f"(SAMPLE(xsd:integer(STR(?y))) AS ?yr) WHERE {{ {pairs} }} GROUP BY ?i ?g }} }} GROUP BY ?i")
    else:
        query = (f"SELECT ?i (COUNT(DISTINCT ?g) AS ?n) (AVG(xsd:integer(STR(?y))) AS ?year) "
                 f"WHERE {{ {pairs} }} GROUP BY ?i")
    rows = select(store, query)
    counts = {r["i"]: int(r["n"]) for r in rows if r["i"] is not None}
    years = {r["i"]: round(float(r["year"]), 2) for r in rows if r["i"] is not None and r["year"] is not None}
    if kind == "coupling":
        own = pattern.replace(" ?x cito:cites ?g .", "")
        years = {r["i"]: round(float(r["year"]), 2) for r in select(
            store, f"SELECT ?i (AVG(xsd:integer(STR(?y))) AS ?year) WHERE {{ {{ SELECT DISTINCT ?i ?x WHERE {{ "
                   f"{own} }} }} ?x fabio:hasPublicationYear ?y }} GROUP BY ?i")
            if r["i"] is not None and r["year"] is not None}
    return counts, years


#: the most Leiden passes a clustering runs (it stops earlier when a pass changes nothing)
LEIDEN_PASSES = 50


def communities(items: list[str], links: list[tuple], resolution: float = 1.0,
                seed: int = 42) -> tuple[dict[str, int], float | None]:
    """Seeded Leiden (igraph, modularity objective, iterated until a pass changes nothing, at most
    ``LEIDEN_PASSES`` passes) on the weighted links
    ``(a, b, weight, …)``: each item's cluster (1 = largest; isolated items alone) and the
    partition's modularity (None without links). The same input gives the same clusters.

    >>> communities(["a", "b", "c", "d"], [("a", "b", 1.0), ("c", "d", 1.0)])
    ({'a': 1, 'b': 1, 'c': 2, 'd': 2}, 0.5)
    """
    order = sorted(items)  # node order fixes the result: never the engine's row order
    if not links:
        return {m: n for n, m in enumerate(order, start=1)}, None
    index = {m: k for k, m in enumerate(order)}
    g = igraph.Graph(n=len(order), edges=[(index[a], index[b]) for a, b, *_ in links])
    weights = [float(w) for _, _, w, *_ in links]
    igraph.set_random_number_generator(random.Random(seed))
    membership: list[int] | None = None
    try:
        # igraph's n_iterations=-1 ("until nothing changes") can cycle for ever on some graphs and
        # resolutions: iterate one pass at a time from the last partition, at most LEIDEN_PASSES
        for _ in range(LEIDEN_PASSES):
            part = g.community_leiden(objective_function="modularity", weights=weights, resolution=resolution,
                                      n_iterations=1, initial_membership=membership)
            if part.membership == membership:
                break
            membership = part.membership
    finally:
        igraph.set_random_number_generator(random)
    groups: dict[int, list[str]] = {}
    for k, c in enumerate(membership or []):
        groups.setdefault(c, []).append(order[k])
    ranked = sorted(groups.values(), key=lambda c: (-len(c), c[0]))
    cluster = {m: n for n, members in enumerate(ranked, start=1) for m in members}
    q = g.modularity([cluster[m] for m in order], weights=weights, resolution=resolution, directed=False)
    return cluster, round(q, 4)


def _finish(net: Network, items, occ, links, labels, years, resolution, seed) -> None:
    links = sorted(links)
    undirected: dict[tuple[str, str], tuple[float, int]] = {}  # a mutual citation is one edge
    for a, b, w, raw in links:
        undirected[(a, b) if a < b else (b, a)] = (w, raw)
    edges = [(a, b, w, raw) for (a, b), (w, raw) in sorted(undirected.items())]
    clusters, net.modularity = communities(items, edges, resolution, seed)
    net.clusters = len(set(clusters.values()))
    degree: dict[str, int] = dict.fromkeys(items, 0)
    strength: dict[str, float] = dict.fromkeys(items, 0)
    for a, b, _w, raw in edges:
        for m in (a, b):
            degree[m] += 1
            strength[m] += raw
    for i in items:
        net.nodes.append({"id": i, "label": labels.get(i, i), "occurrences": occ[i], "links": degree[i],
                          "total_link_strength": strength[i], "cluster": clusters[i], "avg_year": years.get(i)})
    net.nodes.sort(key=lambda n: (n["cluster"], -n["occurrences"], n["id"]))
    net.links = sorted(({"source": a, "target": b, "weight": round(w, 6), "count": raw} for a, b, w, raw in links),
                       key=lambda e: (-e["weight"], e["source"], e["target"]))


def _direct(store, net: Network, corpus, min_occurrences, top, resolution, seed) -> Network:
    member = _scoped("{scope} ?c prov:hadMember ?i .", corpus)
    if corpus:  # membership through the source records: a join engines plan well
        from b2bkg.corpus.rdf import corpus_iri

        inside = f"prov:wasDerivedFrom/dcterms:isPartOf <{corpus_iri(corpus)}>"
        rows = select(store, f"SELECT DISTINCT ?a ?b WHERE {{ ?a cito:cites ?b . ?a {inside} . ?b {inside} . "
                             "FILTER(?a != ?b) }")
    else:
        rows = select(store, "SELECT DISTINCT ?a ?b WHERE { ?a cito:cites ?b . "
                             "?a prov:wasDerivedFrom/dcterms:isPartOf ?c . "
                             "?b prov:wasDerivedFrom/dcterms:isPartOf ?c . "
                             "?c a b2b:Corpus . FILTER(?a != ?b) }")
    cited = select(store, f"SELECT ?i (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {member} "
                          "OPTIONAL { ?x cito:cites ?i } } GROUP BY ?i")
    net.items_total = len(cited)
    occ = {r["i"]: int(r["n"]) for r in cited}
    touched = {r["a"] for r in rows} | {r["b"] for r in rows}
    kept = sorted((i for i in touched if occ.get(i, 0) + 1 >= min_occurrences), key=lambda i: (-occ.get(i, 0), i))[:top]
    keep = set(kept)
    links = [(r["a"], r["b"], 1.0, 1) for r in rows if r["a"] in keep and r["b"] in keep]
    labels = _labels(store, kept, corpus)
    years = {r["i"]: round(float(r["year"]), 2) for r in select(
        store, f"SELECT ?i (AVG(xsd:integer(STR(?y))) AS ?year) WHERE {{ {_values('i', kept)} "
               "?i fabio:hasPublicationYear ?y } GROUP BY ?i") if r["year"] is not None} if kept else {}
    _finish(net, kept, {i: occ.get(i, 0) for i in kept}, links, labels, years, resolution, seed)
    for link in net.links:
        link["directed"] = True
    return net
