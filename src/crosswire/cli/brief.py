"""The ``check`` and ``brief`` commands: from articles to a sourced brief, with progress on the way."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from crosswire import briefing, pipeline
from crosswire.cli._common import Context, cli, err, out, progress_bar, reject_line, reports_errors, safe
from crosswire.model import CheckResult, Story, to_dict
from crosswire.report import Brief, render_json, render_terminal
from crosswire.settings import Settings
from crosswire.store import Store

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
        return store.article_ids(), 0
    ids: list[str] = []
    failed = 0
    with progress_bar(quiet=False) as progress:
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
    with progress_bar(quiet=False) as progress:
        if total:
            task = progress.add_task("extracting", total=total)
            pipeline.run_extract(
                store,
                ids,
                processes=processes,
                on_done=lambda e: progress.update(task, advance=1),
                max_chars=settings.max_extract_chars,
            )
        story = story or pipeline.story_of(store.articles(ids))
        pipeline.run_embed(store, pipeline.aligned_articles([story]))
        progress.add_task("cross-checking", total=None)
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

    INPUTS (files, folders, URLs, feeds) are ingested first, reusing what is stored, and sorted into
    stories the way the store sorts every article; without INPUTS every stored story is briefed.
    One story is briefed into OUT/; several each into OUT/<story-id>/, with an index page
    OUT/index.html (and, for INPUTS with json, all of them in OUT/brief.json). --story ID briefs one.

    A story whose articles did not change since its last brief into OUT is not checked again. A
    story that fails is reported on one line and the others are briefed; the exit code is then 1.

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
        chosen = _stories_to_brief(store, ids, story_id=story_id, whole_store=not inputs)
        with progress_bar(quiet=False) as progress:
            _prepare(store, chosen, processes=processes, progress=progress)
            task = progress.add_task("briefing", total=len(chosen))
            outcomes = briefing.brief_stories(
                store,
                chosen,
                out_dir=out_dir,
                formats=wanted,
                nested=len(chosen) > 1,
                settings=obj.settings(),
                min_confidence=min_confidence,
                keep_briefs=len(chosen) == 1 or (bool(inputs) and "json" in wanted),
                on_story=lambda o: _story_done(progress, task, o),
            )
        failed += sum(o.status == "failed" for o in outcomes)
        written = [p for o in outcomes for p in o.written]
        if len(chosen) > 1:
            combined = bool(inputs) and "json" in wanted
            written += _write_many(store, chosen, out_dir, outcomes, combined=combined)
            counts = Counter(o.status for o in outcomes)
            err.print(
                f"{len(chosen)} stories: {counts['briefed']} briefed, {counts['rewritten']} re-written, "
                f"{counts['unchanged']} unchanged, {counts['failed']} failed; start at {safe(out_dir / 'index.html')}"
            )
        else:
            if "terminal" in wanted and outcomes[0].status != "failed":
                render_terminal(outcomes[0].brief or _stored_brief(store, chosen[0]), out)
            if written:
                err.print("wrote " + ", ".join(safe(p) for p in written))
            elif outcomes[0].status == "unchanged" and wanted - {"terminal"}:
                err.print(f"{safe(out_dir)}: the brief is up to date")
    sys.exit(1 if failed else 0)


def _stories_to_brief(store: Store, ids: list[str], *, story_id: str | None, whole_store: bool) -> list[Story]:
    """The stories to brief: the one asked for, the stories INPUTS were sorted into, or every story."""
    clustered = pipeline.run_stories(store)
    by_id = {s.id: s for s in clustered}
    if story_id:
        return [by_id.get(story_id) or pipeline.story_of(store.articles(ids))]
    if whole_store:
        return clustered
    wanted = set(store.story_ids_of(ids).values())
    return [s for s in clustered if s.id in wanted] or [pipeline.story_of(store.articles(ids))]


def _prepare(store: Store, stories: Sequence[Story], *, processes: int, progress: Any) -> None:
    """Extract and embed what is pending, each with its own progress bar (``pipeline.aligned_articles``:
    the articles of one-article stories are not embedded)."""
    ids = [a for s in stories for a in s.article_ids]
    total = pipeline.pending_extractions(store, ids)
    if total:
        task = progress.add_task("extracting", total=total)
        pipeline.run_extract(store, ids, processes=processes, on_done=lambda _: progress.update(task, advance=1))
    ids = pipeline.aligned_articles(stories)
    pending = len(pipeline.pending_embeddings(store, ids))
    if pending:
        embedding = progress.add_task("embedding claims", total=pending)
        pipeline.run_embed(store, ids, on_done=lambda n: progress.update(embedding, advance=n))


def _story_done(progress: Any, task: Any, outcome: briefing.StoryOutcome) -> None:
    progress.update(task, advance=1)
    if outcome.status == "failed":
        progress.console.print(reject_line(f"story {outcome.story_id}", outcome.detail), highlight=False)


def _write_many(
    store: Store, stories: Sequence[Story], out_dir: Path, outcomes: Sequence[briefing.StoryOutcome], *, combined: bool
) -> list[Path]:
    """The index page of several stories' briefs, and with ``combined`` all of them in OUT/brief.json."""
    entries = briefing.index_entries(store, out_dir, [s.id for s in stories])
    written = [briefing.write_index(out_dir, entries)]
    if combined:
        made = {o.story_id: o.brief for o in outcomes if o.brief is not None}
        failed = {o.story_id for o in outcomes if o.status == "failed"}
        briefs, articles = [], []
        for story in stories:
            if story.id not in failed:
                briefs.append(made.get(story.id) or _stored_brief(store, story))
                articles += store.articles(story.article_ids)
        data = render_json(briefs, articles, generated_at=max((e.generated_at for e in entries), default=""))
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        written += briefing.write_files({out_dir / "brief.json": text})
    return written


def _stored_brief(store: Store, story: Story) -> Brief:
    """The brief of a story from its stored check (for the terminal, when its files were up to date)."""
    check = store.load_check(story.id)
    if check is None:
        raise click.ClickException(f"story {story.id}: no stored check; run crosswire check --story {story.id}")
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
    return pipeline.build_story_brief(store, story, check, generated_at=stamp)


def _parse_formats(formats: str) -> set[str]:
    wanted = {f.strip().lower() for f in formats.split(",") if f.strip()}
    unknown = wanted - set(FORMATS)
    if unknown or not wanted:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)}", param_hint="--format")
    return wanted


__all__ = ["brief", "check"]
