"""What story clustering reads from one article: its lead text, word terms, name words, the identifying
details its lead states, weekday and date.

Terms and names are hashed to integer ids (``term_id``) so that the stream's document frequencies
and each story's summed term vector stay compact at 100k articles.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from crosswire.model import Article, Extraction
from crosswire.text import parse_time
from crosswire.vocabulary import FUNCTION_WORDS, MONTH_ABBREVIATIONS, MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
TERM_BITS = 22  # term ids live in [0, 2**22): collisions between two real words are about 1 in 4 million


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’\-]{2,}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d+(?:[.,]\d+)*")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_STOPWORDS = (
    _word_set(
        "the and but for with from this that these those his her their its our your they she him them what when "
        "where who why how there here then after before while about into over under said says mr mrs ms dr"
    )
    | frozenset(WEEKDAYS)
    | frozenset(MONTHS)
)
_COMMON = _word_set(
    "police officers authorities officials residents people according despite during some many more most "
    "one two three several all not also"
)
_FUNCTION_WORDS = FUNCTION_WORDS
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+|\n+")
_DATELINE = (
    _word_set("posted updated published edited last gmt utc est edt pst pdt cst cdt bst cet ist am pm")
    | frozenset(WEEKDAY_ABBREVIATIONS)
    | frozenset(MONTH_ABBREVIATIONS)
)
_LONG_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]{3,}")
_OPENERS = "\"'“‘:(-–—"
_MONTH = r"(?:" + "|".join((*MONTHS, *MONTH_ABBREVIATIONS)) + r")\.?"  # read with re.I
_CLOCK = re.compile(r"\b\d{1,2}\s?:\s?\d\d(?:\s?[ap]\.?\s?m\b\.?)?|\b\d{1,2}(?:\.\d\d)?\s?[ap]\.?\s?m\b\.?", re.I)
_DAY_OF_MONTH = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}", re.I
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def term_id(word: str) -> int:
    """The stable id of a lower-cased word (CRC-32 folded to ``TERM_BITS`` bits)."""
    return zlib.crc32(word.encode("utf-8")) & ((1 << TERM_BITS) - 1)


def lead_text(article: Article, *, sentences: int = 3, max_chars: int = 1200) -> str:
    """The text embedded for clustering: the title and the first ``sentences`` sentences."""
    body = article.text.strip()
    title = (article.title or "").strip()
    if title and body.startswith(title):
        title = ""
    parts = [p.strip() for p in _SENTENCE_END.split(body[: max_chars * 2]) if p and p.strip()]
    lead = " ".join(parts[:sentences])
    return (f"{title}. {lead}" if title else lead)[:max_chars]


def body_terms(article: Article, *, max_chars: int = 6000) -> Counter[int]:
    """How often each word of the title and text occurs (function words left out), by term id.

    Numbers count as words, so '23 pirates' and 'magnitude 4.6' are terms like any other.
    """
    text = f"{article.title or ''}\n{article.text[:max_chars]}"
    words = (w.lower() for w in _WORD.findall(text))
    return Counter(term_id(w) for w in words if w not in _FUNCTION_WORDS)


def entity_keys(article: Article, extraction: Extraction | None = None, *, max_chars: int = 3000) -> frozenset[str]:
    """Name words of an article, lower-cased: its capitalised words (a sentence's first word only when
    it is not a common one), plus the words of its extracted named entities when it has an extraction.

    Words, not phrases, so that 'MV Corran Star' and 'the Corran Star' share keys; the score weights
    each key by its rarity, so 'Veltmar' counts and 'Police' hardly does.
    """
    text = f"{article.title or ''}\n{article.text[:max_chars]}"
    keys = set()
    for match in _CAPITALISED.finditer(text):
        word = match.group(0).lower()
        before = text[max(0, match.start() - 4) : match.start()].rstrip(" \t")
        sentence_start = not before or before[-1] in "\n.!?\"'“‘:"
        if word not in _STOPWORDS and not (sentence_start and word in _COMMON):
            keys.add(word)
    if extraction is not None:
        for mention in extraction.mentions:
            if mention.label in ENTITY_LABELS:
                keys.update(w.lower() for w in _CAPITALISED.findall(mention.text) if w.lower() not in _STOPWORDS)
    return frozenset(keys)


def lead_details(article: Article, *, max_chars: int = 6000) -> frozenset[str]:
    """The identifying details the lead states: its name words and its figures, lower-cased, with a
    possessive 's dropped ('India's' is 'india').

    A name word is a word the article writes with a capital inside a sentence ('Sukanya', 'Sonoma'),
    not at a sentence's start and not in a title-case line (a headline's capitals say nothing), nor a
    dateline word ('Posted', 'GMT'). A figure is a number the lead writes ('23', '4.4', '2011'), except
    clock times and the day of a month ('Nov 12', '2:09 a.m.'), which date the report more than the event.
    """
    text = f"{article.title or ''}\n{article.text[:max_chars]}"
    lead = lead_text(article)
    named = _name_words(text)
    details = {w for w in (_base(w.lower()) for w in _WORD.findall(lead)) if w in named}
    without_dates = _DAY_OF_MONTH.sub(lambda m: re.sub(r"\d", " ", m.group(0)), _CLOCK.sub(" ", lead))
    details.update(_NUMBER.findall(without_dates))
    return frozenset(details)


def detail_id(word: str) -> tuple[int, int]:
    """The term ids of a detail word and of its possessive ('india', "india's"): a text mentions the
    detail when its words hold either."""
    return term_id(word), term_id(word + "'s")


def _base(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _name_words(text: str) -> set[str]:
    """Words written with a capital inside a sentence that is not in title case, lower-cased."""
    names = set()
    for sentence in _SENTENCE_END.split(text):
        long_words = _LONG_WORD.findall(sentence)[1:]
        if sum(w[0].isupper() for w in long_words) * 2 > max(1, len(long_words)):
            continue
        for match in _CAPITALISED.finditer(sentence):
            before = sentence[: match.start()].rstrip()
            if not before or before[-1] in _OPENERS:
                continue
            word = _base(match.group(0).lower())
            if word not in _STOPWORDS and word not in _DATELINE:
                names.add(word)
    return names


def lead_weekday(article: Article) -> int | None:
    """The first weekday the lead names (0 = Monday), or None: news leads name the day of the event."""
    match = _WEEKDAY.search(lead_text(article))
    return WEEKDAYS.index(match.group(1).lower()) if match else None


def publication_day(article: Article) -> tuple[float | None, str | None]:
    """The publication time in days since 1970, or None with the reason it is not used."""
    if not article.published_at:
        return None, "no date"
    when = parse_time(article.published_at)
    if when is None:
        return None, f"unreadable date {article.published_at!r}"
    seen = parse_time(article.ingested_at) if article.ingested_at else None
    if seen is not None and when > seen + timedelta(days=1):
        return None, f"date {article.published_at[:10]} is after it was ingested"
    if when < EARLIEST:
        return None, f"date {article.published_at[:10]} is before 1900"
    return when.timestamp() / 86400.0, None


def stream_order(articles: Iterable[Article]) -> list[Article]:
    """Publication order, articles without a usable date last, ties by id."""
    keyed = [(publication_day(article)[0], article.id, article) for article in articles]
    keyed.sort(key=lambda row: (row[0] is None, row[0] or 0.0, row[1]))
    return [row[2] for row in keyed]
