"""render_terminal: a compact summary that prints article text literally."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Console

from crosswire.model import CheckResult, Story
from crosswire.report import build_brief, render_terminal

from .fixtures import make_inputs


def printed(brief: object) -> str:
    console = Console(record=True, width=120, color_system=None)
    render_terminal(brief, console)  # type: ignore[arg-type]
    return console.export_text()


def test_terminal_shows_scope_takeaways_disputes_and_scorecard() -> None:
    story, articles, extractions, check = make_inputs()
    text = printed(build_brief(story, articles, extractions, check, generated_at="t"))
    for expected in [
        "Oil spill in Port Ellis harbour",
        "4 articles · 3 independent sources",
        "Key takeaways",
        "[high] harbourmaster: Dana Reyes [1][2] vs Dana Rees [4]",
        "$2 million only in Coastal Times [2]",
        "Bay Chronicle",
    ]:
        assert expected in text
    assert text.rindex("Bay Chronicle") > text.rindex("Harbour Gazette")  # padded last


def test_terminal_prints_markup_from_articles_literally() -> None:
    story, articles, extractions, check = make_inputs(hostile=True)
    articles = [replace(a, source="[bold red]Bay[/]") if a.id == "a4" else a for a in articles]
    text = printed(build_brief(story, articles, extractions, check, generated_at="t"))
    assert "[bold red]Bay[/]" in text


def test_terminal_no_articles() -> None:
    text = printed(build_brief(Story("s0", "", ()), [], {}, CheckResult("s0", ()), generated_at="t"))
    assert "No articles to cross-check" in text and "Key takeaways" not in text
