"""Sentences with offsets, and the token -> sentence index map every other extractor uses."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

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
    text = doc.text
    for start, end in _bounds(doc):
        span = _strip_space(doc[start:end])
        if span is None:
            of_token.extend([max(len(items) - 1, 0)] * (end - start))
            continue
        index = len(items)
        items.append(Sentence(index, span[0], span[1], text[span[0] : span[1]]))
        of_token.extend([index] * (end - start))
        if span[1] - span[0] > LONG_SENTENCE_CHARS:
            notes.append(f"sentence {index} is very long ({span[1] - span[0]:,} characters)")
    return Sentences(tuple(items), tuple(of_token), text, tuple(notes))


def _bounds(doc: Doc) -> list[tuple[int, int]]:
    starts = [token.i for token in doc if token.i == 0 or token.is_sent_start]
    return list(zip(starts, [*starts[1:], len(doc)], strict=True))


def _strip_space(sent: Span) -> tuple[int, int] | None:
    tokens = [t for t in sent if not t.is_space]
    if not any(ch.isalnum() for t in tokens for ch in t.text):
        return None  # blank, or punctuation only ('...', '---|---|')
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
