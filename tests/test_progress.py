"""Long commands show progress on a terminal and nothing when piped: the library reports to
whoever listens (``b2bkg.progress``), the CLI listens with tqdm bars on a terminal only."""

from __future__ import annotations

import io
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from b2bkg import progress

ROOT = Path(__file__).resolve().parents[1]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_listener_reads_the_plain_file_and_costs_nothing(tmp_path):
    f = tmp_path / "x.nq"
    f.write_bytes(b"<urn:a> <urn:b> <urn:c> .\n")
    with progress.reading(f, "read") as handle, progress.task("t", total=2) as bar:
        bar.advance(2)
        assert handle.read() == f.read_bytes() and type(handle).__name__ == "BufferedReader"
        assert handle.raw.name == str(f)  # the file itself, not a counting wrapper


def test_terminal_listens_only_to_a_terminal(monkeypatch):
    assert progress.terminal(io.StringIO()) is None
    assert progress.terminal(_Tty()) is not None
    monkeypatch.setenv("B2BKG_PROGRESS", "0")
    assert progress.terminal(_Tty()) is None


def test_reading_counts_every_byte_into_a_bar(tmp_path):
    f = tmp_path / "big.nq"
    f.write_bytes(b"<urn:a> <urn:b> <urn:c> .\n" * 50_000)
    out = _Tty()
    with progress.listening(progress.terminal(out)), progress.reading(f, "read big.nq") as handle:
        assert handle.read() == f.read_bytes()
    assert "read big.nq" in out.getvalue()


B2BKG = str(Path(sys.executable).parent / "b2bkg")
WOS = ROOT.parent / "shared" / "corpus" / "wos-optics-34-damaged.isi"


def _on_a_terminal(cmd: list[str]) -> tuple[int, str]:
    """Run ``cmd`` with its standard error on a fresh pseudo-terminal: (exit code, what it drew)."""
    master, slave = pty.openpty()
    env = {**os.environ}
    env.pop("B2BKG_PROGRESS", None)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 300)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    code = proc.wait(300)
    os.close(master)
    return code, seen.decode("utf-8", "replace")


def _piped(cmd: list[str]) -> tuple[int, str]:
    env = {**os.environ}
    env.pop("B2BKG_PROGRESS", None)
    run = subprocess.run(cmd, capture_output=True, cwd=ROOT, env=env, timeout=300)
    return run.returncode, run.stderr.decode()


@pytest.fixture(scope="module")
def built_dataset(tmp_path_factory) -> Path:
    from b2bkg.build import ensure_dataset

    copy = tmp_path_factory.mktemp("progress") / "dataset.nq"
    shutil.copyfile(ensure_dataset(), copy)
    return copy


def test_export_shows_a_bar_on_a_terminal_and_nothing_when_piped(tmp_path, built_dataset):
    export = [B2BKG, "export", "--format", "turtle", "--dataset", str(built_dataset), "-o"]
    code, drawn = _on_a_terminal([*export, str(tmp_path / "a.ttl")])
    assert code == 0 and f"read {built_dataset.name}" in drawn and "B/s" in drawn and "\r" in drawn, drawn
    code, err = _piped([*export, str(tmp_path / "b.ttl")])
    assert code == 0 and err.startswith("wrote") and "\r" not in err and "read " not in err
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()


def test_build_and_corpus_import_show_their_stages_on_a_terminal(tmp_path):
    code, drawn = _on_a_terminal([B2BKG, "build", "--no-reason", "-o", str(tmp_path / "ds.nq")])
    assert code == 0 and "build:" in drawn and "writing the manifest" in drawn, drawn
    imp = [B2BKG, "corpus", "import", str(WOS), "--name", "optics", "--dir", str(tmp_path / "corpus")]
    code, drawn = _on_a_terminal(imp)
    assert code == 0 and "import optics:" in drawn and "matching 32 records" in drawn, drawn
    code, err = _piped([*imp[:-1], str(tmp_path / "corpus2")])
    assert code == 0 and "\r" not in err and "import optics:" not in err
