"""Shared wire passages: sentences that independent articles carry verbatim count once."""

from __future__ import annotations

import pytest

from crosswire.model import Article, Extraction, Sentence
from crosswire.passages import shared_passages

WIRE = "The barge lost steering near the old footbridge and struck its second pier shortly before dawn on Thursday."
OWN_A = "Residents said the river had been closed to pleasure boats for a week."
OWN_B = "A ferry that had not run for ten years was brought back for commuters."
QUOTE = '"We will keep boats on the water as long as there is any hope at all for them," the sheriff said.'
PHRASE = "The captain faces up to ten years in prison for each charge of negligence, prosecutors said."
PHRASE_B = "Dunmore faces up to ten years in prison if convicted on the manslaughter count brought on Monday."


def _article(article_id: str, sentences: list[str], group: str | None = None) -> tuple[Article, Extraction]:
    text, spans, at = "", [], 0
    for i, sentence in enumerate(sentences):
        spans.append(Sentence(i, at, at + len(sentence), sentence))
        text += sentence + " "
        at = len(text)
    return Article(article_id, text.strip(), dup_group=group), Extraction(article_id, "t", "en", tuple(spans))


def _story(*reports: tuple[str, list[str], str | None]):
    pairs = [_article(*report) for report in reports]
    return {a.id: a for a, _ in pairs}, {e.article_id: e for _, e in pairs}


def test_a_sentence_two_outlets_took_from_one_wire_counts_once() -> None:
    articles, extractions = _story(
        ("a", [OWN_A, WIRE], None),
        ("b", [WIRE.replace("Thursday", "Thursday, officials said"), OWN_B], None),
        ("c", [OWN_B.replace("ferry", "bus")], None),
    )
    passages = shared_passages(articles, extractions)
    a_wire, b_wire = extractions["a"].sentences[1].start, extractions["b"].sentences[0].start
    assert passages.passage("a", a_wire) is not None
    assert passages.passage("a", a_wire) == passages.passage("b", b_wire + 3)  # any offset in the sentence
    assert passages.passage("a", 0) is None  # its own sentence
    assert passages.independent_sources([("a", a_wire), ("b", b_wire)]) == 1
    assert passages.independent_sources([("a", a_wire), ("b", b_wire), ("c", 0)]) == 2
    assert passages.independent_sources([("a", 0), ("b", extractions["b"].sentences[1].start)]) == 2


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (QUOTE, QUOTE.replace("the sheriff said", "Sheriff Orcutt told reporters")),  # one quotation heard alike
        (PHRASE, PHRASE_B),  # a common phrase of eight words, not a passage
        (OWN_A, OWN_B),
    ],
)
def test_quotations_and_common_phrases_are_not_passages(left: str, right: str) -> None:
    articles, extractions = _story(("a", [left], None), ("b", [right], None))
    passages = shared_passages(articles, extractions)
    assert passages.passage_of == {}
    assert passages.independent_sources([("a", 0), ("b", 0)]) == 2


def test_copies_are_counted_by_their_group_not_as_passages() -> None:
    articles, extractions = _story(("a", [WIRE], None), ("b", [WIRE], "a"), ("c", [OWN_B], None))
    passages = shared_passages(articles, extractions)
    assert passages.passage_of == {}  # one syndication group: nothing shared between independents
    assert passages.independent_sources([("a", 0), ("b", 0), ("c", 0)]) == 2


def test_a_passage_carried_by_three_outlets_is_one_source() -> None:
    articles, extractions = _story(("a", [WIRE], None), ("b", [OWN_A, WIRE], None), ("c", [WIRE, OWN_B], None))
    passages = shared_passages(articles, extractions)
    evidence = [("a", 0), ("b", extractions["b"].sentences[1].start), ("c", 0)]
    assert passages.independent_sources(evidence) == 1
    assert len(passages.members(passages.passage("a", 0) or "")) == 3
