"""Defect 10: a full or read-only disk during ``b2bkg build`` gave a Python traceback and rc 1
(the documented rc for "could not run" is 2) and left a partial ``dataset.tmp``; a killed build
left HermiT's Java process running, orphaned. The full disk is a real 256 KiB tmpfs (mounting one
needs root, as in CI; elsewhere these tests say why they are skipped)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from support.hardening import eventually
from support.requires import require_that

# fault injection against live servers: seconds each, so not in the fast core (`make test` runs them)
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], check=True,
                       capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        require_that(False, f"cannot mount a small tmpfs here (needs root, as in CI): {exc}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _build(out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from b2bkg.cli import main; main()", "build", "-o", str(out),
                           *extra], capture_output=True, text=True, timeout=900, cwd=ROOT)


def _build_help() -> str:
    return subprocess.run([sys.executable, "-c", "from b2bkg.cli import main; main()", "build", "--help"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT).stdout


def test_full_disk_is_rc_2_with_a_message_and_no_partial_file(small_disk):
    if "--no-reason" not in _build_help():
        pytest.skip("b2bkg build has no --no-reason flag to keep this test short")
    (small_disk / "filler").write_bytes(b"\0" * (250 * 1024))  # the disk is (nearly) full
    run = _build(small_disk / "dataset.nq", "--no-reason")
    assert run.returncode == 2, run
    assert "Traceback" not in run.stderr and "No space left" in run.stdout + run.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]  # nothing partial left


def test_read_only_disk_is_rc_2_and_leaves_the_old_dataset(small_disk):
    if "--no-reason" not in _build_help():
        pytest.skip("b2bkg build has no --no-reason flag to keep this test short")
    old = small_disk / "dataset.nq"
    old.write_text("old\n", encoding="utf-8")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    run = _build(old, "--no-reason")
    assert run.returncode == 2, run
    assert "Traceback" not in run.stderr and "Read-only" in run.stdout + run.stderr
    assert old.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in small_disk.iterdir()) == ["dataset.nq"]


def _java_children(pid: int) -> list[int]:
    out = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid and b"HermiT" in cmdline:
            out.append(int(proc.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.reasoner
def test_hermit_dies_with_a_killed_build(tmp_path):
    build = subprocess.Popen([sys.executable, "-c", "from b2bkg.cli import main; main()", "build", "-o",
                              str(tmp_path / "dataset.nq")], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        java: list[int] = []

        def started() -> bool:
            java.extend(_java_children(build.pid))
            return bool(java) or build.poll() is not None

        eventually(started, 600, "HermiT to start")
        if not java:
            pytest.fail("the build finished before HermiT could be seen")
        build.send_signal(signal.SIGKILL)
        build.wait(30)
        eventually(lambda: not any(_alive(p) for p in java), 10, "HermiT to be killed with its parent")
    finally:
        if build.poll() is None:
            build.kill()
        for p in _java_children(build.pid):
            os.kill(p, signal.SIGKILL)

