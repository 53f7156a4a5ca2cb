"""A static cost estimate of a SPARQL query, from its tokens, before anything evaluates it.

The query is read with :func:`b2bkg.sparql.inspect.tokens` (never a parser in the serving
process: defect 2) into its group graph patterns: triple patterns and property paths, VALUES,
BIND, OPTIONAL, UNION, MINUS, FILTER, GRAPH and sub-queries. Each pattern gets an estimated
number of solutions from the dataset's statistics (triples, and triples per predicate when
known); patterns that share a variable join (the smallest of them bounds the join, an
optimistic guess: precision above recall); patterns that share none multiply (a cartesian
product). OPTIONAL and UNION groups are estimated the same way, recursively (a left join that
shares no variable multiplies; UNION branches add).

That number is *work* only when the engine has to produce every solution: an aggregate,
GROUP BY, ORDER BY or HAVING, or a FILTER that compares patterns of different factors of a
product (it cannot be pushed into either). Otherwise Oxigraph streams the answer and the row
limit stops it early (``SELECT * { ?a ?b ?c . ?d ?e ?f }`` answers its first rows in
milliseconds). Transitive paths (``*``, ``+``) over a negated or open property set with both
ends free reach every node from every node: the square of the dataset.

Calibration (measured with pyoxigraph on the built paper dataset, 46,793 triples; the
figures are in tests/hardening/test_cost.py): Oxigraph produces a few million joined
solutions per second, so ``HEAVY`` (``2.5e6``, about half a second) is where a query should go
to the long lane, and ``RUNAWAY`` (``5e8``, minutes) where it cannot finish within any sane
timeout and may be refused at once.

>>> stats = Statistics(triples=50_000, predicates={"http://www.w3.org/2000/01/rdf-schema#label": 2000})
>>> estimate_cost("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f }", stats).cost_class
'runaway'
>>> estimate_cost("SELECT * { ?a ?b ?c . ?d ?e ?f } LIMIT 10", stats).cost_class
'ordinary'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from b2bkg.sparql.inspect import _PROLOGUE, _TOKEN, _unescape, nesting_depth

__all__ = ["Statistics", "Cost", "estimate_cost", "HEAVY", "RUNAWAY", "COST_CLASSES"]

#: estimated solutions the engine must produce for a query to count as heavy / as a runaway
HEAVY = 2.5e6
RUNAWAY = 5e8
COST_CLASSES = ("ordinary", "heavy", "runaway")
#: deeper queries are not read (the protocol refuses them at 128 levels before estimating)
MAX_DEPTH = 256
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_AGGREGATES = frozenset({"COUNT", "SUM", "AVG", "MIN", "MAX", "GROUP_CONCAT", "SAMPLE"})
_ENUMERATING = frozenset({"GROUP", "ORDER", "HAVING"})
_CLAUSE_WORDS = frozenset({"OPTIONAL", "UNION", "MINUS", "FILTER", "BIND", "VALUES", "GRAPH", "SERVICE",
                           "SELECT", "WHERE", "LIMIT", "OFFSET", "ORDER", "GROUP", "HAVING"})
_PATH_CHARS = frozenset("|/^*+?!()")


@dataclass(frozen=True)
class Statistics:
    """What the estimate knows of the dataset: its size and, when known, triples per predicate IRI
    and instances per class."""

    triples: int
    predicates: Mapping[str, int] = field(default_factory=dict)
    #: instances (rdf:type triples) per class IRI
    classes: Mapping[str, int] = field(default_factory=dict)

    def of_predicate(self, iri: str) -> float:
        if self.predicates:
            return float(self.predicates.get(iri, 0))
        return max(1.0, self.triples / 20)


@dataclass(frozen=True)
class Cost:
    """``solutions``: estimated solutions of the WHERE clause; ``work``: what the engine must
    produce (``solutions`` when it must enumerate them all, else the rows it streams);
    ``cost_class``: ordinary, heavy or runaway; ``reason``: why, in words a client can act on."""

    solutions: float
    work: float
    cost_class: str
    reason: str = ""


def _tokens(text: str) -> list[tuple[str, str]]:
    """``_text_tokens`` of ``text``, a long prologue of PREFIX declarations (``inspect._PROLOGUE``:
    no number, and it ends after an IRI or in whitespace) tokenised once for every query after it."""
    m = _PROLOGUE.match(text)
    if m is None or m.end() < 200:
        return _text_tokens(text)
    return [*_prologue_tokens(text[:m.end()]), *_text_tokens(text[m.end():])]


@lru_cache(maxsize=256)
def _prologue_tokens(prologue: str) -> tuple[tuple[str, str], ...]:
    return tuple(_text_tokens(prologue))


def _text_tokens(text: str) -> list[tuple[str, str]]:
    """``inspect.tokens`` with numbers kept whole (``2000``, ``1.5e3``: a ``number`` token): the
    tokenizer gives their characters one by one, and only the whitespace tells ``1 2`` from ``12``."""
    out: list[tuple[str, str]] = []
    joined = False  # the previous token ended where this one starts
    for m in _TOKEN.finditer(_unescape(text)):
        kind, tok = m.lastgroup, m.group()
        if kind in ("ws", "comment"):
            joined = False
            continue
        if kind == "other" and joined and out and out[-1][0] == "number" and (
                tok.isdigit() or tok in ".eE" or (tok in "+-" and out[-1][1][-1] in "eE")):
            out[-1] = ("number", out[-1][1] + tok)
        elif kind == "name" and joined and out and out[-1][0] == "number" and tok[:1] in "eE" and tok[1:].isdigit():
            out[-1] = ("number", out[-1][1] + tok)  # the exponent of 1.5e3
        elif kind == "other" and tok.isdigit():
            out.append(("number", tok))
        else:
            out.append((kind, tok))
        joined = True
    # a trailing '.' is the triple's end, not a decimal point ('?x :p 1 .' and '?x :p 1.')
    fixed: list[tuple[str, str]] = []
    for kind, tok in out:
        if kind == "number" and tok.endswith("."):
            fixed += [(kind, tok[:-1]), ("other", ".")]
        else:
            fixed.append((kind, tok))
    return fixed


class _Unreadable(Exception):
    """The tokens do not follow the grammar this reader knows (the parser will say more)."""


@dataclass
class _Part:
    """One factor of a group: its variables, estimated solutions and what makes it costly."""

    variables: set[str]
    solutions: float
    notes: list[str] = field(default_factory=list)
    #: joined, it does not narrow the join (BIND, OPTIONAL): only unconnected does it count
    neutral: bool = False
    #: variable -> patterns in which it is the object of a free subject through any predicate or
    #: rdf:type, so a class node (the dataset's biggest hubs) can bind it: k such patterns meet
    #: in the sum over classes of (instances)^k solutions at least, a lower bound, not a guess
    hubs: dict[str, int] = field(default_factory=dict)


class _Reader:
    def __init__(self, toks: list[tuple[str, str]], stats: Statistics, prefixes: Mapping[str, str],
                 bound: frozenset[str] = frozenset()):
        self.bound = bound
        self.t = toks
        self.i = 0
        self.stats = stats
        self.prefixes = dict(prefixes)
        self.enumerate: list[str] = []  # why every solution must be produced
        self.cross_filters = 0

    # -- tokens ---------------------------------------------------------------------------
    def peek(self, k: int = 0) -> tuple[str, str]:
        j = self.i + k
        return self.t[j] if j < len(self.t) else ("end", "")

    def word(self, k: int = 0) -> str:
        kind, tok = self.peek(k)
        return tok.upper() if kind == "name" and ":" not in tok else ""

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok[0] == "end":
            raise _Unreadable("unexpected end")
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        if self.take()[1] != text:
            raise _Unreadable(f"expected {text}")

    def skip_balanced(self) -> set[str]:
        """Skip one bracketed expression (from its opener); the variables inside it."""
        return self.expression()[0]

    def expression(self) -> tuple[set[str], bool]:
        """Skip one bracketed expression; its variables, and whether it compares a variable with
        a constant (``?x = <iri>``: the engine pushes that into the pattern, no product remains)."""
        start = self.i
        opener = self.take()[1]
        closer = {"(": ")", "{": "}", "[": "]"}.get(opener)
        if closer is None:
            raise _Unreadable("expected a bracket")
        depth, found = 1, set()
        while depth:
            kind, tok = self.take()
            if kind == "var":
                found.add(tok[1:])
            elif kind == "other" and tok in "({[":
                depth += 1
            elif kind == "other" and tok in ")}]":
                depth -= 1
        inside = self.t[start:self.i]
        pushed = any(inside[j][1] == "=" and inside[j - 1][1] != "!"
                     and {inside[j - 1][0], inside[j + 1][0]} in ({"var", "iri"}, {"var", "string"})
                     for j in range(1, len(inside) - 1))
        return found, pushed

    def iri(self, tok: tuple[str, str]) -> str | None:
        kind, text = tok
        if kind == "iri":
            return text[1:-1]
        if kind == "name" and text == "a":
            return RDF_TYPE
        if kind == "name" and ":" in text:
            prefix, local = text.split(":", 1)
            base = self.prefixes.get(prefix)
            return None if base is None else base + local.replace("\\", "")
        return None

    # -- the query ------------------------------------------------------------------------
    def query(self) -> tuple[float, list[str]]:
        while self.word() in ("PREFIX", "BASE"):
            if self.take()[1].upper() == "PREFIX":
                name = self.take()[1]
                self.prefixes[name.rstrip(":")] = (self.iri(self.take()) or "")
            else:
                self.take()
        while self.peek()[0] != "end" and self.peek()[1] != "{":
            self.head_token()
        if self.peek()[0] == "end":
            return 1.0, []
        part = self.group()
        while self.peek()[0] != "end":  # solution modifiers
            self.head_token()
        return part.solutions, part.notes

    def head_token(self) -> None:
        word = self.word()
        if word in _AGGREGATES and self.peek(1)[1] == "(":
            self.enumerate.append(f"{word}(…)")
        elif word in _ENUMERATING:
            self.enumerate.append(f"{word} BY" if word != "HAVING" else "HAVING")
        self.take()

    def group(self) -> _Part:
        """``{ … }``: the product of its unconnected factors, each the join of its patterns."""
        self.expect("{")
        parts: list[_Part] = []
        filters: list[set[str]] = []
        if self.word() == "SELECT":  # a sub-query: its modifiers count like the outer ones
            while self.peek()[1] != "{":
                self.head_token()
            inner = self.group()
            while self.peek()[1] != "}":
                self.head_token()
            self.expect("}")
            return inner
        while True:
            kind, tok = self.peek()
            word = self.word()
            if tok == "}" and kind == "other":
                self.take()
                break
            if tok == "." and kind == "other":
                self.take()
            elif tok == "{" and kind == "other":
                sub = self.group()
                branches = [sub]
                while self.word() == "UNION":
                    self.take()
                    branches.append(self.group())
                if len(branches) == 1:
                    parts.append(sub)
                else:
                    parts.append(_Part(set().union(*(b.variables for b in branches)),
                                       sum(b.solutions for b in branches),
                                       [n for b in branches for n in b.notes]))
            elif word == "OPTIONAL":
                self.take()
                opt = self.group()
                parts.append(_Part(opt.variables, max(1.0, opt.solutions), opt.notes, neutral=True))
            elif word == "MINUS":
                self.take()
                self.group()
            elif word == "FILTER":
                self.take()
                if self.word() in ("NOT", "EXISTS"):
                    while self.word() in ("NOT", "EXISTS"):
                        self.take()
                    self.group()
                else:
                    if self.peek()[0] == "name":  # FILTER regex(…), FILTER bound(…)
                        self.take()
                    found, pushed = self.expression()
                    if not pushed:
                        filters.append(found)
            elif word == "BIND":
                self.take()
                found = self.skip_balanced()
                parts.append(_Part(found, 1.0, neutral=True))
            elif word == "VALUES":
                self.take()
                parts.append(self.values())
            elif word in ("GRAPH", "SERVICE"):
                self.take()
                if self.word() == "SILENT":
                    self.take()
                graph = self.take()
                inner = self.group()
                if graph[0] == "var":
                    inner.variables.add(graph[1][1:])
                parts.append(inner)
            elif word in _CLAUSE_WORDS:
                raise _Unreadable(f"unexpected {word}")
            else:
                parts.extend(self.triples())
        return self.combine(parts, filters)

    def values(self) -> _Part:
        if self.peek()[0] == "var":
            var = self.take()[1][1:]
            self.expect("{")
            rows = 0
            while self.peek()[1] != "}":
                self.node()
                rows += 1
            self.take()
            return _Part({var}, float(max(rows, 1)))
        variables = self.skip_balanced()
        self.expect("{")
        rows = 0
        while self.peek()[1] != "}":
            if self.peek()[1] == "(":
                self.skip_balanced()
                rows += 1
            else:
                self.take()
        self.take()
        return _Part(variables, float(max(rows, 1)))

    def term_skip(self) -> None:
        kind, tok = self.take()
        if kind == "string" and self.peek()[1] == "^" and self.peek(1)[1] == "^":
            self.take(), self.take(), self.take()
        elif kind == "string" and self.peek()[1] == "@":
            self.take(), self.take()

    # -- triple patterns ------------------------------------------------------------------
    def node(self) -> tuple[str | None, bool]:
        """A subject or object: (variable name or None, is it bound to a constant); the IRI of a
        constant IRI is left in ``self.last_iri``."""
        kind, tok = self.peek()
        self.last_iri = self.iri((kind, tok)) if kind in ("iri", "name") else None
        if kind == "var":
            self.take()
            return (None, True) if tok[1:] in self.bound else (tok[1:], False)
        if tok == "[" and kind == "other":
            if self.peek(1)[1] == "]":
                self.take(), self.take()
                return None, False  # a blank node: a free, unnamed variable
            raise _Unreadable("blank node property list")
        if tok == "(" and kind == "other":
            raise _Unreadable("collection")
        if kind == "name" and tok.startswith("_:"):
            self.take()
            return "_bnode_" + tok[2:], False
        if kind == "other" and tok in "+-" and self.peek(1)[0] == "number":
            self.take(), self.take()
            return None, True
        if kind == "number":
            self.take()
            return None, True
        if kind in ("iri", "name", "string"):
            self.term_skip()
            return None, True
        raise _Unreadable(f"unexpected {tok!r}")

    def verb(self) -> tuple[str | None, str | None, dict]:
        """(variable, simple predicate IRI, path facts) of one verb."""
        kind, tok = self.peek()
        if kind == "var":
            self.take()
            return tok[1:], None, {}
        facts = {"closure": False, "negated": False, "iris": []}
        self.path(facts)
        simple = facts["iris"][0] if (len(facts["iris"]) == 1 and not facts["closure"]
                                      and not facts["negated"] and not facts.get("complex")) else None
        return None, simple, facts

    def path(self, facts: dict) -> None:
        """A property path up to its object; its IRIs, whether it is transitive or negated."""
        expect_primary = True
        steps = 0
        while True:
            kind, tok = self.peek()
            if expect_primary:
                if tok == "^" and kind == "other":
                    self.take()
                    facts["complex"] = True
                    continue
                if tok == "!" and kind == "other":
                    self.take()
                    facts["negated"] = True
                    if self.peek()[1] == "(":
                        self.skip_balanced()
                    else:
                        self.take()
                elif tok == "(" and kind == "other":
                    self.take()
                    self.path(facts)
                    self.expect(")")
                else:
                    iri = self.iri(self.peek())
                    if iri is None and not (kind == "name" and ":" in tok):
                        raise _Unreadable("expected a predicate")
                    self.take()
                    facts["iris"].append(iri or tok)
                steps += 1
                expect_primary = False
                continue
            if kind == "other" and tok in "*+?":
                self.take()
                if tok in "*+":
                    facts["closure"] = True
                facts["complex"] = True
                continue
            if kind == "other" and tok in "|/":
                self.take()
                facts["complex"] = True
                expect_primary = True
                continue
            return

    def triples(self) -> list[_Part]:
        s_var, s_const = self.node()
        out: list[_Part] = []
        while True:
            p_var, p_iri, facts = self.verb()
            while True:
                o_var, o_const = self.node()
                out.append(self.pattern(s_var, s_const, p_var, p_iri, facts, o_var, o_const, self.last_iri))
                if self.peek()[1] == ",":
                    self.take()
                    continue
                break
            if self.peek()[1] == ";":
                while self.peek()[1] == ";":
                    self.take()
                if self.peek()[1] in (".", "}") or self.word() in _CLAUSE_WORDS:
                    break
                continue
            break
        return out

    def pattern(self, s_var, s_const, p_var, p_iri, facts, o_var, o_const, o_iri) -> _Part:
        n = float(max(self.stats.triples, 1))
        variables = {v for v in (s_var, p_var, o_var) if v}
        bound = int(s_const) + int(o_const)
        if facts.get("closure"):
            broad = facts["negated"] or not facts["iris"]
            each = n if broad else max((self.stats.of_predicate(i) for i in facts["iris"] if i), default=n)
            if bound:
                return _Part(variables, max(1.0, n if broad else each))
            if broad:
                self.enumerate.append("its transitive closure (computed whole before the first row)")
                return _Part(variables, n * n, ["a transitive path (* or +) over an open or negated property set "
                                                "with both ends free reaches every node from every node"])
            return _Part(variables, n + each * 10)
        if p_var is not None:
            count = n
        elif p_iri is not None:
            count = self.stats.of_predicate(p_iri)
        else:  # a path without closure: sequences and alternatives
            count = sum(self.stats.of_predicate(i) for i in facts["iris"] if i) if not facts["negated"] else n
        if o_var and not s_const and not o_const and (p_var is not None or p_iri == RDF_TYPE):
            return _Part(variables, max(1.0, count), hubs={o_var: 1})
        if bound == 2:
            return _Part(variables, 1.0)
        if bound == 1:
            if p_var is None and p_iri == RDF_TYPE and o_const:
                if self.stats.classes and o_iri is not None:
                    return _Part(variables, max(1.0, float(self.stats.classes.get(o_iri, 0))))
                return _Part(variables, max(1.0, count / 50))
            return _Part(variables, max(1.0, min(count, 50.0)))
        return _Part(variables, max(1.0, count))

    def combine(self, parts: list[_Part], filters: list[set[str]]) -> _Part:
        """Join the parts that share variables; multiply the unconnected factors."""
        factors: list[_Part] = []
        for part in parts:
            joined = [f for f in factors if f.variables & part.variables]
            if not joined:
                factors.append(_Part(set(part.variables), part.solutions, list(part.notes), part.neutral,
                                     dict(part.hubs)))
                continue
            members = [part, *joined]
            narrowing = [m.solutions for m in members if not m.neutral]
            hubs: dict[str, int] = {}
            for m in members:
                for var, k in m.hubs.items():
                    hubs[var] = hubs.get(var, 0) + k
            merged = _Part(set().union(*(m.variables for m in members)),
                           min(narrowing) if narrowing else max(m.solutions for m in members),
                           [n for m in members for n in m.notes], neutral=not narrowing, hubs=hubs)
            var, k = max(hubs.items(), key=lambda kv: kv[1], default=("", 0))
            if k >= 2:
                at_least = sum(float(c) ** k for c in self.stats.classes.values())
                if at_least > merged.solutions:
                    merged.solutions = at_least
                    merged.notes = [n for n in merged.notes if f"at one object (?{var})" not in n]
                    merged.notes.append(f"{k} patterns meet at one object (?{var}) that a class can be: its "
                                        f"instances, combined {k} by {k} in every class, are "
                                        f"{_figure(at_least)} solutions at least")
            for f in joined:
                factors.remove(f)
            factors.append(merged)
        solutions = math.prod(f.solutions for f in factors) if factors else 1.0
        notes = [n for f in factors for n in f.notes]
        big = [f for f in factors if f.solutions > 1]
        if len(big) > 1:
            notes.append(f"{len(big)} groups of patterns share no variable (a cartesian product of "
                         + " × ".join(_figure(f.solutions) for f in big) + " solutions)")
            for found in filters:
                if sum(1 for f in big if f.variables & found) > 1:
                    self.cross_filters += 1
        hubs: dict[str, int] = {}
        for f in factors:
            for var, k in f.hubs.items():
                hubs[var] = hubs.get(var, 0) + k
        return _Part(set().union(*(f.variables for f in factors)) if factors else set(), solutions, notes,
                     hubs=hubs)


def _figure(x: float) -> str:
    return f"{x:,.0f}" if x < 1e6 else f"{x:.1e}"


def estimate_cost(text: str, stats: Statistics, prefixes: Mapping[str, str] | None = None,
                  max_rows: int = 10_000, bound: frozenset[str] = frozenset()) -> Cost:
    """The static cost of ``text`` over a dataset with ``stats`` (pure). ``prefixes``: the
    prefixes the service predeclares; ``max_rows``: the row limit that stops a streamed answer;
    ``bound``: variables the request binds to terms (a named query's parameters).
    A query this reader cannot follow is ``ordinary`` (the parser will judge it)."""
    toks = _tokens(text)
    if nesting_depth(toks) > MAX_DEPTH:  # the service refuses it before (--max-query-depth)
        return Cost(1.0, 1.0, "ordinary")
    reader = _Reader(toks, stats, prefixes or {}, bound)
    try:
        solutions, notes = reader.query()
    except (_Unreadable, IndexError, KeyError, ValueError, RecursionError):
        return Cost(1.0, 1.0, "ordinary")
    why = list(reader.enumerate)
    if reader.cross_filters:
        why.append("a FILTER across patterns that share no variable")
    work = solutions if why else min(solutions, float(max_rows) * 10)
    if work >= RUNAWAY:
        cls = "runaway"
    elif work >= HEAVY:
        cls = "heavy"
    else:
        return Cost(solutions, work, "ordinary")
    reason = "; ".join(dict.fromkeys(notes)) or "many solutions"
    if why:
        reason += f", all produced for {', '.join(dict.fromkeys(why))}"
    return Cost(solutions, work, cls, f"about {_figure(work)} solutions to produce: {reason}")
