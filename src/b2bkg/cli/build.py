"""``b2bkg build`` and ``b2bkg coverage``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from b2bkg.build.claims import cross_paired
from b2bkg.build.coverage import coverage as coverage_of
from b2bkg.build.dataset import build_dataset, load_dataset
from b2bkg.sources.papers import DEFAULT_PAPERS_DIR, discover_papers, load_paper_source
from b2bkg.sources.statements import StatementFile, load_statement_files

__all__ = ["COMMANDS", "build", "coverage", "review"]


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Where to write the dataset (default build/dataset.nq).")
@click.option("--no-reason", is_flag=True, help="Skip the reasoner (no inferences graph).")
@click.option("--paper-dir", "paper_dirs", multiple=True, type=click.Path(file_okay=False),
              help="A paper folder to build (repeatable; default every folder of data/papers/ "
                   "with a metadata.yaml, or those listed in data/papers.yaml).")
@click.option("--ontology-dir", type=click.Path(file_okay=False), default=None,
              help="Directory of the ontology's Turtle files (default ontology/).")
def build(output: str | None, no_reason: bool, paper_dirs: tuple[str, ...], ontology_dir: str | None) -> None:
    """Compile the papers (text + statements) into the dataset: sorted N-Quads, the ontology,
    each paper's assertions and evidence graphs, the inferences and the redirects."""
    result = build_dataset(output, reason=not no_reason, papers=list(paper_dirs) or None,
                           ontology_dir=ontology_dir)
    click.echo(f"wrote {result.path} (version {result.version}; papers {', '.join(result.papers)})")
    for name, n in result.counts.items():
        click.echo(f"  graph {name:<28} {n:>6} triples")
    click.echo(f"  entities {result.entities}, statements {result.statements}, "
               f"citations {result.citations}, evidence quotes {result.quotes} (all verified)")
    click.echo(f"  reasoner: {result.reasoner}")
    flagged = cross_paired(_statement_files(paper_dirs))
    if flagged:
        click.echo(f"  {len(flagged)} quote(s) shared by cross-paired statements: review them with "
                   "'b2bkg review'")


def _statement_files(paper_dirs: tuple[str, ...]) -> list[StatementFile]:
    """The statement files of the named paper folders (default every paper of data/papers/)."""
    dirs = [Path(d) for d in paper_dirs] or discover_papers(DEFAULT_PAPERS_DIR)
    return [f for d in dirs for f in load_statement_files(d / "statements")]


@click.command()
@click.option("--statements", "statements_dir", type=click.Path(file_okay=False), default=None,
              help="A directory of statement files (default: every paper's statements/).")
@click.option("--paper-dir", "paper_dirs", multiple=True, type=click.Path(file_okay=False),
              help="A paper folder whose statements to review (repeatable; default every paper).")
def review(statements_dir: str | None, paper_dirs: tuple[str, ...]) -> None:
    """List quotes shared by cross-paired statements (every subject with every object) for review:
    a list of several subjects and several objects may not pair each with each."""
    files = load_statement_files(statements_dir) if statements_dir else _statement_files(paper_dirs)
    flagged = cross_paired(files)
    for item in flagged:
        click.echo(item.describe())
    click.echo(f"{len(flagged)} quote(s) to review")


@click.command()
@click.option("--dataset", type=click.Path(dir_okay=False), default=None)
@click.option("--paper-dir", "paper_dirs", multiple=True, type=click.Path(file_okay=False),
              help="A paper folder to report on (repeatable; default the papers of data/papers/).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def coverage(dataset: str | None, paper_dirs: tuple[str, ...], fmt: str) -> None:
    """For every body paragraph of each paper: how many assertions cite it; list those with none."""
    ds = load_dataset(dataset)
    dirs = [click.format_filename(d) for d in paper_dirs] or discover_papers(DEFAULT_PAPERS_DIR)
    reports = [coverage_of(ds, load_paper_source(d)) for d in dirs]
    if fmt == "json":
        doc = {"ok": all(r.ok for r in reports), "papers": [r.to_dict() for r in reports]}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for report in reports:
            click.echo(f"paper {report.paper}")
            for row in report.rows:
                mark = "" if row.count else ("  (exempt: " + row.reason + ")" if row.reason else "  UNCOVERED")
                click.echo(f"  {row.paragraph:<10} {row.count:>4}{mark}")
            covered = len(report.rows) - len(report.uncovered)
            click.echo(f"  {report.paper}: {covered}/{len(report.rows)} body paragraphs covered; "
                       f"{len(report.uncovered)} uncovered, {len(report.unexplained)} without a reason")
    sys.exit(0 if all(r.ok for r in reports) else 1)


COMMANDS = (build, coverage, review)
