"""Query-string parameters parsed once at the edge: a typed value or ``BadRequest`` (400) that
names the parameter, what it must be and what it got."""

from __future__ import annotations

import math
from collections.abc import Iterable

from flask import request

from b2bkg.errors import BadRequest

__all__ = ["int_arg", "float_arg", "choice_arg"]


def int_arg(name: str, default: int | None, low: int = 1, high: int = 100_000) -> int | None:
    """The integer parameter ``name`` in ``[low, high]``, or ``default`` when absent or empty."""
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be an integer, got {raw!r}") from None
    if not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}, got {value}")
    return value


def float_arg(name: str, default: float, low: float, high: float) -> float:
    """The finite number parameter ``name`` in ``[low, high]``, or ``default``."""
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a number, got {raw!r}") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}, got {raw}")
    return value


def choice_arg(name: str, default: str, allowed: Iterable[str]) -> str:
    """The parameter ``name`` if it is one of ``allowed``, else ``BadRequest``; ``default`` when absent."""
    allowed = tuple(allowed)
    value = request.args.get(name) or default
    if value not in allowed:
        raise BadRequest(f"{name} must be one of {', '.join(allowed)}, got {value!r}")
    return value
