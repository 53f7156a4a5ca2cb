"""The settings: one table, a typed frozen object generated from it, and every setting a flag of
``b2bkg serve`` and a ``B2BKG_*`` variable, derived from the table and listed in docs/settings.md."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from b2bkg.cli import cli
from b2bkg.errors import BadRequest
from b2bkg.settings import SETTINGS, Settings, env_name, flag_name, load_settings, markdown_table

DOC = Path(__file__).resolve().parents[1] / "docs" / "settings.md"
# a value of each type different from every default, as a flag and a variable would spell it
SAMPLE = {str: ("x-value", "x-value"), int: ("7", 7), float: ("2.5", 2.5), bool: ("false", False)}


def test_the_object_is_a_frozen_dataclass_of_the_table():
    fields = dataclasses.fields(Settings)
    assert [(f.name, f.type, f.default, f.metadata["help"]) for f in fields] == [
        (s.name, s.type, s.default, s.help) for s in SETTINGS]
    s = load_settings(environ={})
    assert isinstance(s, Settings) and s == Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.port = 1  # type: ignore[misc]
    assert s.port == s["port"] == 8000 and dict(s)["host"] == "127.0.0.1"
    with pytest.raises(KeyError):
        s["no_such_setting"]


@pytest.mark.parametrize("setting", SETTINGS, ids=[s.name for s in SETTINGS])
def test_every_setting_is_a_variable_of_its_own(setting):
    text, value = SAMPLE[setting.type]
    assert value != setting.default
    assert load_settings(environ={env_name(setting.name): text})[setting.name] == value
    assert load_settings(environ={})[setting.name] == setting.default


def test_every_setting_is_a_flag_of_serve_with_the_table_help():
    serve = cli.commands["serve"]
    options = {p.name: p for p in serve.params}
    for s in SETTINGS:
        assert s.name in options, s.name
        assert options[s.name].opts[0] == flag_name(s.name)
        assert s.help in options[s.name].help and env_name(s.name) in options[s.name].help
    help_text = CliRunner().invoke(cli, ["serve", "--help"], terminal_width=200).output
    assert all(flag_name(s.name) in help_text for s in SETTINGS)


@pytest.mark.parametrize("command", ["query", "load", "analyze centrality", "export-graph"])
def test_other_commands_take_their_settings_from_the_table(command):
    names = command.split()
    cmd = cli.commands[names[0]]
    if len(names) > 1:
        cmd = cmd.commands[names[1]]
    by_name = {s.name: s for s in SETTINGS}
    for param in cmd.params:
        if param.name in by_name and param.name != "dataset":
            assert flag_name(param.name) in param.opts
            assert by_name[param.name].help in param.help, (command, param.name)


def test_a_flag_wins_over_the_variable_and_a_bad_value_names_the_setting():
    assert load_settings({"max_rows": 3}, environ={"B2BKG_MAX_ROWS": "5"}).max_rows == 3
    assert load_settings({"max_rows": None}, environ={"B2BKG_MAX_ROWS": "5"}).max_rows == 5
    with pytest.raises(BadRequest, match="max_rows: expected int, got 'many'"):
        load_settings(environ={"B2BKG_MAX_ROWS": "many"})
    with pytest.raises(BadRequest, match="unknown settings: nope"):
        load_settings({"nope": 1})
    r = CliRunner().invoke(cli, ["serve", "--port", "soon"])
    assert r.exit_code == 2 and "--port" in r.output


def test_docs_list_exactly_the_table():
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- settings-table: start -->\n(.*?)<!-- settings-table: end -->", text, re.S)
    assert block, "docs/settings.md lost its settings-table markers"
    assert block.group(1) == markdown_table(), (
        "docs/settings.md is out of date: paste the output of "
        "`python -c 'from b2bkg.settings import markdown_table; print(markdown_table(), end=\"\")'`")
