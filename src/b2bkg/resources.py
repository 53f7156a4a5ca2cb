"""Where the project's own files are: one function for every folder the code reads.

Run from a source checkout, the folders are the checkout's own (``data/``, ``ontology/``,
``queries/``, ``build/``, ``node_modules/``): they stay the source for development. Installed
from a wheel, they are the copies the build put inside the package (``b2bkg/_data/…``, see
``setup.py``), found with ``importlib.resources``; the working directory never matters.

>>> resource("ontology").is_dir() and (resource("queries") / "README.md").is_file()
True
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

__all__ = ["FOLDERS", "CHECKOUT", "in_checkout", "resource", "paper_dir", "dataset_file", "user_data_dir"]

#: folder name -> where it is in a checkout (the wheel keeps them under ``b2bkg/_data/<name>``)
FOLDERS = {
    "data": "data",
    "ontology": "ontology",
    "queries": "queries",
    "build": "build",
    "vendor": "node_modules",
}
CHECKOUT = Path(__file__).resolve().parents[2]


def in_checkout() -> bool:
    """True when this module runs from a source checkout (``src/b2bkg`` beside ``pyproject.toml``)."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "src" / "b2bkg" / "resources.py").is_file()


def resource(name: str) -> Path:
    """The folder ``name`` (one of ``FOLDERS``): the checkout's, or the installed package's copy."""
    if name not in FOLDERS:
        raise KeyError(f"unknown resource folder {name!r}; known: {', '.join(FOLDERS)}")
    if in_checkout():
        return CHECKOUT / FOLDERS[name]
    return Path(str(files("b2bkg") / "_data" / name))


def paper_dir(paper_id: str) -> Path:
    """The folder of one paper's sources (``data/papers/<paper-id>/``)."""
    return resource("data") / "papers" / paper_id


def user_data_dir() -> Path:
    """Where an installed package writes what it builds (``$XDG_DATA_HOME/b2bkg``, by default
    ``~/.local/share/b2bkg``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "b2bkg"


def dataset_file() -> Path:
    """The default dataset: ``build/dataset.nq`` of the checkout; installed, the dataset the wheel
    carries, or (when it carries none) one built into ``user_data_dir()``."""
    packaged = resource("build") / "dataset.nq"
    if in_checkout() or packaged.is_file():
        return packaged
    return user_data_dir() / "dataset.nq"
