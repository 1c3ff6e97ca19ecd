"""Sentences with offsets, and the token -> sentence index map every other extractor uses."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

from crosswire.model import Sentence

LONG_SENTENCE_CHARS = 2_000


@dataclass(frozen=True, slots=True)
class Sentences:
    """The article's sentences (blank or punctuation-only ones dropped) and, per token, its sentence index."""

    items: tuple[Sentence, ...]
    of_token: tuple[int, ...]
    text: str  # doc.text, built once: the property joins every token on each call
    notes: tuple[str, ...] = ()

    def index(self, token_i: int) -> int:
        return self.of_token[token_i]

    def same(self, a: int, b: int) -> bool:
        """Whether tokens ``a`` and ``b`` are in one sentence."""
        return self.of_token[a] == self.of_token[b]


def split_sentences(doc: Doc) -> Sentences:
    """Sentences of a parsed doc; tokens of a dropped (blank) sentence map to the sentence before it.

    Reads ``Token.is_sent_start`` in one pass: ``doc.sents`` and ``Span.sent`` re-check the whole doc's
    annotation on every call, which costs more than all the extractors together on long articles.
    """
    items: list[Sentence] = []
    of_token: list[int] = []
    notes: list[str] = []
    starts, spaces, text = _token_columns(doc)
    for start, end in _bounds(starts, len(doc)):
        span = _strip_space(doc, text, spaces, start, end)
        if span is None:
            of_token.extend([max(len(items) - 1, 0)] * (end - start))
            continue
        index = len(items)
        items.append(Sentence(index, span[0], span[1], text[span[0] : span[1]]))
        of_token.extend([index] * (end - start))
        if span[1] - span[0] > LONG_SENTENCE_CHARS:
            notes.append(f"sentence {index} is very long ({span[1] - span[0]:,} characters)")
    return Sentences(tuple(items), tuple(of_token), text, tuple(notes))


def _token_columns(doc: Doc) -> tuple[list[int], list[int], str]:
    """Per token, its ``sent_start`` (1 starts a sentence; not 1: does not, or unknown) and its ``is_space``
    flag; and ``doc.text``. All read from one array: ``doc.text`` and every attribute read make a Token
    object per word, which cost more than the rest of this module."""
    if not len(doc):
        return [], [], doc.text
    columns = doc.to_array([SENT_START, IS_SPACE, ORTH, SPACY]).T  # uint64: a sent_start of -1 reads 2**64 - 1
    strings = doc.vocab.strings
    words = [strings[orth] for orth in columns[2].tolist()]
    text = "".join([word + " " if space else word for word, space in zip(words, columns[3].tolist(), strict=True)])
    return columns[0].tolist(), columns[1].tolist(), text  # the text is what doc.text joins: orth + " " if spacy


def _bounds(starts: list[int], length: int) -> list[tuple[int, int]]:
    """(start, end) token ranges of the sentences: token 0, and every token with ``is_sent_start``."""
    firsts = [i for i in range(length) if i == 0 or starts[i] == 1]
    return list(zip(firsts, [*firsts[1:], length], strict=True))


def _strip_space(doc: Doc, text: str, spaces: list[int], start: int, end: int) -> tuple[int, int] | None:
    """The character range of tokens ``start:end`` without leading and trailing space tokens; None when
    no letter or digit is in them (blank, or punctuation only: '...', '---|---|')."""
    kept = [i for i in range(start, end) if not spaces[i]]
    if not kept:
        return None
    first, last = doc[kept[0]], doc[kept[-1]]
    begin, finish = first.idx, last.idx + len(last.text)
    if not any(ch.isalnum() for ch in text[begin:finish]):
        return None
    return begin, finish
