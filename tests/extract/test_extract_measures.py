"""Measures: what a figure counts, read from the parse (fictional sentences)."""

from __future__ import annotations

import pytest
from tests.extract.conftest import Extract


def _measures(extract: Extract, text: str) -> list[tuple[str, float, tuple[str, ...]]]:
    return [(m.key, m.value, m.scope) for m in extract(text).measures if not m.part]


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("At least 212 people were killed when the dam at Orrin gave way on Monday.", "dead", 212),
        ("The death toll from the Orrin dam collapse has risen to 214, officials said on Tuesday.", "dead", 214),
        ("Rescuers said 98 were injured and 31 others are missing after the dam burst.", "injured", 98),
        ("Rescuers said 98 were injured and 31 others are missing after the dam burst.", "missing", 31),
        ("The flood killed 40 farm workers in the valley below the dam.", "dead", 40),
        ("Crews have recovered 57 bodies from the mud so far.", "bodies:recover", 57),
    ],
)
def test_measures_key_counts_of_harm_however_worded(extract: Extract, text: str, key: str, value: float) -> None:
    assert (key, value) in [(k, v) for k, v, _ in _measures(extract, text)]


def test_measures_scope_a_count_to_its_place_and_nationality(extract: Extract) -> None:
    found = _measures(
        extract, "In neighbouring Laos, at least 12 people were killed. The bus carried 30 Laotian passengers."
    )
    keys = {(k, v): scope for k, v, scope in found}
    assert "laos" in keys[("dead", 12)]
    assert any(part.startswith("of:") for part in keys[("people", 30)])


def test_measures_intervals_follow_the_wording(extract: Extract) -> None:
    [bound] = [m for m in extract("More than 3,400 people were injured in the quake.").measures]
    assert bound.low == 3400 and bound.high is None and bound.bound
    [count] = [m for m in extract("At least 68 people were killed in the crash.").measures]
    assert count.low < 68 < count.high < 69  # 'at least 68 killed' reports 68
    [near] = [m for m in extract("The ship, nearly 1,000 feet long, lost power before dawn.").measures]
    assert near.key.startswith("length:long") and near.low < 948 * 0.3048 < near.high


def test_measures_magnitude_of_a_quake_and_of_its_aftershock_are_two_keys(extract: Extract) -> None:
    keys = {m.key for m in extract("The 7.1-magnitude earthquake was followed by a 5.9-magnitude aftershock.").measures}
    assert keys == {"magnitude:quake", "magnitude:aftershock"}


@pytest.mark.parametrize(
    "text",
    [
        "Geologists estimated that the toll could top 10,000.",  # a projection
        "The ATR 72 aircraft was built in 2007.",  # a model number
        "The five-member team reached the twelfth floor.",  # describes, does not count
    ],
)
def test_measures_leave_out_what_is_no_measurement(extract: Extract, text: str) -> None:
    assert _measures(extract, text) == []


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("Two men exchanged gunfire, wounding six people caught in the crossfire.", ("which:catch",)),
        ("Officers found two people dead at a home on the south side early Friday.", ("at:home",)),
        ("Four people were killed at the school on Friday.", ("at:school",)),
        ("Four people were killed on Friday, police said.", ()),
    ],
)
def test_measures_count_of_a_narrowed_group_or_a_site_is_scoped(extract: Extract, text: str, scope) -> None:
    """'six people caught in the crossfire' and 'two dead at a home' count part of the story's toll:
    compared only with counts of the same group or site."""
    [measure] = [m for m in extract(text).measures if m.key in {"dead", "injured"}]
    assert measure.scope == scope


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Officers responded to the Orrin ferry terminal at 9:37 p.m. on Sunday.", False),
        ("Police also responded to a reported shooting on Kell Street around 12:45 a.m. Monday.", True),
        ("In that case, officers responded to the block about 9:37 p.m. and found a man wounded.", True),
    ],
)
def test_measures_clock_time_of_another_incident_is_a_part(extract: Extract, text: str, part: bool) -> None:
    """A roundup's other incidents ('also responded', 'In that case') have times of their own: never
    compared with the story's."""
    [measure] = [m for m in extract(text).measures if m.key.startswith("time:")]
    assert measure.part is part


def test_measures_clock_time_of_an_event_is_keyed_by_its_verb(extract: Extract) -> None:
    [measure] = [
        m for m in extract("The ferry left Orrin at 10:42 a.m. on Sunday.").measures if m.key.startswith("time:")
    ]
    assert measure.key == "time:leave"  # the stem, so "left" and "leaving" meet
    assert measure.low < 10 * 60 + 42 < measure.high
    [about] = [
        m for m in extract("The ferry sank at about 11:15 p.m. on Sunday.").measures if m.key.startswith("time:")
    ]
    assert about.high - about.low >= 20 and about.low < 23 * 60 + 15 < about.high


def test_measures_a_plain_count_is_keyed_by_what_it_is_of(extract: Extract) -> None:
    """'two counts of murder' and 'one count of attempted murder' are two measures; singular and plural
    of one noun are one."""
    keys = [
        (m.key, m.value) for m in extract("Each faces two counts of murder and one count of attempted murder.").measures
    ]
    assert keys == [("count of murder", 2.0), ("count of attempted murder", 1.0)]
