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


def _sums(extract: Extract, text: str, published_at: str = "2026-06-20") -> list[tuple[str, float, tuple[str, ...]]]:
    return [(m.key, m.value, m.scope) for m in extract(text, published_at=published_at).measures if not m.part]


@pytest.mark.parametrize(
    ("text", "value", "scope"),
    [
        ("Vell Rovers paid Orrin Town an upfront fee of €41m for the winger.", 41e6, ("tier:base",)),
        ("Orrin Town will receive 41 million euros as a fixed fee for the winger.", 41e6, ("tier:base",)),
        ("The transfer would include an amount of 40 million euros plus bonuses.", 40e6, ("tier:base",)),
        ("Vell will pay 41m euros for the winger, in addition to various potential add-ons.", 41e6, ("tier:base",)),
        ("If those add-ons are met, the deal could reach 52.5m euros.", 52.5e6, ("tier:max",)),
        ("Vell Rovers signed the winger for a fee of €41m.", 41e6, ()),
    ],
)
def test_a_sum_is_keyed_by_what_it_pays_and_which_part(
    extract: Extract, text: str, value: float, scope: tuple[str, ...]
) -> None:
    assert ("money:price:EUR", value, scope) in _sums(extract, text)


def test_a_sum_in_another_year_add_ons_and_a_sum_in_no_deal(extract: Extract) -> None:
    found = _sums(
        extract,
        "In the summer of 2023, Orrin Town had paid €9 million for him. The fee of €41m includes a further "
        "€6m in performance-related add-ons. The club's new stadium cost €300m.",
    )
    assert ("money:price:EUR", 9e6, ("in:2023",)) in found
    assert not any(value == 6e6 for _, value, _ in found)  # the add-ons are a part of the fee
    assert _sums(extract, "The deal includes €7m in add-ons.") == []
    assert not any(value == 300e6 for _, value, _ in found)  # a stadium's cost is no price of this deal


def test_a_bare_sum_in_millions_takes_the_articles_currency_when_it_pays_something(extract: Extract) -> None:
    text = "Vell will pay €41m for the winger. The transfer fee, which could rise to up to 52 million, is a record."
    [most] = [m for m in extract(text, published_at="2026-06-20").measures if m.value == 52e6]
    assert most.key == "money:price:EUR" and most.scope == ("tier:max",)
    assert most.low < 52e6 < most.high  # 'up to' of the most a deal can reach is that most, not a bound


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("He played 40 times for his club in 2025-26, scoring 11 goals.", "season:2026"),
        ("Marr scored 11 goals last season.", "season:2026"),  # an article of June 2026: 2025-26
        ("Marr scored 11 goals in 2019.", "in:2019"),
    ],
)
def test_a_plain_count_is_scoped_to_its_period(extract: Extract, text: str, period: str) -> None:
    [goals] = [scope for key, _, scope in _sums(extract, text) if key == "goals"]
    assert period in goals


def test_a_sum_that_could_be_paid_is_a_guess_the_most_a_deal_could_reach_is_not(extract: Extract) -> None:
    assert _sums(extract, "The city could pay $5m in damages to the family.") == []
    assert _sums(extract, "The deal could reach €52m with bonuses.") == [("money:price:EUR", 52e6, ("tier:max",))]


def test_a_date_that_bounds_a_contract_is_no_period(extract: Extract) -> None:
    found = _sums(extract, "Marr will sign a contract until 2031, and Vell paid €41m to sign him.")
    assert ("money:price:EUR", 41e6, ()) in found


