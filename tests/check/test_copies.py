"""Edited copies: one wording with a word or two changed is compared whatever the embedding says."""

from __future__ import annotations

import dataclasses

import pytest
from tests.check.conftest import HashEmbedder, Line, Report, story

from crosswire.check import check_story
from crosswire.check.text import edited_copy
from crosswire.model import Article, Extraction, Frame

SHOOTING = "A 15-year-old has died following a shooting in Chelsea on Friday night, police said."
CHARGED = "James Jenkins, of the 4300 block of West Monroe Street, was charged with a felony count on Sunday."


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (SHOOTING, SHOOTING.replace("Chelsea", "Fairbanks"), True),
        (SHOOTING, SHOOTING.replace("Chelsea", "Albany Park"), True),
        (SHOOTING, SHOOTING.replace("has died", "was not hurt"), False),  # three words: another sentence
        (SHOOTING, SHOOTING, False),  # identical: nothing changed
        ("Two men were shot.", "Two women were shot.", False),  # too short to tell
    ],
)
def test_edited_copy_allows_a_word_or_two(a, b, expected):
    assert edited_copy(a, b) is expected


def _run(*reports):
    articles, extractions = story(*reports)
    return check_story("s", articles, extractions, embedder=HashEmbedder()).contradictions


def test_place_changed_in_a_copy_is_found_when_the_original_place_was_not_tagged():
    original = Report("a", [Line(SHOOTING)])  # the NER missed 'Chelsea'
    copy = Report("b", [Line(SHOOTING.replace("Chelsea", "Fairbanks"), places=["Fairbanks"])], dup_group="a")
    found = [c for c in _run(original, copy) if c.kind == "place"]
    assert [sorted(side.value for side in c.sides) for c in found] == [["Chelsea", "Fairbanks"]]
    assert found[0].syndicated


@pytest.mark.parametrize(
    "other",
    [
        SHOOTING.replace("Chelsea", "the city"),  # not a proper name: nothing to set against the place
        SHOOTING.replace("Friday", "Saturday"),  # the change is not the place
    ],
)
def test_place_not_flagged_in_a_copy_when_the_change_is_no_place(other):
    original = Report("a", [Line(SHOOTING)])
    copy = Report("b", [Line(other, places=["Chelsea"] if "Chelsea" in other else [])], dup_group="a")
    assert [c for c in _run(original, copy) if c.kind == "place"] == []


def test_place_changed_in_a_copy_with_many_places_is_found():
    text = "Cayle Taylor, of Franklinton, Louisiana, died in Sharkey County, near Vicksburg, the coroner said."
    places = ["Franklinton", "Louisiana", "Sharkey County", "Vicksburg"]
    original = Report("a", [Line(text, places=places)])
    edited = text.replace("Franklinton", "Duluth")
    copy = Report("b", [Line(edited, places=["Duluth", *places[1:]])], dup_group="a")
    found = [c for c in _run(original, copy) if c.kind == "place"]
    assert [sorted(side.value for side in c.sides) for c in found] == [["Duluth", "Franklinton"]]


def test_renamed_person_in_a_copy_is_found_though_the_name_moves_the_embedding():
    original = Report("a", [Line(CHARGED, people=[("James Jenkins", "James", "Jenkins", None)])])
    renamed = CHARGED.replace("James", "Desmond")
    copy = Report("b", [Line(renamed, people=[("Desmond Jenkins", "Desmond", "Jenkins", None)])], dup_group="a")
    found = [c for c in _run(original, copy) if c.kind == "person-name"]
    assert found and {side.value for side in found[0].sides} == {"James Jenkins", "Desmond Jenkins"}


def _counted(article_id: str, text: str, phrase: str, value: float, verb: str) -> tuple[Article, Extraction]:
    """One sentence counting people, with the frame of the verb after the count."""
    articles, extractions = story(Report(article_id, [Line(text, figures=[(phrase, value, "people", {})])]))
    at = text.index(verb)
    frame = Frame(at, at + len(verb), 0, verb[:4], ("peopl",), main=True)
    return articles[0], dataclasses.replace(extractions[article_id], frames=(frame,))


@pytest.mark.parametrize(
    ("text_b", "verb_b", "flagged"),
    [
        ("Five people died in a shooting early Tuesday morning, police said.", "died", True),
        ("Five people were shot in a shooting early Tuesday morning, police said.", "shot", False),  # other count
    ],
)
def test_numbers_of_one_unit_for_different_outcomes_are_not_compared(text_b, verb_b, flagged):
    text_a = "Three people died in a shooting early Tuesday morning, police said."
    article_a, extraction_a = _counted("a", text_a, "Three people", 3, "died")
    article_b, extraction_b = _counted("b", text_b, "Five people", 5, verb_b)
    result = check_story("s", [article_a, article_b], {"a": extraction_a, "b": extraction_b}, embedder=HashEmbedder())
    assert bool([c for c in result.contradictions if c.kind == "number"]) is flagged


@pytest.mark.parametrize(
    ("a", "b", "flagged"),
    [
        (
            "None of the injuries appeared to be life-threatening, police said.",
            "Police said the injuries appeared to be non-life-threatening.",
            False,
        ),
        (
            "The suspect was arrested at the scene of the shooting, police said.",
            "The suspect was not arrested at the scene of the shooting, police said.",
            True,
        ),
    ],
)
def test_negation_reads_a_non_prefix_as_negative(a, b, flagged):
    found = [c for c in _run(Report("a", [Line(a)]), Report("b", [Line(b)])) if c.kind == "negation"]
    assert bool(found) is flagged


@pytest.mark.parametrize(
    ("text_b", "value_b", "flagged"),
    [
        ("Halden rushed for 101 yards in the win at Orrin Park on Sunday.", 101, False),  # the sentence's other value
        ("Halden rushed for 262 yards in the win at Orrin Park on Sunday.", 262, True),
    ],
)
def test_a_number_the_other_sentence_also_gives_is_not_a_conflict(text_b, value_b, flagged):
    """'Halden rushed for 226 yards and Berg added 101' against 'Berg rushed for 101 yards': two
    quantities of one sentence, of which the other report gives one."""
    text_a = "Halden rushed for 226 yards and Berg added 101 in the win at Orrin Park on Sunday."
    a = Report("a", [Line(text_a, figures=[("226 yards", 226, "yards", {}), ("101", 101, None, {})])])
    b = Report("b", [Line(text_b, figures=[(f"{value_b} yards", value_b, "yards", {})])])
    assert bool([c for c in _run(a, b) if c.kind == "number"]) is flagged


@pytest.mark.parametrize(("noun_b", "flagged"), [("pass", False), ("drive", True)])
def test_a_hyphenated_figure_measures_the_noun_it_describes(noun_b, flagged):
    """'a 73-yard drive' and 'a 7-yard pass' measure two things; 'a 7-yard drive' is the same one."""
    a = Report(
        "a",
        [
            Line(
                "The Colts capped a 73-yard drive with a touchdown at Orrin Park on Sunday.",
                figures=[("73-yard", 73, "yards", {})],
            )
        ],
    )
    b = Report(
        "b",
        [
            Line(
                f"The Colts capped a 7-yard {noun_b} with a touchdown at Orrin Park on Sunday.",
                figures=[("7-yard", 7, "yards", {})],
            )
        ],
    )
    assert bool([c for c in _run(a, b) if c.kind == "number"]) is flagged
