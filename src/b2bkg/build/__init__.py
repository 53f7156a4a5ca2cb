"""Compile the sources into the dataset: verify quotes, reason, write sorted N-Quads."""

from b2bkg.build.compile import Compiled, compile_sources
from b2bkg.build.coverage import CoverageReport, coverage
from b2bkg.build.dataset import (
    DEFAULT_DATASET,
    BuildResult,
    build_dataset,
    ensure_dataset,
    load_dataset,
    load_ontology,
)

__all__ = [
    "BuildResult",
    "Compiled",
    "CoverageReport",
    "DEFAULT_DATASET",
    "build_dataset",
    "compile_sources",
    "coverage",
    "ensure_dataset",
    "load_dataset",
    "load_ontology",
]
