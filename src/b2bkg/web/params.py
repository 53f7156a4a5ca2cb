"""Query-string parameters parsed once at the edge: a typed value or ``BadRequest`` (400) that
names the parameter, what it must be and what it got.

Each parser has an OpenAPI twin (:func:`int_schema`, :func:`float_schema`, :func:`choice_schema`)
and the :class:`Arg` declarations hold both, so a handler and its description cannot disagree:
``Arg.integer("top", "…", 300, 1, 5000).get()`` reads the request, ``.openapi()`` describes it.
An empty value means the default, as in the description (``anyOf`` the value or ``""``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import request

from b2bkg.errors import BadRequest

__all__ = ["int_arg", "float_arg", "choice_arg", "int_schema", "float_schema", "choice_schema", "Arg",
           "get_operation"]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")


def int_arg(name: str, default: int | None, low: int = 1, high: int = 100_000) -> int | None:
    """The integer parameter ``name`` in ``[low, high]``, or ``default`` when absent or empty."""
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    if not _INT.fullmatch(raw):  # int() also takes ' 5', '1_0' and other scripts' digits
        raise BadRequest(f"{name} must be an integer, got {raw[:80]!r}")
    value = int(raw)
    if not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}, got {value}")
    return value


def float_arg(name: str, default: float, low: float, high: float) -> float:
    """The finite number parameter ``name`` in ``[low, high]``, or ``default``."""
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    if not _FLOAT.fullmatch(raw):  # float() also takes 'nan', 'inf', ' 1' and '1_0'
        raise BadRequest(f"{name} must be a number, got {raw[:80]!r}")
    value = float(raw)
    if not math.isfinite(value) or not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}, got {raw[:80]}")
    return value


def choice_arg(name: str, default: str, allowed: Iterable[str]) -> str:
    """The parameter ``name`` if it is one of ``allowed``, else ``BadRequest``; ``default`` when absent."""
    allowed = tuple(allowed)
    value = request.args.get(name) or default
    if value not in allowed:
        raise BadRequest(f"{name} must be one of {', '.join(allowed)}, got {value[:80]!r}")
    return value


def int_schema(low: int, high: int, default: int | None) -> dict:
    """What :func:`int_arg` accepts: an integer in ``[low, high]``, or empty for the default."""
    schema: dict[str, Any] = {"anyOf": [{"type": "integer", "minimum": low, "maximum": high},
                                        {"type": "string", "maxLength": 0}]}
    if default is not None:
        schema["default"] = default
    return schema


def float_schema(low: float, high: float, default: float) -> dict:
    """What :func:`float_arg` accepts: a number in ``[low, high]``, or empty for the default."""
    return {"anyOf": [{"type": "number", "minimum": low, "maximum": high}, {"type": "string", "maxLength": 0}],
            "default": default}


def choice_schema(allowed: Iterable[str], default: str | None = None) -> dict:
    """What :func:`choice_arg` accepts: one of ``allowed``, or empty for the default."""
    schema: dict[str, Any] = {"type": "string", "enum": [*allowed, ""]}
    if default is not None:
        schema["default"] = default
    return schema


@dataclass(frozen=True)
class Arg:
    """One query-string parameter: how the handler reads it and how the OpenAPI describes it."""

    name: str
    description: str
    kind: str  # "int", "float", "choice" or "text"
    default: Any = None
    low: float = 1
    high: float = 100_000
    choices: tuple[str, ...] = field(default_factory=tuple)
    max_length: int | None = None

    @classmethod
    def integer(cls, name: str, description: str, default: int | None, low: int, high: int) -> Arg:
        return cls(name, description, "int", default, low, high)

    @classmethod
    def number(cls, name: str, description: str, default: float, low: float, high: float) -> Arg:
        return cls(name, description, "float", default, low, high)

    @classmethod
    def choice(cls, name: str, description: str, choices: Sequence[str], default: str | None = None) -> Arg:
        return cls(name, description, "choice", default if default is not None else choices[0],
                   choices=tuple(choices))

    @classmethod
    def text(cls, name: str, description: str, max_length: int | None = None) -> Arg:
        return cls(name, description, "text", max_length=max_length)

    def get(self) -> Any:
        """The request's value (typed), the default when absent or empty, else ``BadRequest``."""
        if self.kind == "int":
            return int_arg(self.name, self.default, int(self.low), int(self.high))
        if self.kind == "float":
            return float_arg(self.name, self.default, self.low, self.high)
        if self.kind == "choice":
            return choice_arg(self.name, self.default, self.choices)
        raw = request.args.get(self.name) or None
        if raw is not None and self.max_length is not None and len(raw) > self.max_length:
            raise BadRequest(f"{self.name}: at most {self.max_length} characters, got {len(raw)}")
        return raw

    def openapi(self) -> dict:
        if self.kind == "int":
            schema = int_schema(int(self.low), int(self.high), self.default)
        elif self.kind == "float":
            schema = float_schema(self.low, self.high, self.default)
        elif self.kind == "choice":
            schema = choice_schema(self.choices, self.default or None)
        else:
            schema = {"type": "string"} if self.max_length is None else {"type": "string",
                                                                       "maxLength": self.max_length}
        return {"name": self.name, "in": "query", "description": self.description, "required": False,
                "schema": schema}


_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
#: The error statuses the handlers of a store-backed route can answer, as the service documents them.
STATUS_TEXT = {
    "400": "Bad parameter (the message names it, what it must be and what it got)",
    "404": "No corpus (or curated paper) of that name in the store",
    "502": "The remote store failed",
    "503": "The store's query ran longer than the timeout, or the service is busy (Retry-After)",
}


def get_operation(summary: str, args: Sequence[Arg] = (), media: str | Sequence[str] = "application/json",
                  statuses: Sequence[str] = ("400", "404", "502", "503")) -> dict:
    """The OpenAPI ``get`` operation of a handler reading ``args``: 200 in ``media`` and the
    error ``statuses`` in the one JSON error shape."""
    media = (media,) if isinstance(media, str) else tuple(media)
    return {"get": {
        "summary": summary,
        "parameters": [a.openapi() for a in args],
        "responses": {"200": {"description": "OK", "content": {m: {} for m in media}},
                      **{s: {"description": STATUS_TEXT[s], "content": _ERROR} for s in statuses}},
    }}
