"""The science-mapping commands of ``b2bkg corpus …`` (bursts, clusters, mainpath, timeline,
slices, historiograph, thematic, tag, cooccurrence, concepts-by-year, related, compare): options
in, one :class:`b2bkg.science.view.ScienceView` method, JSON (or a table) out.

They are commands of the one ``corpus`` group: :data:`SCIENCE_COMMANDS` are added to it (with
the corpus import and networks, when those are in the CLI, the group holds both). Every command
reads the store the other commands read (``--dataset``, ``--store``, ``--store-path``,
``--endpoint`` and their ``B2BKG_*`` variables).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from b2bkg.cli.options import STORE_FLAGS, setting_options
from b2bkg.science.service import NORMALISATIONS

__all__ = ["COMMANDS", "SCIENCE_COMMANDS", "corpus"]

#: the network kinds and units (the corpus networks of docs/corpus.md)
KINDS = ("co-citation", "coupling", "co-authorship", "keywords", "direct-citation")
_DATASET = click.option("--dataset", default=None, type=click.Path(dir_okay=False),
                        help="Dataset file (default build/dataset.nq, built if missing).")


def _open(dataset, **store_flags):
    """The ``KnowledgeGraph`` of the store the options (or ``B2BKG_*`` variables) select."""
    from b2bkg.api import KnowledgeGraph
    from b2bkg.settings import load_settings
    from b2bkg.store import configured_backend

    settings = load_settings(store_flags)
    return KnowledgeGraph(dataset, store=configured_backend(settings), store_path=settings["store_path"],
                          endpoint=settings["endpoint"] or None, user=settings["remote_user"],
                          password=settings["remote_password"])


def _store_options(f):
    f = click.option("--name", "corpus", default=None, help="Corpus (default: every corpus).")(f)
    f = _DATASET(f)
    return setting_options(STORE_FLAGS)(f)


def _network_options(f):
    for option in (
        click.option("--seed", default=42, show_default=True, type=int, help="Louvain seed."),
        click.option("--resolution", default=1.0, show_default=True, type=float, help="Louvain resolution."),
        click.option("--top", "top_items", default=500, show_default=True, type=int,
                     help="Keep the N items with most occurrences."),
        click.option("--min-occurrences", default=1, show_default=True, type=int),
        click.option("--normalisation", type=click.Choice(NORMALISATIONS), default="association", show_default=True),
        click.option("--counting", type=click.Choice(["full", "fractional"]), default="full", show_default=True),
    ):
        f = option(f)
    return f


def _net(counting, normalisation, min_occurrences, top_items, resolution, seed) -> dict:
    return {"counting": counting, "normalisation": normalisation, "min_occurrences": min_occurrences,
            "top": top_items, "resolution": resolution, "seed": seed}


def _emit(data, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    rows = data if isinstance(data, list) else [data]
    for row in rows:
        if isinstance(row, dict):
            click.echo("\t".join(json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else str(v)
                                 for v in row.values()))
        else:
            click.echo(str(row))


_FORMAT = click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
_JSON = click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
_THESAURUS = click.option("--thesaurus", "thesaurus_file", type=click.Path(exists=True, dir_okay=False), default=None,
                          help="VOSviewer thesaurus (label<TAB>replace by) to add synonyms, merge or ignore")


def _text(path: str | None) -> str | None:
    return Path(path).read_text(encoding="utf-8") if path else None


@click.command("bursts")
@click.option("--of", "of", type=click.Choice(["references", "keywords", "authors", "sources"]), default="references",
              show_default=True)
@click.option("-s", "s", type=float, default=2.0, show_default=True, help="burst state's rate: s times the base rate")
@click.option("--gamma", type=float, default=1.0, show_default=True, help="cost of entering a burst (x ln n)")
@click.option("--min-duration", type=int, default=1, show_default=True)
@click.option("--top", type=int, default=None, help="Only the N strongest bursts.")
@_store_options
@_FORMAT
def bursts_command(of, s, gamma, min_duration, top, dataset, corpus, fmt, **store_flags) -> None:
    """Kleinberg bursts: [{label, begin, end, strength, count}] strongest first."""
    with _open(dataset, **store_flags) as kg:
        _emit(kg.science.bursts(of, corpus=corpus, s=s, gamma=gamma, min_duration=min_duration, top=top), fmt)


@click.command("clusters")
@click.option("--network", "kind", type=click.Choice(KINDS),
              default="co-citation", show_default=True)
@click.option("--unit", default="references", show_default=True,
              help="The network's unit (see b2bkg corpus network --help).")
@click.option("--terms", "top_terms", default=5, show_default=True, type=int, help="Label terms per method.")
@_network_options
@_store_options
@_JSON
def clusters_command(kind, unit, top_terms, counting, normalisation, min_occurrences, top_items, resolution, seed,
                     dataset, corpus, fmt, **store_flags) -> None:
    """{modularity, silhouette, clusters: [{id, size, silhouette, labels: [{term, score, method}]}]}."""
    with _open(dataset, **store_flags) as kg:
        _emit(kg.science.clusters(kind, unit, corpus=corpus, top_terms=top_terms,
                                  **_net(counting, normalisation, min_occurrences, top_items, resolution, seed)), fmt)


@click.command("mainpath")
@click.option("--weight", type=click.Choice(["spc", "splc", "spnp"]), default="spc", show_default=True)
@click.option("--key-routes", type=int, default=1, show_default=True)
@_store_options
@_JSON
def mainpath_command(weight, key_routes, dataset, corpus, fmt, **store_flags) -> None:
    """{paths: [[{label, year, spc}, …]], global, key_route, dropped}."""
    with _open(dataset, **store_flags) as kg:
        _emit(kg.science.mainpath(corpus=corpus, weight=weight, key_routes=key_routes), fmt)


@click.command("timeline")
@_network_options
@_store_options
@_JSON
def timeline_command(counting, normalisation, min_occurrences, top_items, resolution, seed, dataset, corpus, fmt,
                     **store_flags) -> None:
    """Co-citation clusters on the time axis: the citations each received per year, its members
    with their years, the curated papers' references placed on it."""
    with _open(dataset, **store_flags) as kg:
        _emit(kg.science.timeline(corpus=corpus,
                                  **_net(counting, normalisation, min_occurrences, top_items, resolution, seed)), fmt)