@pytest.mark.parametrize(
    ("text", "key", "low", "high"),
    [
        ("Jurors took less than an hour to come to their verdict.", "duration:verdict", 0, 3600),
        ("The jury took just three hours on Friday to return a verdict.", "duration:verdict", 2.5 * 3600, 3.5 * 3600),
        ("Voss was sentenced to 6 1/2 years in prison.", "duration:sentence", 6.25 * 31557600, 6.75 * 31557600),
        ("Voss served 41/2 months in a county jail.", "duration:served", 4.25 * 2629800, 4.75 * 2629800),  # 4½
        ("The blackout lasted about two days.", "duration:blackout", 1.5 * 86400, 2.5 * 86400),
    ],
)
def test_a_duration_is_keyed_by_what_it_times(extract: Extract, text: str, key: str, low: float, high: float) -> None:
    [duration] = [m for m in extract(text).measures if m.key.startswith("duration:")]
    assert duration.key == key
    assert duration.low == pytest.approx(low) and duration.high == pytest.approx(high)


@pytest.mark.parametrize(
    "text",
    [
        "Three hours later, the jury returned.",  # an offset, not a duration
        "A 3-year-old boy was hurt.",  # an age
        "Police arrived two days after the fire.",
        "It took firefighters a long time.",
    ],
)
def test_offsets_and_ages_are_no_durations(extract: Extract, text: str) -> None:
    assert [m for m in extract(text).measures if m.key.startswith("duration:")] == []


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("Deputies said the shooting left three people dead near the river.", "dead", 3),
        ("Two teens are dead after the shooting at the Orrin mall.", "dead", 2),
        ("Two people remain missing after the flood.", "missing", 2),
        ("Police said 7 people were shot at the party.", "shot", 7),
        ("Four people are recovering after being shot early Sunday at a hall.", "shot", 4),
        ("The sheriff is investigating the death of a 20 year-old man.", "age:man", 20),
    ],
)
def test_measures_read_harm_stated_by_a_copula_or_left_and_unhyphened_ages(
    extract: Extract, text: str, key: str, value: float
) -> None:
    assert (key, value) in [(k, v) for k, v, _ in _measures(extract, text)]


def test_counts_of_a_charge_carry_their_stage(extract: Extract) -> None:
    charged = _measures(extract, "Voss was charged with four counts of murder on Friday.")
    convicted = _measures(extract, "Voss pleaded guilty to two counts of murder on Friday.")
    assert any("stage:charged" in scope for key, _, scope in charged if key == "count of murder")
    assert any("stage:convicted" in scope for key, _, scope in convicted if key == "count of murder")


def test_another_incident_of_the_same_day_is_a_part(extract: Extract) -> None:
    """'Earlier Monday, eight people were shot at a parade': another shooting, never the story's count."""
    [other] = [m for m in extract("Earlier Monday, eight people were shot at a parade in Orrin.").measures]
    assert other.key == "shot" and other.part
    [own] = [m for m in extract("Officials said three people in total were shot.").measures]
    assert own.key == "shot" and not own.part


@pytest.mark.parametrize(
    ("text", "earlier", "current"),
    [
        ("The death toll from the Orrin dam collapse rose from 180 to 214 on Tuesday.", 180, 214),
        ("The toll stood at 214 on Tuesday, up from 180 on Monday.", 180, 214),
        (
            "The death toll has risen to 214. "
            "The new total is a sharp rise compared to the 180 total announced just hours earlier.",
            180,
            214,
        ),
        ("The previous toll of 180 was given on Monday. Officials now say 214 people were killed.", 180, 214),
    ],
)
def test_an_earlier_value_of_a_count_is_marked_earlier(
    extract: Extract, text: str, earlier: float, current: float
) -> None:
    measures = {(m.key, m.value): m for m in extract(text).measures}
    assert measures[("dead", earlier)].earlier and not measures[("dead", current)].earlier
    assert measures[("dead", current)].low <= current <= (measures[("dead", current)].high or current)


def test_an_earlier_event_is_no_earlier_value(extract: Extract) -> None:
    [measure] = [m for m in extract("The gunman had previously killed 2 people in a robbery.").measures]
    assert measure.key == "dead" and not measure.earlier


