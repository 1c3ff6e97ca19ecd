"""A denial states a negation: 'dismissed rumours that he was the informant' agrees with 'he was not'."""

from __future__ import annotations

import pytest
from tests.check.conftest import HashEmbedder, Line, Report, story

from crosswire.check import check_story
from crosswire.check.slots import negated_words


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("Hallam dismissed rumours that he was the informant.", {"dismissed"}),
        ("Hallam rejected the claims that he was the informant.", {"rejected"}),
        ("Hallam refuted reports he was the informant.", {"refuted"}),
        ("Hallam rejected the offer of a post in the ministry.", set()),  # rejects no claim
        ("Hallam said he was the informant.", set()),
    ],
)
def test_a_denial_of_a_claim_is_a_negation_cue(text, cues):
    assert negated_words(text)[1] == cues


def _negations(a: str, b: str) -> list:
    articles, extractions = story(Report("a", [Line(a)]), Report("b", [Line(b)]))
    found = check_story("s", articles, extractions, embedder=HashEmbedder()).contradictions
    return [c for c in found if c.kind == "negation"]


def test_a_denial_agrees_with_a_negation():
    denied = "Hallam dismissed rumours that he was the informant in the Ostrava harbour case, saying he never met them."
    negated = "Hallam insisted he was not the informant in the Ostrava harbour case, saying he never met them."
    assert _negations(negated, denied) == []


def test_a_dismissed_claim_is_not_read_as_affirmed():
    """'rumours that he was the informant' is the claim denied: nothing in the sentence affirms it."""
    denied = "Hallam dismissed rumours that he was the informant in the Ostrava harbour case, his lawyer said."
    affirmed = "Hallam was the informant in the Ostrava harbour case, his lawyer said."
    assert _negations(affirmed, denied) == []
