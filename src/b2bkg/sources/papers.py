"""The curated papers: one folder ``data/papers/<paper-id>/`` each.

A paper folder holds ``metadata.yaml`` (its id, short labels, optional DOI and flags),
``paper.txt`` (the canonical text), ``statements/*.yaml`` (the curated statements) and optionally
``coverage-exemptions.yaml``. The build compiles every folder of ``data/papers/`` that has a
``metadata.yaml``, or the folders listed in ``data/papers.yaml`` when that file exists. Adding a
paper is described step by step in ``docs/adding-a-paper.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from b2bkg.errors import SourceError
from b2bkg.resources import resource
from b2bkg.sources.paper import Paper, load_paper
from b2bkg.sources.statements import StatementFile, load_statement_files

__all__ = [
    "DEFAULT_PAPERS_DIR",
    "PaperMeta",
    "PaperSource",
    "discover_papers",
    "load_paper_meta",
    "load_paper_source",
    "paper_input_files",
]

DEFAULT_PAPERS_DIR = resource("data") / "papers"
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_META_KEYS = {"id", "label", "title", "doi", "legacy_iris"}


@dataclass(frozen=True)
class PaperMeta:
    id: str
    label: dict[str, str]  # short citation label per language, e.g. {"en": "Doe (2024)"}
    title: dict[str, str] = field(default_factory=dict)
    doi: str | None = None
    legacy_iris: bool = False  # the build writes 301 redirects from the pre-folder IRIs


@dataclass(frozen=True)
class PaperSource:
    meta: PaperMeta
    directory: Path | None  # None for a paper compiled from memory (tests)
    paper: Paper
    files: list[StatementFile]
    exemptions: dict[str, str]

    @property
    def id(self) -> str:
        return self.meta.id


def load_paper_meta(directory: str | Path) -> PaperMeta:
    """``<directory>/metadata.yaml``; SourceError naming the file and what is wrong."""
    d = Path(directory)
    path = d / "metadata.yaml"
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the paper's metadata: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise SourceError(f"{path}: YAML error: {exc}") from None
    if not isinstance(doc, dict):
        raise SourceError(f"{path}: expected a mapping with 'id' and 'label'")
    unknown = sorted(str(k) for k in doc if k not in _META_KEYS)
    if unknown:
        raise SourceError(f"{path}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(_META_KEYS))})")
    pid = str(doc.get("id") or "")
    if not _ID.match(pid):
        raise SourceError(f"{path}: 'id' must be lower-case letters, digits, '.', '_' or '-', got {pid!r}")
    if pid != d.name:
        raise SourceError(f"{path}: id {pid!r} differs from the folder name {d.name!r}")
    label = doc.get("label")
    if not isinstance(label, dict) or not all(isinstance(label.get(k), str) and label[k].strip()
                                              for k in ("en", "zh")):
        raise SourceError(f"{path}: 'label' needs en and zh texts, e.g. {{en: Doe (2024), zh: 多伊(2024)}}")
    title = doc.get("title") or {}
    if not isinstance(title, dict):
        raise SourceError(f"{path}: 'title' must be a mapping of language to text")
    legacy = doc.get("legacy_iris", False)
    if not isinstance(legacy, bool):
        raise SourceError(f"{path}: 'legacy_iris' must be true or false")
    return PaperMeta(pid, {str(k): str(v).strip() for k, v in label.items()},
                     {str(k): str(v) for k, v in title.items()},
                     str(doc["doi"]) if doc.get("doi") else None, legacy)


def _load_exemptions(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise SourceError(f"{path}: YAML error: {exc}") from None
    if not isinstance(doc, list):
        raise SourceError(f"{path}: expected a list of {{para:, reason:}} entries")
    out = {}
    for i, item in enumerate(doc, start=1):
        if not isinstance(item, dict) or not item.get("para") or not item.get("reason"):
            raise SourceError(f"{path}: entry {i} needs 'para' and 'reason'")
        out[str(item["para"])] = str(item["reason"])
    return out


def load_paper_source(directory: str | Path) -> PaperSource:
    """Everything one paper folder holds, read and shape-checked (not yet compiled)."""
    d = Path(directory)
    if not d.is_dir():
        raise SourceError(f"paper folder not found: {d}")
    meta = load_paper_meta(d)
    paper = load_paper(d / "paper.txt")
    files = load_statement_files(d / "statements")
    exemptions = _load_exemptions(d / "coverage-exemptions.yaml")
    for para in exemptions:
        if para not in paper.paragraphs:
            raise SourceError(f"{d / 'coverage-exemptions.yaml'}: paragraph {para!r} is not in {d / 'paper.txt'}")
    return PaperSource(meta, d, paper, files, exemptions)


def discover_papers(root: str | Path | None = None) -> list[Path]:
    """The paper folders to build: those listed in ``<root>.yaml`` (``data/papers.yaml``, a list
    of folder names) if it exists, else every folder of ``root`` with a ``metadata.yaml``."""
    r = Path(root) if root else DEFAULT_PAPERS_DIR
    listing = r.with_suffix(".yaml")
    if listing.exists():
        try:
            names = yaml.safe_load(listing.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise SourceError(f"{listing}: YAML error: {exc}") from None
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise SourceError(f"{listing}: expected a list of paper folder names")
        return [r / n for n in names]
    found = sorted(p.parent for p in r.glob("*/metadata.yaml"))
    if not found:
        raise SourceError(f"no paper folder (a folder with metadata.yaml) in {r}")
    return found


def paper_input_files(directory: str | Path) -> list[Path]:
    """Every file of a paper folder the build reads (for the staleness digest)."""
    d = Path(directory)
    names = [d / "metadata.yaml", d / "paper.txt", d / "coverage-exemptions.yaml"]
    return names + sorted((d / "statements").glob("*.yaml"))
