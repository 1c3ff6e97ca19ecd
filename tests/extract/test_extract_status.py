"""Statuses: whether a sentence takes a ceasefire, deal, curfew or ban to be in force."""

from __future__ import annotations

import pytest

IN_FORCE = [
    ("Observers said both armies were violating the ceasefire near the river.", "violating the ceasefire"),
    ("The talks come amid the fragile state of the ceasefire agreement.", "state of the ceasefire agreement"),
    ("Monitors will check whether the truce is holding in the east.", "the truce is holding"),
    ("The two sides signed a ceasefire on Monday in Geneva.", "signed a ceasefire"),
    ("Fishermen have complied with the fishing ban since March.", "the fishing ban"),
    ("The government said the curfew took effect at midnight.", "the curfew took"),
]
NOT_YET = [
    ("The president urged both sides to get moving on a ceasefire.", "moving on a ceasefire"),
    ("Diplomats hope the meeting will facilitate a ceasefire between the two armies.", "facilitate a ceasefire"),
    ("Leaders called for a ceasefire in the region on Sunday.", "called for a ceasefire"),
    ("There is no ceasefire in the region yet, officials said.", "no ceasefire"),
    ("The envoy is expected to reach a truce with the rebels next week.", "reach a truce"),
    ("Residents want a peace deal before the winter.", "want a peace deal"),
]
NEITHER = [
    "The ceasefire talks resumed in Vienna on Monday.",  # the measure qualifies another noun
    "Both leaders called for a permanent ceasefire on Sunday.",  # a qualified measure may be another one
    "A ceasefire would face many complications, analysts said.",  # a hypothetical, no presupposition
    "The agreement was praised by both governments.",  # not a measure this reads
    "The fishing ban on cod was lifted in 2019.",  # ended: neither in force nor not yet
]


@pytest.mark.parametrize(("text", "words"), IN_FORCE)
def test_status_in_force(extract, text, words):
    found = extract(text).statuses
    assert [s.state for s in found] == ["in force"], found
    assert words in text[found[0].start : found[0].end] or text[found[0].start : found[0].end] in words


@pytest.mark.parametrize(("text", "words"), NOT_YET)
def test_status_not_yet(extract, text, words):
    found = extract(text).statuses
    assert [s.state for s in found] == ["not yet"], found
    assert words in text[found[0].start : found[0].end] or text[found[0].start : found[0].end] in words


@pytest.mark.parametrize("text", NEITHER)
def test_status_not_read(extract, text):
    assert extract(text).statuses == ()


def test_truce_and_ceasefire_are_one_thing(extract):
    things = {s.thing for s in extract("They broke the truce. Nobody observed the cease-fire either.").statuses}
    assert things == {"ceasefire"}


def test_ban_is_named_by_what_it_bans(extract):
    assert [s.thing for s in extract("Trawlers ignored the fishing ban on Tuesday.").statuses] == ["fishing ban"]
