"""What every command shares: the ``cli`` group and its options, the consoles, the error wrapper,
untrusted text made safe for rich markup, and the progress bar.

The commands live one group of verbs per module beside this one (``articles``, ``brief``,
``stories``, ``serve``) and register themselves on ``cli`` when ``crosswire.cli`` imports them.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from crosswire.errors import CrosswireError
from crosswire.settings import Settings, load_settings
from crosswire.store import Store, default_path
from crosswire.text import one_line

P = ParamSpec("P")
R = TypeVar("R")

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


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a CrosswireError into a one-line message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except CrosswireError as e:
            raise click.ClickException(one_line(str(e))) from e

    return wrapper


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


def progress_bar(*, quiet: bool) -> Progress:
    """A transient progress bar on stderr, shown only on a terminal (and not when ``quiet``)."""
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
