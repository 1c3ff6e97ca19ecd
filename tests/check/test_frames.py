"""Clause-level checks (check.frames): one event, two dates / places / polarities. Frames built by hand."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest
from tests.check.conftest import HashEmbedder

from crosswire.check import check_story
from crosswire.check.context import merge_overlapping
from crosswire.check.frames import same_event
from crosswire.model import Article, Claim, Contradiction, DateRef, Evidence, Extraction, Frame, Mention, Sentence, Side


@dataclass
class Clause:
    """One sentence holding one frame: the verb as written plus the frame's fields."""

    text: str
    verb: str
    predicate: str
    subjects: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    negated: bool = False
    modal: bool = False
    present: bool = False
    date: tuple[str, str, str | None] | None = None  # (as written, ISO value, weekday)
    place: str | None = None
    places: tuple[tuple[str, str], ...] = ()  # (name, label) place mentions in the sentence
    extra: list[Clause] = field(default_factory=list)


def article(article_id: str, *clauses: Clause) -> tuple[Article, Extraction]:
    text, sentences, claims, frames, dates, mentions = "", [], [], [], [], []
    for index, clause in enumerate(clauses):
        start = len(text)
        text += clause.text + " "
        sentences.append(Sentence(index, start, start + len(clause.text), clause.text))
        claims.append(Claim(index, start, start + len(clause.text), clause.text, True, 0.8))
        starts = ()
        if clause.date is not None:
            written, value, weekday = clause.date
            at = start + clause.text.index(written)
            dates.append(DateRef(at, at + len(written), written, index, value, "day", 0.7, weekday))
            starts = (at,)
        for name, label in clause.places:
            at = start + clause.text.index(name)
            mentions.append(Mention(at, at + len(name), name, label, index))
        at = start + clause.text.index(clause.verb)
        frames.append(
            Frame(
                at,
                at + len(clause.verb),
                index,
                clause.predicate,
                clause.subjects,
                clause.objects,
                clause.context,
                negated=clause.negated,
                modal=clause.modal,
                main=True,
                dates=starts,
                present=clause.present,
                places=(clause.place,) if clause.place else (),
            )
        )
    extraction = Extraction(
        article_id,
        "test",
        "en",
        tuple(sentences),
        tuple(mentions),
        dates=tuple(dates),
        claims=tuple(claims),
        frames=tuple(frames),
    )
    return Article(id=article_id, text=text.strip(), source=article_id), extraction


def check(*reports: tuple[Article, Extraction]) -> list[Contradiction]:
    articles = [a for a, _ in reports]
    result = check_story("s", articles, {e.article_id: e for _, e in reports}, embedder=HashEmbedder())
    return list(result.contradictions)


LEAK_TUESDAY = Clause(
    "The leak began early on Tuesday.", "began", "begin", ("leak",), date=("Tuesday", "2026-03-03", "Tuesday")
)
LEAK_MONDAY = Clause(
    "Questions grow over the leak at the port, which began on Monday when a valve failed.",
    "began",
    "begin",
    ("port", "leak"),
    date=("Monday", "2026-03-02", "Monday"),
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Frame(0, 1, 0, "begin", ("leak",)), Frame(0, 1, 0, "begin", ("tanker",), ("leak", "styren")), True),
        (Frame(0, 1, 0, "arrest", ("polic",), ("smith",)), Frame(0, 1, 0, "arrest", ("polic",), ("jones",)), False),
        (Frame(0, 1, 0, "arrest", (), (), referents=("kelly",)), Frame(0, 1, 0, "arrest", (), ("kelly",)), True),
        (Frame(0, 1, 0, "arrest", (), (), referents=("kelly",)), Frame(0, 1, 0, "arrest", (), ("smith",)), False),
        (Frame(0, 1, 0, "shoot", (), ("man",)), Frame(0, 1, 0, "shoot", (), ("woman",)), False),
        (Frame(0, 1, 0, "say", ("polic",)), Frame(0, 1, 0, "say", ("polic",)), True),  # same_event; checks skip speech
        (Frame(0, 1, 0, "be", ("leak",)), Frame(0, 1, 0, "be", ("leak",)), False),  # a light verb is no event
        (Frame(0, 1, 0, "begin", ("talk",)), Frame(0, 1, 0, "begin", ("leak",)), False),
        (Frame(0, 1, 0, "issu", (), ("order",)), Frame(0, 1, 0, "ord", (), ("order",)), False),
    ],
)
def test_same_event_needs_predicate_and_a_shared_argument(a, b, expected):
    assert same_event(a, b) is expected


