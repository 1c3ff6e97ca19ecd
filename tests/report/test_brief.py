"""build_brief: ranking, sections, scorecard order, syndication and the honest edge cases."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from crosswire.model import CheckResult, Contradiction, Evidence, Side, Story
from crosswire.report import build_brief
from crosswire.report.brief import Brief, DisputedItem, FactLine
from crosswire.report.findings import clean_text, takeaways
from crosswire.report.voices import UNATTRIBUTED, resolve_speaker

from .fixtures import make_inputs

STAMP = "2026-03-05T00:00:00Z"


@pytest.fixture
def brief() -> Brief:
    story, articles, extractions, check = make_inputs()
    return build_brief(story, articles, extractions, check, generated_at=STAMP)


def test_brief_numbers_sources_by_date(brief: Brief) -> None:
    assert [(ref.number, ref.article_id) for ref in brief.sources] == [(1, "a1"), (2, "a2"), (3, "a3"), (4, "a4")]


def test_brief_scope_counts_independent_sources(brief: Brief) -> None:
    scope = brief.scope
    assert (scope.articles, scope.independent_sources) == (4, 3)
    assert (scope.confirmed, scope.disputed, scope.single_source) == (2, 1, 2)
    assert scope.first_published.startswith("2026-03-02") and scope.last_published.startswith("2026-03-04")


def test_brief_takeaways_are_confirmed_and_ranked_by_support(brief: Brief) -> None:
    assert [fact.fact_id for fact in brief.takeaways] == ["f-litres", "f-tanker"]
    assert [c.number for c in brief.takeaways[0].citations] == [1, 2, 3, 4]


def test_brief_disputed_puts_high_severity_first_with_every_side(brief: Brief) -> None:
    assert [item.contradiction_id for item in brief.disputed] == ["c-name", "c-day"]
    name = brief.disputed[0]
    assert [side.value for side in name.sides] == ["Dana Reyes", "Dana Rees"]
    assert [[c.number for c in side.citations] for side in name.sides] == [[1, 2], [4]]
    assert "Dana Rees said" in name.sides[1].citations[0].sentence


def test_brief_verify_lists_figures_first_and_names_the_source(brief: Brief) -> None:
    kinds = [item.kind for item in brief.verify]
    assert kinds == sorted(kinds, key=lambda kind: kind != "figure")
    by_text = {item.text: item for item in brief.verify}
    assert by_text["$2 million"].outlet == "Coastal Times"  # the syndicated copy [3] counts once
    assert by_text["40 workers"].outlet == "Harbour Gazette"
    assert "12,000 litres" not in by_text  # three independent sources


def test_brief_figures_count_syndicated_copies_once(brief: Brief) -> None:
    support = {(f.text, f.article_id): f.independent_sources for f in brief.figures}
    assert support[("$2 million", "a2")] == support[("$2 million", "a3")] == 1
    assert support[("12,000 litres", "a4")] == 3
    assert not any(f.text == "berth 4" for f in brief.figures)  # ordinal


def test_brief_groups_quotes_by_resolved_speaker(brief: Brief) -> None:
    speakers = {group.speaker: group for group in brief.speakers}
    assert list(speakers) == ["Dana Reyes", "Tom Hale"]
    (line,) = speakers["Dana Reyes"].quotes  # "Reyes" and "Dana Reyes" are one person
    assert [c.number for c in line.citations] == [1, 2, 3]


def test_brief_timeline_uses_fact_wording_when_it_carries_the_date(brief: Brief) -> None:
    assert [(entry.date, entry.text) for entry in brief.timeline] == [
        ("2026-03-02", "Clean-up crews of 40 workers were deployed on 2 March 2026.")
    ]


def test_brief_timeline_quotes_the_sentence_when_the_fact_has_no_date() -> None:
    story, articles, extractions, check = make_inputs()
    facts = tuple(replace(f, text="Crews were deployed.") if f.id == "f-crews" else f for f in check.facts)
    brief = build_brief(story, articles, extractions, replace(check, facts=facts), generated_at=STAMP)
    assert [entry.text for entry in brief.timeline] == ["Clean-up crews of 40 workers were deployed on 2 March 2026."]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Harbour Minister Dana Reyes", "Dana Reyes"),
        ("Reyes", "Dana Reyes"),
        ("he", UNATTRIBUTED),
        ("", UNATTRIBUTED),
        (None, UNATTRIBUTED),
        ("A  port   spokesman", "A port spokesman"),
    ],
)
def test_resolve_speaker(raw: str | None, expected: str) -> None:
    assert resolve_speaker(raw, {"dana reyes": "Dana Reyes", "reyes": "Dana Reyes"}) == expected


def test_brief_scorecard_sinks_padded_article(brief: Brief) -> None:
    rows = brief.scorecard
    assert rows[-1].article_id == "a4" and rows[-1].padded
    assert rows[-1].filler_share == max(row.filler_share for row in rows)
    assert not any(row.padded for row in rows[:-1])
    by_id = {row.article_id: row for row in rows}
    assert by_id["a4"].contradicted_facts == 2
    assert by_id["a2"].syndication_group == by_id["a3"].syndication_group == "A"
    assert by_id["a1"].fact_density == pytest.approx(4 * 100 / 51, abs=0.01)


def test_brief_matrix_marks_support_and_contradiction(brief: Brief) -> None:
    rows = {row.fact_id or row.label: row.cells for row in brief.matrix.rows}
    assert rows["f-harbourmaster"] == ("supports", "supports", "silent", "contradicts")
    assert rows["start of the leak (disputed)"] == ("supports", "silent", "silent", "contradicts")


def test_brief_is_independent_of_input_order() -> None:
    story, articles, extractions, check = make_inputs()
    first = build_brief(story, articles, extractions, check, generated_at=STAMP)
    shuffled = articles[:]
    random.Random(3).shuffle(shuffled)
    check = replace(check, facts=tuple(reversed(check.facts)), contradictions=tuple(reversed(check.contradictions)))
    assert build_brief(story, shuffled, dict(reversed(extractions.items())), check, generated_at=STAMP) == first


def test_brief_with_no_articles_says_so() -> None:
    brief = build_brief(Story("s0", "", ()), [], {}, CheckResult("s0", ()), generated_at=STAMP)
    assert brief.empty
    assert brief.scope.notes and "No articles" in brief.scope.notes[0]


def test_brief_with_one_article_is_all_single_source() -> None:
    story, articles, extractions, check = make_inputs()
    (a1,) = [a for a in articles if a.id == "a1"]
    facts = tuple(
        replace(
            f,
            status="single-source",
            independent_sources=1,
            evidence=tuple(e for e in f.evidence if e.article_id == "a1"),
        )
        for f in check.facts
        if any(e.article_id == "a1" for e in f.evidence)
    )
    check = CheckResult("s1", ("a1",), check.entities, facts, ())
    brief = build_brief(replace(story, article_ids=("a1",)), [a1], extractions, check, generated_at=STAMP)
    assert brief.takeaways == ()
    assert any("Only one article (Harbour Gazette)" in note for note in brief.scope.notes)
    assert "No contradictions found among 1 article from 1 independent source." in brief.scope.notes
    assert {item.citation.article_id for item in brief.verify} == {"a1"}


def test_brief_without_contradictions_says_so() -> None:
    story, articles, extractions, check = make_inputs()
    check = replace(check, contradictions=())
    brief = build_brief(story, articles, extractions, check, generated_at=STAMP)
    assert brief.disputed == ()
    assert "No contradictions found among 4 articles from 3 independent sources." in brief.scope.notes


def test_brief_notes_missing_articles_and_ignores_strangers() -> None:
    story, articles, extractions, check = make_inputs()
    story = replace(story, article_ids=(*story.article_ids[:3], "gone"))
    brief = build_brief(story, articles, extractions, check, generated_at=STAMP)
    assert [ref.article_id for ref in brief.sources] == ["a1", "a2", "a3"]
    assert any("could not be found" in note for note in brief.scope.notes)


def test_brief_survives_offsets_that_do_not_match_the_text() -> None:
    story, articles, extractions, check = make_inputs()
    fact = check.facts[0]
    moved = tuple(replace(e, start=e.start + 5, end=e.end + 5) for e in fact.evidence)
    check = replace(check, facts=(replace(fact, evidence=moved), *check.facts[1:]))
    brief = build_brief(story, articles, extractions, check, generated_at=STAMP)
    text = {a.id: a.text for a in articles}
    for citation in brief.takeaways[0].citations:  # re-anchored on the quoted sentence
        assert text[citation.article_id][citation.start : citation.end] == citation.sentence


def test_brief_timeline_highlights_keep_best_supported_in_date_order(brief: Brief) -> None:
    entry = brief.timeline[0]
    single = replace(entry, citations=entry.citations[:1])
    entries = (
        replace(single, date="2026-01-01"),
        replace(entry, date="2026-02-01", citations=(*entry.citations, replace(entry.citations[0], number=2))),
        replace(single, date="2026-03-01"),
    )
    crowded = replace(brief, timeline=entries)
    assert [e.date for e in crowded.timeline_highlights(2)] == ["2026-01-01", "2026-02-01"]
    assert crowded.timeline_highlights(5) == entries


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://news.example.com/a/b", "news.example.com"),
        ("/corpus/seeds/000_1dd9.txt", "000_1dd9.txt"),
        (None, "Unknown outlet"),
    ],
)
def test_brief_names_an_article_without_outlet(url: str | None, outlet: str) -> None:
    story, articles, extractions, check = make_inputs()
    articles = [replace(a, source=None, url=url) if a.id == "a1" else a for a in articles]
    brief = build_brief(story, articles, extractions, check, generated_at=STAMP)
    assert brief.source(1).outlet == outlet


def test_brief_drops_list_bullets_from_fact_wording() -> None:
    story, articles, extractions, check = make_inputs()
    facts = (replace(check.facts[0], text="- Reinforcement of  alliances."), *check.facts[1:])
    brief = build_brief(story, articles, extractions, replace(check, facts=facts), generated_at=STAMP)
    assert brief.facts[0].text == "Reinforcement of alliances."
    assert brief.facts[0] not in brief.takeaways  # a heading-like fragment is no takeaway (report/newsworthy.py)


@pytest.mark.parametrize(
    ("articles_on_sides", "counted"),
    [
        ((("a1",), ("a4",)), True),  # two independent sources
        ((("a2",), ("a3",)), False),  # copies of one syndicated report
        ((("a4",), ("a4",)), False),  # one article against itself
    ],
)
def test_brief_counts_only_cross_source_contradictions(articles_on_sides: tuple, counted: bool) -> None:
    story, articles, extractions, check = make_inputs()
    by_id = {a.id: a for a in articles}
    sides = tuple(
        Side(f"v{i}", tuple(Evidence(a, by_id[a].text[:20], 0, 20) for a in ids))
        for i, ids in enumerate(articles_on_sides)
    )
    contradiction = Contradiction("c-x", "other", "x", "high", 0.9, "x", sides, within_article=True)
    check = replace(check, contradictions=(contradiction,))
    brief = build_brief(story, articles, extractions, check, generated_at=STAMP)
    contradicted = {row.article_id: row.contradicted_facts for row in brief.scorecard}
    assert (contradicted[articles_on_sides[0][0]] == 1) is counted
    assert any("(disputed)" in row.label for row in brief.matrix.rows) is counted


@pytest.mark.parametrize(("one_article", "expected"), [(True, True), (False, False)])
def test_within_one_article_only_when_every_side_is_in_that_article(one_article: bool, expected: bool) -> None:
    story, articles, extractions, check = make_inputs()
    name = next(c for c in check.contradictions if c.kind == "person-name")
    sides = (
        name.sides
        if not one_article
        else tuple(
            Side(side.value, tuple(replace(e, article_id=name.sides[0].evidence[0].article_id) for e in side.evidence))
            for side in name.sides
        )
    )
    flagged = replace(name, within_article=True, sides=sides)
    check = replace(check, contradictions=(flagged,))
    brief = build_brief(story, articles, extractions, check, generated_at="t")
    [item] = [d for d in brief.disputed if d.kind == "person-name"]
    assert item.within_article is expected


def _line(fact_id: str, text: str, sources: int) -> FactLine:
    return FactLine(fact_id, text, "confirmed", sources, 0.5, ())


def test_takeaways_take_a_quotation_once_and_leave_disputed_speakers_to_disputed() -> None:
    facts = [
        _line("a", '"The situation is under control," said Marten.', 3),
        _line("b", '"The situation is under control," Harbour Minister Ilse Marten told reporters.', 2),
        _line("c", '"The clean-up could take weeks," Hale said.', 2),
        _line("d", "The east harbour was closed to shipping.", 2),
        _line("e", '"Our priority is the safety of the people who live and work around the harbour.', 2),
    ]
    assert [f.fact_id for f in takeaways(facts)] == ["a", "c", "d"]
    disputed = [DisputedItem("x", "attribution", "\u201cThe situation is under control\u201d", "high", 0.9, "", ())]
    assert [f.fact_id for f in takeaways(facts, disputed)] == ["c", "d"]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        (
            "In a significant development in international relations, US envoy Steve Witkoff met Putin.",
            "US envoy Steve Witkoff met Putin.",
        ),
        ("However, the ministry denied it on Tuesday.", "The ministry denied it on Tuesday."),
        ("- In an unprecedented move, the council voted 7-2.", "The council voted 7-2."),
        # openings that carry a place, a time, a name or an attribution stay
        (
            "In a village near the border, police found 14 people.",
            "In a village near the border, police found 14 people.",
        ),
        (
            "In a statement on Tuesday, the agency said it was safe.",
            "In a statement on Tuesday, the agency said it was safe.",
        ),
        ("According to police, the boy was 12.", "According to police, the boy was 12."),
        ("In a move backed by Berlin, the council voted.", "In a move backed by Berlin, the council voted."),
    ],
)
def test_fact_wording_drops_an_empty_opening(written, shown):
    assert clean_text(written) == shown
