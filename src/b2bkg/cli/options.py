"""Click options derived from the settings table (``b2bkg.settings.SETTINGS``): each setting is the
flag ``--<name-with-dashes>`` and the variable ``B2BKG_<NAME>``, written down once, in the table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import click

from b2bkg.settings import SETTINGS, Setting, env_name

__all__ = ["STORE_FLAGS", "flag_name", "setting_option", "setting_options"]

# The settings that choose and reach a store (every command that reads the graph takes them).
STORE_FLAGS = ("store", "store_path", "endpoint", "remote_user", "remote_password")


def flag_name(setting: Setting) -> str:
    return "--" + setting.name.replace("_", "-")


def _setting(name: str) -> Setting:
    return next(s for s in SETTINGS if s.name == name)


def setting_option(name: str) -> click.Option:
    """The option of setting ``name`` (default None: unset flags fall back to env, then default)."""
    s = _setting(name)
    kind: Any = click.BOOL if s.type is bool else s.type
    return click.Option([flag_name(s), s.name], type=kind, default=None,
                        help=f"{s.help} [default: {s.default}; env {env_name(s.name)}]")


def setting_options(names: Iterable[str]) -> Callable[[Callable], Callable]:
    """A decorator adding the options of ``names`` (in the table's order) to a click command."""
    wanted = set(names)

    def decorate(f: Callable) -> Callable:
        for s in reversed([s for s in SETTINGS if s.name in wanted]):
            option = setting_option(s.name)
            f = click.option(*option.opts, option.name, type=option.type, default=None, help=option.help)(f)
        return f

    return decorate