@click.command("slices")
@click.option("--years", "years_per_slice", default=1, show_default=True, type=int, help="Years per slice.")
@click.option("--top", default=50, show_default=True, type=int, help="References per slice (most cited).")
@_store_options
@_FORMAT
def slices_command(years_per_slice, top, dataset, corpus, fmt, **store_flags) -> None:
    """Time slices: per slice, the co-citation network of its most cited references."""
    with _open(dataset, **store_flags) as kg:
        _emit(kg.science.slices(corpus=corpus, years_per_slice=years_per_slice, top=top), fmt)


@click.command("historiograph")
@click.option("--top", default=20, show_default=True, type=int, help="Most locally cited documents.")
@_store_options
@_JSON
def historiograph_command(top, dataset, corpus, fmt, **store_flags) -> None:
    """The most locally cited documents and their citation links, by year."""
    with _open(dataset, **store_flags) as kg:
        _emit(kg.science.historiograph(corpus=corpus, top=top), fmt)


@click.command("thematic")
@click.option("--unit", type=click.Choice(["author", "indexed"]), default="author", show_default=True,
              help="Author keywords or indexed keywords.")
@_network_options
@_store_options
@_JSON
def thematic_command(unit, counting, normalisation, min_occurrences, top_items, resolution, seed, dataset, corpus,
                     fmt, **store_flags) -> None:
    """Thematic map: keyword clusters by Callon centrality and density, with their quadrant."""
    with _open(dataset, **store_flags) as kg:
        _emit(kg.science.thematic(corpus=corpus, unit=unit,
                                  **_net(counting, normalisation, min_occurrences, top_items, resolution, seed)), fmt)


