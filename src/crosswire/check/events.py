"""Which clause-level frames of a story report one event, found without comparing all pairs.

Two frames of different articles report *one event* when they have the same predicate (not a verb of
speech or a light verb), share an argument, and do not name different objects (or, when neither has
an object, different subjects).

Frames are compared once per wording: the frames of syndicated copies (the same sentence, the frame
at the same place in it, the same dates and places) are *copies* of their first frame, which alone is
blocked and paired; a check then applies its per-article tests to each copy. Representatives are
blocked by (predicate, argument), each block keeping its ``BLOCK_SIZE`` latest frames, so the cost
grows about linearly with the number of distinct frames, and a story syndicated a thousand times
costs little more than one with its distinct wordings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from crosswire.check.context import CheckContext
from crosswire.check.text import GENERIC_ARGUMENTS, LIGHT_VERBS, sentence_of
from crosswire.model import Extraction, Frame, Mention
from crosswire.text import TIME_STAMP_LINE

BLOCK_SIZE = 64
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class FrameRef:
    """A frame placed in its article."""

    article_id: str
    frame: Frame

    @property
    def arguments(self) -> frozenset[str]:
        return frozenset(self.frame.subjects + self.frame.objects + self.frame.referents) - GENERIC_ARGUMENTS


@dataclass(frozen=True, slots=True)
class EventPair:
    """Two frames of different articles that report one event, each with its copies (itself first)."""

    a: FrameRef
    b: FrameRef
    copies_a: tuple[FrameRef, ...]
    copies_b: tuple[FrameRef, ...]

    def spans(self, valid_a: list[FrameRef], valid_b: list[FrameRef]) -> Iterator[tuple[FrameRef, FrameRef]]:
        """Pairs of different articles that connect every valid copy on one side to one on the other
        (a star, not all pairs: the checks group frames into one finding by connection)."""
        for mine, theirs, flip in ((valid_a, valid_b, False), (valid_b, valid_a, True)):
            for ref in mine:
                other = next((o for o in theirs if o.article_id != ref.article_id), None)
                if other is not None:
                    yield (other, ref) if flip else (ref, other)


def same_event(a: Frame, b: Frame) -> bool:
    """Whether two frames can report one event: same predicate, a shared argument, no clashing object."""
    if a.predicate != b.predicate or a.predicate in LIGHT_VERBS or a.reporting or b.reporting:
        return False
    args_a = set(a.subjects + a.objects + a.referents) - GENERIC_ARGUMENTS  # 'he' for Kelly meets 'Kelly'
    args_b = set(b.subjects + b.objects + b.referents) - GENERIC_ARGUMENTS
    if not args_a & args_b:
        return False
    if a.objects and b.objects:
        return bool(set(a.objects) & set(b.objects))
    if a.subjects and b.subjects and not (a.objects or b.objects):
        return bool(set(a.subjects) & set(b.subjects))
    return True


def event_pairs(context: CheckContext) -> list[EventPair]:
    """Pairs of distinct frames from different articles that report one event (computed once per story)."""
    return context.memoised("event_pairs", lambda: _event_pairs(context))


def _event_pairs(context: CheckContext) -> list[EventPair]:
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    refs: list[FrameRef] = []
    copies: list[list[FrameRef]] = []
    first: dict[tuple[object, ...], int] = {}
    found: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for article_id in context.articles:
        extraction = context.extractions.get(article_id)
        if extraction is None:
            continue
        claims = _claim_sentences(extraction)
        keys = _KeyParts(extraction)
        for frame in extraction.frames:
            if frame.sentence not in claims or frame.reporting or frame.predicate in LIGHT_VERBS:
                continue
            ref = FrameRef(article_id, frame)
            key = keys.of(frame)
            if key in first:
                copies[first[key]].append(ref)
                continue
            number = first[key] = len(refs)
            refs.append(ref)
            copies.append([ref])
            for argument in sorted(ref.arguments):
                block = blocks[(frame.predicate, argument)]
                for other in block[-BLOCK_SIZE:]:
                    pair = (other, number)
                    if pair not in seen and refs[other].article_id != article_id:
                        seen.add(pair)
                        if same_event(refs[other].frame, frame):
                            found.append(pair)
                block.append(number)
    return [EventPair(refs[a], refs[b], tuple(copies[a]), tuple(copies[b])) for a, b in found]


class _KeyParts:
    """Per article: what makes two frames copies (``of``), with the article's dates and place mentions
    indexed once."""

    def __init__(self, extraction: Extraction) -> None:
        self.extraction = extraction
        self.dates = {d.start: d for d in extraction.dates}
        self.places: dict[int, list[Mention]] = defaultdict(list)
        for mention in extraction.mentions:
            if mention.label in PLACE_LABELS:
                self.places[mention.sentence].append(mention)

    def of(self, frame: Frame) -> tuple[object, ...]:
        """The same sentence wording, the frame at the same place in it with the same fields, and the
        same dates and place mentions in the sentence (by place in the sentence)."""
        sentence = sentence_of(self.extraction, frame.sentence)
        if sentence is None:
            return (self.extraction.article_id, frame.start)
        base = sentence.start
        dates = tuple(
            (d.start - base, d.value, d.weekday, d.granularity)
            for d in (self.dates[s] for s in frame.dates if s in self.dates)
        )
        places = tuple((m.start - base, m.text, m.label) for m in self.places.get(frame.sentence, ()))
        fields = (
            frame.predicate,
            frame.subjects,
            frame.objects,
            frame.referents,
            frame.context,
            frame.negated,
            frame.modal,
            frame.main,
        )
        return (sentence.text, frame.start - base, frame.end - frame.start, fields, frame.places, dates, places)


def _claim_sentences(extraction: Extraction) -> set[int]:
    """Sentences that may hold a claim: not headings, not page time stamps."""
    if not extraction.claims:
        return {s.index for s in extraction.sentences if not TIME_STAMP_LINE.match(s.text)}
    return {c.sentence for c in extraction.claims if "heading" not in c.reasons and not TIME_STAMP_LINE.match(c.text)}
