"""The measures check on independently written reports (fictional outlets, real extractor)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.check.context import CheckContext
from crosswire.check.measures import check_measures
from crosswire.extract import extract_articles, load_nlp
from crosswire.model import Article, Contradiction


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _check(nlp: Language, reports: list[tuple[str, str]]) -> list[Contradiction]:
    articles = [Article(id=f"a{n}", text=text, published_at=day) for n, (day, text) in enumerate(reports)]
    extractions = {x.article_id: x for x in extract_articles(articles, nlp=nlp)}
    context = CheckContext({a.id: a for a in articles}, extractions, None, [], [], [], [])  # type: ignore[arg-type]
    return list(check_measures(context))


FILLER = " The dam at Orrin, in the hills of Vell, was built in 1961. Engineers had warned about cracks."


def test_measures_find_one_count_worded_independently_two_ways(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", "The death toll from the Orrin dam collapse has risen to 214." + FILLER),
            ("2026-05-04", "Officials said 214 people were killed when the Orrin dam gave way." + FILLER),
            ("2026-05-04", "At least 241 people were killed when the dam at Orrin burst." + FILLER),
        ],
    )
    [item] = found
    assert item.kind == "number" and not item.developing
    assert [len(side.evidence) for side in item.sides] == [2, 1]
    assert "214" in item.sides[0].value and "241" in item.sides[1].value


def test_measures_agree_within_the_wording(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", "More than 3,400 people were injured in the quake." + FILLER),
            ("2026-05-04", "The number of injured increased to 3,408, officials said." + FILLER),
            ("2026-05-04", "Nearly 3,500 people were injured, the ministry said." + FILLER),
        ],
    )
    assert found == []


def test_measures_a_rising_count_is_a_developing_tally(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", "At least 68 people were killed in the crash, police said." + FILLER),
            ("2026-05-05", "The death toll rose to 70 on Tuesday as searchers found more bodies." + FILLER),
        ],
    )
    [item] = found
    assert item.developing and item.severity == "low"


@pytest.mark.parametrize(
    "part",
    [
        "Nearly 60 deaths were at the market, rescuers said.",
        "Some 150 deaths were in the lower town, rescuers said.",  # a part close to the total (self_ratio)
    ],
)
def test_measures_an_article_that_states_both_values_is_not_opposed(nlp: Language, part: str) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", f"At least 214 people were killed. {part}" + FILLER),
            ("2026-05-04", "Officials said 214 people were killed when the dam gave way." + FILLER),
        ],
    )
    assert found == []


def test_measures_a_count_in_another_place_is_another_measure(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", "At least 214 people were killed in Vell when the dam gave way." + FILLER),
            ("2026-05-04", "In neighbouring Laos, at least 9 people were killed by the flood." + FILLER),
            ("2026-05-04", "Officials in Vell said 214 people were killed." + FILLER),
        ],
    )
    assert found == []


def test_measures_two_clock_times_of_one_event_conflict_a_rounded_one_agrees(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", "The ferry took off from Orrin at 10:42 a.m. on Sunday." + FILLER),
            ("2026-05-04", "The ferry took off from Orrin at 10:30 a.m. on Sunday, officials said." + FILLER),
            ("2026-05-04", "The ferry took off from Orrin at about 10:40 a.m. on Sunday." + FILLER),
        ],
    )
    [item] = found
    assert item.kind == "date"
    values = " ".join(side.value for side in item.sides)
    assert "10:30" in values and "10:42" in values
    assert all(side.value.endswith("a.m.") for side in item.sides)  # a sum's trailing 'm.' is cut, never a clock's


def test_measures_a_count_reported_as_a_rise_is_developing_on_the_same_day(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", "Officials said 120 people were injured in the quake." + FILLER),
            ("2026-05-04", "The number of injured increased to 164, the ministry said." + FILLER),
        ],
    )
    [item] = found
    assert item.developing
    assert "120" in item.sides[0].value and "164" in item.sides[1].value


def test_measures_two_blocks_of_one_street_conflict_however_the_street_is_written(nlp: Language) -> None:
    """'the 4800 block of W. Ferdinand St.' and 'the 4800 block of West Ferdinand Street' are one address;
    the 7600 block of it is another, so two reports that give them place one shooting apart."""
    same = _check(
        nlp,
        [
            ("2026-05-04", "A man was shot in the 4800 block of W. Ferdinand St. on Sunday." + FILLER),
            ("2026-05-04", "Police said a man was shot in the 4800 block of West Ferdinand Street on Sunday." + FILLER),
        ],
    )
    assert same == []
    apart = _check(
        nlp,
        [
            ("2026-05-04", "A man was shot in the 4800 block of W. Ferdinand St. on Sunday." + FILLER),
            ("2026-05-04", "Police said a man was shot in the 7600 block of West Ferdinand Street on Sunday." + FILLER),
        ],
    )
    assert [(c.kind, c.subject) for c in apart] == [("number", "address (block of West Ferdinand)")]
    assert sorted(side.value for side in apart[0].sides) == ["4800 block", "7600 block"]


def test_measures_read_their_thresholds_and_confidence_from_the_calibration(nlp: Language) -> None:
    """[check.measures] in the settings: max_ratio decides which counts are one measure, confidence_count
    how sure the finding is."""
    from crosswire.check.calibration import packaged

    reports = [
        ("2026-05-04", "Officials said 214 people were killed when the Orrin dam gave way." + FILLER),
        ("2026-05-04", "At least 241 people were killed when the dam at Orrin burst." + FILLER),
    ]
    articles = [Article(id=f"a{n}", text=text, published_at=day) for n, (day, text) in enumerate(reports)]
    extractions = {x.article_id: x for x in extract_articles(articles, nlp=nlp)}

    def run(**measures: float) -> list[Contradiction]:
        calibration = {**packaged(), "measures": {**packaged()["measures"], **measures}}
        context = CheckContext(
            {a.id: a for a in articles},
            extractions,
            None,
            [],
            [],
            [],
            [],  # type: ignore[arg-type]
            calibration=calibration,
        )
        return list(check_measures(context))

    assert [c.confidence for c in run()] == [packaged()["measures"]["confidence_count"]]
    assert [c.confidence for c in run(confidence_count=0.95)] == [0.95]
    assert run(max_ratio=1.05) == []  # 241 / 214 = 1.13: counted as two different things


def test_a_changed_count_of_one_charge_is_found_beside_an_unchanged_count_of_another(nlp: Language) -> None:
    """A copy that changes 'two counts of murder' to '5 counts of murder' while 'two counts of attempted
    murder' stays: the other charge's 2 is another measure, so it does not hide the change."""
    from tests.check.conftest import HashEmbedder

    from crosswire.check import check_story

    text = (
        "Harlan Voss and Ede Marr were charged in Orrin on Friday. Each faces two counts of murder and two "
        "counts of attempted murder. Both are held at the Vell county jail."
    )
    articles = [
        Article(id="a", text=text),
        Article(
            id="b", text=text.replace("two counts of murder", "5 counts of murder"), dup_group="a", dup_kind="near"
        ),
    ]
    extractions = {x.article_id: x for x in extract_articles(articles, nlp=nlp)}
    found = check_story("s", articles, extractions, embedder=HashEmbedder()).contradictions
    assert [(c.kind, c.subject) for c in found] == [("number", "count of murder")]


DEAL = " Jon Marr, 20, joins from Orrin Town. Vell Rovers play their first match in August."


def test_measures_sums_of_one_deal_conflict_by_part_and_period(nlp: Language) -> None:
    """The fixed fee against the fixed fee, the most against the most, the 2023 fee against the 2023 fee;
    a fixed fee is never compared with the most the deal can reach, nor a sum in pounds with one in euros."""
    found = _check(
        nlp,
        [
            (
                "2026-06-20",
                "Vell Rovers paid Orrin Town an upfront fee of €41m. The deal could reach €52m by 2028." + DEAL,
            ),
            ("2026-06-20", "Orrin Town will receive 41 million euros as a fixed fee, or £35m, in cash." + DEAL),
            ("2026-06-20", "The transfer would include an amount of 38 million euros plus bonuses." + DEAL),
            ("2026-06-20", "The deal could rise to €55m with bonuses. In 2023 Orrin paid €9m for him." + DEAL),
            ("2026-06-20", "In the summer of 2023, Orrin Town had paid €12 million for Marr." + DEAL),
        ],
    )
    subjects = sorted(c.subject for c in found)
    assert subjects == [
        "the sum paid (EUR) in 2023",
        "the sum paid (EUR), at most",
        "the sum paid (EUR), its fixed part",
    ]
    fixed = next(c for c in found if c.subject.endswith("fixed part"))
    assert [len(side.evidence) for side in fixed.sides] == [1, 2]
    assert fixed.sides[0].value == "38 million euros" and "EUR 41 million" in fixed.sides[1].value


def test_measures_season_figures_conflict_only_for_one_season_and_one_player(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            (
                "2026-06-20",
                "He played 40 times for Vell in 2025-26, scoring 11 goals and registering six assists." + DEAL,
            ),
            ("2026-06-20", "Marr scored eight goals and four assists last season." + DEAL + " Marr is 20."),
            ("2026-06-20", "Marr has scored 30 goals for Orrin Town since 2022." + DEAL),
            ("2026-06-20", "Teammate Edo Venn scored 19 goals last season." + DEAL + " Marr is 20."),
        ],
    )
    assert sorted(c.subject for c in found) == ["assists in the 2025-26 season", "goals in the 2025-26 season"]
    goals = next(c for c in found if c.subject.startswith("goals"))
    assert sorted(side.value for side in goals.sides) == ["11 goals", "8 (eight goals)"]


def test_measures_durations_of_one_act_conflict_by_what_they_time(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", "Jurors took less than an hour to come to their verdict in Orrin." + FILLER),
            ("2026-05-04", "The jury took just three hours on Friday to return a verdict." + FILLER),
            ("2026-05-04", "The jury deliberated for less than three hours before its verdict." + FILLER),
            ("2026-05-04", "It took crews three hours to reach the dam." + FILLER),
        ],
    )
    [item] = found
    assert item.subject == "how long it took (verdict)"
    assert sorted(side.value for side in item.sides) == ["1 hour (less than an hour)", "3 hours (just three hours)"]


def test_measures_bail_of_two_defendants_is_two_measures(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", "Harlan Voss was released on $40,000 bail. Voss was charged in Orrin." + FILLER),
            ("2026-05-04", "Ede Marr was released after posting $100,000 bail. Voss faces trial." + FILLER),
            ("2026-05-04", "Voss is held on a $2-million bond, prosecutors said. Voss was charged." + FILLER),
            ("2026-05-05", "Voss is being held on $2 million bond in Vell county jail." + FILLER),
        ],
    )
    assert [c.subject for c in found] == ["bail (USD)"]
    by_support = sorted(found[0].sides, key=lambda side: len(side.evidence))
    assert [len(side.evidence) for side in by_support] == [1, 2]  # Marr's bail is no side
    assert by_support[0].value == "$40,000" and "million" in by_support[1].value


def test_measures_counts_of_a_charge_conflict_only_at_one_stage(nlp: Language) -> None:
    """'charged with four counts' against 'charged with five counts' is a conflict; against 'pleaded
    guilty to two counts' it is a plea, not a conflict."""
    found = _check(
        nlp,
        [
            ("2026-05-04", "Harlan Voss was charged with four counts of murder on Friday." + FILLER),
            ("2026-05-04", "Harlan Voss faces six counts of murder, prosecutors said." + FILLER),
            ("2026-05-09", "Harlan Voss pleaded guilty to two counts of murder on Wednesday." + FILLER),
        ],
    )
    [item] = found
    assert item.subject == "count of murder (charged)"
    assert sorted(side.value for side in item.sides) == ["4 (four counts)", "6 (six counts)"]


