"""Which confirmed facts may be takeaways: reporting, not commentary (fictional sentences)."""

from __future__ import annotations

import pytest

from crosswire.model import Claim, Extraction
from crosswire.report.brief import Citation, FactLine
from crosswire.report.newsworthy import newsworthy


def _fact(text: str, reasons: tuple[str, ...] = ()) -> tuple[FactLine, dict[str, Extraction]]:
    citations = tuple(Citation(n + 1, f"a{n}", f"ev-{n}", text, 0, len(text)) for n in range(2))
    fact = FactLine(
        fact_id="f", text=text, status="confirmed", independent_sources=2, salience=1.0, citations=citations
    )
    extractions = {
        f"a{n}": Extraction(f"a{n}", "7", "en", claims=(Claim(0, 0, len(text), text, True, 0.7, reasons),))
        for n in range(2)
    }
    return fact, extractions


@pytest.mark.parametrize(
    "text",
    [
        "The Orrin dam gave way on Monday night, flooding three villages below it.",
        "Orrin Water Authority Chief Executive Marta Vell resigned on Monday.",  # names, then a verb in lower case
    ],
)
def test_newsworthy_keeps_a_plain_report(text: str) -> None:
    fact, extractions = _fact(text)
    assert newsworthy(fact, extractions)


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        ("The collapse could potentially reshape the region's water policy for years.", ("hedge",)),
        ("It is crucial that lessons are learned from the collapse of the dam.", ("generic-opinion",)),
        ("The fate of the valley will significantly impact the wider region and beyond.", ()),
        ("Rebuilding trust: Engaging with the villages to restore confidence in the authority.", ()),
        ("Rescuers search the rubble in Orrin on Tuesday (Photo: Vell News Agency).", ()),
        ("The dam at Orrin, which had been inspected in 2019 and again", ()),
        ('"We drove down from Vell together in the same car that morning," Ansel Brook recalled.', ()),  # a voice
        ("Orrin Dam Gives Way Over Three Sleeping Villages In The Night.", ()),  # a headline run into the text
    ],
)
def test_newsworthy_leaves_out_commentary_lists_captions_and_fragments(text: str, reasons: tuple[str, ...]) -> None:
    fact, extractions = _fact(text, reasons)
    assert not newsworthy(fact, extractions)


def test_newsworthy_keeps_a_report_that_quotes_a_few_words() -> None:
    fact, extractions = _fact('Engineers said the spillway had been "badly cracked" since the floods of 2019 in Orrin.')
    assert newsworthy(fact, extractions)


@pytest.mark.parametrize(
    "text",
    [
        # what a speaker named only by a pronoun went on to say: a side detail of one voice
        "They had planned to drive back to Vell through Marrow Pass on Thursday, he added.",
        "The family moved to the valley from the coast in 2011, she said.",
        # not readable on its own: who 'they' or 'this dialogue' are is in the sentence before
        "They and the two missing men were part of a crew clearing the spillway, officials said earlier.",
        "This rare face-to-face meeting came after weeks of talks between the two governments.",
        # commentary that calls the news a shift
        "The meeting in Sarn signals a potential shift in relations between the two provinces.",
        "The agreement marks a turning point for the valley and its farmers.",
        # an analyst weighing things up
        "The relationship between the valley and the provincial capital, particularly Vell, is a significant factor.",
        "Water rights played a key role in the long dispute between the two provinces.",
        # a guess
        "The new governor is probably more cautious than her predecessor on water policy, Oskar Lind said.",
    ],
)
def test_newsworthy_leaves_out_side_details_and_sentences_that_need_the_one_before(text: str) -> None:
    fact, extractions = _fact(text)
    assert not newsworthy(fact, extractions)


@pytest.mark.parametrize(
    "text",
    [
        "The Orrin dam collapsed on Monday night, flooding three villages, the provincial governor said.",
        "This week's floods closed 14 schools in Vell province, the education office said.",
        "It was the deadliest dam failure in the province since 1998, officials said.",
        "A key factor in the collapse was a cracked spillway, engineers said on Tuesday.",  # a finding, not a weighing
    ],
)
def test_newsworthy_keeps_reports_attributed_to_a_named_source_or_opening_with_a_time(text: str) -> None:
    fact, extractions = _fact(text)
    assert newsworthy(fact, extractions)
