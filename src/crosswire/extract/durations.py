"""Durations keyed by what they time: 'the jury took less than an hour to reach its verdict', 'jurors
took just three hours to return a verdict', 'he was sentenced to 6 1/2 years'.

A duration is timed by the verb it hangs on; a light verb ('took', 'spent', 'lasted') times the act of
its purpose clause, named by that clause's object ('to return a verdict' -> 'duration:verdict'); a
sentence to prison is 'duration:sentence'. Offsets ('three hours later', 'two days after the crash',
'years ago') are times, not durations, and ages are ages: neither is keyed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from crosswire.extract.frames import stem
from crosswire.extract.scopes import person_of
from crosswire.extract.sentences import Sentences
from crosswire.model import Measure

# fmt: off
SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800, "month": 2629800,
           "year": 31557600}
WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50}
DURATION = re.compile(
    r"(?P<approx>\b(?:just under|just over|just less than|less than|fewer than|under|more than|over|about|"
    r"around|roughly|nearly|almost|within|just|only|up to)\s+)?"
    r"\b(?P<n>\d{1,2}1\s?/\s?2|\d+(?:\.\d+)?(?:\s1/2|½)?|" + "|".join(WORDS) + r")[\s-]"
    r"(?P<unit>second|minute|hour|day|week|month|year)s?\b",
    re.IGNORECASE,
)
LIGHT = frozenset("took take takes taking spent spend spends spending needed".split())
OFFSETS = frozenset("later earlier ago after before since old remaining left".split())
GENERIC = frozenset("have has had having be is was were been being get got gets give gave make made do did remain "
                    "remains remained left leave".split())
"""Verbs that time nothing of their own ('had nine seconds to read', 'with 29 seconds remaining')."""
SENTENCED = frozenset("sentenced sentence jailed imprisoned".split())
SERVED = frozenset("serve serves serving served".split())
LASTED = frozenset("lasted last lasts lasting".split())
# fmt: on


def find_durations(doc: Doc, sentences: Sentences) -> Iterator[Measure]:
    """One Measure for each duration whose timed act the parse reaches."""
    for sentence in doc.sents:
        for found in DURATION.finditer(sentence.text):
            start = sentence.start_char + found.start()
            span = doc.char_span(start, sentence.start_char + found.end(), alignment_mode="expand")
            if span is None:
                continue
            unit = span[-1]
            following = doc[unit.i + 1].lower_ if unit.i + 1 < len(doc) else ""
            if following in OFFSETS or following == "-" or unit.dep_ == "npadvmod" and unit.head.lower_ in OFFSETS:
                continue  # 'three hours later', 'a 2-year-old', 'two days after the crash'
            key = _timed(unit)
            if key is None:
                continue
            measure = _measure(found, key, start, sentence.start_char + found.end(), sentences.index(span.start))
            yield replace(measure, scope=tuple(person_of(unit, None)))  # whose sentence: 'by:smith'


def _timed(unit: Token) -> str | None:
    """'duration:verdict' for 'took less than an hour to come to their verdict'; None when unsure."""
    head = unit.head
    if unit.dep_ == "pobj" and head.lower_ in {"for", "within", "in", "to"}:
        head = head.head
    if head.pos_ not in {"VERB", "AUX"}:
        return None
    if head.lower_ in SENTENCED:
        return "duration:sentence"
    if head.lower_ in SERVED:
        return "duration:served"  # time served, not the sentence
    if head.lower_ in LASTED:  # 'the storm lasted three days'
        subject = next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
        return f"duration:{subject.lower_}" if subject is not None else None
    if head.lower_ in LIGHT:
        purpose = next((c for c in head.children if c.dep_ in {"xcomp", "advcl"} and c.pos_ == "VERB"), None)
        if purpose is None:
            return None
        named = _object(purpose)
        return f"duration:{named.lower_ if named is not None else stem(purpose.text)}"
    if head.lower_ in GENERIC:
        return None
    return f"duration:{stem(head.text)}"


def _object(verb: Token) -> Token | None:
    """The noun an act is about: 'return a verdict' -> verdict, 'come to their verdict' -> verdict."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN":
            return child
    for child in verb.children:
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                    return obj
    return None


def _measure(found: re.Match[str], key: str, start: int, end: int, sentence: int) -> Measure:
    written = re.sub(r"\s?/\s?", "/", found.group("n").lower())
    half = "1/2" in written or "½" in written
    if re.fullmatch(r"\d{1,2}1/2", written):
        written = written[:-3] + " 1/2"  # '41/2 months': 4½ written with its glyph spelled out, the space lost
    number = WORDS.get(written) or float(written.replace("1/2", "").replace("½", "").strip())
    scale = SECONDS[found.group("unit").lower()]
    value = (number + (0.5 if half else 0.0)) * scale
    step = 0.25 * scale if half else 0.5 * scale
    approx = (found.group("approx") or "").strip().lower()
    low, bound = value - step, False
    high: float | None = value + step
    if approx in {"less than", "fewer than", "under", "within", "up to"}:
        low, high, bound = 0.0, value, True
    elif approx in {"just under", "just less than", "nearly", "almost"}:
        low, high = value - step, value
    elif approx in {"more than", "over"}:
        low, high, bound = value, None, True
    elif approx == "just over":
        low, high = value, value + step
    elif approx in {"about", "around", "roughly"}:
        low, high = min(value - step, value * 0.9), max(value + step, value * 1.1)
    return Measure(
        start=start,
        end=end,
        sentence=sentence,
        key=key,
        value=value,
        shown=number + (0.5 if half else 0.0),
        low=low,
        high=high,
        unit="seconds",
        words=found.group(0),
        bound=bound,
    )
