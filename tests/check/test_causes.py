"""The cause check: an event's cause given in one report, said to be unknown in another of the same days."""

from __future__ import annotations

from tests.check.conftest import Line, Report, story

from crosswire.check import check_story

GIVEN = "Airport officials said the crash occurred due to a technical glitch."
UNKNOWN = "The cause of the crash is currently unknown, investigators said."


def _report(article_id: str, text: str, words: str, state: str, published_at: str | None = None) -> Report:
    return Report(article_id, [Line(text, causes=[(words, "crash", state)])], published_at=published_at)


def _causes(embedder, *reports):
    articles, extractions = story(*reports)
    result = check_story("s", articles, extractions, embedder=embedder)
    return [c for c in result.contradictions if c.subject == "cause of the crash"]


def test_cause_given_against_cause_unknown_is_flagged_with_both_sides(embedder):
    found = _causes(
        embedder,
        _report("a", GIVEN, "due to a technical glitch", "stated"),
        _report("b", UNKNOWN, "The cause of the crash is currently unknown", "unknown"),
        _report(
            "c", UNKNOWN.replace("investigators", "police"), "The cause of the crash is currently unknown", "unknown"
        ),
    )
    assert len(found) == 1
    finding = found[0]
    assert finding.kind == "negation" and finding.severity == "high"
    assert {s.value: {e.article_id for e in s.evidence} for s in finding.sides} == {
        "due to a technical glitch": {"a"},
        "The cause of the crash is currently unknown": {"b", "c"},
    }
    assert "given in 1 report" in finding.explanation and "unknown in 2" in finding.explanation


def test_a_cause_found_days_after_the_unknown_report_is_a_development(embedder):
    found = _causes(
        embedder,
        _report("a", UNKNOWN, "The cause of the crash is currently unknown", "unknown", "2026-03-01T09:00:00Z"),
        _report("b", GIVEN, "due to a technical glitch", "stated", "2026-03-05T09:00:00Z"),
    )
    assert found == []


def test_unknown_reported_the_day_after_a_cause_was_given_is_a_conflict(embedder):
    found = _causes(
        embedder,
        _report("a", GIVEN, "due to a technical glitch", "stated", "2026-03-01T09:00:00Z"),
        _report("b", UNKNOWN, "The cause of the crash is currently unknown", "unknown", "2026-03-02T09:00:00Z"),
    )
    assert len(found) == 1


def test_an_article_that_says_both_is_left_out(embedder):
    both = Report(
        "b",
        [
            Line(GIVEN, causes=[("due to a technical glitch", "crash", "stated")]),
            Line(UNKNOWN, causes=[("The cause of the crash is currently unknown", "crash", "unknown")]),
        ],
    )
    assert _causes(embedder, _report("a", UNKNOWN, "The cause of the crash", "unknown"), both) == []


def test_different_events_are_not_compared(embedder):
    fire = Report(
        "b",
        [Line("The fire was caused by leaking fuel.", causes=[("caused by leaking fuel", "fire", "stated")])],
    )
    articles, extractions = story(_report("a", UNKNOWN, "The cause of the crash", "unknown"), fire)
    assert check_story("s", articles, extractions, embedder=embedder).contradictions == ()