@click.command("tag")
@_THESAURUS
@click.option("--rdf", "rdf_out", type=click.Path(dir_okay=False), default=None,
              help="also write the tags as Web Annotations (Turtle) to this file")
@click.option("--query", "query", default=None, help="Only tags of notions whose label (en/zh) contains this.")
@click.option("--entity", default=None, help="Only the tags of this entity IRI.")
@_store_options
@_FORMAT
def tag_command(thesaurus_file, rdf_out, query, entity, dataset, corpus, fmt, **store_flags) -> None:
    """The curated papers' notions in the works: [{work, field, exact, entity, …}]."""
    from b2bkg.science.concepts import annotations
    from b2bkg.science.tagging import Tag

    with _open(dataset, **store_flags) as kg:
        rows = kg.science.tags(corpus=corpus, thesaurus_text=_text(thesaurus_file), query=query, entity=entity)
    if rdf_out:
        fields = Tag.__dataclass_fields__
        annotations([Tag(**{k: r[k] for k in fields}) for r in rows]).serialize(rdf_out, format="turtle")
    _emit(rows, fmt)


@click.command("cooccurrence")
@_THESAURUS
@_store_options
@_FORMAT
def cooccurrence_command(thesaurus_file, dataset, corpus, fmt, **store_flags) -> None:
    """Concept co-occurrence: [{source, target, weight}] (records tagged with both)."""
    with _open(dataset, **store_flags) as kg:
        _emit(kg.science.cooccurrence(corpus=corpus, thesaurus_text=_text(thesaurus_file)), fmt)


@click.command("concepts-by-year")
@_THESAURUS
@_store_options
@_FORMAT
def concepts_by_year_command(thesaurus_file, dataset, corpus, fmt, **store_flags) -> None:
    """Per notion, the records tagged with it each year."""
    with _open(dataset, **store_flags) as kg:
        _emit(kg.science.concepts_by_year(corpus=corpus, thesaurus_text=_text(thesaurus_file)), fmt)


@click.command("related")
@click.option("--paper", default=None, help="A curated paper's IRI (default: every curated paper).")
@click.option("--limit", default=50, show_default=True, type=int)
@_THESAURUS
@_store_options
@_JSON
def related_command(paper, limit, thesaurus_file, dataset, corpus, fmt, **store_flags) -> None:
    """Per curated paper, the corpus works discussing its notions (the shared notions named)."""
    with _open(dataset, **store_flags) as kg:
        _emit(kg.science.related(corpus=corpus, paper=paper, limit=limit, thesaurus_text=_text(thesaurus_file)), fmt)


@click.command("compare")
@_DATASET
@setting_options(STORE_FLAGS)
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "latex"]), default="csv", show_default=True)
def compare_command(dataset, fmt, **store_flags) -> None:
    """ORKG-style comparison of the curated papers (rows = properties, columns = papers)."""
    from b2bkg.science.compare import to_csv, to_latex

    with _open(dataset, **store_flags) as kg:
        c = kg.science.compare()
    click.echo(json.dumps(c.as_dict(), ensure_ascii=False, indent=1) if fmt == "json"
               else to_csv(c) if fmt == "csv" else to_latex(c), nl=False)


SCIENCE_COMMANDS = (bursts_command, clusters_command, mainpath_command, timeline_command, slices_command,
            historiograph_command, thematic_command, tag_command, cooccurrence_command, concepts_by_year_command,
            related_command, compare_command)


@click.group("corpus")
def corpus() -> None:
    """A literature corpus: import, list, remove, summary, network, export (b2bkg.cli.corpus) and science
    mapping over its works and the curated papers' literature."""


for _command in SCIENCE_COMMANDS:
    corpus.add_command(_command)

COMMANDS = (corpus,)
