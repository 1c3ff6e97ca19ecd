"""One conflict is one finding (quotes of one passage, one changed sentence against several reports), and
facts align on the claim a sentence's main clause makes."""

from __future__ import annotations

import dataclasses

import pytest
from eval.mutate import real_person
from tests.check.conftest import HashEmbedder, Line, Report, build, story

from crosswire.check import check_story
from crosswire.check.align import main_event, other_claim
from crosswire.check.context import merge_overlapping
from crosswire.model import Contradiction, Evidence, Frame, Side


def _finding(kind: str, *sides: tuple[str, str, int]) -> Contradiction:
    return Contradiction(
        id=f"{kind}:{sides}",
        kind=kind,  # type: ignore[arg-type]
        subject="s",
        severity="high",
        confidence=0.8,
        explanation="e",
        sides=tuple(Side(value, (Evidence(article, "text", start, start + 4),)) for value, article, start in sides),
    )


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        # one changed sentence ('Sunday' in the copy) against two reports that keep 'Friday'
        ((("Friday", "a", 0), ("Sunday", "copy", 10)), (("Friday", "b", 0), ("Sunday", "copy", 10)), True),
        # the same values but no sentence in common: two conflicts
        ((("Friday", "a", 0), ("Sunday", "copy", 10)), (("Friday", "b", 0), ("Sunday", "c", 10)), False),
        # a sentence in common but another value on the other side: two conflicts
        ((("Friday", "a", 0), ("Sunday", "copy", 10)), (("Saturday", "b", 0), ("Sunday", "copy", 10)), False),
    ],
)
def test_merge_overlapping_joins_one_conflict(first, second, merged):
    found = merge_overlapping([_finding("date", *first), _finding("date", *second)])
    assert (len(found) == 1) is merged
    if merged:
        assert {e.article_id for e in found[0].sides[0].evidence} == {"a", "b"}


def _passage(article_id: str, speaker: str, given: str, family: str, dup: str | None = None) -> Report:
    first, second = "We heard three shots and ran for cover", "Nobody expected this on our quiet street"
    return Report(
        article_id,
        [
            Line(f'"{first}," {speaker} said.', people=[(speaker, given, family, None)], quotes=[(first, speaker)]),
            Line(f'"{second}," {speaker} added.', people=[(speaker, given, family, None)], quotes=[(second, speaker)]),
        ],
        dup_group=dup,
    )


def test_a_passage_given_to_another_speaker_is_one_attribution_finding():
    articles, extractions = story(
        _passage("a", "Bill Altringer", "Bill", "Altringer"), _passage("b", "Ann Lindqvist", "Ann", "Lindqvist", "a")
    )
    found = check_story("s", articles, extractions, embedder=HashEmbedder()).contradictions
    attributions = [c for c in found if c.kind == "attribution"]
    assert len(attributions) == 1
    assert all(len(side.evidence) == 2 for side in attributions[0].sides)


def _frame(predicate: str, subjects=(), objects=(), *, main=True, reporting=False) -> Frame:
    return Frame(0, 1, 0, predicate, tuple(subjects), tuple(objects), main=main, reporting=reporting)


@pytest.mark.parametrize(
    ("frames", "expected"),
    [
        ([_frame("spark", ["talk"], ["flurry"])], ("spark", frozenset({"talk", "flurry"}))),
        ([_frame("say", ["police"], reporting=True), _frame("shoot", [], ["man"])], ("shoot", frozenset({"man"}))),
        ([_frame("com", ["meet"])], None),  # a light verb makes no claim of its own
        ([_frame("meet")], None),  # no named arguments: only similarity can align it
        ([_frame("shoot", ["man"], main=False)], None),  # a side clause
    ],
)
def test_main_event_is_the_main_clause_claim(frames, expected):
    _, extraction = build(Report("a", [Line("Some sentence of a report.")]))
    extraction = dataclasses.replace(extraction, frames=tuple(frames))
    assert main_event(extraction, 0) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("spark", frozenset({"talk"})), ("represent", frozenset({"outcom"})), True),
        (("spark", frozenset({"talk"})), ("highlight", frozenset({"talk"})), True),  # same talks, another claim
        (("spark", frozenset({"talk"})), ("spark", frozenset({"meet"})), False),
        (("spark", frozenset({"talk"})), None, False),  # no main clause: similarity decides
    ],
)
def test_other_claim_compares_main_predicates(a, b, expected):
    assert other_claim(a, b) is expected


def test_a_sentence_that_only_mentions_the_fact_does_not_join_it(embedder):
    texts = {
        "a": ("The talks between Witkoff and Putin sparked speculation about a ceasefire.", "spark", ["talk"]),
        "b": ("The talks between Witkoff and Putin sparked speculation about a truce.", "spark", ["talk"]),
        "c": ("The outcome of the Witkoff and Putin talks represents a pivot for Ukraine.", "represent", ["outcom"]),
    }
    reports = [Report(key, [Line(text)]) for key, (text, _, _) in texts.items()]
    articles, extractions = story(*reports)
    for key, (_, predicate, subjects) in texts.items():
        extraction = extractions[key]
        extractions[key] = dataclasses.replace(extraction, frames=(_frame(predicate, subjects),))
    facts = check_story("s", articles, extractions, embedder=embedder).facts
    members = sorted(sorted(e.article_id for e in fact.evidence) for fact in facts)
    assert ["a", "b"] in members and ["c"] in members


@pytest.mark.parametrize(
    ("text", "name", "given", "family", "label", "expected"),
    [
        ("Police named the victim as Marcus Bell, 24.", "Marcus Bell", "Marcus", "Bell", "PERSON", True),
        ("Warren Police are continuing to investigate.", "Warren Police", "Warren", "Police", "PERSON", False),
        ("The father drove to Ben Taub Hospital.", "Ben Taub", "Ben", "Taub", "PERSON", False),
        ("Deputies were called to a home in Broken Arrow.", "Broken Arrow", "Broken", "Arrow", "PERSON", False),
        ("A crime scene was found on Keo Way nearby.", "Keo Way", "Keo", "Way", "PERSON", False),
        ("Police named the victim as Marcus Bell, 24.", "Marcus Bell", "Marcus", "Bell", "ORG", False),
    ],
)
def test_mutator_renames_only_real_people(text, name, given, family, label, expected):
    from crosswire.model import Mention, Person

    article, extraction = build(Report("a", [Line(text)]))
    start = article.text.index(name)
    person = Person(start, start + len(name), name, given, family, 0)
    extraction = dataclasses.replace(
        extraction,
        **{
            "people": (person,),
            "mentions": (Mention(start, start + len(name), name, label, 0),),
        },
    )
    assert real_person(article, extraction, person) is expected


@pytest.mark.parametrize(
    ("dateline", "flagged"),
    [
        ("BRENNHOLM, March 3 (Northsea Wire) - Councillors have approved the tram extension.", False),
        ("On March 3 councillors in Brennholm approved the tram extension to the campus.", True),
    ],
)
def test_a_wire_datelines_filing_date_is_not_the_events_date(embedder, dateline, flagged):
    day = "March 3"
    reports = [
        Report(
            "a",
            [
                Line(
                    "On Monday councillors in Brennholm approved the tram extension to the campus.",
                    dates=[("Monday", "2026-03-02", "day", "Monday")],
                )
            ],
        ),
        Report("b", [Line(dateline, dates=[(day, "2026-03-03", "day", None)])]),
    ]
    articles, extractions = story(*reports)
    found = check_story("s", articles, extractions, embedder=embedder).contradictions
    assert any(c.kind == "date" for c in found) is flagged
