"""A report's own day ('today', 'this morning', 'today (3 May 2019)') and the date checks."""

from __future__ import annotations

import pytest
from tests.check.conftest import HashEmbedder, Line, Report, story

from crosswire.check import check_story
from crosswire.check.dates import report_day, written_as_today
from crosswire.model import DateRef


def _dated(text: str, written: str, value: str) -> tuple[str, DateRef]:
    at = text.index(written)
    return text, DateRef(at, at + len(written), written, 0, value, "day", 1.0)


@pytest.mark.parametrize(
    ("text", "written", "expected"),
    [
        ("Norlink said today (3 May 2019) it had resumed crossings.", "3 May 2019", True),
        ("Norlink said this morning, 3 May, that it had resumed crossings.", "3 May", True),
        ("Norlink said on 3 May (today) that it had resumed crossings.", "3 May", True),
        ("Norlink said today that it had resumed crossings.", "today", True),
        ("Norlink resumed crossings on 3 May 2019, a spokesman said today.", "3 May 2019", False),
    ],
)
def test_written_as_today(text, written, expected):
    assert written_as_today(*_dated(text, written, "2019-05-03")) is expected


def test_report_day_is_the_publication_day_or_a_day_written_as_today():
    text, date = _dated("Crossings resumed on 3 May 2019.", "3 May 2019", "2019-05-03")
    assert report_day("2019-05-03T10:00:00", text, date) == "2019-05-03"
    assert report_day(None, text, date) is None
    assert report_day(None, *_dated("It said today (3 May 2019) crossings resumed.", "3 May 2019", "2019-05-03"))


SAID = "The ferry operator Norlink announced on its website today ({day} May 2019) that it had resumed all crossings."


def _date_findings(*lines: tuple[str, str, str]) -> list[list[str]]:
    reports = [
        Report(f"r{i}", [Line(text, dates=[(written, value, "day", None)])])
        for i, (text, written, value) in enumerate(lines)
    ]
    articles, extractions = story(*reports)
    found = check_story("s", articles, extractions, embedder=HashEmbedder()).contradictions
    return [sorted(side.value for side in c.sides) for c in found if c.kind == "date"]


def test_two_reports_days_are_no_conflict():
    """Two undated reports each announcing 'today' with their own day: two days' news, not one event dated twice."""
    third = (SAID.format(day=3), "3 May 2019", "2019-05-03")
    ninth = (SAID.format(day=9), "9 May 2019", "2019-05-09")
    assert _date_findings(third, ninth) == []


def test_a_reports_day_against_an_explicitly_dated_event_is_still_compared():
    third = (SAID.format(day=3), "3 May 2019", "2019-05-03")
    text = "The ferry operator Norlink announced on its website on 9 May 2019 that it had resumed all crossings."
    assert _date_findings(third, (text, "9 May 2019", "2019-05-09")) == [["2019-05-03", "2019-05-09"]]
