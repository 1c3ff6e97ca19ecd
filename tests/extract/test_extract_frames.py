"""Clause-level frames: predicate, argument heads, and the date, place and polarity attached to them."""

from __future__ import annotations

import pytest

from crosswire.extract.frames import stem

pytestmark = pytest.mark.slow
PUBLISHED = "2026-03-04T10:00:00Z"


def frame_of(extraction, predicate):
    found = [f for f in extraction.frames if f.predicate == predicate]
    assert found, [(f.predicate, f.subjects, f.objects) for f in extraction.frames]
    return found[0]


def dates_of(extraction, frame):
    by_start = {d.start: d.text for d in extraction.dates}
    return [by_start[s] for s in frame.dates]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("issued", "issu"),
        ("issue", "issu"),
        ("issuing", "issu"),
        ("began", "begin"),
        ("begun", "begin"),
        ("stopped", "stop"),
        ("called", "call"),
        ("leaks", "leak"),
        ("leaking", "leak"),
        ("shot", "shoot"),
    ],
)
def test_stem_meets_word_forms(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("text", "predicate", "argument", "dated", "place"),
    [
        (
            "A chemical tanker began leaking styrene at Pier 7 of the east harbour early on Tuesday.",
            "begin",
            "leak",
            "Tuesday",
            "Pier 7 of the east harbour",
        ),
        (
            "Questions are mounting over the response to the leak at the port, which began on Monday.",
            "begin",
            "leak",
            "Monday",
            None,
        ),
        (
            "Divers on Thursday reached the hull of the tanker that began leaking styrene on Tuesday.",
            "begin",
            "leak",
            "Tuesday",
            None,
        ),
        ("A man was shot in Chicago on Friday.", "shoot", "man", "Friday", "Chicago"),
        ("A man was shot near Orrin on Friday.", "shoot", "man", "Friday", None),  # roughly where: no place
        # a date on the event the act happened during dates the act
        ("Police say four people were shot during a fight early Sunday at a hall.", "shoot", "peopl", "Sunday", None),
    ],
)
def test_frames_attach_date_and_place_to_their_own_clause(extract, text, predicate, argument, dated, place):
    extraction = extract(text, published_at=PUBLISHED)
    frame = frame_of(extraction, predicate)
    assert argument in frame.subjects + frame.objects
    assert any(dated in d for d in dates_of(extraction, frame))
    assert (place in frame.places) if place else frame.places == ()


@pytest.mark.parametrize(
    "text",
    [
        "No charges were filed against Throneberry as of Friday night.",  # a reference time, not an event date
        "Police have been searching since Tuesday.",
        "The suspect was held until Monday.",
    ],
)
def test_reference_times_do_not_date_an_event(extract, text):
    extraction = extract(text, published_at=PUBLISHED)
    assert all(frame.dates == () for frame in extraction.frames)


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("The minister's office confirmed that no evacuation order has been issued for the district.", "issu", True),
        ("An evacuation order was issued for the district.", "issu", False),
        ("The suspect was not arrested.", "arrest", True),
        ("Crews had never stopped the leak.", "stop", True),
        # a participle after a noun under 'no' is negated with it: 'no officers involved' = none were involved
        ("Officials said there had been no toxic release affecting residents.", "affect", True),
        ("There were no officers involved in the shooting.", "involv", True),
    ],
)
def test_frames_read_negation(extract, text, predicate, negated):
    assert frame_of(extract(text), predicate).negated is negated


@pytest.mark.parametrize(
    ("text", "predicate", "modal"),
    [
        ("The funeral will be held on Friday.", "hold", True),
        ("The harbour would remain closed until the leak was stopped.", "stop", True),
        ("The minister is expected to visit the terminal on Thursday.", "expect", True),
        ("If the valve failed, the crew raised the alarm.", "fail", True),
        ("The valve failed on Tuesday.", "fail", False),
        ("Hale said the leak stopped on Tuesday.", "stop", False),  # reported, not hypothetical
        ("His lawyer set out to prove that his client did not pull the trigger.", "pull", True),  # one side's case
        ("The mayor insisted that the order was issued on time.", "issu", True),
        # a claim a denial dismisses is one side's case, like the complement of 'denied'
        ("Hallam dismissed rumours that he had fled the country.", "flee", True),
        ("Hallam denied that he had fled the country.", "flee", True),
        ("Hallam dismissed the clerk who had fled the country.", "flee", False),
    ],
)
def test_frames_mark_what_did_not_happen_as_fact(extract, text, predicate, modal):
    assert frame_of(extract(text, published_at=PUBLISHED), predicate).modal is modal


def test_an_infinitive_is_not_a_statement_of_fact(extract):
    extraction = extract("Police received permission from the court to release his name.")
    assert frame_of(extraction, "releas").modal


