"""The ``crosswire`` command line: thin click commands over ``pipeline`` and ``store``.

Exit codes: 0 success; 1 an error, or some inputs could not be ingested (the rest were);
2 bad usage (click's own).
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from crosswire import pipeline
from crosswire.errors import CrosswireError
from crosswire.model import Article, to_dict
from crosswire.settings import Settings, load_settings
from crosswire.store import Store, default_path
from crosswire.text import one_line

F = TypeVar("F", bound=Callable[..., Any])
out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def safe(value: object) -> str:
    """Untrusted text (article fields, paths, URLs, reasons) for a rich markup string: one line, escaped."""
    return escape(one_line(value))


def reject_line(name: str, reason: str) -> str:
    """The one error line printed for an input that was not stored."""
    return f"[red]error:[/] {safe(name)}: {safe(reason)}"


class Context:
    def __init__(self, db: Path, config: Path | None) -> None:
        self.db = db
        self.config = config

    def settings(self) -> Settings:
        return load_settings(self.config)

    def store(self) -> Store:
        return Store.open(self.db)


def reports_errors(func: F) -> F:
    """Turn a CrosswireError into a one-line message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CrosswireError as e:
            raise click.ClickException(one_line(str(e))) from e

    return wrapper  # type: ignore[return-value]


class Group(click.Group):
    """A click group whose own options (``--db``, ``--config``) may also come after the command name:
    ``crosswire brief --db x.db`` is ``crosswire --db x.db brief``."""

    GLOBAL = ("--db", "--config")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_options(args, self.GLOBAL, commands=set(self.commands)))


def hoist_global_options(args: list[str], names: tuple[str, ...], *, commands: set[str]) -> list[str]:
    """``args`` with each of ``names`` (``--db X`` or ``--db=X``) found after the command name moved before it."""
    at = next((i for i, arg in enumerate(args) if arg in commands), None)
    if at is None:
        return args
    front, rest, moved = args[:at], [], []
    tail = iter(args[at:])
    for arg in tail:
        if arg == "--":
            rest += [arg, *tail]
            break
        if arg in names:
            value = next(tail, None)  # none: left for click to report the missing value
            moved += [arg] if value is None else [arg, value]
        elif arg.split("=", 1)[0] in names:
            moved.append(arg)
        else:
            rest.append(arg)
    return front + moved + rest


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="crosswire")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite store [default: $CROSSWIRE_DB or ./crosswire.db].",
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Settings file overriding the defaults [default: ./crosswire.toml if present].",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="Log details, and the traceback behind any 'unexpected error' line."
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None, config: Path | None, verbose: bool) -> None:
    """Cross-check many news reports of one story: what is confirmed, disputed, single-source, or filler.

    --db and --config may also come after the command's name.

    \b
    Example:
        crosswire ingest examples/harbour-spill
        crosswire sources
    """
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logging.getLogger("crosswire").addHandler(handler)
        logging.getLogger("crosswire").setLevel(logging.DEBUG)
    ctx.obj = Context(db or default_path(), config)


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
    with obj.store() as store, _progress(quiet=as_json) as progress:
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
        with _progress(quiet=False) as progress:
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
    from crosswire.report.article import render_article

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


def _progress(*, quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else "…" + text[-(width - 1) :]


def _register_more() -> None:
    from crosswire import (  # noqa: F401  (each adds its commands)
        cli_brief,  # `check` and `brief`
        cli_stories,  # `stories`, `watch` and `diff`
    )
    from crosswire.web import serve  # noqa: F401  `serve`


def main() -> None:
    cli(prog_name="crosswire")


_register_more()
