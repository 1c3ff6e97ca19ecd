"""The ``stories``, ``watch`` and ``diff`` commands: many stories at once, followed as they develop."""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from rich import box
from rich.table import Table
from rich.text import Text

from crosswire import pipeline
from crosswire.cli._common import Context, cli, err, out, reject_line, reports_errors, safe
from crosswire.developments import Developments, compare_briefs
from crosswire.model import Story
from crosswire.store import Store
from crosswire.text import one_line, parse_time

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def story_row(store: Store, story: Story) -> dict[str, Any]:
    """One line of ``crosswire stories``: counts from the store (disputed facts from a current check only)."""
    articles = store.articles(story.article_ids)
    check = store.load_check(story.id)
    current = check is not None and sorted(check.article_ids) == sorted(story.article_ids)
    return {
        "id": story.id,
        "headline": story.headline,
        "articles": len(story.article_ids),
        "independent_sources": len({a.independent_key for a in articles}),
        "first_published": story.first_published,
        "last_published": story.last_published,
        "disputed_facts": sum(f.status == "disputed" for f in check.facts) if current and check else None,
        "contradictions": len(check.contradictions) if current and check else None,
        "notes": list(story.notes),
        "article_ids": list(story.article_ids),
    }


@cli.command()
@click.option("--check", "run_checks", is_flag=True, help="Extract and cross-check stories that lack a current check.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
@reports_errors
def stories(obj: Context, run_checks: bool, as_json: bool) -> None:
    """Sort stored articles into stories (new articles only) and list them.

    Disputed facts are shown for stories with a current cross-check; --check runs the missing ones.

    \b
    Example:
        crosswire ingest examples/harbour-spill examples/second-story
        crosswire stories --json
    """
    with obj.store() as store:
        found = pipeline.run_stories(store)
        if run_checks:
            stale = [story for story in found if story_row(store, story)["disputed_facts"] is None]
            ids = [a for story in stale for a in story.article_ids]
            pipeline.run_extract(store, ids)  # once for all, then claim vectors in one large batch
            pipeline.run_embed(store, pipeline.aligned_articles(stale))
            for story in stale:
                pipeline.run_check(store, story)
        rows = [story_row(store, story) for story in found]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        err.print(f"No articles in {safe(obj.db)}. Add some with: crosswire ingest PATH")
        return
    table = Table(title=f"{len(rows)} stories in {safe(obj.db)}", title_justify="left", box=box.SIMPLE_HEAD)
    for name in ("id", "arts", "srcs", "dates", "disp."):
        table.add_column(name, no_wrap=True)
    table.add_column("headline", overflow="fold")
    for row in sorted(rows, key=lambda r: (-r["articles"], r["id"])):
        first, last = (row["first_published"] or "")[:10], (row["last_published"] or "")[:10]
        dates = first + (
            f"→{last[5:]}"
            if last and last[:4] == first[:4] and last != first
            else f"→{last}"
            if last and last != first
            else ""
        )
        disputed = "—" if row["disputed_facts"] is None else str(row["disputed_facts"])
        headline = Text(one_line(row["headline"]))
        if row["notes"]:
            headline.append("\n" + one_line("; ".join(row["notes"])), "dim")
        table.add_row(
            row["id"],
            str(row["articles"]),
            str(row["independent_sources"]),
            Text(one_line(dates or "undated")),
            disputed,
            headline,
        )
    out.print(table)


def parse_interval(text: str) -> float:
    """'15m' -> 900.0; plain numbers are seconds.

    Raises:
        click.BadParameter: not a number with an optional s/m/h/d unit.
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)
    if not match:
        raise click.BadParameter(f"{text!r} is not an interval like 30s, 15m, 2h", param_hint="--every")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--every", default="15m", show_default=True, help="Time between runs: 30s, 15m, 2h...")
@click.option("--max-runs", type=click.IntRange(1), default=None, help="Stop after this many runs [default: no limit].")
@click.option("--allow-private", is_flag=True, help="Allow URLs on loopback and private network addresses.")
@click.pass_obj
@reports_errors
def watch(obj: Context, inputs: tuple[str, ...], every: str, max_runs: int | None, allow_private: bool) -> None:
    """Re-ingest feeds or folders on a schedule and sort new articles into stories.

    Each article is stored in its own transaction, so Ctrl-C loses nothing: what was stored stays
    stored, and articles not yet placed in a story are placed on the next run or by `crosswire stories`.

    \b
    Example:
        crosswire watch https://example.org/news/feed.xml --every 15m
        crosswire watch inbox/ --every 30s --max-runs 4
    """
    seconds = parse_interval(every)
    runs = 0
    try:
        with obj.store() as store:
            while max_runs is None or runs < max_runs:
                runs += 1
                _watch_once(obj, store, inputs, runs, allow_private=allow_private)
                if max_runs is not None and runs >= max_runs:
                    break
                time.sleep(seconds)
    except KeyboardInterrupt:
        err.print(f"stopped after {runs} run(s); everything stored so far is kept")
        return
    err.print(f"done: {runs} run(s)")


def _watch_once(obj: Context, store: Store, inputs: tuple[str, ...], run: int, *, allow_private: bool) -> None:
    """One round of ``watch``: ingest, then place the new articles in stories."""
    counts: Counter[str] = Counter()
    for outcome in pipeline.run_ingest(store, inputs, settings=obj.settings(), allow_private=allow_private):
        counts[outcome.status] += 1
        if outcome.status == "rejected":
            err.print(reject_line(outcome.input, outcome.detail))
    found = pipeline.run_stories(store)
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
    err.print(
        f"{stamp} run {run}: {counts['stored']} new, {counts['exists'] + counts['copy']} seen before, "
        f"{counts['rejected']} failed; {len(found)} stories"
    )


@cli.command()
@click.option("--story", "story_id", required=True, help="The story (see: crosswire stories).")
@click.option("--since", required=True, help="An ISO time (articles ingested by then) or a brief.json written before.")
@click.option("--json", "as_json", is_flag=True, help="Print the developments as JSON.")
@click.pass_obj
@reports_errors
def diff(obj: Context, story_id: str, since: str, as_json: bool) -> None:
    """What is new in a story since a time or an earlier brief: facts, confirmations, disputes,
    changed figures, sources added, and which source said each disputed value first.

    \b
    Example:
        crosswire diff --story s3e1c6275e2 --since 2026-03-04T00:00:00Z
        crosswire diff --story s3e1c6275e2 --since brief/brief.json
    """
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    with obj.store() as store:
        story = {s.id: s for s in pipeline.run_stories(store)}.get(story_id)
        if story is None:
            raise click.ClickException(f"--story {story_id}: no such story (see: crosswire stories)")
        current = pipeline.story_brief_json(store, story, generated_at=now)
        before = _earlier(store, story, since, generated_at=now)
    assert current is not None
    old_story = next((s for s in (before or {}).get("stories", []) if s["id"] == story_id), None)
    if before is not None and old_story is None and len(before.get("stories", [])) == 1:
        old_story = before["stories"][0]  # a single-story brief written before the story had this id
    articles = (before or {}).get("articles", []) + current["articles"]
    developments = compare_briefs(old_story, current["stories"][0], articles=articles)
    if as_json:
        click.echo(json.dumps(asdict(developments), indent=2, ensure_ascii=False))
    else:
        _print_developments(developments, since)


def _earlier(store: Store, story: Story, since: str, *, generated_at: str) -> dict[str, Any] | None:
    path = Path(since)
    if path.suffix == ".json" or path.is_file():
        try:
            data: dict[str, Any] = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as e:
            raise click.ClickException(f"--since {since}: cannot read a brief.json ({e})") from e
        return data
    when = parse_time(since)
    if when is None:
        raise click.BadParameter(f"{since!r} is neither an ISO time nor a brief.json", param_hint="--since")
    known_at = when.astimezone(UTC).replace(microsecond=0).isoformat()
    return pipeline.story_brief_json(store, story, generated_at=generated_at, known_at=known_at)


def _print_developments(developments: Developments, since: str) -> None:
    out.print(f"[bold]Developments in {safe(developments.story_id)} since {safe(since)}[/]")
    if developments.empty:
        out.print("  nothing new")
    sections = (
        ("New facts", developments.new_facts),
        ("Now confirmed", developments.newly_confirmed),
        ("New contradictions", developments.new_contradictions),
        (
            "Figures changed",
            [f"{c.unit}: {_values(c.before)} → {_values(c.now)}" for c in developments.changed_figures],
        ),
        ("Sources added", developments.sources_added),
    )
    for title, lines in sections:
        if lines:
            out.print(f"\n[bold]{title}[/]")
            for line in lines:
                out.print(f"  • {safe(line)}", highlight=False)
    if developments.drift:
        out.print("\n[bold]Claim drift[/] (who said each disputed value first)")
        for d in developments.drift:
            then = f", then {', '.join(d.then)}" if d.then else ""
            when = d.first_published or "undated"
            out.print(
                f"  • {safe(d.subject)}: {safe(repr(d.value))} first by {safe(d.first_source)} ({safe(when)})"
                f"{safe(then)}"
            )


def _values(values: tuple[float, ...]) -> str:
    return ", ".join(f"{v:g}" for v in values)


__all__ = ["diff", "stories", "watch"]
