"""Claims: each sentence scored as a checkable claim or as commentary / filler.

Every sentence starts at 0.35 and each reason found adds or takes away:

==================  ======  =====================================================================
reason              weight  found when the sentence has ...
==================  ======  =====================================================================
named-entity        +0.20   a person, organisation, place, nationality, facility or event entity
figure              +0.20   a figure (see ``figures``)
date                +0.15   a date (see ``dates``)
quote               +0.20   a quotation
reporting-verb      +0.20   a reporting verb ("said", "told", "announced", "according to")
second-person       -0.30   "you", "your", "let's", "guys", or "we"/"us"/"our" outside a quote
                            ("US" in capitals is the country)
generic-opinion     -0.25   a stock evaluative phrase ("it is crucial", "remains to be seen",
                            "time will tell", "at the end of the day", "cannot be overstated")
                            or "must"/"should" outside a quote
hedge               -0.15   "may", "might", "could", "perhaps", "potentially", "possibly" outside
                            a quote
rhetorical          -0.30   a question or exclamation, or an opening "So," / "Okay" / "Imagine"
heading             score 0 no verb and under 12 words, or a line starting with "#"
==================  ======  =====================================================================

The score is clipped to 0..1; a sentence is a checkable claim when it scores 0.5 or more. A source's
filler share is the share of its sentences that are not.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LOWER, ORTH, POS
from spacy.tokens import Doc

from crosswire import vocabulary
from crosswire.extract.quotes import REPORTING_VERBS
from crosswire.extract.sentences import Sentences
from crosswire.model import Claim, DateRef, Figure, Quote
from crosswire.vocabulary import FIRST_PERSON_PLURAL

BASE = 0.35
THRESHOLD = 0.5
WEIGHTS = {
    "named-entity": 0.20,
    "figure": 0.20,
    "date": 0.15,
    "quote": 0.20,
    "reporting-verb": 0.20,
    "second-person": -0.30,
    "generic-opinion": -0.25,
    "hedge": -0.15,
    "rhetorical": -0.30,
}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT"}
SECOND_PERSON = vocabulary.SECOND_PERSON | {"guys", "folks"}
FIRST_PLURAL = FIRST_PERSON_PLURAL
HEDGES = {"may", "might", "could", "perhaps", "potentially", "possibly", "arguably", "seemingly"}
MODALS = {"must", "should", "ought"}
LETS = {"'s", "’s", "us"}
OPENERS = {"so", "okay", "ok", "alright", "well", "imagine", "think", "remember", "look", "now"}
STOCK = re.compile(
    r"\b(it(?:'s|’s| is| was| will be| would be| remains)\s+(?:\w+\s+)?(?:crucial|vital|essential|important|"
    r"imperative|critical|clear|worth|unfair|undeniable|paramount|fair to say)|remains? to be seen|"
    r"time will tell|at the end of the day|cannot be (?:overstated|disregarded|ignored)|the bigger picture|"
    r"of course|only time|needless to say|the stakes (?:are|remain) high|the world (?:is|will be) watching|"
    r"(?:is|are|remains?) (?:paramount|crucial|essential|vital|critical|key))\b",
    re.IGNORECASE,
)
HEADING_WORDS = 12
ORDER = (*WEIGHTS, "heading")


def score_claims(
    doc: Doc,
    sentences: Sentences,
    *,
    figures: Sequence[Figure],
    dates: Sequence[DateRef],
    quotes: Sequence[Quote],
) -> list[Claim]:
    """One Claim per sentence, in order."""
    with_figure = {f.sentence for f in figures}
    with_date = {d.sentence for d in dates}
    quoted = _quoted_chars(quotes)
    with_quote = {q.sentence for q in quotes}
    entities = _entity_ranges(doc)
    tokens = _Tokens.of(doc)
    claims = []
    for sentence in sentences.items:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        start_char, end_char = span.start_char, span.end_char
        text = sentences.text[start_char:end_char]  # what span.text gives, without a Token per word
        reasons = _reasons(tokens, span.start, span.end, text, quoted, entities)
        reasons += [
            name
            for name, found in (
                ("figure", sentence.index in with_figure),
                ("date", sentence.index in with_date),
                ("quote", sentence.index in with_quote),
            )
            if found
        ]
        claims.append(_claim(sentence.index, start_char, end_char, text, reasons))
    return claims


@dataclass(frozen=True, slots=True)
class _Tokens:
    """The token attributes scoring reads, one list per attribute, read once per doc with ``to_array``:
    making a Token object for each attribute read cost more than the scoring itself."""

    word: list[bool]  # neither space nor punctuation
    idx: list[int]
    lower: list[str]
    text: list[str]
    verb: list[bool]  # pos_ == "VERB"
    verb_or_aux: list[bool]

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        if not len(doc):
            return cls([], [], [], [], [], [])
        columns = doc.to_array([IS_SPACE, IS_PUNCT, IDX, LOWER, ORTH, POS]).T
        space, punct, idx, lower, orth, pos = (column.tolist() for column in columns)
        strings = doc.vocab.strings
        verb, aux = strings["VERB"], strings["AUX"]  # a POS value is the id of its name's symbol
        return cls(
            word=[not (s or p) for s, p in zip(space, punct, strict=True)],
            idx=idx,
            lower=[strings[h] for h in lower],
            text=[strings[h] for h in orth],
            verb=[p == verb for p in pos],
            verb_or_aux=[p in (verb, aux) for p in pos],
        )


def _claim(index: int, start: int, end: int, text: str, reasons: list[str]) -> Claim:
    score = 0.0 if "heading" in reasons else min(1.0, max(0.0, BASE + sum(WEIGHTS[r] for r in reasons)))
    return Claim(
        sentence=index,
        start=start,
        end=end,
        text=text,
        checkable=score >= THRESHOLD,
        score=round(score, 3),
        reasons=tuple(r for r in ORDER if r in reasons),
    )


def _entity_ranges(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` token ranges of the doc's entities with an ``ENTITY_LABELS`` label, in order.

    Read once per doc: ``Span.ents`` rebuilds every entity of the whole doc on each call, which made
    scoring quadratic in the article's length (issue #11)."""
    return [(ent.start, ent.end) for ent in doc.ents if ent.label_ in ENTITY_LABELS]


