"""render_markdown: every section, citations, edge cases, inert article text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crosswire.model import CheckResult, Story
from crosswire.report import build_brief, render_markdown

from .fixtures import SCRIPT, make_inputs

SECTIONS = [
    "# Oil spill in Port Ellis harbour",
    "## Key takeaways",
    "## Disputed",
    "## Single-source claims to verify",
    "## Who said what",
    "## Timeline",
    "## Sources",
    "### Articles",
]


def markdown(**options: bool) -> str:
    story, articles, extractions, check = make_inputs(**options)
    return render_markdown(build_brief(story, articles, extractions, check, generated_at="t"))


@pytest.mark.parametrize("heading", SECTIONS)
def test_markdown_has_section(heading: str) -> None:
    assert f"\n{heading}\n" in f"\n{markdown()}"


def test_markdown_sections_in_order() -> None:
    text = markdown()
    positions = [text.index(f"{heading}\n") for heading in SECTIONS]
    assert positions == sorted(positions)


def test_markdown_cites_and_names_sides() -> None:
    text = markdown()
    assert "About 12,000 litres of oil leaked into Port Ellis harbour. [1][2][3][4]" in text
    assert "**Dana Rees** [4]" in text and "**Dana Reyes** [1][2]" in text
    assert "**$2 million**, only in Coastal Times [2]" in text
    assert text.index("| [1] | Harbour Gazette") < text.index("| [4] | Bay Chronicle")
    assert "76% padded" in text


def test_markdown_escapes_html_from_articles() -> None:
    text = markdown(hostile=True)
    assert SCRIPT not in text
    assert r"\<script\>alert(1)\</script\>" in text


def test_markdown_no_articles_is_a_message_not_a_brief() -> None:
    brief = build_brief(Story("s0", "", ()), [], {}, CheckResult("s0", ()), generated_at="t")
    text = render_markdown(brief)
    assert "No articles to cross-check" in text and "## Key takeaways" not in text


def test_markdown_no_contradictions_message() -> None:
    story, articles, extractions, check = make_inputs()
    brief = build_brief(story, articles, extractions, replace(check, contradictions=()), generated_at="t")
    disputed = render_markdown(brief).split("## Disputed")[1].split("##")[0]
    assert "No contradictions found among 4 articles from 3 independent sources." in disputed