def test_measures_a_count_a_report_says_was_revised_is_developing(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", "The death toll from the Orrin dam collapse rose from 180 to 214, officials said." + FILLER),
            ("2026-05-04", "Officials said 214 people were killed when the Orrin dam gave way." + FILLER),
            (
                "2026-05-04",
                "At least 214 people died when the dam burst, and nearly 60 deaths were at the market." + FILLER,
            ),
        ],
    )
    [item] = found
    assert item.developing and item.severity == "low"
    assert "180" in item.sides[0].value and "214" in item.sides[1].value
    assert "revised" in item.explanation


def test_measures_a_report_that_contradicts_itself_is_flagged_against_the_others(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            (
                "2026-05-04",
                "The bus carried 40 passengers, including 10 foreigners. "
                "Officials said the 14 foreign nationals on board were tourists." + FILLER,
            ),
            ("2026-05-04", "Among the 40 passengers were 14 foreigners, officials said." + FILLER),
            ("2026-05-04", "The 14 foreign nationals aboard included six students." + FILLER),
        ],
    )
    [item] = found
    assert not item.developing
    assert "10" in item.sides[0].value and "14" in item.sides[1].value
    assert [len(side.evidence) for side in item.sides] == [1, 3]
    assert item.explanation.endswith("One report gives both.")  # the reports here have no source name


