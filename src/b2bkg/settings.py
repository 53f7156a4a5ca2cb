"""One declarative table of the service's settings: name, default, help.

Each setting is read, in order of precedence, from a CLI flag (``--max-rows``), the environment
(``B2BKG_MAX_ROWS``) and its default. ``load_settings`` is the only place that reads the
environment; everything below it receives a plain ``Settings`` mapping.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Setting", "SETTINGS", "Settings", "load_settings", "env_name"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    type: type
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("host", "127.0.0.1", str, "Address to listen on."),
    Setting("port", 8000, int, "Port to listen on."),
    Setting("dataset", "", str, "Dataset file (N-Quads); empty: build/dataset.nq, built if missing."),
    Setting("queries_dir", "queries", str, "Directory of the named-query library (*.rq)."),
    Setting("timeout", 10.0, float, "Seconds a query may run before it is stopped (503)."),
    Setting("max_rows", 10_000, int, "Most solutions or triples one answer may have (422)."),
    Setting("max_query_length", 20_000, int, "Longest query accepted, in characters (413)."),
    Setting("workers", 0, int, "Query worker processes; 0: one per CPU, at least 2."),
    Setting("threads", 16, int, "HTTP threads of the WSGI server (waitress)."),
    Setting(
        "default_graph",
        "union",
        str,
        "Default graph of queries: 'union' of the named graphs, or graph IRIs, comma-separated.",
    ),
    Setting("cache_max_age", 300, int, "Cache-Control max-age (seconds) of query answers."),
    Setting("backend", "memory", str, "Store backend (older name of 'store'; 'store' wins when both are set)."),
    Setting("store", "memory", str, "Store: memory (in-memory Oxigraph), oxigraph (on disk, store_path) or remote "
            "(a SPARQL endpoint loaded with `b2bkg load`)."),
    Setting("store_path", "var/oxigraph", str, "Directory of the oxigraph store (loaded once, re-used after)."),
    Setting("endpoint", "", str, "SPARQL 1.1 query endpoint of the remote store."),
    Setting("gsp_endpoint", "", str, "Graph Store Protocol endpoint of the remote store (for `b2bkg load`)."),
    Setting("remote_user", "", str, "User for HTTP digest auth at the remote store (empty: anonymous)."),
    Setting("remote_password", "", str, "Password for HTTP digest auth at the remote store."),
    Setting("sandbox", True, bool, "Run query workers without network access (Linux)."),
)

Settings = dict[str, Any]


def env_name(name: str) -> str:
    return "B2BKG_" + name.upper()


def _coerce(setting: Setting, value: Any) -> Any:
    if setting.type is bool and isinstance(value, str):
        v = value.strip().lower()
        if v in ("1", "true", "yes", "on"):
            return True
        if v in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{setting.name}: expected true or false, got {value!r}")
    try:
        return setting.type(value)
    except (TypeError, ValueError):
        raise ValueError(
            f"{setting.name}: expected {setting.type.__name__}, got {value!r}"
        ) from None


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Defaults, then ``B2BKG_*`` variables of ``environ``, then non-None ``overrides``.

    >>> load_settings({"port": 9000}, environ={"B2BKG_TIMEOUT": "2.5"})["timeout"]
    2.5
    """
    from b2bkg.errors import BadRequest

    environ = os.environ if environ is None else environ
    overrides = overrides or {}
    known = {s.name for s in SETTINGS}
    unknown = set(overrides) - known
    if unknown:
        raise BadRequest(f"unknown settings: {', '.join(sorted(unknown))}")
    out: Settings = {}
    for s in SETTINGS:
        value = s.default
        if env_name(s.name) in environ:
            value = environ[env_name(s.name)]
        if overrides.get(s.name) is not None:
            value = overrides[s.name]
        try:
            out[s.name] = _coerce(s, value)
        except ValueError as exc:
            raise BadRequest(f"bad setting {exc}") from None
    return out
