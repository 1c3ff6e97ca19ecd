"""Claims versus filler."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "checkable", "reason"),
    [
        ("Harbour Minister Ilse Marten arrived at the pier on Tuesday.", True, "named-entity"),
        ("The fire brigade said 60 firefighters were at the scene.", True, "figure"),
        ("So, let's dive in and explore what this means for you.", False, "second-person"),
        ("It is crucial that stakeholders come together.", False, "generic-opinion"),
        ("Where do we go from here?", False, "rhetorical"),
        ("The talks could potentially reshape the region.", False, "hedge"),
    ],
)
def test_claims_classify_sentences(extract, text, checkable, reason):
    claims = extract(text, published_at="2026-03-04").claims
    assert len(claims) == 1
    assert claims[0].checkable is checkable and reason in claims[0].reasons
    assert 0.0 <= claims[0].score <= 1.0


def test_claims_headings_are_not_claims(extract):
    claims = extract("### Understanding the Context\nThe port closed on Tuesday.").claims
    assert claims[0].reasons == ("heading",) and not claims[0].checkable
    assert claims[1].text == "The port closed on Tuesday."


@pytest.mark.parametrize(
    ("text", "second_person"),
    [
        ("The recent talks between US envoy Steven Witkoff and Russian President Vladimir Putin ended.", False),
        ("Officials in the U.S. said the talks ended.", False),
        ("Let us look at what the US envoy said.", True),
        ("The envoy told us the talks ended.", True),
    ],
)
def test_claims_us_in_capitals_is_the_country(extract, text, second_person):
    claims = extract(text, published_at="2026-03-04").claims
    assert ("second-person" in claims[0].reasons) is second_person
