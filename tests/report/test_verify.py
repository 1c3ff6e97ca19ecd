"""The to-verify list: single-source only when no other independent source states it, by consequence."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rich.console import Console

from crosswire.model import Figure
from crosswire.report import build_brief, render_json, render_markdown, render_terminal
from crosswire.report.brief import VERIFY_SHOWN
from crosswire.report.verify import same_figure, same_measure

from .fixtures import extraction, figure, make_article, make_inputs


def _figure(text: str, value: float, unit: str | None = None, currency: str | None = None) -> Figure:
    return Figure(0, len(text), text, value, 0, unit, currency)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (_figure("€103m", 103e6, currency="EUR"), _figure("103m euros", 103e6, currency="EUR"), True),
        (_figure("£25m", 25e6, currency="GBP"), _figure("€25 million", 25e6, currency="EUR"), False),
        (_figure("€103 million", 103e6, currency="EUR"), _figure("103 million", 103e6), True),
        (_figure("53 Nepalese", 53, "Nepalese"), _figure("53 Nepali citizens", 53, "citizens"), True),
        (_figure("53", 53), _figure("53 Nepalese", 53, "Nepalese"), True),  # a bare count over 12
        (_figure("3", 3), _figure("3 runways", 3, "runways"), False),  # a bare small number
        (_figure("948 feet", 948, "feet"), _figure("948-foot", 948, "foot"), True),
        (_figure("15 years", 15, "years"), _figure("15 foreign nationals", 15, "nationals"), False),
        (_figure("15 foreigners", 15, "foreigners"), _figure("15 foreign nationals", 15, "nationals"), True),
        (_figure("68 bodies", 68, "bodies"), _figure("68 people", 68, "people"), True),
        (_figure("68 bodies", 68, "bodies"), _figure("69 bodies", 69, "bodies"), False),
    ],
)
def test_same_figure_however_written(a: Figure, b: Figure, same: bool) -> None:
    assert same_figure(a, b) is same
    assert same_figure(b, a) is same


# A fifth report, written for this test: many single-source figures, some that matter more than others.
A5 = (
    "Three divers were injured and 2 crew members are missing after the spill, the coast guard said.",
    "The owner faces a fine of $4 million.",
    "The clean-up will take six weeks, officials said.",
    "The slick covers 14 kilometres of shore and 9 beaches.",
    "1. Crews close the pier.",
    "One thing is clear, the mayor said.",
    "Dana Reyes accused Meridian Shipping of negligence over the valve.",
)


def _with_fifth():
    story, articles, extractions, check = make_inputs()
    a5 = make_article("a5", "Shore Post", "2026-03-04T12:00:00Z", "Spill spreads", A5)
    figures = (
        figure(a5, "14 kilometres", 14, "kilometres"),
        figure(a5, "9 beaches", 9, "beaches"),
        figure(a5, "six weeks", 6, "weeks"),
        figure(a5, "$4 million", 4e6, None, currency="USD"),
        figure(a5, "Three divers", 3, "divers"),
        figure(a5, "2 crew members", 2, "crew members"),
        figure(a5, "1", 1, None),
        figure(a5, "One thing", 1, "thing"),
    )
    extractions = {**extractions, "a5": extraction(a5, checkable={0, 1, 2, 3, 5}, figures=figures)}
    story = replace(story, article_ids=(*story.article_ids, "a5"))
    return story, [*articles, a5], extractions, check


def test_verify_ranks_harm_then_money_then_time_and_never_list_numbers() -> None:
    brief = build_brief(*_with_fifth(), generated_at="t")
    texts = [item.text for item in brief.verify if item.citation.article_id == "a5"]
    assert texts[:5] == ["Three divers", "2 crew members", "$4 million", "six weeks", "14 kilometres"]
    assert "1" not in texts  # a list number
    assert "One thing" not in texts  # a figure of speech
    assert "12,000 litres" not in [item.text for item in brief.verify]  # three independent sources


def test_verify_shows_ten_in_terminal_and_markdown_and_all_in_json() -> None:
    story, articles, extractions, check = _with_fifth()
    many = tuple(f"Crews counted {n + 20} gulls." for n in range(12))
    a6 = make_article("a6", "Gull Times", "2026-03-04T13:00:00Z", "Gulls", many)
    figures = tuple(figure(a6, f"{n + 20} gulls", n + 20, "gulls") for n in range(12))
    extractions = {**extractions, "a6": extraction(a6, checkable=set(), figures=figures)}
    brief = build_brief(
        replace(story, article_ids=(*story.article_ids, "a6")), [*articles, a6], extractions, check, generated_at="t"
    )
    total = len(brief.verify)
    assert total > VERIFY_SHOWN
    console = Console(record=True, width=200, color_system=None)
    render_terminal(brief, console)
    terminal = console.export_text()
    assert f"... and {total - VERIFY_SHOWN} more" in terminal
    assert sum(1 for line in terminal.splitlines() if line.startswith(("figure ", "claim  "))) == VERIFY_SHOWN
    markdown = render_markdown(brief)
    assert f"and {total - VERIFY_SHOWN} more" in markdown
    data = render_json([brief], [*articles, a6])
    assert len(data["stories"][0]["to_verify"]) == total


@pytest.mark.parametrize(
    ("articles", "independent", "support"),
    [
        (("a1", "a2", "a3"), 1, "3 outlets, 1 independent"),  # one wire passage printed three times
        (("a1", "a2", "a3"), 2, "3 outlets, 2 independent"),
        (("a1", "a2"), 2, "2 independent sources"),
        (("a1",), 1, "1 independent source"),
    ],
)
def test_support_says_how_many_outlets_are_one_source(articles, independent, support) -> None:
    from crosswire.report.brief import Citation, FactLine

    citations = tuple(Citation(n, a, f"ev-{n}-0-5", "Text.", 0, 5) for n, a in enumerate(articles, start=1))
    assert FactLine("f", "Text.", "confirmed", independent, 0.5, citations).support == support


@pytest.mark.parametrize(
    ("claim", "quoted"),
    [
        (
            'They kept the harbour open all night," Mayor Falk said at a briefing.',
            ["they kept the harbour open all night"],
        ),
        ('"We have contained most of it," said the harbourmaster at the quay.', ["we have contained most of it"]),
        ('The mayor said: "We will not stop until they are found', ["we will not stop until they are found"]),
        ("No quotation in this claim at all.", []),
    ],
)
def test_quoted_runs_of_a_claim(claim, quoted) -> None:
    from crosswire.report.verify import _quoted_runs

    assert _quoted_runs(claim) == quoted


@pytest.mark.parametrize(
    ("numbers", "telling"),
    [({"1,644", "7.7"}, True), ({"6.4"}, True), ({"2023"}, False), ({"5"}, False), ({"72"}, False), (set(), False)],
)
def test_telling_numbers_are_too_specific_to_match_by_chance(numbers, telling) -> None:
    from crosswire.report.verify import _telling

    assert _telling(numbers) is telling


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (_figure("948 feet", 948, "feet"), _figure("289 meters", 289, "meters"), True),
        (_figure("1.6 miles", 1.6, "miles"), _figure("2.6 km", 2.6, "km"), True),
        (_figure("185 feet", 185, "feet"), _figure("56 meters", 56, "meters"), True),
        (_figure("185 feet", 185, "feet"), _figure("60 meters", 60, "meters"), False),
        (_figure("50 acres", 50, "acres"), _figure("50 metres", 50, "metres"), False),  # an area is no length
        (_figure("1,770 acres", 1770, "acres"), _figure("1,800-acre", 1800, "acre"), False),  # one unit: two values
        (_figure("30 percent", 30, "percent"), _figure("30.5 percent", 30.5, "percent"), False),  # no unit to convert
    ],
)
def test_one_length_in_two_units_is_one_measure(a: Figure, b: Figure, same: bool) -> None:
    assert same_measure(a, b) is same
    assert same_measure(b, a) is same


def _with_conversions(other: str, phrase: str, value: float, unit: str):
    """The demo inputs plus a5, which gives a length in two units, and a6, which gives ``phrase``."""
    story, articles, extractions, check = make_inputs()
    a5 = make_article(
        "a5", "Shore Post", "2026-03-04T12:00:00Z", "Tanker", ("The tanker is 948 feet (289 meters) long.",)
    )
    a6 = make_article("a6", "Bay Star", "2026-03-04T13:00:00Z", "Tanker", (other,))
    both = (figure(a5, "948 feet", 948, "feet"), figure(a5, "289 meters", 289, "meters"))
    extractions = {
        **extractions,
        "a5": extraction(a5, checkable={0}, figures=both),
        "a6": extraction(a6, checkable={0}, figures=(figure(a6, phrase, value, unit),)),
    }
    story = replace(story, article_ids=(*story.article_ids, "a5", "a6"))
    return story, [*articles, a5, a6], extractions, check


def test_a_figure_in_two_units_is_listed_once() -> None:
    brief = build_brief(*_with_conversions("Twelve tugs stood by.", "Twelve tugs", 12, "tugs"), generated_at="t")
    assert [item.text for item in brief.verify if item.citation.article_id == "a5"] == ["948 feet"]


def test_a_figure_another_source_gives_in_another_unit_is_not_listed() -> None:
    brief = build_brief(*_with_conversions("It is a 289-metre tanker.", "289-metre", 289, "metre"), generated_at="t")
    assert [item.text for item in brief.verify if item.citation.article_id in {"a5", "a6"}] == []
