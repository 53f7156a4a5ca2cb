"""Build step of the wheel: copy the project's own folders into the package (``b2bkg/_data/``).

``pip install .`` / ``python -m build`` run this: the installed package then carries the paper
data (``data/``), the ontology, the named-query library, the built dataset when ``build/`` holds
one (``make build`` first; without it an installed package builds it into the user's data
directory on first use) and the browser libraries the pages load (from ``node_modules``, with
their licences). ``b2bkg.resources`` finds all of them with ``importlib.resources``.
"""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
FOLDERS = ("data", "ontology", "queries")
DATASET = ("dataset.nq", "dataset.manifest.json")


class build_py_with_data(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # `pip install -e .`: the package reads the checkout's own folders (b2bkg.resources)
        target = Path(self.build_lib) / "b2bkg" / "_data"
        if target.exists():
            shutil.rmtree(target)
        for name in FOLDERS:
            shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        if (ROOT / "build" / DATASET[0]).is_file():
            (target / "build").mkdir(parents=True)
            for name in DATASET:
                if (ROOT / "build" / name).is_file():
                    shutil.copy2(ROOT / "build" / name, target / "build" / name)
        vendor = runpy.run_path(str(ROOT / "src" / "b2bkg" / "web" / "vendor.py"))["VENDOR"]
        modules = ROOT / "node_modules"
        for rel in vendor.values():
            source = modules / rel
            if not source.is_file():
                raise SystemExit(f"{source} is missing: run `npm ci` (make setup) before building the wheel")
            (target / "vendor" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / "vendor" / rel)
            package = modules / (rel.split("/")[0] if not rel.startswith("@") else "/".join(rel.split("/")[:2]))
            for extra in [*package.glob("LICENSE*"), package / "package.json"]:
                if extra.is_file():
                    dest = target / "vendor" / extra.relative_to(modules)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(extra, dest)


setup(cmdclass={"build_py": build_py_with_data})
