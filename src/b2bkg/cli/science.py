"""``b2bkg corpus bursts|clusters|mainpath|tag|compare``: options in, one function, JSON out."""

from __future__ import annotations

import json
from pathlib import Path

import click

from b2bkg.errors import BadRequest

__all__ = ["COMMANDS", "corpus"]


def _kg(dataset: str | None):
    from b2bkg import KnowledgeGraph

    return KnowledgeGraph(dataset)


def _records(kg):
    from b2bkg.science.sources import records

    return records(kg)


def _emit(data, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False))
        return
    rows = data if isinstance(data, list) else [data]
    for row in rows:
        click.echo("\t".join(str(v) for v in row.values()) if isinstance(row, dict) else str(row))


_dataset = click.option("--dataset", default=None, help="dataset file (default build/dataset.nq)")
_format = click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table")


@click.group("corpus")
def corpus() -> None:
    """Science mapping over the works in the graph (the corpus and the curated papers)."""


@corpus.command("bursts")
@click.option("--of", "of", type=click.Choice(["references", "keywords", "authors", "sources"]), default="references")
@click.option("-s", "s", type=float, default=2.0, show_default=True, help="burst state's share: s times the base's")
@click.option("--gamma", type=float, default=1.0, show_default=True, help="cost of entering a burst (x ln n)")
@click.option("--min-duration", type=int, default=1, show_default=True)
@_dataset
@_format
def bursts_command(of, s, gamma, min_duration, dataset, fmt) -> None:
    """Kleinberg bursts: [{label, begin, end, strength}]."""
    from b2bkg.science.service import burst_table

    try:
        with _kg(dataset) as kg:
            _emit(burst_table(_records(kg), of, s=s, gamma=gamma, min_duration=min_duration), fmt)
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc


@corpus.command("clusters")
@click.option("--network", type=click.Choice(["cocitation"]), default="cocitation")
@click.option("--unit", type=click.Choice(["references"]), default="references")
@click.option("--min-count", type=int, default=1, show_default=True, help="times a work is cited to be a node")
@click.option("--seed", type=int, default=13, show_default=True)
@_dataset
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json")
def clusters_command(network, unit, min_count, seed, dataset, fmt) -> None:
    """{modularity, silhouette, clusters: [{id, size, silhouette, labels: [{term, score, method}]}]}."""
    from b2bkg.science.service import clusters

    with _kg(dataset) as kg:
        _emit(clusters(_records(kg), min_count=min_count, seed=seed), fmt)


@corpus.command("mainpath")
@click.option("--weight", type=click.Choice(["spc", "splc", "spnp"]), default="spc", show_default=True)
@click.option("--key-routes", type=int, default=1, show_default=True)
@_dataset
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json")
def mainpath_command(weight, key_routes, dataset, fmt) -> None:
    """{paths: [[{label, year, spc}, …]], global, key_route, dropped}."""
    from b2bkg.science.service import main_paths

    try:
        with _kg(dataset) as kg:
            _emit(main_paths(_records(kg), weight=weight, key_routes=key_routes), fmt)
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc


@corpus.command("tag")
@click.option("--thesaurus", "thesaurus_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="VOSviewer thesaurus (label<TAB>replace by) to add synonyms, merge or ignore")
@click.option("--rdf", "rdf_out", type=click.Path(dir_okay=False), default=None,
              help="also write the tags as Web Annotations (Turtle) to this file")
@_dataset
@_format
def tag_command(thesaurus_file, rdf_out, dataset, fmt) -> None:
    """The curated papers' notions in the works: [{work, field, exact, entity, …}]."""
    from b2bkg.science.concepts import annotations
    from b2bkg.science.sources import thesaurus_labels
    from b2bkg.science.tagging import Thesaurus, ThesaurusError, tag_records

    text = Path(thesaurus_file).read_text(encoding="utf-8") if thesaurus_file else None
    with _kg(dataset) as kg:
        try:
            th = Thesaurus.from_labels(thesaurus_labels(kg), text)
        except ThesaurusError as exc:
            raise BadRequest(f"{thesaurus_file}: {exc}") from exc
        found = tag_records(th, _records(kg))
    if rdf_out:
        annotations(found).serialize(rdf_out, format="turtle")
    _emit([t.as_dict() for t in found], fmt)


@corpus.command("compare")
@_dataset
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "latex"]), default="csv")
def compare_command(dataset, fmt) -> None:
    """ORKG-style comparison of the curated papers (rows = properties, columns = papers)."""
    from b2bkg.science.compare import comparison, to_csv, to_latex

    with _kg(dataset) as kg:
        c = comparison(kg)
    click.echo(json.dumps(c.as_dict(), ensure_ascii=False, indent=1) if fmt == "json"
               else to_csv(c) if fmt == "csv" else to_latex(c), nl=False)


COMMANDS = (corpus,)
