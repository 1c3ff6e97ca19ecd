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


def test_measures_an_article_that_states_both_values_is_not_opposed(nlp: Language) -> None:
    found = _check(
        nlp,
        [
            (
                "2026-05-04",
                "At least 214 people were killed. Nearly 60 deaths were at the market, rescuers said." + FILLER,
            ),
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
