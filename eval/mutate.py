"""Controlled changes for the perturbation test: one change of one kind in a copy of an article.

Each ``propose`` picks, from the original articles' own extractions, a spot where a change of the
given kind is possible, and returns the changed copy (a syndicated copy of its original) with the
character position of the change. Spots are chosen inside sentences that the extractor marked as
checkable claims, since those are the ones the cross-check compares.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from crosswire import vocabulary
from crosswire.check.entities import same_given_name
from crosswire.check.roles import offices
from crosswire.model import Article, Extraction, Person

KINDS = ("person-name", "role", "number", "date", "place", "negation", "attribution")
GIVEN_NAMES = ["Marcus", "Dolores", "Trevor", "Yolanda", "Lionel", "Priscilla", "Desmond", "Harriet", "Rupert"]
FAMILY_NAMES = ["Okonkwo", "Lindqvist", "Barrowman", "Castellanos", "Whitfield", "Pemberton"]
TITLES = ["Mayor", "Coroner", "Principal", "Senator", "Pastor", "Judge", "Sheriff"]
PLACES = ["Fairbanks", "Tallahassee", "Duluth", "Albuquerque", "Spokane", "Savannah"]
WEEKDAYS = [day.title() for day in vocabulary.WEEKDAYS]
WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(WORD_NUMBERS) + r")\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|is|are|has|have|had)\s+(?=(?:been\s+)?[a-z]+ed\b)")


@dataclass(frozen=True)
class Change:
    """One injected change."""

    kind: str
    copy: Article
    position: int  # character offset of the change in the copy's text
    before: str
    after: str


def _claim_sentences(extraction: Extraction) -> set[int]:
    marked = {claim.sentence for claim in extraction.claims if claim.checkable}
    return marked or {sentence.index for sentence in extraction.sentences}


def _copy(article: Article, start: int, end: int, new: str, kind: str, suffix: str = "") -> Change:
    text = article.text[:start] + new + article.text[end:]
    copy = replace(article, id=f"{article.id}~{kind}{suffix}", text=text, dup_group=article.id, dup_kind="near")
    return Change(kind, copy, start, article.text[start:end], new)


INSTITUTION_WORDS = frozenset(
    ["police", "county", "hospital", "park", "street", "drive", "avenue", "road", "way", "lane", "boulevard"]
    + ["school", "church", "center", "centre", "department", "office", "university", "college", "city", "news"]
    + ["township", "medical", "memorial", "high", "deputies", "officers", "sheriff", "state", "court", "jail"]
)
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’.-]*$")
_PLACE_BEFORE = re.compile(r"\b(?:in|near|at|from|to)\s+$")


def real_person(article: Article, extraction: Extraction, person: Person) -> bool:
    """Whether a mention is a real person with a given and a family name, so that renaming its given
    name makes a person-name conflict (otherwise the test measures the mutator, not the check).

    Written 'Given [Middle] Family', every word capitalised and alphabetic; tagged PERSON by the NER and
    inside no place or organisation; no word of it an institution word ('Warren Police', 'Allen Park',
    "Gloucester County Sheriff's Office", 'Keo Way'); not the start of a longer proper name ('Ben Taub
    Hospital'); not written after a place preposition ('a home in Broken Arrow').
    """
    text = article.text
    written = text[person.start : person.end]
    if len(person.given) <= 2 or not person.family or not written.startswith(person.given):
        return False
    tokens = written.split()
    if not 2 <= len(tokens) <= 4 or not all(_NAME_WORD.match(token) for token in tokens):
        return False
    if any(token.lower().strip(".'’") in INSTITUTION_WORDS for token in tokens):
        return False
    mentions = extraction.mentions
    if not any(m.label == "PERSON" and m.start <= person.start and person.end <= m.end for m in mentions):
        return False
    if any(m.label != "PERSON" and m.start < person.end and person.start < m.end for m in mentions):
        return False
    following = re.match(r"\s+([A-Z][a-z]+)", text[person.end :])
    if following is not None and following.group(1).lower() in INSTITUTION_WORDS:
        return False
    return not _PLACE_BEFORE.search(text[max(0, person.start - 8) : person.start])


def _given(article: Article, extraction: Extraction, rng: random.Random) -> Change | None:
    claims = _claim_sentences(extraction)
    people = [p for p in extraction.people if p.sentence in claims and real_person(article, extraction, p)]
    if not people:
        return None
    person = rng.choice(people)
    options = [n for n in GIVEN_NAMES if not same_given_name(n, person.given)]
    return _copy(article, person.start, person.start + len(person.given), rng.choice(options), "person-name")


def _role(article: Article, extraction: Extraction, rng: random.Random) -> Change | None:
    claims = _claim_sentences(extraction)
    people = [
        p for p in extraction.people if p.sentence in claims and p.role and p.role_start is not None and offices(p.role)
    ]
    if not people:
        return None
    person = rng.choice(people)
    assert person.role_start is not None and person.role_end is not None
    role_text = article.text[person.role_start : person.role_end]
    tokens = list(re.finditer(r"[A-Za-z][A-Za-z.]*", role_text))
    if not tokens:
        return None
    heads = {office.head for office in offices(role_text)}
    head = next((t for t in reversed(tokens) if t.group().lower() in heads), None)
    if head is None:
        return None
    options = [t for t in TITLES if t.lower() not in role_text.lower()]
    start = person.role_start + head.start()
    return _copy(article, start, start + len(head.group()), rng.choice(options), "role")


def _number(article: Article, extraction: Extraction, rng: random.Random) -> Change | None:
    claims = _claim_sentences(extraction)
    figures = [
        f
        for f in extraction.figures
        if f.sentence in claims and f.unit and not f.ordinal and 0 < f.value < 1e7 and _NUMBER.search(f.text)
    ]
    if not figures:
        return None
    figure = rng.choice(figures)
    match = _NUMBER.search(article.text[figure.start : figure.end])
    assert match is not None
    value = figure.value
    new_value = value + 3 if value <= 10 else round(value * 1.6) + 1
    start = figure.start + match.start()
    return _copy(article, start, figure.start + match.end(), f"{new_value:,.0f}", "number")


def _date(article: Article, extraction: Extraction, rng: random.Random) -> Change | None:
    claims = _claim_sentences(extraction)
    dates = [d for d in extraction.dates if d.sentence in claims]
    for date in rng.sample(dates, len(dates)):
        text = article.text[date.start : date.end]
        for i, day in enumerate(WEEKDAYS):
            at = text.find(day)
            if at >= 0:
                start = date.start + at
                return _copy(article, start, start + len(day), WEEKDAYS[(i + 2) % 7], "date")
        match = re.search(r"\b([12]?\d|3[01])\b", text)
        if date.granularity == "day" and match:
            start = date.start + match.start()
            new_day = (int(match.group()) + 9) % 28 + 1
            return _copy(article, start, date.start + match.end(), str(new_day), "date")
    return None


def _place(article: Article, extraction: Extraction, rng: random.Random) -> Change | None:
    claims = _claim_sentences(extraction)
    places = [m for m in extraction.mentions if m.label == "GPE" and m.sentence in claims and m.text[:1].isupper()]
    if not places:
        return None
    place = rng.choice(places)
    options = [p for p in PLACES if p not in article.text]
    return _copy(article, place.start, place.end, rng.choice(options), "place")


def _negation(article: Article, extraction: Extraction, rng: random.Random) -> Change | None:
    claims = _claim_sentences(extraction)
    spots = []
    for sentence in extraction.sentences:
        if sentence.index in claims and " not " not in sentence.text:
            spots += [(sentence.start + m.end(), m) for m in _PASSIVE.finditer(sentence.text)]
    if not spots:
        return None
    position, match = rng.choice(spots)
    change = _copy(article, position, position, "not ", "negation")
    return Change("negation", change.copy, position, match.group(), match.group() + "not ")


def _speaker(article: Article, extraction: Extraction, rng: random.Random) -> Change | None:
    people = {p.start: p for p in extraction.people}
    quotes = [q for q in extraction.quotes if q.speaker_start in people and len(q.text.split()) >= 5]
    if not quotes:
        return None
    quote = rng.choice(quotes)
    person = people[quote.speaker_start]  # type: ignore[index]
    at = article.text.rfind(person.family, person.start, person.end)
    if not person.family or at < 0:
        return None
    options = [n for n in FAMILY_NAMES if n not in article.text]
    return _copy(article, at, at + len(person.family), rng.choice(options), "attribution")


MUTATORS: dict[str, Callable[[Article, Extraction, random.Random], Change | None]] = {
    "person-name": _given,
    "role": _role,
    "number": _number,
    "date": _date,
    "place": _place,
    "negation": _negation,
    "attribution": _speaker,
}


def propose(
    kind: str, articles: Sequence[Article], extractions: Mapping[str, Extraction], rng: random.Random
) -> Change | None:
    """One change of ``kind`` in a copy of one of ``articles``, or None when no article allows it."""
    for article in rng.sample(list(articles), len(articles)):
        extraction = extractions.get(article.id)
        if extraction is not None and (change := MUTATORS[kind](article, extraction, rng)) is not None:
            return change
    return None
