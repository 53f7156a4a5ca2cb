"""Click commands of the quality layer: ``validate``, ``docs``, ``export``. Thin: parse options,
call one library function, print, exit with the documented code."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from b2bkg.errors import B2BKGError, SourceError
from b2bkg.quality.docs import write_docs
from b2bkg.quality.export import EXPORT_FORMATS, export_dataset, export_file, export_ontology
from b2bkg.quality.render import render_json, render_text
from b2bkg.quality.shacl import INFERENCE_MODES
from b2bkg.quality.sources import load_data, load_ontology_dir
from b2bkg.quality.validate import validate
from b2bkg.resources import resource

__all__ = ["COMMANDS", "validate_command", "docs_command", "export_command"]

EXIT_CLEAN, EXIT_ERRORS, EXIT_COULD_NOT_RUN = 0, 1, 2


@contextlib.contextmanager
def _reported_errors() -> Iterator[None]:
    """Print our errors as one message (and their problems) and exit with their code."""
    try:
        yield
    except B2BKGError as exc:
        click.echo(f"error: {exc.message}", err=True)
        for problem in getattr(exc, "problems", []):
            click.echo(f"  {problem}", err=True)
        sys.exit(exc.exit_code)


def _default_data(path: Path | None = None) -> Path:
    """The built dataset (built first when missing)."""
    from b2bkg.build import ensure_dataset

    try:
        return ensure_dataset(path)
    except B2BKGError as exc:
        error = SourceError(
            f"cannot build the dataset to validate ({exc.message}); "
            "pass --data FILE, or --no-data to check the ontology alone"
        )
        error.problems = list(getattr(exc, "problems", []))
        raise error from exc


@click.command("validate")
@click.option(
    "--ontology-dir",
    default=resource("ontology"),
    show_default="ontology",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory of the ontology's Turtle files (shapes.ttl holds the SHACL shapes).",
)
@click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Data to check (any RDF file; N-Quads/TriG keep named graphs). "
    "Default: the built dataset, built first if missing.",
)
@click.option("--no-data", is_flag=True, help="Check the ontology alone.")
@click.option("--no-reasoner", is_flag=True, help="Skip HermiT (faster, less thorough).")
@click.option("--no-owlapi", is_flag=True, help="Skip the OWL API's OWL 2 DL profile check (Java).")
@click.option(
    "--shacl-inference",
    type=click.Choice(INFERENCE_MODES),
    default="rdfs",
    show_default=True,
    help="Inference pySHACL applies before validating.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("-v", "--verbose", is_flag=True, help="Also list info-level findings.")
def validate_command(
    ontology_dir: Path,
    data: Path | None,
    no_data: bool,
    no_reasoner: bool,
    no_owlapi: bool,
    shacl_inference: str,
    fmt: str,
    verbose: bool,
) -> None:
    """Run every quality gate: syntax, declared terms, reasoner, SHACL, pitfalls, OWL 2 DL profile
    (ours, then the OWL API's).

    Exit codes: 0 clean (warnings allowed), 1 errors found, 2 could not run.
    """
    with _reported_errors():
        if data is not None and no_data:
            raise SourceError("--data and --no-data exclude each other")
        source = None if no_data else (data or _default_data())
        report = validate(ontology_dir, source, run_reasoner=not no_reasoner, run_owlapi=not no_owlapi,
                          shacl_inference=shacl_inference)  # fmt: skip
    click.echo(render_json(report) if fmt == "json" else render_text(report, verbose=verbose),
               nl=False)  # fmt: skip
    if any(not g.ran and g.errors for g in report.gates):
        sys.exit(EXIT_COULD_NOT_RUN)
    sys.exit(EXIT_CLEAN if report.conforms else EXIT_ERRORS)


_ONTOLOGY_DIR = click.option(
    "--ontology-dir",
    default=resource("ontology"),
    show_default="ontology",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory of the ontology's Turtle files.",
)


@click.command("docs")
@_ONTOLOGY_DIR
@click.option(
    "-o",
    "--output",
    default="build/docs",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to write index.html (bilingual index) and ontology.html (pyLODE).",
)
def docs_command(ontology_dir: Path, output: Path) -> None:
    """Write HTML documentation of the ontology (English and Chinese labels)."""
    with _reported_errors():
        sources = load_ontology_dir(ontology_dir)
        if sources.errors:
            raise SourceError(
                "the ontology does not parse; run b2bkg validate",
            )
        result = write_docs(sources.ontology, output)
    click.echo(f"wrote {result.index} and {result.pylode}: {result.classes} classes, {result.properties} properties")


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*EXPORT_FORMATS, "nanopub")),
    default="nquads",
    show_default=True,
    help="RDF syntax; nquads, trig and json-ld keep the named graphs, the others the union; "
    "nanopub: every claim as a nanopublication in TriG (all together, or with -o DIR, a directory or a "
    "name without suffix, one file "
    "per claim plus all.trig).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File to write (default: standard output).",
)
@click.option(
    "--dataset",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Dataset to export (default: the built dataset, built first if missing).",
)
@click.option(
    "--ontology",
    "ontology_only",
    is_flag=True,
    help="Export only the ontology: b2bkg.ttl merged with the external declarations it imports, "
    "one self-contained document (--format xml for Protégé and owlready2); --dataset is ignored.",
)
def export_command(fmt: str, output: Path | None, dataset: Path | None, ontology_only: bool = False) -> None:
    """Write the whole dataset (ontology, data, evidence, inferences), or with --ontology the
    ontology alone, in one RDF syntax."""
    with _reported_errors():
        if ontology_only:
            if fmt == "nanopub":
                raise click.UsageError("--ontology takes an RDF syntax, not nanopub")
            data = export_ontology(load_ontology_dir(resource("ontology")).ontology, fmt)
            source = None
        else:
            source = dataset if dataset is not None and dataset.exists() else _default_data(dataset)
        if source is None:
            pass
        elif fmt == "nanopub":
            from b2bkg.quality.nanopub import nanopubs_trig, write_nanopubs

            if output is not None and (output.is_dir() or not output.suffix):
                n = write_nanopubs(load_data(source), output)
                click.echo(f"wrote {n} nanopublications to {output} (one .trig each, and all.trig)", err=True)
                return
            data = nanopubs_trig(load_data(source))
        elif source.suffix in (".nq", ".trig"):
            data = export_file(source, fmt)
        else:
            data = export_dataset(load_data(source), fmt)
        if output is None:
            click.echo(data, nl=False)  # bytes go to the binary stdout
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    click.echo(f"wrote {output} ({fmt}, {len(data)} bytes)", err=True)


COMMANDS = (validate_command, docs_command, export_command)
