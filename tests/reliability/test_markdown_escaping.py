"""Issue #11, item 7: every article-derived string in brief.md is inert once rendered, dates included."""

from __future__ import annotations

from dataclasses import replace

import pytest
from markdown_it import MarkdownIt

from crosswire.model import CheckResult
from crosswire.pipeline import story_of
from crosswire.report import build_brief, render_markdown
from tests.report.fixtures import make_article, make_articles, make_check, make_extractions, make_story

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "![x](javascript:alert(1))",
]


def rendered(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def assert_inert(html: str) -> None:
    lowered = html.lower()
    assert "<img" not in lowered and "<script" not in lowered and "<a " not in lowered
    assert 'href="javascript' not in lowered


@pytest.mark.parametrize("payload", PAYLOADS)
def test_single_source_note_escapes_the_outlet(payload: str) -> None:
    article = make_article("a1", payload, "2026-03-02T18:00:00Z", "t", ("One sentence here.", "Another one."))
    brief = build_brief(story_of([article]), [article], {}, CheckResult(story_of([article]).id, ()), generated_at="t")
    assert_inert(rendered(render_markdown(brief)))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_dates_are_escaped_in_header_scorecard_and_sources(payload: str) -> None:
    articles = [replace(a, published_at=payload) for a in make_articles()]
    story = replace(make_story(articles), first_published=payload, last_published=payload + "x")
    brief = build_brief(story, articles, make_extractions(articles), make_check(articles), generated_at="t")
    assert_inert(rendered(render_markdown(brief)))
