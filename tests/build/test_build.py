"""The whole build on the real sources: deterministic, and failing loudly on a bad quote."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from b2bkg.build.dataset import build_dataset
from b2bkg.errors import BuildError

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "papers" / "wang-2025"


def copy_seed(tmp_path: Path) -> Path:
    """A copy of the seed paper's folder (the folder's name is the paper's id)."""
    folder = tmp_path / "papers" / "wang-2025"
    shutil.copytree(SEED, folder)
    return folder


def test_same_sources_give_byte_identical_datasets(tmp_path):
    a = build_dataset(tmp_path / "a.nq", reason=False)
    b = build_dataset(tmp_path / "b.nq", reason=False)
    assert (tmp_path / "a.nq").read_bytes() == (tmp_path / "b.nq").read_bytes()
    assert a.version == b.version
    assert a.quotes > 1000 and a.citations == 28


def test_a_quote_not_in_the_text_fails_the_build_naming_file_and_line(tmp_path):
    folder = copy_seed(tmp_path)
    target = folder / "statements" / "05-mechanisms.yaml"
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.strip().startswith("quote:"))
    lines[n] = lines[n].rstrip("\n") + "（并非原文）\n"
    target.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(BuildError) as err:
        build_dataset(tmp_path / "x.nq", papers=[folder], reason=False)
    problems = err.value.problems
    assert len(problems) == 1
    assert "05-mechanisms.yaml:" in problems[0] and "quote not found" in problems[0]
    assert not (tmp_path / "x.nq").exists()  # nothing half-written


def test_build_command_reports_problems_and_exits_1(tmp_path):
    folder = copy_seed(tmp_path)
    statements = folder / "statements"
    for f in statements.glob("*.yaml"):
        f.unlink()
    (statements / "bad.yaml").write_text(
        "statements:\n  - s: nobody\n    p: enables\n    o: nothing\n    quote: 不存在的句子\n", encoding="utf-8"
    )
    b2bkg = Path(sys.executable).parent / "b2bkg"
    proc = subprocess.run(
        [str(b2bkg), "build", "--no-reason", "--paper-dir", str(folder), "-o", str(tmp_path / "y.nq")],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "bad.yaml:2: unknown subject id 'nobody'" in proc.stderr
    assert "bad.yaml:2: quote not found in the canonical text" in proc.stderr
    assert not (tmp_path / "y.nq").exists()


def test_a_dataset_built_from_other_sources_is_stale(tmp_path):
    from b2bkg.build.dataset import is_stale, manifest_path

    out = tmp_path / "d.nq"
    assert is_stale(out)  # missing
    build_dataset(out, reason=False)
    assert not is_stale(out)
    manifest = manifest_path(out)
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"sources": "', '"sources": "x'), encoding="utf-8")
    assert is_stale(out)


def test_a_paper_folder_needs_its_metadata(tmp_path):
    from b2bkg.errors import SourceError

    folder = copy_seed(tmp_path)
    (folder / "metadata.yaml").write_text("id: wang-2024\nlabel: {en: W, zh: W}\n", encoding="utf-8")
    with pytest.raises(SourceError, match="differs from the folder name"):
        build_dataset(tmp_path / "x.nq", papers=[folder], reason=False)
    (folder / "metadata.yaml").unlink()
    with pytest.raises(SourceError, match="metadata.yaml: cannot read"):
        build_dataset(tmp_path / "x.nq", papers=[folder], reason=False)


def test_a_paper_must_define_itself(tmp_path):
    folder = copy_seed(tmp_path)
    (folder / "statements" / "paper.yaml").unlink()
    with pytest.raises(BuildError) as err:
        build_dataset(tmp_path / "x.nq", papers=[folder], reason=False)
    assert any("the paper's own entity 'paper/wang-2025' is not defined" in p for p in err.value.problems)


def test_no_paper_id_or_file_name_in_src():
    src = ROOT / "src"
    hits = [str(p.relative_to(ROOT)) for p in src.rglob("*") if p.is_file() and p.suffix in (".py", ".js", ".html")
            and "wang-2025" in p.read_text(encoding="utf-8")]
    assert hits == []
