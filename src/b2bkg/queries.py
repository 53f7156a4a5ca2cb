"""The named-query library: ``queries/*.rq`` with a header of ``#`` comments.

Header lines (before the first non-comment line; format documented in ``queries/README.md``)::

    # title: Tools that enable a mechanism
    # title@zh: 驱动某一机制的工具
    # description: Digital tools that enable the given mechanism.
    # param: mechanism iri kg:mechanism/credit-enhancement

A parameter is bound to the query variable of the same name as an RDF term (Oxigraph's
substitutions), never by splicing text into the query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from b2bkg.errors import BadRequest, NotFound, SourceError
from b2bkg.resources import resource
from b2bkg.store.base import Term
from b2bkg.vocab import PREFIXES

__all__ = [
    "PARAM_TYPES",
    "Param",
    "NamedQuery",
    "get",
    "load_library",
    "parse_named_query",
    "to_term",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = ("iri", "string", "integer", "decimal", "boolean", "year")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HEADER = re.compile(r"^#\s*([A-Za-z]+(?:@[A-Za-z-]+)?)\s*:\s*(.*?)\s*$")
_IRI_BAD = re.compile(r'[\s<>"{}|^`\\]')


def _iri(value: str) -> str:
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    prefix, sep, local = v.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        v = PREFIXES[prefix] + local
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", v) or _IRI_BAD.search(v):
        raise ValueError(f"{value!r} is not an absolute IRI or a known prefixed name")
    return v


def to_term(type_: str, value: str) -> Term:
    """A parameter value as an RDF term of ``type_``; ValueError says what is wrong."""
    if type_ == "iri":
        return ("iri", _iri(value))
    if type_ == "string":
        return ("literal", value, XSD + "string", "")
    if type_ == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise ValueError(f"{value!r} is not an integer")
        return ("literal", str(int(value)), XSD + "integer", "")
    if type_ == "decimal":
        try:
            d = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a decimal number") from None
        if not d.is_finite():
            raise ValueError(f"{value!r} is not a decimal number")
        return ("literal", format(d, "f"), XSD + "decimal", "")
    if type_ == "boolean":
        v = value.strip().lower()
        if v not in ("true", "false", "1", "0"):
            raise ValueError(f"{value!r} is not true or false")
        return ("literal", "true" if v in ("true", "1") else "false", XSD + "boolean", "")
    if type_ == "year":
        if not re.fullmatch(r"-?\d{4,}", value.strip()):
            raise ValueError(f"{value!r} is not a year like 2024")
        return ("literal", value.strip(), XSD + "gYear", "")
    raise ValueError(f"unknown parameter type {type_!r}")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None

    def as_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "default": self.default,
                "required": self.default is None}


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: dict[str, str]
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = field(default=None, compare=False)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": dict(self.title),
            "description": self.description,
            "parameters": [p.as_dict() for p in self.params],
        }

    def bind(self, values: Mapping[str, str]) -> tuple[tuple[str, Term], ...]:
        """Parameter values (strings, e.g. from a URL) as (variable, term) pairs."""
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            raise BadRequest(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; "
                f"its parameters: {', '.join(sorted(known)) or 'none'}"
            )
        out = []
        for p in self.params:
            value = values.get(p.name, p.default)
            if value is None:
                raise BadRequest(f"query {self.name!r} needs parameter {p.name!r} ({p.type})")
            try:
                out.append((p.name, to_term(p.type, value)))
            except ValueError as exc:
                raise BadRequest(f"parameter {p.name!r}: {exc}") from None
        return tuple(out)


def parse_named_query(name: str, text: str, path: Path | None = None) -> NamedQuery:
    where = str(path or name)
    title: dict[str, str] = {}
    description: list[str] = []
    params: list[Param] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.match(stripped)
        if not m:
            continue  # a plain comment
        key, value = m[1].lower(), m[2]
        if key in ("title", "title@en"):
            title["en"] = value
        elif key.startswith("title@"):
            title[key.split("@", 1)[1]] = value
        elif key == "description":
            description.append(value)
        elif key == "param":
            fields = value.split(None, 2)
            if len(fields) < 2 or not _NAME.match(fields[0]) or fields[1] not in PARAM_TYPES:
                raise SourceError(
                    f"{where}:{lineno}: expected '# param: name type [default]' with type one of "
                    f"{', '.join(PARAM_TYPES)}, got {value!r}"
                )
            default = fields[2] if len(fields) == 3 else None
            if default is not None:
                try:
                    to_term(fields[1], default)
                except ValueError as exc:
                    raise SourceError(f"{where}:{lineno}: default of {fields[0]!r}: {exc}") from None
            if not re.search(rf"[?$]{fields[0]}\b", text):
                raise SourceError(f"{where}:{lineno}: parameter {fields[0]!r} has no ?{fields[0]}")
            params.append(Param(fields[0], fields[1], default))
    if "en" not in title:
        raise SourceError(f"{where}: missing '# title: …' header line")
    return NamedQuery(name, title, " ".join(description), tuple(params), text, path)


def load_library(directory: str | Path | None = None) -> dict[str, NamedQuery]:
    """Every ``*.rq`` of ``directory`` (empty: the project's own library) by name (file stem),
    sorted; {} if it does not exist."""
    d = Path(directory) if directory else resource("queries")
    if not d.is_dir():
        return {}
    library = {}
    for path in sorted(d.glob("*.rq")):
        library[path.stem] = parse_named_query(path.stem, path.read_text(encoding="utf-8"), path)
    return library


def get(library: Mapping[str, NamedQuery], name: str) -> NamedQuery:
    try:
        return library[name]
    except KeyError:
        raise NotFound(f"no named query {name!r}; see /api/queries for the list") from None
