"""One declarative table of the service's settings: name, default, type, help.

Everything else is derived from ``SETTINGS``: the typed, frozen ``Settings`` object (a dataclass
generated from the table, one field per row, which also reads like a mapping: ``s.port`` or
``s["port"]``), the CLI flags (``--max-rows``, ``b2bkg.cli.options``) and the environment
variables (``B2BKG_MAX_ROWS``). Each setting is read, in order of precedence, from a flag, the
environment and its default. ``load_settings`` is the only place that reads the environment;
everything below it receives a ``Settings``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Setting", "SETTINGS", "Settings", "load_settings", "env_name", "flag_name", "markdown_table"]


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
    Setting("queries_dir", "", str, "Directory of the named-query library (*.rq); empty: the project's own."),
    Setting("timeout", 10.0, float, "Seconds a query may run before it is stopped (503)."),
    Setting("max_rows", 10_000, int, "Most solutions or triples one answer may have (422)."),
    Setting("max_query_length", 20_000, int, "Longest query accepted, in characters (413)."),
    Setting("max_query_depth", 128, int, "Deepest nesting of brackets and chained unary operators a query may "
            "have (400); bounded before any parser sees the query."),
    Setting("workers", 0, int, "Query worker processes; 0: one per CPU, at least 2."),
    Setting("threads", 32, int, "HTTP threads of the WSGI server (waitress); all but the workers' and 4 may "
            "wait for a query worker (--queue-limit)."),
    Setting("queue_limit", -1, int, "Queries that may wait for a busy worker pool; more get a fast 503 with "
            "Retry-After. -1: all HTTP threads but the workers' and 4 (those stay free for other routes)."),
    Setting("queue_timeout", 2.0, float, "Seconds a query may wait for a free worker before a 503."),
    Setting("long_query_after", 0.5, float, "Seconds after which a running query counts as long (and runs at "
            "the lowest CPU priority)."),
    Setting("long_query_slots", 0, int, "Long queries that may run at once; one more is stopped (503). "
            "0: all workers but one."),
    Setting("long_query_stand_in", True, bool, "A query that turns long gets a stand-in worker (forked from "
            "the loaded memory store in milliseconds), so the workers left to ordinary queries stay as many; "
            "the long query's own worker leaves when it ends."),
    Setting("timeout_penalty", 30.0, float, "Seconds a query that ran out of time is refused (503) when sent "
            "again; 0: never."),
    Setting("connection_limit", 1000, int, "Open HTTP connections the server accepts at once (waitress)."),
    Setting("channel_timeout", 30, int, "Seconds an HTTP connection may stay idle, or send its request this "
            "slowly, before it is closed (waitress)."),
    Setting("request_timeout", 20.0, float, "Seconds a client may take to send one whole request (headers "
            "and body) before its connection is closed: a client trickling bytes is not idle."),
    Setting("max_request_body", 1_048_576, int, "Largest request body accepted, in bytes (waitress)."),
    Setting(
        "default_graph",
        "union",
        str,
        "Default graph of queries: 'union' of the named graphs, or graph IRIs, comma-separated.",
    ),
    Setting("result_cache_mb", 64, int, "Memory (MiB) for answers kept by dataset version, query, bindings "
            "and format, so a query asked again is not evaluated again; 0: none."),
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
    Setting("warm_up", "background", str, "Compute the explorer's index, default view and PageRank at start: "
            "'background' (SPARQL is served meanwhile; /healthz reports their progress), 'wait' (listen only "
            "after), 'off' (at their first request)."),
    Setting("cache_dir", "", str, "Directory of the on-disk cache of the read model and the warm-up answers "
            "(keyed by dataset version); empty: '<store_path>/cache' for the oxigraph store and a private "
            "temporary directory, removed when the service stops, for the others; 'off': none."),
)

def env_name(name: str) -> str:
    """The environment variable of setting ``name``: ``B2BKG_<NAME>``."""
    return "B2BKG_" + name.upper()


def flag_name(name: str) -> str:
    """The CLI flag of setting ``name``: ``--<name-with-dashes>``."""
    return "--" + name.replace("_", "-")


class _MappingView(Mapping):
    """``Settings`` read like the mapping they replace: ``s["port"]``, ``dict(s)``, ``{**s}``."""

    def __getitem__(self, name: str) -> Any:
        if name not in _NAMES:
            raise KeyError(name)
        return getattr(self, name)

    def __iter__(self) -> Iterator[str]:
        return iter(_NAMES)

    def __len__(self) -> int:
        return len(_NAMES)

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` (names of the table only)."""
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]


_NAMES = tuple(s.name for s in SETTINGS)

#: The typed settings object: a frozen dataclass generated from ``SETTINGS`` (field = row).
Settings = dataclasses.make_dataclass(
    "Settings",
    [(s.name, s.type, dataclasses.field(default=s.default, metadata={"help": s.help})) for s in SETTINGS],
    bases=(_MappingView,),
    frozen=True,
)
Settings.__module__ = __name__
Settings.__doc__ = "The service's settings (generated from ``b2bkg.settings.SETTINGS``; frozen)."


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
    out: dict[str, Any] = {}
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
    return Settings(**out)


def markdown_table() -> str:
    """The table as docs/settings.md lists it (flag, variable, default, help), one row a setting."""
    rows = ["| flag | variable | default | what |", "| --- | --- | --- | --- |"]
    for s in SETTINGS:
        help_text = s.help.replace("|", "\\|")
        rows.append(f"| `{flag_name(s.name)}` | `{env_name(s.name)}` | `{s.default!r}` | {help_text} |")
    return "\n".join(rows) + "\n"
