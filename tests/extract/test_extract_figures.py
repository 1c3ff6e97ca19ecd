"""Figures: value, unit, currency, rate, approximation, range, ordinals and number words."""

from __future__ import annotations

import pytest


def figure_in(extract, text, phrase):
    start = text.index(phrase)
    found = [f for f in extract(text).figures if f.start < start + len(phrase) and start < f.end]
    assert found, f"no figure in {phrase!r}: {extract(text).figures}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "unit", "currency", "rate", "approx"),
    [
        (
            "Estimates suggest that approximately 5,000 lives are lost weekly among both forces.",
            "approximately 5,000 lives",
            5000,
            "lives",
            None,
            "week",
            "about",
        ),
        (
            "Allies promised €21 billion in support led by the UK and Germany.",
            "€21 billion",
            21e9,
            None,
            "EUR",
            None,
            None,
        ),
        ("She faced 12 years in a Russian jail for her charity work.", "12 years", 12, "years", None, None, None),
        ("The storm sent 14 dock workers to hospital.", "14 dock workers", 14, "dock workers", None, None, None),
        (
            "The valve was leaking 3,000 litres per hour into the harbour.",
            "3,000 litres per hour",
            3000,
            "litres",
            None,
            "hour",
            None,
        ),
        (
            "The pumps moved 72,000 litres a day from the hold.",
            "72,000 litres a day",
            72000,
            "litres",
            None,
            "day",
            None,
        ),
        (
            "The evacuation affected about 2,300 residents of the district.",
            "about 2,300 residents",
            2300,
            "residents",
            None,
            None,
            "about",
        ),
        ("The Corran Star is a 140-metre tanker.", "140-metre", 140, "metres", None, None, None),
        ("Twelve firefighters were at the scene.", "Twelve firefighters", 12, "firefighters", None, None, None),
        ("More than 300 people attended the meeting.", "More than 300 people", 300, "people", None, None, "over"),
        ("Turnout fell to 45% in the capital.", "45%", 45, "percent", None, None, None),
        # a scale letter written onto the digits: '103m euros' is the '€103m' of another outlet
        ("Harwick United paid 103m euros for the winger.", "103m euros", 103e6, None, "EUR", None, None),
        ("The fee was €103m, the club said.", "€103m", 103e6, None, "EUR", None, None),
        ("He cost £88.5m plus add-ons.", "£88.5m", 88.5e6, None, "GBP", None, None),
        ("The hull was 5 m deep at the bow.", "5 m", 5, "m", None, None, None),  # a space: metres, no scale
    ],
)
def test_figures_value_and_qualifiers(extract, text, phrase, value, unit, currency, rate, approx):
    figure = figure_in(extract, text, phrase)
    assert (figure.value, figure.unit, figure.currency, figure.rate, figure.approx) == (
        value,
        unit,
        currency,
        rate,
        approx,
    )
    assert text[figure.start : figure.end] == figure.text


def test_figures_ordinal(extract):
    text = "Witkoff's third engagement with Putin this year came on Tuesday."
    figure = figure_in(extract, text, "third")
    assert (figure.value, figure.ordinal, figure.unit) == (3, True, "engagement")


def test_figures_range(extract):
    text = "Between 10 and 12 ships were waiting outside the harbour."
    figure = figure_in(extract, text, "10 and 12")
    assert (figure.low, figure.high, figure.unit) == (10, 12, "ships")


@pytest.mark.parametrize(
    "text",
    [
        "The talks resumed on March 3, 2026 in Moscow.",
        "First, the humanitarian impact must be prioritised.",
        "It is a third-party concern for the union.",
    ],
)
def test_figures_skips_dates_and_discourse_ordinals(extract, text):
    assert extract(text).figures == ()


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("by Viktoria Ivanova 57 views\nThe talks lasted three hours.", "57 views"),  # byline / page counter
        ("The story has 1,200 views and 45 comments so far.", "1,200 views"),
        ("Anyone with information can call 501-315-8477 or text 501-315-TIPS.", "501"),
        ("It's like when two rival teams finally agree to a meeting.", "two rival teams"),  # a comparison
        ("Diplomatic channels between the two powers have remained closed.", "two powers"),  # a reference
        ("Image 12 of 33 Officers surround a suspect in his car.", "33"),  # a gallery counter
    ],
)
def test_figures_skip_numbers_the_story_does_not_report(extract, text, phrase):
    start = text.index(phrase)
    assert not [f for f in extract(text).figures if f.start < start + len(phrase) and start < f.end]


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The two teams met in Riyadh, where three rival teams had met before.", "three rival teams", 3),
        ("Police arrested 12 suspects, the two of them brothers.", "12 suspects", 12),
        ("By noon, 14 dock workers were in hospital.", "14 dock workers", 14),  # 'By noon' is not a byline
        ("By Tuesday, 14 dock workers were in hospital.", "14 dock workers", 14),
    ],
)
def test_figures_keep_counts_next_to_those_rules(extract, text, phrase, value):
    assert figure_in(extract, text, phrase).value == value
