"""The Developments section: what changed since the story's previous brief, in every format."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
from rich.console import Console

from crosswire.report import (
    SCHEMA_PATH,
    PreviousBrief,
    build_brief,
    render_html,
    render_json,
    render_markdown,
    render_terminal,
)
from crosswire.report.brief import Brief
from crosswire.report.json import article_json, story_json

from .fixtures import make_inputs

THEN = "2026-03-04T08:00:00Z"
NOW = "2026-03-05T00:00:00Z"


def current() -> tuple[Brief, list[Any], dict[str, Any]]:
    story, articles, extractions, check = make_inputs()
    brief = build_brief(story, articles, extractions, check, generated_at=NOW)
    return brief, articles, story_json(brief)


def earlier() -> PreviousBrief:
    """The same story a day before: one source fewer, one fact not yet reported, one not yet
    confirmed, no contradictions, and a different count of workers."""
    _, articles, story = current()
    old = copy.deepcopy(story)
    dropped = old["article_ids"][-1]
    old["article_ids"] = old["article_ids"][:-1]
    old["facts"] = old["facts"][1:]
    confirmed = next(f for f in old["facts"] if f["status"] == "confirmed")
    confirmed["status"] = "single-source"
    old["contradictions"] = []
    for figure in old["figures"]:
        if figure["unit"] == "workers":
            figure["value"] = 30
    listed = [article_json(a) for a in articles if a.id != dropped]
    return PreviousBrief(THEN, old, listed)


def with_history(previous: PreviousBrief) -> Brief:
    story, articles, extractions, check = make_inputs()
    return build_brief(story, articles, extractions, check, generated_at=NOW, previous=previous)


def test_no_previous_brief_means_no_developments_section() -> None:
    brief, _, _ = current()
    assert brief.developments is None
    assert "Developments" not in render_markdown(brief)
    assert "developments" not in render_json([brief], make_inputs()[1])["stories"][0]


def test_developments_list_every_kind_of_change() -> None:
    brief, _, story = current()
    history = with_history(earlier()).developments
    assert history is not None and history.since == THEN
    changes = history.changes
    assert changes.new_facts == (story["facts"][0]["text"],)
    assert len(changes.newly_confirmed) == 1
    assert len(changes.new_contradictions) == len(story["contradictions"]) > 0
    assert [(c.unit, c.before, c.now) for c in changes.changed_figures] == [("workers", (30.0,), (40.0,))]
    assert len(changes.sources_added) == 1


def test_build_brief_with_history_is_pure() -> None:
    previous = earlier()
    snapshot = json.dumps(previous.story, sort_keys=True)
    assert with_history(previous) == with_history(previous)
    assert json.dumps(previous.story, sort_keys=True) == snapshot


def test_nothing_new_since_an_identical_brief() -> None:
    _, articles, story = current()
    brief = with_history(PreviousBrief(THEN, story, [article_json(a) for a in articles]))
    assert brief.developments is not None and brief.developments.sections() == []
    assert "Nothing new since the previous brief." in render_markdown(brief)


@pytest.mark.parametrize("fmt", ["md", "terminal", "html"])
def test_every_format_shows_the_section_first(fmt: str) -> None:
    brief = with_history(earlier())
    _, articles, _ = current()
    if fmt == "md":
        text = render_markdown(brief)
    elif fmt == "html":
        text = render_html(brief, {a.id: a for a in articles})
    else:
        console = Console(record=True, width=120)
        render_terminal(brief, console)
        text = console.export_text()
    assert "Developments since 2026-03-04" in text
    assert text.index("Developments since") < text.index("Key takeaways")
    for title in ("New facts", "Now confirmed", "New contradictions", "Figures changed", "Sources added"):
        assert title in text
    assert "workers: 30 → 40" in text


def test_json_developments_follow_the_schema() -> None:
    brief = with_history(earlier())
    _, articles, _ = current()
    data = render_json([brief], articles)
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    section = data["stories"][0]["developments"]
    assert section["since"] == THEN
    assert section["changed_figures"] == [{"unit": "workers", "before": [30.0], "now": [40.0]}]
    assert data["schema"] == "crosswire.brief/v1"
