"""Dates: resolution against the publication date, granularity, certainty."""

from __future__ import annotations

from pathlib import Path

import pytest

PUBLISHED = "2026-03-04T10:00:00Z"  # a Wednesday


@pytest.mark.parametrize(
    ("text", "phrase", "value", "granularity", "weekday", "certainty"),
    [
        ("The envoy met Putin in Moscow on Tuesday.", "Tuesday", "2026-03-03", "day", "Tuesday", 0.7),
        ("The port reopened on Wednesday.", "Wednesday", "2026-03-04", "day", "Wednesday", 0.7),
        (
            "The minister is expected to visit the terminal again on Thursday.",
            "Thursday",
            "2026-03-05",
            "day",
            "Thursday",
            0.6,
        ),
        ("Russia invaded Ukraine in February 2022.", "February 2022", "2022-02", "month", None, 1.0),
        ("The conflict has persisted since 2014.", "2014", "2014", "year", None, 1.0),
        ("The talks began on March 3.", "March 3", "2026-03-03", "day", None, 0.9),
        ("It was his third visit this year.", "this year", "2026", "year", None, 0.8),
    ],
)
def test_dates_resolved_against_publication(extract, text, phrase, value, granularity, weekday, certainty):
    dates = [d for d in extract(text, published_at=PUBLISHED).dates if phrase in d.text]
    assert dates, extract(text, published_at=PUBLISHED).dates
    date = dates[0]
    assert (date.value, date.granularity, date.weekday, date.certainty) == (value, granularity, weekday, certainty)


def test_dates_without_publication_only_resolve_explicit_years(extract):
    dates = extract("The envoy met Putin on Tuesday, as in February 2022.").dates
    by_text = {d.text: d for d in dates}
    assert by_text["Tuesday"].value is None and by_text["Tuesday"].certainty == 0
    assert by_text["February 2022"].value == "2022-02"


@pytest.mark.parametrize("text", ["She spent 12 years in jail.", "About 5,000 lives are lost weekly."])
def test_dates_skip_durations_and_frequencies(extract, text):
    assert extract(text, published_at=PUBLISHED).dates == ()


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("He was pronounced dead at 1:30 p.m., officials said.", "1:30", None),  # a clock time names no day
        ("Shots were fired about noon.", "noon", None),
        ("The shooting happened Tuesday night.", "Tuesday", "2026-03-03"),
        ("Shots were fired at 2 a.m. Tuesday.", "Tuesday", "2026-03-03"),
    ],
)
def test_dates_resolve_a_time_only_when_it_names_a_day(extract, text, phrase, value):
    found = [d.value for d in extract(text, published_at=PUBLISHED).dates if phrase in d.text]
    assert found in ([], [None]) if value is None else found == [value]


@pytest.mark.parametrize(
    "text",
    [
        # reported speech with 'would' further up: the weekday dates the collapse, a past event
        "Officials said on Wednesday evening that they would move to a recovery operation to find the four "
        "men, who are presumed dead after they fell into the river following the pier's collapse at 1:27 a.m. "
        "Tuesday.",
        "The sheriff said crews would keep searching the bank where the barge sank at 2:10 a.m. Tuesday.",
    ],
)
def test_weekday_dating_a_past_event_is_not_moved_into_the_future(extract, text):
    dates = [d for d in extract(text, published_at=PUBLISHED).dates if d.weekday == "Tuesday"]
    assert dates and all(d.value == "2026-03-03" for d in dates), dates


REALNEWS = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "realnews"


def test_realnews_weekdays_fall_on_or_before_publication(nlp):
    """In the real reports every weekday of a past event lies in the week up to publication."""
    from crosswire.extract import extract_articles
    from crosswire.ingest import draft_from_text
    from crosswire.model import Article
    from crosswire.text import normalize_text

    if not REALNEWS.is_dir():
        pytest.skip(f"real-news set absent: {REALNEWS}")
    path = REALNEWS / "baltimore-bridge" / "firehouse-baltsun.md"
    draft = draft_from_text(path.read_text("utf-8"), origin=str(path))
    article = Article("firehouse", normalize_text(draft.text), published_at=draft.published_at)
    extraction = next(extract_articles([article], nlp=nlp))
    tuesdays = [d for d in extraction.dates if d.weekday == "Tuesday"]
    assert len(tuesdays) >= 3
    assert {d.value for d in tuesdays} == {"2024-03-26"}  # the collapse, the day before publication
