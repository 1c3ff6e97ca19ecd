"""The article commands: ``ingest``, ``sources``, ``extract`` and ``show``."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click
from rich import box
from rich.table import Table
from rich.text import Text

from crosswire import pipeline
from crosswire.cli._common import Context, cli, err, out, progress_bar, reject_line, reports_errors, safe
from crosswire.model import Article, to_dict
from crosswire.report.article import render_article
from crosswire.store import Store
from crosswire.text import one_line


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=KEY",
    help="JSON(L) field mapping, e.g. --field text=body --field date=pubDate (repeatable).",
)
@click.option("--allow-private", is_flag=True, help="Allow URLs on loopback and private network addresses.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per input instead of a summary.")
@click.pass_obj
@reports_errors
def ingest(obj: Context, inputs: tuple[str, ...], fields: tuple[str, ...], allow_private: bool, as_json: bool) -> None:
    """Store articles from files, folders, JSON(L), saved HTML, URLs or RSS/Atom feeds.

    Re-running on the same inputs stores nothing new. A bad input is reported on one line
    and the rest go on; the exit code is 1 when any input failed.

    \b
    Example:
        crosswire ingest ../shared/corpus/seeds
        crosswire ingest feed.jsonl --field text=body
        crosswire ingest https://example.org/news/feed.xml
    """
    mapping = _parse_fields(fields)
    counts: Counter[str] = Counter()
    with obj.store() as store, progress_bar(quiet=as_json) as progress:
        task = progress.add_task("ingesting", total=None)
        for outcome in pipeline.run_ingest(
            store, inputs, settings=obj.settings(), fields=mapping, allow_private=allow_private
        ):
            counts[outcome.status] += 1
            progress.update(task, advance=1, description=f"ingesting [dim]{safe(_short(outcome.input))}")
            if as_json:
                out.print_json(json.dumps(outcome.__dict__), indent=None)
            elif outcome.status == "rejected":
                progress.console.print(reject_line(outcome.input, outcome.detail), highlight=False)
            for note in outcome.notes if not as_json else ():
                progress.console.print(f"[yellow]note:[/] {safe(outcome.input)}: {safe(note)}", highlight=False)
        total = store.count_articles()
    if not as_json:
        err.print(
            f"{counts['stored']} stored, {counts['exists']} already stored, {counts['copy']} identical copies, "
            f"{counts['rejected']} failed; {total} articles in {safe(obj.db)}"
        )
    if counts["rejected"]:
        sys.exit(1)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
@reports_errors
def sources(obj: Context, as_json: bool) -> None:
    """List stored articles with source, date, words and syndication group.

    \b
    Example:
        crosswire sources --json
    """
    with obj.store() as store:
        articles = store.articles()
    if as_json:
        click.echo(json.dumps([_source_row(a) for a in articles], indent=2, ensure_ascii=False))
        return
    if not articles:
        err.print(f"No articles in {safe(obj.db)}. Add some with: crosswire ingest PATH")
        return
    table = Table(title=f"{len(articles)} articles in {safe(obj.db)}", title_justify="left", box=box.SIMPLE_HEAD)
    for name, width in (("id", 8), ("source", 12), ("date", 10), ("words", 5), ("copy of", 8)):
        table.add_column(name, no_wrap=True, max_width=max(width, 22))
    table.add_column("title", overflow="fold")
    for article in articles:
        row = _source_row(article)
        group = Text(one_line(row["dup_group"][:8]), "yellow") if row["dup_group"] else "—"
        table.add_row(
            article.id[:8],
            Text(one_line(row["source"])),
            Text(one_line(row["published_at"] or "—")[:10]),
            str(row["words"]),
            group,
            Text(one_line(row["title"] or "")),
        )
    out.print(table)


@cli.command()
@click.argument("articles", nargs=-1)
@click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes for spaCy (2 uses both cores here).",
)
@click.option("--batch-size", type=click.IntRange(1, 1000), default=16, show_default=True)
@click.pass_obj
@reports_errors
def extract(obj: Context, articles: tuple[str, ...], processes: int, batch_size: int) -> None:
    """Extract sentences, people, figures, dates, quotes and claims from stored articles.

    Only articles not yet extracted by the current extractor version are processed; ARTICLES
    (id prefixes, paths or URLs) limits the run to those.

    \b
    Example:
        crosswire extract --processes 2
    """
    with obj.store() as store:
        ids = _resolve_ids(store, articles) if articles else None
        total = pipeline.pending_extractions(store, ids)
        with progress_bar(quiet=False) as progress:
            task = progress.add_task("extracting", total=total)
            done = pipeline.run_extract(
                store,
                ids,
                processes=processes,
                batch_size=batch_size,
                on_done=lambda e: progress.update(task, advance=1),
                max_chars=obj.settings().max_extract_chars,
            )
    err.print(f"{done} articles extracted" if done else "everything is already extracted")


@cli.command()
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="Print the article and its extraction as JSON.")
@click.pass_obj
@reports_errors
def show(obj: Context, article: str, as_json: bool) -> None:
    """Print one article with what was extracted from it, colour-coded.

    ARTICLE is an id (or unique prefix), a path or a URL it was ingested from.

    \b
    Example:
        crosswire show 9fe6
    """
    with obj.store() as store:
        [article_id] = _resolve_ids(store, (article,))
        pipeline.run_extract(store, [article_id], max_chars=obj.settings().max_extract_chars)
        [found] = store.articles([article_id])
        extraction = store.extractions([article_id])[article_id]
    if as_json:
        click.echo(
            json.dumps({"article": to_dict(found), "extraction": to_dict(extraction)}, indent=2, ensure_ascii=False)
        )
        return
    render_article(found, extraction, out)


def _resolve_ids(store: Store, names: tuple[str, ...]) -> list[str]:
    ids = []
    for name in names:
        found = store.find_articles(name)
        if not found:
            raise click.ClickException(f"{one_line(name)}: no stored article has this id, path or URL")
        if len(found) > 1 and not any(a.id == name for a in found):
            raise click.ClickException(f"{one_line(name)}: ambiguous, matches {', '.join(a.id[:8] for a in found[:5])}")
        ids.append(found[0].id)
    return ids


def _source_row(article: Article) -> dict[str, Any]:
    row = to_dict(article)
    del row["text"]
    row["source"] = article.source or Path(article.url or "?").name
    row["words"] = article.words
    return row


def _parse_fields(fields: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for item in fields:
        name, sep, key = item.partition("=")
        if not sep or not name or not key:
            raise click.BadParameter(f"{item!r} is not NAME=KEY", param_hint="--field")
        mapping[name.strip()] = key.strip()
    return mapping


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else "…" + text[-(width - 1) :]