def test_measures_a_count_of_a_nationality_is_named_by_its_country(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", "The bus carried 31 Nepali passengers when it left the road." + FILLER),
            ("2026-05-04", "There were 35 Nepali passengers on board, officials said." + FILLER),
        ],
    )
    assert [item.subject for item in found] == ["people from Nepal"]


def test_measures_an_earlier_value_opposes_only_its_own_reports_current_value() -> None:
    """'up from 180' (held as (article, earlier=True)) is revised by its own report's current value and
    is no report's current value, so it never makes a report contradict itself."""
    from crosswire.check.measures import _current, _revised

    assert _revised({("a", True)}, {("a", False), ("b", False)})
    assert not _revised({("a", True)}, {("b", False)})
    assert not _current({("a", True)}) and _current({("a", True), ("b", False)})


def test_measures_a_count_of_missing_that_falls_is_a_developing_tally_in_time_order(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", "Rescuers were continuing the search for the remaining nine bodies." + FILLER),
            ("2026-05-05", "Two more people are still missing and the search of the rubble goes on." + FILLER),
        ],
    )
    [item] = found
    assert item.developing and item.severity == "low"
    assert "9" in item.sides[0].value and "2" in item.sides[1].value  # the earlier count first
    assert item.explanation.index("9") < item.explanation.index("2 (")


def test_measures_a_rising_death_count_reported_lower_later_is_still_a_conflict(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            ("2026-05-04", "At least 90 people were killed when the dam at Orrin burst." + FILLER),
            ("2026-05-05", "Officials said 60 people were killed when the Orrin dam gave way." + FILLER),
        ],
    )
    [item] = found
    assert not item.developing
