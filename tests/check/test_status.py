"""The status check: a measure in force in one report, not yet agreed in another of the same days."""

from __future__ import annotations

from tests.check.conftest import Line, Report, story

from crosswire.check import check_story

IN_FORCE = "Monitors reported that both armies were violating the ceasefire along the river."
NOT_YET = "The envoy urged both armies to get moving on a ceasefire along the river."


def _report(article_id: str, text: str, words: str, state: str, published_at: str | None = None) -> Report:
    return Report(article_id, [Line(text, statuses=[(words, "ceasefire", state)])], published_at=published_at)


def _statuses(embedder, *reports):
    articles, extractions = story(*reports)
    result = check_story("s", articles, extractions, embedder=embedder)
    return [c for c in result.contradictions if c.subject == "status of the ceasefire"]


def test_in_force_against_not_yet_is_flagged_with_both_sides(embedder):
    found = _statuses(
        embedder,
        _report("a", IN_FORCE, "violating the ceasefire", "in force"),
        _report("b", IN_FORCE.replace("Monitors", "Observers"), "violating the ceasefire", "in force"),
        _report("c", NOT_YET, "moving on a ceasefire", "not yet"),
    )
    assert len(found) == 1
    finding = found[0]
    assert finding.kind == "negation" and finding.severity == "high"
    assert {s.value: {e.article_id for e in s.evidence} for s in finding.sides} == {
        "in force": {"a", "b"},
        "not yet": {"c"},
    }
    assert "violating the ceasefire" in finding.explanation and "moving on a ceasefire" in finding.explanation


def test_reports_a_week_apart_are_a_development_not_a_conflict(embedder):
    found = _statuses(
        embedder,
        _report("a", NOT_YET, "moving on a ceasefire", "not yet", "2026-03-01T09:00:00Z"),
        _report("b", IN_FORCE, "violating the ceasefire", "in force", "2026-03-09T09:00:00Z"),
    )
    assert found == []


def test_none_yet_after_in_force_on_the_same_day_is_a_conflict(embedder):
    found = _statuses(
        embedder,
        _report("a", IN_FORCE, "violating the ceasefire", "in force", "2026-03-01T09:00:00Z"),
        _report("b", NOT_YET, "moving on a ceasefire", "not yet", "2026-03-01T18:00:00Z"),
    )
    assert len(found) == 1


def test_none_yet_hours_before_in_force_may_predate_the_deal(embedder):
    found = _statuses(
        embedder,
        _report("a", NOT_YET, "moving on a ceasefire", "not yet", "2026-03-01T09:00:00Z"),
        _report("b", IN_FORCE, "violating the ceasefire", "in force", "2026-03-01T18:00:00Z"),
    )
    assert found == []


def test_an_article_that_says_both_is_left_out(embedder):
    both = Report(
        "b",
        [
            Line(IN_FORCE, statuses=[("violating the ceasefire", "ceasefire", "in force")]),
            Line(
                "Now the envoy is pushing for a ceasefire again.",
                statuses=[("for a ceasefire", "ceasefire", "not yet")],
            ),
        ],
    )
    assert _statuses(embedder, _report("a", NOT_YET, "moving on a ceasefire", "not yet"), both) == []


def test_different_measures_are_not_compared(embedder):
    curfew = Report(
        "b", [Line("Police enforced the curfew overnight.", statuses=[("enforced the curfew", "curfew", "in force")])]
    )
    articles, extractions = story(_report("a", NOT_YET, "moving on a ceasefire", "not yet"), curfew)
    assert check_story("s", articles, extractions, embedder=embedder).contradictions == ()