def _has_entity(start: int, end: int, entities: list[tuple[int, int]]) -> bool:
    """Whether an entity of ``entities`` lies wholly inside tokens ``start:end`` (what ``span.ents`` would find)."""
    at = bisect_left(entities, (start, -1))
    return at < len(entities) and entities[at][1] <= end


def _reasons(
    tokens: _Tokens, start: int, end: int, text: str, quoted: set[int], entities: list[tuple[int, int]]
) -> list[str]:
    """The reasons found in the sentence of tokens ``start:end`` (its text ``text``)."""
    words = [i for i in range(start, end) if tokens.word[i]]
    outside = [i for i in words if tokens.idx[i] not in quoted]
    lower = {tokens.lower[i] for i in outside if not _country_code(tokens.text[i])}
    reasons = []
    if _is_heading(tokens, start, end, text, words):
        return ["heading"]
    if _has_entity(start, end, entities):
        reasons.append("named-entity")
    if any(tokens.lower[i] in REPORTING_VERBS and tokens.verb[i] for i in outside) or "according" in lower:
        reasons.append("reporting-verb")
    if lower & SECOND_PERSON or lower & FIRST_PLURAL or _lets(tokens, outside):
        reasons.append("second-person")
    if STOCK.search(text) or lower & MODALS:
        reasons.append("generic-opinion")
    if lower & HEDGES:
        reasons.append("hedge")
    if text.rstrip().endswith(("?", "!")) or (words and tokens.lower[words[0]] in OPENERS):
        reasons.append("rhetorical")
    return reasons


def _country_code(text: str) -> bool:
    """'US' / 'U.S.' written in capitals is the country, not the pronoun 'us'."""
    return text.replace(".", "").isupper() and len(text) > 1


def _lets(tokens: _Tokens, outside: list[int]) -> bool:
    """ "let's" / "let us" (the tokenizer splits "let's" into "let" + "'s")."""
    last = len(tokens.lower) - 1
    return any(tokens.lower[i] == "let" and i < last and tokens.lower[i + 1] in LETS for i in outside)


def _is_heading(tokens: _Tokens, start: int, end: int, text: str, words: list[int]) -> bool:
    if text.lstrip().startswith("#"):
        return True
    has_verb = any(tokens.verb_or_aux[start:end])
    return not has_verb and len(words) < HEADING_WORDS and not text.rstrip().endswith(".")


def _quoted_chars(quotes: Sequence[Quote]) -> set[int]:
    chars: set[int] = set()
    for quote in quotes:
        chars.update(range(quote.start, quote.end))
    return chars
