"""Look at a SPARQL request before anything evaluates it: which form, and is it safe?

A small tokenizer that follows the SPARQL 1.1 grammar's terminals (IRIREF, strings, comments,
variables, prefixed names) so that keywords hidden in comments, strings or IRIs are not
mistaken for keywords, and keywords are not missed: ``\\uXXXX`` escapes are decoded first
(the spec processes them before parsing), and a prefixed name whose prefix is ``SERVICE`` is
treated as the keyword (``SERVICE:x {…}`` parses as ``SERVICE :x {…}``). Microseconds per
query, so every request is checked.

It also measures how deeply the query nests (brackets of every kind, and runs of unary
operators such as ``!!!!``): Oxigraph's recursive-descent parser overflows its stack — a
SIGSEGV that kills the process — at a few thousand levels, so the depth is bounded here,
before any parser sees the text. Oxigraph's query parser rejects every update form by
itself; this module names the reason (read-only endpoint) instead of a syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["QueryInfo", "inspect_query", "tokens", "nesting_depth", "depth_message", "query_shape", "QUERY_FORMS",
           "UPDATE_KEYWORDS"]

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY", "WITH"}
)
# Words whose evaluation would make the server fetch a remote address.
REMOTE_KEYWORDS = frozenset({"SERVICE", "LOAD"})

_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$)
      | '(?:[^'\\\r\n]|\\.)*'?
      | "(?:[^"\\\r\n]|\\.)*"?)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]*)
  | (?P<name>(?:[^\W\d]|_)?[\w.\-\u00B7]*:(?:[\w\-.:%\u00B7]|\\.)*|[^\W\d][\w]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _unescape(text: str) -> str:
    return _UNICODE_ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), text)


def tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) pairs without whitespace and comments; kinds: string, iri, var, name,
    other. A ``name`` is a keyword when it has no colon."""
    out = []
    for m in _TOKEN.finditer(_unescape(text)):
        kind = m.lastgroup
        if kind not in ("ws", "comment"):
            out.append((kind, m.group()))
    return out


@dataclass(frozen=True)
class QueryInfo:
    """``form``: SELECT/ASK/CONSTRUCT/DESCRIBE, or None when none was found (then
    ``update_keyword`` tells whether it looks like an update). ``remote``: the keyword that
    would fetch a remote address (SERVICE or LOAD), if any. ``has_dataset_clause``: FROM."""

    form: str | None
    update_keyword: str | None
    remote: str | None
    has_dataset_clause: bool
    depth: int = 0
    shape: str = ""


_OPEN = frozenset("({[")
_CLOSE = frozenset(")}]")
_UNARY = frozenset("!^+-")


def nesting_depth(toks: list[tuple[str, str]]) -> int:
    """The deepest nesting of ``toks``: open brackets of any kind, plus the length of the run of
    unary operators at that point (``!!!x``, ``- - -1``, ``^^p``). Unbalanced closers count 0."""
    depth = deepest = run = 0
    opened: list[int] = []  # what each open bracket added: itself and the operators before it
    for kind, tok in toks:
        if kind != "other":
            run = 0
            continue
        if tok in _OPEN:
            opened.append(run + 1)
            depth += run + 1
            run = 0
        elif tok in _CLOSE:
            depth -= opened.pop() if opened else 0
            run = 0
        elif tok in _UNARY:
            run += 1
        else:
            run = 0
        deepest = max(deepest, depth + run)
    return deepest


def query_shape(toks: list[tuple[str, str]]) -> str:
    """The tokens with variables renamed ``?v0, ?v1, …`` in order of first appearance, so that
    queries differing only in variable names (a flood of one runaway) share one shape."""
    names: dict[str, str] = {}
    out = []
    for kind, tok in toks:
        if kind == "var":
            tok = names.setdefault(tok[1:], f"?v{len(names)}")
        out.append(tok)
    return " ".join(out)


def depth_message(depth: int, limit: int) -> str:
    return (f"the query nests {depth} levels deep (brackets, braces, parentheses or chained "
            f"! ^ + - operators); the limit is {limit} (--max-query-depth)")


# A prologue of plain PREFIX / BASE declarations (no comments, escapes or odd names): the long,
# repeated head of a client's queries. It is looked at once (``_prologue``); the text after it gives
# the same tokens alone as after it, since the prologue ends after an IRI's '>' or in whitespace,
# holds no variable, bracket or query keyword, and can only name a remote keyword as a prefix.
_PROLOGUE = re.compile(r"(?:\s*(?:PREFIX\s+(?:[A-Za-z][\w.-]*)?:\s*|BASE\s*)<[^<>\"{}|^`\\\x00-\x20]*>)+\s*",
                       re.IGNORECASE | re.ASCII)


@lru_cache(maxsize=256)
def _prologue(text: str) -> tuple[str | None, str]:
    """(the remote keyword a prefix name spells, if any; the shape) of a ``_PROLOGUE``."""
    toks = tokens(text)
    return _keywords(toks)[2], query_shape(toks)


def _keywords(toks: list[tuple[str, str]]) -> tuple[str | None, str | None, str | None, bool]:
    """(form, update keyword, remote keyword, FROM seen) of ``toks``."""
    form = update = remote = None
    has_from = False
    for kind, tok in toks:
        if kind != "name":
            continue
        word = tok.split(":", 1)[0].upper() if ":" in tok else tok.upper()
        if word in REMOTE_KEYWORDS and remote is None:
            remote = word
        if ":" in tok:
            continue
        if form is None and update is None:
            if word in QUERY_FORMS:
                form = word
            elif word in UPDATE_KEYWORDS:
                update = word
        if word == "FROM":
            has_from = True
    return form, update, remote, has_from


@lru_cache(maxsize=4096)
def inspect_query(text: str) -> QueryInfo:
    """What the query is and whether it would reach outside the dataset (pure; memoised, since
    clients and the named-query library send the same texts again and again, and a long
    prologue of PREFIX declarations is looked at once for all the queries that start with it)."""
    m = _PROLOGUE.match(text)
    if m is None or m.end() < 200:
        toks = tokens(text)
        form, update, remote, has_from = _keywords(toks)
        return QueryInfo(form, update, remote, has_from, nesting_depth(toks), query_shape(toks))
    head_remote, head_shape = _prologue(text[:m.end()])
    toks = tokens(text[m.end():])
    form, update, remote, has_from = _keywords(toks)
    body_shape = query_shape(toks)
    return QueryInfo(form, update, head_remote or remote, has_from, nesting_depth(toks),
                     f"{head_shape} {body_shape}" if body_shape else head_shape)