def test_event_date_conflict_found_across_differently_worded_sentences():
    found = check(article("a", LEAK_TUESDAY), article("b", LEAK_MONDAY))
    dates = [c for c in found if c.kind == "date"]
    assert len(dates) == 1
    assert {side.value for side in dates[0].sides} == {"2026-03-03", "2026-03-02"}
    assert {e.article_id for side in dates[0].sides for e in side.evidence} == {"a", "b"}


def _with(clause: Clause, **changes) -> Clause:
    return Clause(**{**clause.__dict__, **changes})


def test_event_date_not_flagged_when_each_report_dates_it_to_its_own_day():
    """'announced today (2 March)' in a report of 2 March and 'announced today (3 March)' in one of 3 March
    are two days' news of a developing story; the same two dates in reports of one day are a conflict."""
    tuesday, monday = (article("a", LEAK_TUESDAY), article("b", LEAK_MONDAY))
    own_days = [
        (dataclasses.replace(a, published_at=day), e)
        for (a, e), day in ((tuesday, "2026-03-03T09:00:00"), (monday, "2026-03-02T09:00:00"))
    ]
    assert [c for c in check(*own_days) if c.kind == "date"] == []
    one_day = [(dataclasses.replace(a, published_at="2026-03-03T18:00:00"), e) for a, e in own_days]
    assert [c.kind for c in check(*one_day)].count("date") == 1


@pytest.mark.parametrize(
    "monday",
    [
        _with(LEAK_MONDAY, negated=True),  # 'no leak began on Monday': a time of observation, not of an event
        _with(LEAK_MONDAY, modal=True),  # 'is expected to begin on Monday': a plan
        _with(LEAK_MONDAY, subjects=("talk",)),  # another event
        _with(LEAK_MONDAY, predicate="stop"),
    ],
)
def test_event_date_not_flagged_without_one_factual_event(monday):
    assert [c for c in check(article("a", LEAK_TUESDAY), article("b", monday)) if c.kind == "date"] == []


def test_event_date_not_flagged_when_one_report_dates_the_event_both_ways():
    also_tuesday = _with(LEAK_TUESDAY, text="Officials said the leak began on Tuesday.")
    found = check(article("a", LEAK_TUESDAY), article("b", LEAK_MONDAY, also_tuesday))
    assert [c for c in found if c.kind == "date"] == []


PIER_7 = Clause(
    "A tanker began leaking styrene at Pier 7 of the east harbour.",
    "began",
    "begin",
    ("tanker",),
    ("leak", "styren"),
    place="Pier 7 of the east harbour",
)
PIER_2 = Clause(
    "Divers reached the tanker that began leaking styrene at Pier 2 in the west harbour.",
    "began",
    "begin",
    ("tanker",),
    ("leak", "styren"),
    place="Pier 2 in the west harbour",
)


def test_event_place_conflict_found():
    found = [c for c in check(article("a", PIER_7), article("b", PIER_2)) if c.kind == "place"]
    assert len(found) == 1
    assert {side.value for side in found[0].sides} == {"Pier 7 of the east harbour", "Pier 2 in the west harbour"}


