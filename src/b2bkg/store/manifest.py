"""Check a dataset file against the manifest its build wrote next to it.

``b2bkg build`` writes ``<name>.manifest.json`` beside ``<name>.nq`` with the file's version (the
first 16 hex digits of its SHA-256) and its triples per graph. A file truncated, emptied or
edited after the build would otherwise be served as if it were the built dataset, so a store
that loads a file with a manifest refuses it, naming what differs, when either disagrees. A
dataset without a manifest (a file from elsewhere) is loaded as it is.
"""

from __future__ import annotations

import json
from pathlib import Path

from b2bkg.errors import SourceError

__all__ = ["manifest_of", "verify_manifest", "expected_quads"]


def manifest_of(dataset: Path) -> Path:
    """Where the build writes the manifest of ``dataset`` (``build/dataset.manifest.json``)."""
    return dataset.with_name(dataset.stem + ".manifest.json")


def expected_quads(manifest: dict) -> int | None:
    """The number of quads a manifest records (None when it records none)."""
    triples = manifest.get("triples")
    if isinstance(triples, dict) and triples and all(isinstance(v, int) for v in triples.values()):
        return sum(triples.values())
    if isinstance(triples, int):
        return triples
    return None


def verify_manifest(dataset: Path, version: str, quads: int) -> None:
    """Raise ``SourceError`` when ``dataset`` (whose content hashes to ``version`` and holds
    ``quads`` quads) disagrees with its manifest; do nothing when it has none."""
    path = manifest_of(dataset)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SourceError(f"cannot read the manifest {path.name} of {dataset.name}: {exc.strerror}") from None
    try:
        manifest = json.loads(text)
    except ValueError:
        raise SourceError(f"the manifest {path.name} of {dataset.name} is not valid JSON; "
                          "rebuild the dataset with `b2bkg build`") from None
    if not isinstance(manifest, dict):
        raise SourceError(f"the manifest {path.name} of {dataset.name} is not a JSON object; "
                          "rebuild the dataset with `b2bkg build`")
    problems = []
    recorded = manifest.get("version")
    if isinstance(recorded, str) and recorded and recorded != version:
        problems.append(f"its content hashes to version {version}, the build recorded {recorded}")
    expected = expected_quads(manifest)
    if expected is not None and expected != quads:
        problems.append(f"it holds {quads} quads, the build wrote {expected}")
    if problems:
        raise SourceError(
            f"{dataset.name} does not match its manifest {path.name}: {'; '.join(problems)}. The file was "
            "truncated or changed after the build; it is not served. Run `b2bkg build` to rebuild it."
        )
