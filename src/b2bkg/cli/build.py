"""``b2bkg build`` and ``b2bkg coverage``."""

from __future__ import annotations

import json
import sys

import click

from b2bkg.build.claims import cross_paired
from b2bkg.build.coverage import coverage as coverage_of
from b2bkg.build.coverage import load_exemptions
from b2bkg.build.dataset import build_dataset, load_dataset
from b2bkg.sources.paper import load_paper
from b2bkg.sources.statements import load_statement_files

__all__ = ["COMMANDS", "build", "coverage", "review"]


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Where to write the dataset (default build/dataset.nq).")
@click.option("--no-reason", is_flag=True, help="Skip the reasoner (no inferences graph).")
@click.option("--statements", "statements_dir", type=click.Path(file_okay=False), default=None,
              help="Directory of statement files (default data/papers/wang-2025/statements).")
@click.option("--paper", "paper_path", type=click.Path(dir_okay=False), default=None,
              help="Canonical paper text (default data/papers/wang-2025/paper.txt).")
@click.option("--ontology-dir", type=click.Path(file_okay=False), default=None,
              help="Directory of the ontology's Turtle files (default ontology/).")
def build(output: str | None, no_reason: bool, statements_dir: str | None, paper_path: str | None,
          ontology_dir: str | None) -> None:
    """Compile paper text + statements into the dataset (sorted N-Quads, four named graphs)."""
    result = build_dataset(output, reason=not no_reason, statements_dir=statements_dir,
                           paper_path=paper_path, ontology_dir=ontology_dir)
    click.echo(f"wrote {result.path} (version {result.version})")
    for name, n in result.counts.items():
        click.echo(f"  graph {name:<11} {n:>6} triples")
    click.echo(f"  entities {result.entities}, statements {result.statements}, "
               f"citations {result.citations}, evidence quotes {result.quotes} (all verified)")
    click.echo(f"  reasoner: {result.reasoner}")
    flagged = cross_paired(load_statement_files(statements_dir))
    if flagged:
        click.echo(f"  {len(flagged)} quote(s) shared by cross-paired statements: review them with "
                   "'b2bkg review'")


@click.command()
@click.option("--statements", "statements_dir", type=click.Path(file_okay=False), default=None,
              help="Directory of statement files (default: the paper's statements).")
def review(statements_dir: str | None) -> None:
    """List quotes shared by cross-paired statements (every subject with every object) for review:
    a list of several subjects and several objects may not pair each with each."""
    flagged = cross_paired(load_statement_files(statements_dir))
    for item in flagged:
        click.echo(item.describe())
    click.echo(f"{len(flagged)} quote(s) to review")


@click.command()
@click.option("--dataset", type=click.Path(dir_okay=False), default=None)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def coverage(dataset: str | None, fmt: str) -> None:
    """For every body paragraph of §1–§7: how many assertions cite it; list those with none."""
    report = coverage_of(load_dataset(dataset), load_paper(), load_exemptions())
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for row in report.rows:
            mark = "" if row.count else ("  (exempt: " + row.reason + ")" if row.reason else "  UNCOVERED")
            click.echo(f"{row.paragraph:<10} {row.count:>4}{mark}")
        covered = len(report.rows) - len(report.uncovered)
        click.echo(f"{covered}/{len(report.rows)} body paragraphs covered; "
                   f"{len(report.uncovered)} uncovered, {len(report.unexplained)} without a reason")
    sys.exit(0 if report.ok else 1)


COMMANDS = (build, coverage, review)
