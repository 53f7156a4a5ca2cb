"""Imports that persist: ``<corpus dir>/<name>.nq`` (the import's named graph) and
``<corpus dir>/manifest.json`` (what each import read and counted). Every store sees them:
:func:`dataset_with_corpora` gives the memory and oxigraph stores one file holding the dataset
and every import; :func:`push_corpus` sends an import's graph to a remote store.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from b2bkg import progress
from b2bkg.corpus.match import TITLE_SIMILARITY, match_records
from b2bkg.corpus.model import ParseResult, Record
from b2bkg.corpus.rdf import corpus_graph, quads, valid_name, write_nquads
from b2bkg.corpus.read import read_file
from b2bkg.errors import BadRequest, NotFound

__all__ = [
    "DEFAULT_CORPUS_DIR",
    "ImportReport",
    "corpus_dir",
    "import_corpus",
    "list_corpora",
    "remove_corpus",
    "dataset_with_corpora",
    "load_manifest",
    "read_records",
]

DEFAULT_CORPUS_DIR = "var/corpus"
MANIFEST = "manifest.json"


def corpus_dir(directory: str | Path | None = None) -> Path:
    """The corpus directory: the argument, else ``B2BKG_CORPUS_DIR``, else ``var/corpus``."""
    return Path(directory or os.environ.get("B2BKG_CORPUS_DIR") or DEFAULT_CORPUS_DIR)


def load_manifest(directory: str | Path | None = None) -> dict:
    path = corpus_dir(directory) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"corpora": {}}
    except (OSError, ValueError) as exc:
        raise BadRequest(f"{path}: unreadable corpus manifest ({exc}); remove it and import again") from exc
    return data if isinstance(data, dict) and isinstance(data.get("corpora"), dict) else {"corpora": {}}


def _save_manifest(directory: Path, manifest: dict) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(directory / MANIFEST)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class ImportReport:
    """What an import read, made and refused."""

    name: str
    graph: str
    files: list[dict] = field(default_factory=list)
    records_read: int = 0
    records_imported: int = 0
    records_refused: list[str] = field(default_factory=list)
    works_created: int = 0
    cited_works: int = 0
    merged: list[dict] = field(default_factory=list)
    references_parsed: int = 0
    references_matched: int = 0
    references_rejected: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    path: str = ""

    def as_dict(self) -> dict:
        return {
            "name": self.name, "graph": self.graph, "files": self.files,
            "records_read": self.records_read, "records_imported": self.records_imported,
            "records_refused": self.records_refused, "works_created": self.works_created,
            "cited_works": self.cited_works, "merged_count": len(self.merged), "merged": self.merged,
            "references_parsed": self.references_parsed, "references_matched": self.references_matched,
            "references_rejected": sum(self.references_rejected.values()),
            "references_rejected_by_reason": dict(sorted(self.references_rejected.items())),
            "triples": self.triples, "path": self.path,
        }


def read_records(paths: list[str | Path], fmt: str | None = None) -> list[ParseResult]:
    """Parse every file (format given or detected per file)."""
    if not paths:
        raise BadRequest("no file to import")
    return [read_file(p, fmt) for p in paths]


def import_corpus(
    paths: list[str | Path],
    name: str | None = None,
    *,
    fmt: str | None = None,
    directory: str | Path | None = None,
    known_dois: dict[str, str] | None = None,
    known_keys: dict[str, str] | None = None,
    threshold: float = TITLE_SIMILARITY,
) -> ImportReport:
    """Import ``paths`` as corpus ``name`` (default: the first file's stem): parse, match, write
    ``<dir>/<name>.nq`` and the manifest entry. Importing the same files again gives the same
    bytes. ``known_*``: works already in the store (see :func:`b2bkg.corpus.service.known_works`)."""
    name = name or _default_name(paths)
    try:
        valid_name(name)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    with progress.task(f"import {name}", total=3) as bar:
        bar.describe(f"reading {len(paths)} file(s)")
        results = read_records(paths, fmt)
        records: list[Record] = [r for res in results for r in res.records]
        bar.advance()
        bar.describe(f"matching {len(records)} records")
        matching = match_records(records, known_dois=known_dois, known_keys=known_keys, threshold=threshold)
        merges_by_origin = {m.merged: (m.rule, m.score) for m in matching.merges}
        directory = corpus_dir(directory)
        directory.mkdir(parents=True, exist_ok=True)
        out = directory / f"{name}.nq"
        graph = corpus_graph(name)
        bar.advance()
        bar.describe(f"writing {out.name}")
        count = write_nquads(out, graph, quads(name, matching, merges_by_origin, records))
        bar.advance()
    report = ImportReport(name=name, graph=graph, path=str(out), triples=count)
    for res, path in zip(results, paths, strict=True):
        report.files.append({"file": str(path), "format": res.format, "records_read": res.records_read,
                             "records_imported": len(res.records), "refused": len(res.problems),
                             "sha256": _sha256(Path(path))})
        report.records_read += res.records_read
        report.records_imported += len(res.records)
        report.records_refused.extend(str(p) for p in res.problems)
        for reason, n in res.rejected_refs.items():
            report.references_rejected[reason] = report.references_rejected.get(reason, 0) + n
    report.works_created = sum(1 for w in matching.works.values() if w.records)
    report.cited_works = len(set(matching.cites.values()))
    report.merged = [m.as_dict() for m in matching.merges]
    report.references_parsed = matching.refs_parsed
    report.references_matched = matching.refs_matched
    manifest = load_manifest(directory)
    entry = report.as_dict()
    entry.pop("merged")
    entry["nq"] = out.name
    entry["nq_sha256"] = _sha256(out)
    manifest["corpora"][name] = entry
    _save_manifest(directory, manifest)
    return report


def _default_name(paths: list[str | Path]) -> str:
    if not paths:
        raise BadRequest("no file to import")
    stem = Path(paths[0]).stem.lower()
    cleaned = "".join(ch if ch.isalnum() or ch in "._-" else "-" for ch in stem).strip("-._")
    return cleaned[:64] or "corpus"


def list_corpora(directory: str | Path | None = None) -> list[dict]:
    """The imports with their counts, by name."""
    manifest = load_manifest(directory)
    return [dict(entry, name=name) for name, entry in sorted(manifest["corpora"].items())]


def remove_corpus(name: str, directory: str | Path | None = None) -> dict:
    """Take import ``name`` out (its graph file and manifest entry); return its entry."""
    directory = corpus_dir(directory)
    manifest = load_manifest(directory)
    entry = manifest["corpora"].pop(name, None)
    if entry is None:
        known = ", ".join(sorted(manifest["corpora"])) or "none"
        raise NotFound(f"no corpus named {name!r} (imports: {known})")
    (directory / f"{name}.nq").unlink(missing_ok=True)
    _save_manifest(directory, manifest)
    return entry


def corpus_files(directory: str | Path | None = None) -> list[Path]:
    directory = corpus_dir(directory)
    return [directory / entry["nq"] for _, entry in sorted(load_manifest(directory)["corpora"].items())
            if (directory / entry["nq"]).is_file()]


def dataset_with_corpora(dataset: str | Path, directory: str | Path | None = None) -> Path:
    """``dataset`` itself when there is no import; else one N-Quads file holding the dataset and
    every import (``<dir>/combined-<digest>.nq``, written once per combination, older ones removed)."""
    dataset = Path(dataset)
    files = corpus_files(directory)
    if not files:
        return dataset
    directory = corpus_dir(directory)
    stamp = hashlib.sha256()
    for f in [dataset, *files]:
        st = f.stat()
        stamp.update(f"{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    out = directory / f"combined-{stamp.hexdigest()[:16]}.nq"
    if not out.is_file():
        tmp = out.with_suffix(".tmp")
        with tmp.open("wb") as sink:
            for f in [dataset, *files]:
                with f.open("rb") as src:
                    while chunk := src.read(1 << 20):
                        sink.write(chunk)
                    sink.write(b"\n")
        tmp.replace(out)
        for old in directory.glob("combined-*.nq"):
            if old != out:
                old.unlink(missing_ok=True)
    return out