@pytest.mark.parametrize(
    "other",
    [
        _with(PIER_7, text="The leak began at Pier 7.", verb="began", subjects=("leak",), objects=(), place="Pier 7"),
        _with(PIER_2, place=None),  # no place given: nothing to compare
        _with(PIER_2, modal=True),
        _with(PIER_2, text="The tanker began leaking at Pier 2 in the west harbour, near Pier 7 of the east harbour."),
    ],
)
def test_event_place_not_flagged_when_places_can_agree(other):
    assert [c for c in check(article("a", PIER_7), article("b", other)) if c.kind == "place"] == []


def test_event_place_entities_not_flagged_when_a_report_names_both():
    chicago = Clause(
        "A man was shot in Chicago on Friday.",
        "shot",
        "shoot",
        (),
        ("man",),
        place="Chicago",
        places=(("Chicago", "GPE"),),
    )
    englewood = Clause(
        "A man was shot in Englewood, a Chicago neighbourhood.",
        "shot",
        "shoot",
        (),
        ("man",),
        place="Englewood",
        places=(("Englewood", "GPE"), ("Chicago", "GPE")),
    )
    assert [c for c in check(article("a", chicago), article("b", englewood)) if c.kind == "place"] == []


ORDER = Clause(
    "An evacuation order was issued for the Lindholt district.",
    "issued",
    "issu",
    (),
    ("order",),
    ("evacuation", "lindholt", "district"),
)
NO_ORDER = Clause(
    "The office confirmed that no evacuation order has been issued for the Lindholt district.",
    "issued",
    "issu",
    (),
    ("order",),
    ("evacuation", "lindholt", "district"),
    negated=True,
)


def test_event_negation_found():
    found = [c for c in check(article("a", ORDER), article("b", NO_ORDER)) if c.kind == "negation"]
    assert len(found) == 1
    assert sorted(side.value for side in found[0].sides) == ["issued", "not issued"]


@pytest.mark.parametrize(
    ("positive", "negative"),
    [
        (ORDER, _with(NO_ORDER, modal=True)),  # 'would not be issued': a forecast
        (_with(ORDER, context=("smith",)), _with(NO_ORDER, context=("jones",))),  # different events
        (_with(ORDER, context=()), NO_ORDER),  # one side says nothing of what the order was for
        (_with(ORDER, objects=("curfew",)), NO_ORDER),
        (ORDER, _with(NO_ORDER, present=True)),  # 'the new rules do not require' / 'the old rule required'
    ],
)
def test_event_negation_not_flagged_without_one_event(positive, negative):
    assert [c for c in check(article("a", positive), article("b", negative)) if c.kind == "negation"] == []


def test_event_negation_not_flagged_when_one_report_says_both():
    found = check(article("a", ORDER), article("b", NO_ORDER, _with(ORDER, text="Later an order was issued.")))
    assert [c for c in found if c.kind == "negation"] == []


def _finding(kind: str, subject: str, sides: list[tuple[str, list[tuple[str, int]]]]) -> Contradiction:
    return Contradiction(
        id=subject,
        kind=kind,
        subject=subject,
        severity="high",
        confidence=0.8,
        explanation="",
        sides=tuple(Side(value, tuple(Evidence(a, "", s, s + 1) for a, s in cited)) for value, cited in sides),
    )


@pytest.mark.parametrize(
    ("second", "merged"),
    [
        (_finding("date", "when: leak began", [("Monday", [("b", 5)]), ("Tuesday", [("a", 0), ("c", 0)])]), True),
        (_finding("date", "other", [("Monday", [("b", 5)]), ("Tuesday", [("d", 0)])]), False),  # one side differs
        (_finding("place", "x", [("2026-03-02", [("b", 5)]), ("2026-03-03", [("a", 0)])]), False),  # other kind
    ],
)
def test_merge_overlapping_joins_one_conflict_found_twice(second, merged):
    first = _finding("date", "date of: the leak", [("2026-03-03", [("a", 0)]), ("2026-03-02", [("b", 5)])])
    result = merge_overlapping([first, second])
    assert (len(result) == 1) is merged
    if merged:
        assert {e.article_id for e in result[0].sides[0].evidence} == {"a", "c"}
