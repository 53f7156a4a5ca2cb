"""The dataset file a running service serves: a private copy, so that one version is served until
the service restarts, whatever happens to the file it was started on.

A worker pool loads the dataset once per worker, and again whenever a worker is replaced (after
a timeout, a crash, a kill). Read from the file itself, a file changed, truncated or deleted
under the running service (a rebuild, an import writing a new combined file, a careless
``cp``) made the replacements load another version, or fail: the pool then refused them
(one version or none) and shrank to nothing. Started from :func:`serve_copy` instead, every
worker loads the same bytes for the life of the service; the original can change freely, and
:meth:`ServedDataset.state` says whether it has (``/healthz``: ``dataset_file``), so that an
operator knows a restart would serve something else. The switch to a new version is a restart:
the new process checks the new file against its manifest before it serves anything.

The copy sits in a private temporary directory named after the serving process (removed when
the process ends, or, when it was killed, by the next service that starts), beside its manifest,
so the manifest check sees the same pair. Where the copy cannot be
made (no space), the service serves the file itself and says so in the log.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path

from b2bkg.store.manifest import manifest_of

__all__ = ["ServedDataset", "serve_copy"]

log = logging.getLogger(__name__)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass
class ServedDataset:
    """``path``: what the workers load (the copy, or ``source`` when no copy could be made);
    ``source``: the file the service was started on."""

    source: Path
    path: Path
    stamp: tuple[int, int, int] | None
    directory: Path | None = None

    @property
    def private(self) -> bool:
        return self.directory is not None

    def state(self) -> str:
        """``unchanged``, ``changed`` (another file or other bytes than at start: a restart would
        serve it, once it matches its manifest) or ``missing`` (the service still serves its copy)."""
        now = _stamp(self.source)
        if now is None:
            return "missing"
        return "unchanged" if now == self.stamp else "changed"

    def remove(self) -> None:
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)


_PREFIX = "b2bkg-served-"


def _remove_orphans() -> None:
    """Remove the copies of services that ended without removing theirs (killed: no exit hook
    ran); each copy's directory is named after the process that serves it."""
    for d in Path(tempfile.gettempdir()).glob(_PREFIX + "*-*"):
        try:
            pid = int(d.name[len(_PREFIX):].split("-", 1)[0])
        except ValueError:
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(d, ignore_errors=True)
        except PermissionError:  # another user's live process
            continue


def serve_copy(dataset: str | Path) -> ServedDataset:
    """A private copy of ``dataset`` (and its manifest) to serve; removed when the returned
    object is garbage-collected (keep it with the store), at exit, or by :meth:`ServedDataset.remove`."""
    source = Path(dataset)
    stamp = _stamp(source)
    _remove_orphans()
    directory = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-"))
    target = directory / source.name
    try:
        size = source.stat().st_size
        if shutil.disk_usage(directory).free < size + (64 << 20):
            raise OSError(28, "not enough free space for a private copy")
        shutil.copyfile(source, target)
        manifest = manifest_of(source)
        if manifest.is_file():
            shutil.copyfile(manifest, manifest_of(target))
        if _stamp(source) != stamp:  # changed while being copied: copy what is there now, once
            stamp = _stamp(source)
            shutil.copyfile(source, target)
            if manifest.is_file():
                shutil.copyfile(manifest, manifest_of(target))
    except OSError as exc:
        shutil.rmtree(directory, ignore_errors=True)
        if not source.is_file():  # the store says so, when it loads it
            return ServedDataset(source, source, stamp)
        log.warning("serving %s itself (no private copy: %s); a change to the file under the "
                    "running service stops its query workers from restarting", source.name,
                    exc.strerror or exc)
        return ServedDataset(source, source, stamp)
    served = ServedDataset(source, target, stamp, directory)
    weakref.finalize(served, shutil.rmtree, str(directory), True)
    os.chmod(target, 0o400)
    return served
