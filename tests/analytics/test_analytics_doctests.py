"""The ``>>>`` examples in the analytics docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import b2bkg.analytics

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(b2bkg.analytics.__path__, "b2bkg.analytics.")
    if m.name != "b2bkg.analytics.commands"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