@pytest.mark.parametrize(
    ("text", "predicate", "present"),
    [
        ("The new regulations do not require agencies to consult scientists.", "requir", True),
        ("The old rule required agencies to consult scientists.", "requir", False),
        ("No evacuation order has been issued for the district.", "issu", False),  # a perfect: an event
        ("Monitors say the truce is holding.", "hold", True),
    ],
)
def test_frames_mark_present_states(extract, text, predicate, present):
    assert frame_of(extract(text, published_at=PUBLISHED), predicate).present is present


@pytest.mark.parametrize(
    ("text", "predicate", "reporting", "dated"),
    [
        (
            "Wednesday morning the harbour authority called off its search for the two divers.",
            "suspend",
            False,
            "Wednesday",
        ),
        ("On Tuesday the harbour authority suspended its search for the two divers.", "suspend", False, "Tuesday"),
        ("The harbour authority called the coastguard on Tuesday.", "call", True, "Tuesday"),
    ],
)
def test_frames_phrasal_verbs_name_their_own_event(extract, text, predicate, reporting, dated):
    """'called off the search' and 'suspended the search' are one event (and 'called off' reports
    nothing); a weekday before 'morning' dates the verb the part of the day hangs on."""
    extraction = extract(text, published_at=PUBLISHED)
    frame = frame_of(extraction, predicate)
    assert frame.reporting is reporting
    assert any(dated in d for d in dates_of(extraction, frame))


def test_frames_a_date_dates_every_verb_of_its_coordination(extract):
    """'shot and injured the two men on June 3': the shooting is dated too; a verb with its own date
    keeps it ('arrested on Monday and charged on Tuesday')."""
    shot = extract(
        "Police said Tor Halden shot and injured the two men on June 3 outside the bar.", published_at=PUBLISHED
    )
    assert any("June 3" in d for d in dates_of(shot, frame_of(shot, "shoot")))
    two = extract("Halden was arrested on Monday and charged on Tuesday.", published_at=PUBLISHED)
    assert [d for d in dates_of(two, frame_of(two, "arrest"))] == ["Monday"]
    own = extract(
        "The jury delivered its verdict within hours and the sentence will be announced on Friday.",
        published_at=PUBLISHED,
    )  # two subjects: two clauses, two times
    assert dates_of(own, frame_of(own, "deliver")) == []


def test_one_group_worded_two_ways_gives_one_frame_argument(extract):
    """'Four teens were shot' and 'four teenagers were shot' report one event: one argument
    (``vocabulary.EVENT_ARGUMENTS``), so their dates are compared."""
    teens = frame_of(extract("Four teens were shot on a porch on Sunday.", published_at=PUBLISHED), "shoot")
    teenagers = frame_of(extract("Four teenagers were shot on a porch on Sunday.", published_at=PUBLISHED), "shoot")
    assert "teen" in teens.subjects + teens.objects and "teen" in teenagers.subjects + teenagers.objects


@pytest.mark.parametrize(
    ("text", "predicate", "objects"),
    [
        ("Detectives named Tarik Kelly as the suspect. He was arrested on Saturday.", "arrest", ("kelly",)),
        ("Officers stopped Dana Reyes near the pier, and later she was charged.", "charg", ("rey",)),  # a stem
        ("Tarik Kelly met Jon Smith at the pier. He was arrested on Saturday.", "arrest", ()),  # two: no one
        ("The harbour closed at noon. He was arrested on Saturday.", "arrest", ()),  # nobody named
    ],
)
def test_a_he_or_she_stands_for_the_one_person_named_just_before(extract, text, predicate, objects):
    frame = frame_of(extract(text), predicate)
    assert frame.referents == objects and frame.objects == ()  # a claim's main clause is read without it


def test_a_given_name_and_a_date_are_no_context_of_an_event(extract):
    frame = frame_of(extract("Tarik Kelly was arrested on Saturday at the pier."), "arrest")
    assert frame.objects == ("kelly",)
    assert "tarik" not in frame.context and "saturday" not in frame.context and "pier" in frame.context


def test_a_passive_verb_joined_to_another_does_not_take_its_subject(extract):
    text = "Felt suffered from heart failure but the exact cause of his death was not immediately known."
    assert frame_of(extract(text), "know").subjects == ()


@pytest.mark.parametrize(
    ("text", "predicate", "subjects", "objects"),
    [
        ("Four dockers are recovering after being hurt early Tuesday at Pier 9.", "hurt", (), ("dockers",)),
        (
            "The skipper was arrested on Friday after being stopped by harbour police.",
            "stop",
            ("police",),
            ("skipper",),
        ),
        ("Before boarding the ferry, the skipper called the harbour master.", "board", ("skipper",), ("ferry",)),
        ("Four dockers said that a crane was hurt early Tuesday.", "hurt", (), ("crane",)),  # its own subject
    ],
)
def test_a_gerund_without_a_subject_is_about_its_clauses_subject(extract, text, predicate, subjects, objects):
    frame = frame_of(extract(text), predicate)
    assert (frame.subjects, frame.objects) == (tuple(map(stem, subjects)), tuple(map(stem, objects)))
