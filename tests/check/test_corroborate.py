"""Facts worded apart that state one specific value are reported as one (real extractor, real embedder).

The texts are written for these tests (fictional club, fee and dates); each pair is worded the way two
outlets write one fact independently, under the aligner's similarity threshold.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.check import check_story
from crosswire.check.corroborate import value_anchors
from crosswire.embed import Embedder
from crosswire.extract import extract_articles, load_nlp
from crosswire.model import Article, CheckResult


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _check(nlp: Language, embedder: Embedder, *texts: str, same_source: bool = False) -> CheckResult:
    articles = [
        Article(
            id=f"a{n}",
            text=text,
            source=f"Outlet {n}",
            published_at="2026-06-20T09:00:00Z",
            dup_group="a0" if same_source and n else None,
        )
        for n, text in enumerate(texts)
    ]
    extractions = {x.article_id: x for x in extract_articles(articles, nlp=nlp)}
    return check_story("s", articles, extractions, embedder=embedder)


def _fact_with(result: CheckResult, phrase: str):
    found = [fact for fact in result.facts if any(phrase in e.sentence for e in fact.evidence)]
    assert len(found) == 1, [f.text for f in found]
    return found[0]


FEE_A = (
    "Northfield United signed the winger Tomas Verhoek on Friday. "
    "Northfield will pay Castellan 64m euros for the 21-year-old, in addition to potential add-ons."
)
FEE_B = (
    "Tomas Verhoek has joined Northfield United from Castellan. "
    "Castellan will receive a fixed fee of €64m for the winger, the Dutch club said."
)


def test_one_fee_worded_apart_is_one_confirmed_fact(nlp: Language, embedder: Embedder) -> None:
    result = _check(nlp, embedder, FEE_A, FEE_B)
    fact = _fact_with(result, "64m euros")
    assert any("€64m" in e.sentence for e in fact.evidence)
    assert fact.status == "confirmed"
    assert fact.independent_sources == 2


def test_copies_of_one_source_do_not_corroborate(nlp: Language, embedder: Embedder) -> None:
    result = _check(nlp, embedder, FEE_A, FEE_B, same_source=True)
    fact = _fact_with(result, "64m euros")
    assert fact.independent_sources == 1
    assert fact.status != "confirmed"


def _joined(result: CheckResult, left: str, right: str) -> bool:
    return any(
        any(left in e.sentence for e in fact.evidence) and any(right in e.sentence for e in fact.evidence)
        for fact in result.facts
    )


def test_other_numbers_for_one_counted_thing_keep_two_facts_apart(nlp: Language, embedder: Embedder) -> None:
    """One fee, but 14 goals against 19: joined, the fact would confirm both counts."""
    a = "Northfield will pay Castellan 64m euros for the winger, who scored 14 goals last season."
    b = "Castellan will receive a fee of €64m for the winger, who scored 19 goals last season."
    assert not _joined(_check(nlp, embedder, a, b), "14 goals", "19 goals")
    assert _joined(_check(nlp, embedder, a, b.replace("19 goals", "14 goals")), "64m euros", "€64m")


def test_a_sentence_of_several_values_does_not_join_one_of_them(nlp: Language, embedder: Embedder) -> None:
    """'A contract until 2031 and a fee of 64m euros' states two facts; the fee stated alone elsewhere
    corroborates the fee, not the sentence that also gives the contract."""
    both = "Verhoek signed a contract with Northfield until 2031, and Castellan will be paid 64m euros."
    assert not _joined(_check(nlp, embedder, both, FEE_B), "until 2031", "€64m")
    alone = "Verhoek signed a contract with Northfield, and Castellan will be paid 64m euros."
    assert _joined(_check(nlp, embedder, alone, FEE_B), "be paid 64m euros", "€64m")


def test_the_story_own_days_are_no_anchor(nlp: Language) -> None:
    """'on Friday' (two days before publication) is when the whole story happened; a year, a date months
    away and a fee are specific."""
    article = Article(
        id="a",
        text="Verhoek signed on Friday, 18 June. He joined Castellan in March 2024 for 12m euros.",
        published_at="2026-06-20T09:00:00Z",
    )
    (extraction,) = extract_articles([article], nlp=load_nlp())
    anchors = value_anchors(extraction, article.published_at)
    assert not any(a.startswith("date:2026-06") for held in anchors.values() for a in held)
    later = set().union(*anchors.values())
    assert "date:2024-03" in later
    assert any(a.startswith("fig:1.2e+07EUR") for a in later)


MISSING = (
    "Six dock workers were missing after the crane collapsed at Harlow port.",
    "Six dock workers were missing and presumed dead after the Harlow port crane collapsed.",
)
SEARCH = "Divers resumed the search for six missing dock workers at Harlow port."


def test_a_joined_fact_is_worded_from_its_best_sourced_part(nlp: Language, embedder: Embedder) -> None:
    """Two outlets say six workers are missing; two others print one wire sentence about a search for them
    (one source). The joined fact is worded as the two say it, not as the most repeated sentence."""
    result = _check(nlp, embedder, *MISSING, SEARCH, SEARCH)
    fact = _fact_with(result, "resumed the search")
    assert any("presumed dead" in e.sentence or "still missing" in e.sentence for e in fact.evidence)
    assert "resumed" not in fact.text and fact.text in MISSING