def test_counts_of_two_nations_listed_with_one_noun_are_each_of_their_nation(extract: Extract) -> None:
    found = _measures(
        extract,
        "Coast guards boarded the dhow to detain 12 Somali and 11 Yemeni fishermen. "
        "Officials said 23 Somali and Yemeni fishermen were held.",
    )
    by_value = {v: scope for _, v, scope in found}
    assert by_value[12] == ("of:somal",) and by_value[11] == ("of:yemen",)
    assert set(by_value[23]) == {"of:somal", "of:yemen"}


def test_a_charge_is_keyed_with_its_intent(extract: Extract) -> None:
    """'assault with intent to commit murder' and 'assault with intent to do great bodily harm' are two
    charges, so a changed count of one is not hidden by the other's."""
    keys = {
        m.key
        for m in extract(
            "Voss faces four counts of assault with intent to commit murder and two counts of assault with "
            "intent to do great bodily harm."
        ).measures
    }
    assert {
        "count of assault with intent to commit murder",
        "count of assault with intent to do great bodily harm",
    } <= keys


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Divers continued the search for the remaining six bodies in the flooded valley.", 6),
        ("Crews were deployed to the riverbank to search for the bodies of five others.", 5),
        ("Eighty bodies had been recovered, and the effort was continuing to find nine others.", 9),
        ("Two more people are still missing and the search of the rubble goes on.", 2),
        ("Three others remain missing after the dam burst.", 3),
        ("Three more villagers remain missing after the dam burst.", 3),
    ],
)
def test_people_still_searched_for_are_the_missing(extract: Extract, text: str, value: float) -> None:
    assert ("missing", value) in [(k, v) for k, v, _ in _measures(extract, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Police are searching for two people who fled the scene.",  # suspects, no rescue
        "Two more people were reported missing on Tuesday after the dam burst.",  # an addition, not what is left
    ],
)
def test_people_sought_by_police_and_more_missing_are_no_count_of_the_missing(extract: Extract, text: str) -> None:
    assert "missing" not in [k for k, _, _ in _measures(extract, text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Officers found five dockers with gunshot wounds at Pier 9.", 5),
        ("Officers found three people suffering from gunshot wounds near the pier.", 3),
        ("Officers found two people suffering gunshot wounds near the pier.", 2),
    ],
)
def test_people_with_gunshot_wounds_are_people_shot(extract: Extract, text: str, value: float) -> None:
    assert value in [v for k, v, _ in _measures(extract, text) if k == "shot"]


def test_people_with_other_wounds_are_no_count_of_the_shot(extract: Extract) -> None:
    assert not [
        k
        for k, _, _ in _measures(extract, "Officers found five dockers with cuts and bruises at Pier 9.")
        if k == "shot"
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Gunfire was exchanged between two cars and four dockers were hit.", 4),
        ("Three people were struck by stray bullets outside the ferry terminal.", 3),
    ],
)
def test_people_hit_by_gunfire_are_people_shot(extract: Extract, text: str, value: float) -> None:
    assert value in [v for k, v, _ in _measures(extract, text) if k == "shot"]


def test_people_hit_by_a_car_are_no_count_of_the_shot(extract: Extract) -> None:
    assert not [k for k, _, _ in _measures(extract, "Two dockers were hit by a van at Pier 9.") if k == "shot"]


def test_the_charges_each_of_several_defendants_face_are_nobody_in_particular(extract: Extract) -> None:
    """Listed defendants who 'each face' a count share it; the first named is not its owner, and a
    mention of 'the shootings' does not make a defendant's counts a sum over incidents."""
    listed = _measures(
        extract, "Anton Voss, 23, and Mira Kell, 20, each face two counts of murder in connection with the shootings."
    )
    alone = _measures(extract, "Anton Voss faces four counts of murder.")
    assert ("count of murder", 2.0, ("stage:charged",)) in listed
    assert any(k == "count of murder" and "by:voss" in scope for k, _, scope in alone)
