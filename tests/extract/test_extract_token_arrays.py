"""Issue #15: the extractors read token attributes from one ``Doc.to_array`` per doc instead of a Token
object per attribute read. Each fast path must give exactly what the Token attributes give.

Checked on the demo corpus and on texts made to hit the edge cases (blank and punctuation-only lines,
runs of spaces, line breaks, numbers written as words, "let's", a doc of one token).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from tests.extract.conftest import DEMO, Extract

from crosswire.extract import claims, dates, figures, people, sentences
from crosswire.model import Sentence, to_dict

EDGE_TEXTS = [
    "x",
    "   ",
    "Harbour closed.\n\n...\n---|---|\n\nThe   port of  Veltmar said 14 dock workers were hurt.  \n",
    "# Heading\nLet's go. We must act! Is it crucial?\n  \n",
    "Twenty-five people, $2-million, 103m euros, the first 3 million, 2bn dollars.",
    "Tomas Brandt, chief executive, said so. Harbour Minister Ilse Marten told reporters on Tuesday.\n\u00a0\nDone.",
]


@pytest.fixture(scope="module")
def docs(nlp: Language) -> list[Doc]:
    texts = [path.read_text("utf-8") for path in sorted(Path(DEMO).glob("*.md"))] + EDGE_TEXTS
    return list(nlp.pipe(texts))


def _reference_sentences(doc: Doc) -> tuple[tuple[Sentence, ...], tuple[int, ...], str]:
    """The Token-attribute implementation ``split_sentences`` had before the arrays."""
    items: list[Sentence] = []
    of_token: list[int] = []
    text = doc.text
    starts = [token.i for token in doc if token.i == 0 or token.is_sent_start]
    for start, end in zip(starts, [*starts[1:], len(doc)], strict=True):
        tokens = [t for t in doc[start:end] if not t.is_space]
        if not any(ch.isalnum() for t in tokens for ch in t.text):
            of_token.extend([max(len(items) - 1, 0)] * (end - start))
            continue
        begin, finish = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        items.append(Sentence(len(items), begin, finish, text[begin:finish]))
        of_token.extend([len(items) - 1] * (end - start))
    return tuple(items), tuple(of_token), text


def test_sentences_from_arrays_are_the_token_attribute_sentences(docs: list[Doc]) -> None:
    for doc in docs:
        found = sentences.split_sentences(doc)
        assert (found.items, found.of_token, found.text) == _reference_sentences(doc)


def test_the_joined_text_is_doc_text(docs: list[Doc]) -> None:
    for doc in docs:
        assert sentences._token_columns(doc)[2] == doc.text


def test_claim_token_columns_are_the_token_attributes(docs: list[Doc]) -> None:
    for doc in docs:
        columns = claims._Tokens.of(doc)
        assert columns.word == [not (t.is_space or t.is_punct) for t in doc]
        assert columns.idx == [t.idx for t in doc]
        assert columns.lower == [t.lower_ for t in doc]
        assert columns.text == [t.text for t in doc]
        assert columns.verb == [t.pos_ == "VERB" for t in doc]
        assert columns.verb_or_aux == [t.pos_ in {"VERB", "AUX"} for t in doc]


def test_claim_text_is_the_span_text(docs: list[Doc]) -> None:
    for doc in docs:
        found = sentences.split_sentences(doc)
        by_sentence = {c.sentence: c for c in claims.score_claims(doc, found, figures=[], dates=[], quotes=[])}
        for sentence in found.items:
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            assert span is not None
            assert (by_sentence[sentence.index].text, by_sentence[sentence.index].start) == (span.text, span.start_char)


def test_number_flags_are_is_number(docs: list[Doc]) -> None:
    for doc in docs:
        assert figures._numbers(doc) == [figures._is_number(t) for t in doc]
    assert any(any(figures._numbers(doc)) for doc in docs)


def test_proper_subjects_are_the_nsubj_nnp_tokens(docs: list[Doc]) -> None:
    for doc in docs:
        expected = [t.i for t in doc if t.dep_ == "nsubj" and t.tag_ == "NNP"]
        assert [t.i for t in people._proper_subjects(doc)] == expected
    assert any(people._proper_subjects(doc) for doc in docs)


def test_taken_characters_answer_as_the_scan_of_every_range() -> None:
    rng = random.Random(15)
    text = "x" * 60
    for _ in range(300):
        ranges = [(a, a + rng.randint(-2, 8)) for a in (rng.randint(0, 62) for _ in range(rng.randint(0, 6)))]
        taken = people._Taken(text, ranges)
        for start in range(0, 60):
            ends = (e for e in (start, start + 1, start + 3, start + 9) if e <= len(text))  # a match is in the text
            for end in ends:
                expected = any(s < end and start < e for s, e in ranges)
                assert taken.overlaps(start, end) == expected, (ranges, start, end)


def test_the_first_weekday_in_week_order_is_kept(extract: Extract) -> None:
    [date] = [d for d in extract("Talks ran from Friday to Monday.").dates]
    assert date.weekday == "Monday"  # as before: the week's order, not the text's
    week = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert [name for name, _ in dates.WEEKDAY_NAMES] == week


def _reference_to_dict(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _reference_to_dict(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_reference_to_dict(x) for x in obj]
    return obj


@dataclass(frozen=True)
class _Holder:
    kind: Any
    items: tuple[Any, ...] = ()


def test_to_dict_is_the_field_by_field_conversion(extract: Extract) -> None:
    extraction = extract((Path(DEMO) / "01-veltmar-courier.md").read_text("utf-8"), published_at="2026-03-03")
    assert extraction.claims and extraction.figures and extraction.people
    assert to_dict(extraction) == _reference_to_dict(extraction)
    holder = _Holder(kind=_Holder, items=(_Holder(kind=None), [1, (2, 3)], "s"))
    assert to_dict(holder) == _reference_to_dict(holder)
    assert to_dict(holder)["kind"] is _Holder  # a dataclass class given as a value stays a class
