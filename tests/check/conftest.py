"""Hand-built articles and extractions for the cross-check tests (no spaCy model needed)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy
import pytest

from crosswire.check.text import words
from crosswire.model import (
    Article,
    Cause,
    Claim,
    DateRef,
    Extraction,
    Figure,
    Mention,
    Person,
    Quote,
    Sentence,
    Status,
)


@dataclass
class Line:
    """One sentence and what an extractor would find in it (annotations by substring)."""

    text: str
    people: Sequence[tuple[str, str, str, str | None]] = ()  # (as written, given, family, role)
    figures: Sequence[tuple[str, float, str | None, dict]] = ()  # (phrase, value, unit, extra fields)
    dates: Sequence[tuple[str, str | None, str, str | None]] = ()  # (text, value, granularity, weekday)
    places: Sequence[str] = ()
    orgs: Sequence[str] = ()
    quotes: Sequence[tuple[str, str]] = ()  # (quoted words, speaker as written)
    statuses: Sequence[tuple[str, str, str]] = ()  # (deciding words, thing, 'in force' | 'not yet')
    causes: Sequence[tuple[str, str, str]] = ()  # (deciding words, event, 'stated' | 'unknown')


@dataclass
class Report:
    article_id: str
    lines: list[Line] = field(default_factory=list)
    dup_group: str | None = None
    published_at: str | None = None


def build(report: Report) -> tuple[Article, Extraction]:
    """Turn a Report into an Article and its Extraction with exact offsets."""
    text, sentences, people, figures, dates, mentions, quotes, claims = "", [], [], [], [], [], [], []
    statuses, causes = [], []
    for index, line in enumerate(report.lines):
        start = len(text)
        text += line.text + " "
        sentences.append(Sentence(index, start, start + len(line.text), line.text))
        claims.append(Claim(index, start, start + len(line.text), line.text, True, 0.8))

        def at(phrase: str, base: int = start, body: str = line.text) -> int:
            position = body.find(phrase)
            assert position >= 0, f"{phrase!r} not in {body!r}"
            return base + position

        for written, given, family, role in line.people:
            s = at(written)
            role_start = at(role) if role else None
            people.append(
                Person(
                    s,
                    s + len(written),
                    written,
                    given,
                    family,
                    index,
                    role,
                    role_start,
                    role_start + len(role) if role else None,
                )
            )
            mentions.append(Mention(s, s + len(written), written, "PERSON", index))
        for phrase, value, unit, extra in line.figures:
            s = at(phrase)
            figures.append(Figure(s, s + len(phrase), phrase, value, index, unit, **extra))
        for phrase, value, granularity, weekday in line.dates:
            s = at(phrase)
            dates.append(DateRef(s, s + len(phrase), phrase, index, value, granularity, 1.0, weekday))
        for label, names in (("GPE", line.places), ("ORG", line.orgs)):
            for name in names:
                s = at(name)
                mentions.append(Mention(s, s + len(name), name, label, index))
        for words_, speaker in line.quotes:
            s, sp = at(words_), at(speaker)
            quotes.append(Quote(s, s + len(words_), words_, index, speaker, sp, sp + len(speaker), "said"))
        for phrase, thing, state in line.statuses:
            s = at(phrase)
            statuses.append(Status(s, s + len(phrase), index, thing, state))
        for phrase, event, state in line.causes:
            s = at(phrase)
            causes.append(Cause(s, s + len(phrase), index, event, state))
    article = Article(
        id=report.article_id,
        text=text.strip(),
        source=report.article_id,
        dup_group=report.dup_group,
        published_at=report.published_at,
    )
    extraction = Extraction(
        report.article_id,
        "test",
        "en",
        tuple(sentences),
        tuple(mentions),
        tuple(people),
        tuple(figures),
        tuple(dates),
        tuple(quotes),
        tuple(claims),
        statuses=tuple(statuses),
        causes=tuple(causes),
    )
    return article, extraction


def story(*reports: Report) -> tuple[list[Article], dict[str, Extraction]]:
    built = [build(report) for report in reports]
    return [a for a, _ in built], {e.article_id: e for _, e in built}


class HashEmbedder:
    """A tiny bag-of-words embedder: sentences sharing most words are close. For tests only."""

    def embed(self, texts: Sequence[str]) -> numpy.ndarray:
        out = numpy.zeros((len(texts), 384), dtype=numpy.float32)
        for row, text in enumerate(texts):
            for token in words(text):
                out[row, int(hashlib.sha1(token.encode()).hexdigest(), 16) % 384] += 1.0
        norms = numpy.linalg.norm(out, axis=1, keepdims=True)
        return out / numpy.clip(norms, 1e-9, None)


@pytest.fixture(scope="session")
def embedder():
    """The real MiniLM embedder (loads in under a second)."""
    from crosswire.embed import load_embedder

    return load_embedder()
