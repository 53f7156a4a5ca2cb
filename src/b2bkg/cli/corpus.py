"""``b2bkg corpus import|list|remove|summary|network|export|vosviewer-read``: the literature corpus.

These are subcommands of the one ``corpus`` group (``b2bkg.cli.science``, which adds the
science-mapping commands: bursts, clusters, mainpath, tag, compare)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from b2bkg.cli.science import corpus as _science_corpus
from b2bkg.corpus.exports import NETWORK_FORMATS, RECORD_FORMATS, export_network, export_records
from b2bkg.corpus.network import KINDS, NORMALISATIONS, PAIR_SUMS
from b2bkg.corpus.persist import corpus_dir, import_corpus, list_corpora, remove_corpus
from b2bkg.corpus.read import FORMATS

__all__ = ["COMMANDS", "SUBCOMMANDS"]

_DIR = click.option("--dir", "directory", default=None, type=click.Path(file_okay=False),
                    help="Corpus directory. [env B2BKG_CORPUS_DIR; default var/corpus]")
_DATASET = click.option("--dataset", default=None, type=click.Path(dir_okay=False),
                        help="Dataset file (default build/dataset.nq); the imports are added to it.")
_STORE = click.option("--store", "store", default=None, help="memory, oxigraph or remote. [env B2BKG_STORE]")
_STORE_PATH = click.option("--store-path", default=None, help="Directory of the oxigraph store.")
_ENDPOINT = click.option("--endpoint", default=None, help="SPARQL endpoint of the remote store.")


def _open(dataset, store, store_path, endpoint):
    """A KnowledgeGraph on the configured store (the imports included)."""
    from b2bkg.api import KnowledgeGraph
    from b2bkg.settings import load_settings
    from b2bkg.store import configured_backend

    settings = load_settings({"store": store, "store_path": store_path, "endpoint": endpoint})
    return KnowledgeGraph(dataset, store=configured_backend(settings), store_path=settings["store_path"],
                          endpoint=settings["endpoint"] or None, user=settings["remote_user"],
                          password=settings["remote_password"])


def _print_report(report: dict) -> None:
    click.echo(f"corpus {report['name']}: graph <{report['graph']}>")
    for f in report["files"]:
        click.echo(f"  {f['file']} ({f['format']}): {f['records_read']} records read, "
                   f"{f['records_imported']} imported, {f['refused']} refused")
    click.echo(f"records read {report['records_read']}, imported {report['records_imported']}, "
               f"refused {len(report['records_refused'])}")
    for problem in report["records_refused"]:
        click.echo(f"  refused: {problem}")
    click.echo(f"works created {report['works_created']} (documents), merged {report['merged_count']}, "
               f"cited works {report['cited_works']}")
    for m in report["merged"]:
        click.echo(f"  merged: {m['merged']} into {m['into']} ({m['rule']}, {m['score']}) -> {m['work']}")
    click.echo(f"references parsed {report['references_parsed']}, matched {report['references_matched']}, "
               f"rejected {report['references_rejected']}")
    for reason, n in report["references_rejected_by_reason"].items():
        click.echo(f"  rejected: {n} x {reason}")
    click.echo(f"{report['triples']} triples -> {report['path']}")


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
              help="Format of every file (default: detected from each file's content).")
@click.option("--name", default=None, help="Corpus name (default: the first file's name).")
@click.option("--output", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--match-store/--no-match-store", default=False,
              help="Match references against the works already in the store (the papers' references, other "
                   "imports); opens the store first.")
@_DIR
@_DATASET
def import_command(files, fmt, name, output, match_store, directory, dataset) -> None:
    """Import FILE… as one corpus (one named graph); prints the import report."""
    known_dois = known_keys = None
    if match_store:
        from b2bkg.corpus.service import known_works

        with _open(dataset, None, None, None) as kg:
            known_dois, known_keys = known_works(kg.store)
    report = import_corpus(list(files), name, fmt=fmt, directory=directory, known_dois=known_dois,
                           known_keys=known_keys).as_dict()
    if output == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        _print_report(report)


@click.command("list")
@click.option("--output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_DIR
def list_command(output, directory) -> None:
    """The imports in the corpus directory with their counts."""
    rows = list_corpora(directory)
    if output == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        click.echo(f"no corpus imported in {corpus_dir(directory)}")
    for r in rows:
        click.echo(f"{r['name']}: {r['records_imported']} records, {r['works_created']} works, "
                   f"{r['merged_count']} merged, {r['references_parsed']} references, {r['triples']} triples "
                   f"({', '.join(Path(f['file']).name for f in r['files'])})")


@click.command("remove")
@click.argument("name")
@_DIR
def remove_command(name, directory) -> None:
    """Take the import NAME out of the corpus directory (and so out of every store opened after)."""
    entry = remove_corpus(name, directory)
    click.echo(f"removed corpus {name} ({entry.get('triples', 0)} triples)")


def _text_summary(s: dict) -> str:
    lines = [f"corpus {s['corpus']}"]
    for key in ("documents", "sources", "timespan", "annual_growth_rate_pct", "document_average_age",
                "average_citations_per_document", "references_distinct", "reference_entries", "authors_distinct",
                "author_appearances", "single_authored_documents", "co_authors_per_document",
                "author_keywords_distinct", "indexed_keywords_distinct"):
        lines.append(f"  {key.replace('_', ' ')}: {s[key]}")
    lines.append("  annual production: " + ", ".join(f"{y} {n}" for y, n in s["annual_production"].items()))
    lines.append("  document types: " + ", ".join(f"{t} {n}" for t, n in s["document_types"].items()))
    for key in ("top_authors", "top_sources", "top_cited_references", "top_countries", "top_author_keywords",
                "top_indexed_keywords"):
        lines.append(f"  {key.replace('_', ' ')}:")
        lines += [f"    {e['count']:>5}  {e['label']}" for e in s[key]]
    return "\n".join(lines)


@click.command("summary")
@click.option("--name", default=None, help="Corpus (default: every corpus in the store together).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--top", default=10, show_default=True, help="Length of the top lists.")
@_DATASET
@_STORE
@_STORE_PATH
@_ENDPOINT
def summary_command(name, fmt, top, dataset, store, store_path, endpoint) -> None:
    """Main information of the corpus (bibliometrix conventions; see docs/corpus.md)."""
    with _open(dataset, store, store_path, endpoint) as kg:
        s = kg.corpus.summary(name, top=top)
    click.echo(json.dumps(s, ensure_ascii=False, indent=1) if fmt == "json" else _text_summary(s))


@click.command("network")
@click.argument("kind", type=click.Choice(list(KINDS)))
@click.option("--unit", required=True, help="references, authors, sources, documents, countries, institutions, "
                                            "author, indexed, terms (see docs/corpus.md for which kind has which).")
@click.option("--name", default=None, help="Corpus (default: every corpus).")
@click.option("--counting", type=click.Choice(["full", "fractional"]), default="full", show_default=True)
@click.option("--normalisation", type=click.Choice(NORMALISATIONS), default="association", show_default=True)
@click.option("--min-occurrences", default=1, show_default=True, type=int)
@click.option("--top", default=500, show_default=True, type=int, help="Keep the N items with most occurrences.")
@click.option("--resolution", default=1.0, show_default=True, type=float, help="Leiden resolution (modularity).")
@click.option("--seed", default=42, show_default=True, type=int)
@click.option("--format", "fmt", type=click.Choice(["table", *NETWORK_FORMATS]), default="table", show_default=True)
@click.option("--out", "out", default=None, type=click.Path(dir_okay=False), help="Write to this file.")
@click.option("--thesaurus", default=None, type=click.Path(exists=True, dir_okay=False),
              help="A VOSviewer thesaurus file (label<TAB>replace by), for --unit terms.")
@click.option("--pair-sums", type=click.Choice(PAIR_SUMS), default="auto", show_default=True,
              help="Who adds up the pairs: the store (one GROUP BY query; on the remote store one per slice "
                   "of the items past its bound), Python (past a million (group, pair) rows, a sparse product "
                   "of the (group, item) incidence the store returns), or auto: the store unless the rows pass "
                   "what its GROUP BY gets through in about a minute (docs/corpus.md).")
@_DATASET
@_STORE
@_STORE_PATH
@_ENDPOINT
def network_command(kind, unit, name, counting, normalisation, min_occurrences, top, resolution, seed, fmt, out,
                    thesaurus, pair_sums, dataset, store, store_path, endpoint) -> None:
    """A bibliometric network: counted in the store, clustered with seeded Leiden."""
    from b2bkg.corpus.terms import read_thesaurus

    words = read_thesaurus(Path(thesaurus).read_text(encoding="utf-8")) if thesaurus else None
    with _open(dataset, store, store_path, endpoint) as kg:
        net = kg.corpus.network(kind, unit, corpus=name, counting=counting, normalisation=normalisation,
                                min_occurrences=min_occurrences, top=top, resolution=resolution, seed=seed,
                                thesaurus=words, pair_sums=pair_sums)
    if fmt == "table":
        text = (f"{kind} / {unit}: {len(net.nodes)} nodes of {net.items_total}, {len(net.links)} links, "
                f"{net.clusters} clusters, modularity {net.modularity}\n"
                "cluster  occurrences  links  total link strength  avg year  label\n"
                + "".join(f"{n['cluster']:>7}  {n['occurrences']:>11}  {n['links']:>5}  {n['total_link_strength']:>19}"
                          f"  {n['avg_year'] if n['avg_year'] is not None else '':>8}  {n['label']}\n"
                          for n in net.nodes))
    else:
        text = export_network(net, fmt)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")
    else:
        sys.stdout.write(text)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(RECORD_FORMATS), required=True)
@click.option("--name", default=None, help="Corpus (default: every corpus).")
@click.option("--out", "out", default=None, type=click.Path(dir_okay=False))
@_DATASET
@_STORE
@_STORE_PATH
@_ENDPOINT
def export_command(fmt, name, out, dataset, store, store_path, endpoint) -> None:
    """The corpus documents as BibTeX, RIS or CSL-JSON."""
    with _open(dataset, store, store_path, endpoint) as kg:
        kg.corpus.check(name)
        text = export_records(kg.corpus.records(name), fmt)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")
    else:
        sys.stdout.write(text)


@click.command("vosviewer-read")
@click.argument("map_file", type=click.Path(exists=True, dir_okay=False))
@click.argument("network_file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out", default=None, type=click.Path(dir_okay=False),
              help="Write the VOSviewer JSON of the files here.")
def vosviewer_read_command(map_file, network_file, out) -> None:
    """Read a VOSviewer map (and network) file: print its counts, or convert it to VOSviewer JSON."""
    from b2bkg.corpus.vosviewer import read_map, read_network, to_json

    items = read_map(map_file)
    links, selfs = read_network(network_file) if network_file else ([], {})
    if out:
        Path(out).write_text(json.dumps(to_json(items, links), ensure_ascii=False, indent=1), encoding="utf-8")
    clusters = len({i.get("cluster") for i in items if i.get("cluster") is not None})
    weights = sorted({k for i in items for k in i["weights"]})
    click.echo(f"{len(items)} items, {clusters} clusters, {len(links)} links, {len(selfs)} self pairs; "
               f"weights: {', '.join(weights) or 'none'}")




#: these join the ``corpus`` group of ``b2bkg.cli.science`` (one group for every corpus command),
#: so this module registers no top-level command of its own
SUBCOMMANDS = (import_command, list_command, remove_command, summary_command, network_command, export_command,
               vosviewer_read_command)
for _command in SUBCOMMANDS:
    _science_corpus.add_command(_command)
COMMANDS = ()
