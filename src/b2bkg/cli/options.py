"""Click options derived from the settings table (``b2bkg.settings.SETTINGS``): each setting is the
flag ``--<name-with-dashes>`` and the variable ``B2BKG_<NAME>``, written down once, in the table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import click

from b2bkg.settings import SETTINGS, Setting, env_name, flag_name

__all__ = ["STORE_FLAGS", "setting_option", "setting_options"]

# The settings that choose and reach a store (every command that reads the graph takes them).
STORE_FLAGS = ("store", "store_path", "endpoint", "remote_user", "remote_password")


def _setting(name: str) -> Setting:
    return next(s for s in SETTINGS if s.name == name)


def setting_option(name: str, *aliases: str) -> click.Option:
    """The option of setting ``name`` (plus older spellings ``aliases``, e.g. ``--gsp``). Its
    default is None: an unset flag falls back to ``B2BKG_<NAME>``, then to the table's default."""
    s = _setting(name)
    kind: Any = click.BOOL if s.type is bool else s.type
    return click.Option([flag_name(s.name), *aliases, s.name], type=kind, default=None,
                        help=f"{s.help} [default: {s.default}; env {env_name(s.name)}]")


def setting_options(names: Iterable[str], aliases: dict[str, tuple[str, ...]] | None = None
                    ) -> Callable[[Callable], Callable]:
    """A decorator adding the options of ``names`` (in the table's order) to a click command."""
    wanted = set(names)
    aliases = aliases or {}

    def decorate(f: Callable) -> Callable:
        params = getattr(f, "__click_params__", [])
        params.extend(reversed([setting_option(s.name, *aliases.get(s.name, ())) for s in SETTINGS
                                if s.name in wanted]))
        f.__click_params__ = params  # type: ignore[attr-defined]
        return f

    return decorate
