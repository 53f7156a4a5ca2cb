"""``Analytics``: one object that owns the dataset file, its version and every cached result.

The version is the first 16 hex digits of the file's SHA-256 (as ``b2bkg build`` reports it).
The file is re-hashed only when its size or modification time changes; a new version drops the
cached dataset, projections and answers. The CLI, the HTTP blueprint and the tests all use this
object; nothing is kept in module globals.
"""

from __future__ import annotations

import hashlib
import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from rdflib import Dataset

from b2bkg.analytics.projection import Projection, ProjectionConfig, project
from b2bkg.errors import SourceError
from b2bkg.vocab import bind_prefixes

__all__ = ["Analytics"]


class Analytics:
    r"""Cached analytics over one dataset file.

    Parameters
    ----------
    dataset
        Path of the dataset (N-Quads, as ``b2bkg build`` writes it). ``None`` means the
        project's ``build/dataset.nq``, built first if missing.
    max_answers
        How many computed answers to keep (least recently used are dropped).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "dataset.nq"
    >>> _ = path.write_text("<https://w3id.org/b2bkg/id/tool/saas> <https://w3id.org/b2bkg/def/enables> "
    ...     "<https://w3id.org/b2bkg/id/mechanism/cost-reduction> <https://w3id.org/b2bkg/graph/assertions> .\n")
    >>> a = Analytics(path)
    >>> a.projection().graph.number_of_edges(), len(a.version)
    (1, 16)
    """

    def __init__(self, dataset: str | Path | None = None, *, max_answers: int = 512):
        self._path = Path(dataset) if dataset is not None else None
        self._lock = threading.RLock()
        self._stamp: tuple[int, int] | None = None
        self._version = ""
        self._dataset: Dataset | None = None
        self._projections: dict[ProjectionConfig, Projection] = {}
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._max_answers = max_answers

    @property
    def path(self) -> Path:
        if self._path is None:
            from b2bkg.build import ensure_dataset

            self._path = ensure_dataset()
        if not self._path.exists():
            raise SourceError(f"dataset not found: {self._path} (run `b2bkg build`)")
        return self._path

    @property
    def version(self) -> str:
        """The dataset's version, refreshed when the file changed on disk."""
        with self._lock:
            path = self.path
            st = path.stat()
            stamp = (st.st_size, st.st_mtime_ns)
            if stamp != self._stamp:
                version = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
                if version != self._version:
                    self._dataset = None
                    self._projections.clear()
                    self._answers.clear()
                    self._version = version
                self._stamp = stamp
            return self._version

    def dataset(self) -> Dataset:
        """The parsed dataset of the current version."""
        with self._lock:
            self.version  # noqa: B018 - refreshes the cache when the file changed
            if self._dataset is None:
                ds = Dataset()
                bind_prefixes(ds)
                try:
                    with warnings.catch_warnings():  # rdflib 7.x warns about its own internals here
                        warnings.filterwarnings("ignore", "Dataset.default_context is deprecated")
                        ds.parse(data=self.path.read_bytes(), format="nquads")
                except Exception as exc:  # rdflib raises many types; report file and message
                    raise SourceError(f"{self.path}: cannot parse the dataset: {exc}") from None
                self._dataset = ds
            return self._dataset

    def projection(self, config: ProjectionConfig | None = None) -> Projection:
        """The projection of the current version under ``config`` (computed once)."""
        config = config or ProjectionConfig()
        with self._lock:
            version = self.version
            if config not in self._projections:
                self._projections[config] = project(self.dataset(), config, version)
            return self._projections[config]

    def answer(self, name: str, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per (version, name, key); later calls return the stored answer.

        Answers are plain data and must be treated as read-only by callers.
        """
        with self._lock:
            full = (self.version, name, key)
            if full in self._answers:
                self._answers.move_to_end(full)
                return self._answers[full]
        value = compute()
        with self._lock:
            self._answers[full] = value
            while len(self._answers) > self._max_answers:
                self._answers.popitem(last=False)
        return value
