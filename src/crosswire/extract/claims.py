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

from spacy.tokens import Doc, Span, Token

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
    claims = []
    for sentence in sentences.items:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        reasons = _reasons(span, quoted, entities)
        reasons += [
            name
            for name, found in (
                ("figure", sentence.index in with_figure),
                ("date", sentence.index in with_date),
                ("quote", sentence.index in with_quote),
            )
            if found
        ]
        claims.append(_claim(sentence.index, span, reasons))
    return claims


def _claim(index: int, span: Span, reasons: list[str]) -> Claim:
    score = 0.0 if "heading" in reasons else min(1.0, max(0.0, BASE + sum(WEIGHTS[r] for r in reasons)))
    return Claim(
        sentence=index,
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        checkable=score >= THRESHOLD,
        score=round(score, 3),
        reasons=tuple(r for r in ORDER if r in reasons),
    )


def _entity_ranges(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` token ranges of the doc's entities with an ``ENTITY_LABELS`` label, in order.

    Read once per doc: ``Span.ents`` rebuilds every entity of the whole doc on each call, which made
    scoring quadratic in the article's length (issue #11)."""
    return [(ent.start, ent.end) for ent in doc.ents if ent.label_ in ENTITY_LABELS]


def _has_entity(span: Span, entities: list[tuple[int, int]]) -> bool:
    """Whether an entity of ``entities`` lies wholly inside ``span`` (what ``span.ents`` would find)."""
    at = bisect_left(entities, (span.start, -1))
    return at < len(entities) and entities[at][1] <= span.end


def _reasons(span: Span, quoted: set[int], entities: list[tuple[int, int]]) -> list[str]:
    words = [t for t in span if not t.is_space and not t.is_punct]
    outside = [t for t in words if t.idx not in quoted]
    lower = {t.lower_ for t in outside if not _country_code(t)}
    reasons = []
    if _is_heading(span, words):
        return ["heading"]
    if _has_entity(span, entities):
        reasons.append("named-entity")
    if any(t.lower_ in REPORTING_VERBS and t.pos_ == "VERB" for t in outside) or "according" in lower:
        reasons.append("reporting-verb")
    if lower & SECOND_PERSON or lower & FIRST_PLURAL or _lets(outside):
        reasons.append("second-person")
    if STOCK.search(span.text) or lower & MODALS:
        reasons.append("generic-opinion")
    if lower & HEDGES:
        reasons.append("hedge")
    if span.text.rstrip().endswith(("?", "!")) or (words and words[0].lower_ in OPENERS):
        reasons.append("rhetorical")
    return reasons


def _country_code(token: Token) -> bool:
    """'US' / 'U.S.' written in capitals is the country, not the pronoun 'us'."""
    return token.text.replace(".", "").isupper() and len(token.text) > 1


def _lets(tokens: list[Token]) -> bool:
    """ "let's" / "let us" (the tokenizer splits "let's" into "let" + "'s")."""
    return any(t.lower_ == "let" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ in LETS for t in tokens)


def _is_heading(span: Span, words: list[Token]) -> bool:
    if span.text.lstrip().startswith("#"):
        return True
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in span)
    return not has_verb and len(words) < HEADING_WORDS and not span.text.rstrip().endswith(".")


def _quoted_chars(quotes: Sequence[Quote]) -> set[int]:
    chars: set[int] = set()
    for quote in quotes:
        chars.update(range(quote.start, quote.end))
    return chars
