"""The ``check`` and ``brief`` commands: from articles to a sourced brief, with progress on the way."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from crosswire import pipeline
from crosswire.cli import Context, _progress, cli, err, out, reject_line, reports_errors, safe
from crosswire.model import Article, CheckResult, Story, to_dict
from crosswire.settings import Settings
from crosswire.store import Store

if TYPE_CHECKING:
    from crosswire.report import Brief

FORMATS = ("terminal", "md", "html", "json")


def _story_articles(
    obj: Context, store: Store, inputs: Sequence[str], story_id: str | None, allow_private: bool
) -> tuple[list[str], int]:
    """Ingest ``inputs`` (reusing stored articles) and return the ids they make up, plus failures."""
    if story_id:
        stories = {s.id: s for s in store.stories()}
        check = store.load_check(story_id)
        if story_id in stories:
            return list(stories[story_id].article_ids), 0
        if check is not None:
            return list(check.article_ids), 0
        raise click.ClickException(f"--story {story_id}: no such story (see: crosswire stories)")
    if not inputs:
        return [a.id for a in store.articles()], 0
    ids: list[str] = []
    failed = 0
    with _progress(quiet=False) as progress:
        task = progress.add_task("ingesting", total=None)
        for outcome in pipeline.run_ingest(store, inputs, settings=obj.settings(), allow_private=allow_private):
            progress.update(task, advance=1)
            if outcome.status == "rejected":
                failed += 1
                progress.console.print(reject_line(outcome.input, outcome.detail), highlight=False)
            elif outcome.article_id and outcome.article_id not in ids:
                ids.append(outcome.article_id)
    return ids, failed


def _extract_and_check(
    store: Store,
    ids: list[str],
    *,
    processes: int,
    min_confidence: float | None,
    settings: Settings,
    story: Story | None = None,
) -> tuple[Story, CheckResult, pipeline.StoryData]:
    total = pipeline.pending_extractions(store, ids)
    with _progress(quiet=False) as progress:
        if total:
            task = progress.add_task("extracting", total=total)
            pipeline.run_extract(store, ids, processes=processes, on_done=lambda e: progress.update(task, advance=1),
                                 max_chars=settings.max_extract_chars)
        progress.add_task("cross-checking", total=None)
        story = story or pipeline.story_of(store.articles(ids))
        loaded = pipeline.load_story(store, story)
        check = pipeline.run_check(store, story, min_confidence=min_confidence, settings=settings, loaded=loaded)
    return story, check, loaded


F = TypeVar("F", bound=Callable[..., Any])


def _check_options(func: F) -> F:
    """The options `check` and `brief` share: confidence threshold, processes, private addresses."""
    for option in reversed(
        [
            click.option(
                "--min-confidence",
                type=click.FloatRange(0, 1),
                default=None,
                help="Report contradictions at or above this confidence [default: 0.75].",
            ),
            click.option("--processes", type=click.IntRange(1, 64), default=1, show_default=True),
            click.option("--allow-private", is_flag=True, help="Allow URLs on loopback and private network addresses."),
        ]
    ):
        func = option(func)
    return func


@cli.command()
@click.argument("inputs", nargs=-1)
@click.option("--story", "story_id", help="Check a stored story by id instead of INPUTS.")
@_check_options
@click.option("--json", "as_json", is_flag=True, help="Print the check result as JSON.")
@click.pass_obj
@reports_errors
def check(
    obj: Context,
    inputs: tuple[str, ...],
    story_id: str | None,
    min_confidence: float | None,
    processes: int,
    allow_private: bool,
    as_json: bool,
) -> None:
    """Cross-check a story: facts with their independent sources, and typed contradictions.

    INPUTS (paths, URLs) are ingested first; without them every stored article is one story.

    \b
    Example:
        crosswire check ../shared/corpus/seeds
    """
    with obj.store() as store:
        ids, failed = _story_articles(obj, store, inputs, story_id, allow_private)
        if not ids:
            raise click.ClickException("no articles to check; give paths or URLs, or ingest some first")
        story, result, _ = _extract_and_check(
            store, ids, processes=processes, min_confidence=min_confidence, settings=obj.settings()
        )
    if as_json:
        click.echo(json.dumps(to_dict(result), indent=2, ensure_ascii=False))
    else:
        confirmed = sum(f.status == "confirmed" for f in result.facts)
        out.print(
            f"[bold]{safe(story.headline)}[/] ({safe(story.id)}): {len(ids)} articles, {len(result.facts)} facts, "
            f"{confirmed} confirmed, {len(result.contradictions)} contradictions"
        )
        for c in result.contradictions:
            values = " vs ".join(repr(side.value) for side in c.sides)
            out.print(f"  [red]{safe(c.kind)}[/] {safe(c.subject)}: {safe(values)} — {safe(c.explanation)}")
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("brief"),
    show_default=True,
    help="Folder for brief.md, brief.html and brief.json.",
)
@click.option(
    "--format",
    "formats",
    default="terminal,md,html,json",
    show_default=True,
    help="Comma-separated: terminal, md, html, json.",
)
@click.option("--story", "story_id", help="Brief a stored story by id instead of INPUTS.")
@_check_options
@click.pass_obj
@reports_errors
def brief(
    obj: Context,
    inputs: tuple[str, ...],
    out_dir: Path,
    formats: str,
    story_id: str | None,
    min_confidence: float | None,
    processes: int,
    allow_private: bool,
) -> None:
    """Write a sourced key-takeaways brief: confirmed facts, disputes with evidence, claims to verify.

    INPUTS (files, folders, URLs, feeds) are ingested first, reusing what is stored, and briefed
    together as one story. Without INPUTS every stored article is briefed, and when they form
    several stories each story is briefed into OUT/<story-id>/ with an index page OUT/index.html;
    --story ID briefs one.

    \b
    Example:
        crosswire brief ../shared/corpus/seeds --out brief/
        crosswire brief --format md,json
    """

    wanted = _parse_formats(formats)
    with obj.store() as store:
        ids, failed = _story_articles(obj, store, inputs, story_id, allow_private)
        if not ids:
            raise click.ClickException("no articles to brief; give paths or URLs, or ingest some first")
        clustered = pipeline.run_stories(store)
        many = clustered if not story_id and not inputs else []  # INPUTS given: briefed together
        if len(many) > 1:
            _brief_each(
                store,
                many,
                out_dir,
                wanted,
                processes=processes,
                min_confidence=min_confidence,
                settings=obj.settings(),
            )
            sys.exit(1 if failed else 0)
        story, result, loaded = _extract_and_check(
            store,
            ids,
            processes=processes,
            min_confidence=min_confidence,
            settings=obj.settings(),
            story=next((s for s in clustered if s.id == story_id), None),
        )
        generated_at = datetime.now(UTC).replace(microsecond=0).isoformat()
        the_brief = pipeline.build_story_brief(
            store, story, result, generated_at=generated_at, history=True, loaded=loaded
        )
        articles = loaded[0]
    written = _render(the_brief, articles, out_dir, wanted)
    if written:
        err.print("wrote " + ", ".join(safe(p) for p in written))
    sys.exit(1 if failed else 0)


def _brief_each(
    store: Store,
    stories: Sequence[Story],
    out_dir: Path,
    wanted: set[str],
    *,
    processes: int,
    min_confidence: float | None,
    settings: Settings,
) -> None:
    """Brief several stories, each into ``OUT/<story-id>/``, plus ``OUT/index.html`` linking them."""
    from crosswire import report

    generated_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    briefs, written = [], []
    for one in stories:
        story, result, loaded = _extract_and_check(
            store,
            list(one.article_ids),
            processes=processes,
            min_confidence=min_confidence,
            settings=settings,
            story=one,
        )
        the_brief = pipeline.build_story_brief(
            store, story, result, generated_at=generated_at, history=True, loaded=loaded
        )
        articles = loaded[0]
        written += _render(the_brief, articles, out_dir / story.id, wanted)
        briefs.append(the_brief)
    written.append(_write(out_dir / "index.html", report.render_index_html(briefs)))
    err.print(f"{len(stories)} stories: wrote {len(written)} files; start at {safe(out_dir / 'index.html')}")


def _render(the_brief: Brief, articles: Sequence[Article], folder: Path, wanted: set[str]) -> list[Path]:
    """Write the wanted formats of one brief into ``folder`` (and print it when "terminal" is wanted)."""
    from crosswire import report

    written = []
    if wanted - {"terminal"}:
        folder.mkdir(parents=True, exist_ok=True)
    if "md" in wanted:
        written.append(_write(folder / "brief.md", report.render_markdown(the_brief)))
    if "html" in wanted:
        written.append(_write(folder / "brief.html", report.render_html(the_brief, {a.id: a for a in articles})))
    if "json" in wanted:
        data = report.render_json([the_brief], articles)
        written.append(_write(folder / "brief.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n"))
    if "terminal" in wanted:
        report.render_terminal(the_brief, out)
    return written


def _parse_formats(formats: str) -> set[str]:
    wanted = {f.strip().lower() for f in formats.split(",") if f.strip()}
    unknown = wanted - set(FORMATS)
    if unknown or not wanted:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)}", param_hint="--format")
    return wanted


def _write(path: Path, text: str) -> Path:
    """Write via a temporary file and rename, so a reader never sees half a brief."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(path)
    return path


__all__ = ["brief", "check"]
