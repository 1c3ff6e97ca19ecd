"""Contradiction checks between clause-level frames: one event, two dates, two places, or happened / did not.

Sentence alignment misses a conflict stated in a clause of a long sentence that is otherwise worded
differently ("The leak began early on Tuesday" against "... the leak at the port of Veltmar, which
began on Monday when a valve failed ..."). Frames (``extract.frames``) make the event explicit: a
predicate stem with the stems of its arguments, and the date, place and polarity attached to it.

Which frames report one event is decided in ``events`` (same predicate, a shared argument, no
clashing object; blocked, and compared once per wording). A check compares the two representative
frames of each pair, then applies its per-article tests to each copy of either.

A slot conflicts only when each frame holds exactly one value, the values cannot both be right,
neither frame is modal (future, conditional, question) and no article holds both values for the event
itself (then they are two events, or a correction inside one report).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from crosswire.check.context import CheckContext, contradiction, register_check
from crosswire.check.dates import date_agree, on_own_days
from crosswire.check.events import FrameRef, event_pairs, same_event
from crosswire.check.places import Containment, place_agree, story_containment
from crosswire.check.text import evidence, name_key
from crosswire.model import Contradiction, ContradictionKind, DateRef, Extraction, Frame, Side

COMPASS = re.compile(r"\b(north|south|east|west|north-east|north-west|south-east|south-west)(?:ern)?\s+([a-z]+)\b")
FACILITY = re.compile(r"\b([A-Z][a-z]+)\s+(\d+[A-Z]?)\b")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _subject(context: CheckContext, ref: FrameRef, other: FrameRef) -> str:
    """'leak began': the shared argument as written, then the verb as written."""
    text = context.articles[ref.article_id].text if ref.article_id in context.articles else ""
    verb = text[ref.frame.start : ref.frame.end] or ref.frame.predicate
    shared = sorted(ref.arguments & other.arguments)
    sentence = context.sentence_text(ref.article_id, ref.frame.sentence)
    word = shared[0] if shared else ""
    match = re.search(rf"\b{re.escape(word)}\w*", sentence, re.IGNORECASE) if word else None
    return f"{match.group(0).lower() if match else word} {verb}".strip()


@dataclass(frozen=True, slots=True)
class Clash:
    """Two frames of one event with values that cannot both be right: (key, shown) on each side."""

    a: FrameRef
    b: FrameRef
    key_a: str
    key_b: str
    shown_a: str
    shown_b: str


def grouped(
    context: CheckContext, clashes: Sequence[Clash], *, agree: Callable[[str, str], bool] = str.__eq__
) -> Iterator[tuple[Clash, list[Side], int | None]]:
    """One finding per event: clashes joined through shared frames, a side per group of agreeing value keys.

    Yields (first clash, sides with the most-cited side first, fact of the first frame).
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(key: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for clash in clashes:
        parent[root(_key(clash.b))] = root(_key(clash.a))
    components: dict[tuple[str, int], list[Clash]] = defaultdict(list)
    for clash in clashes:
        components[root(_key(clash.a))].append(clash)
    for members in components.values():
        by_value: dict[str, dict[tuple[str, int], tuple[FrameRef, str]]] = defaultdict(dict)
        for clash in members:
            for ref, key, shown in ((clash.a, clash.key_a, clash.shown_a), (clash.b, clash.key_b, clash.shown_b)):
                side = next((seen for seen in by_value if agree(seen, key)), key)
                by_value[side][_key(ref)] = (ref, shown)
        groups = sorted(by_value.values(), key=lambda refs: -len({key[0] for key in refs}))
        sides = [_side(context, list(refs.values())) for refs in groups]
        yield members[0], sides, _disputed_fact(context, [[ref for ref, _ in refs.values()] for refs in groups])


def _disputed_fact(context: CheckContext, sides: Sequence[Sequence[FrameRef]]) -> int | None:
    """The fact whose claim is disputed: one holding two sides as the main clause of their sentences.

    A conflict in a side clause ('Divers reached the tanker that began leaking at Pier 2') is a
    finding of its own; it does not dispute what the sentence's fact says (divers reached the hull).
    """
    located: dict[tuple[str, int], int] = {}
    for fact in context.facts:
        for member in fact.members:
            located[(context.units[member].article_id, context.units[member].sentence)] = fact.index
    per_side = [
        {
            located[(r.article_id, r.frame.sentence)]
            for r in refs
            if r.frame.main and (r.article_id, r.frame.sentence) in located
        }
        for refs in sides
    ]
    shared = sorted(fact for fact in set().union(*per_side) if sum(fact in found for found in per_side) >= 2)
    return shared[0] if shared else None


def _key(ref: FrameRef) -> tuple[str, int]:
    return (ref.article_id, ref.frame.start)


def _side(context: CheckContext, refs: list[tuple[FrameRef, str]]) -> Side:
    """A side's value is its most common wording (the longest on a tie); evidence is every frame's sentence."""
    counts: dict[str, int] = defaultdict(int)
    for _, shown in refs:
        counts[shown] += 1
    value = max(counts, key=lambda shown: (counts[shown], len(shown)))
    cited = dict.fromkeys(evidence(context.extractions[ref.article_id], ref.frame.sentence) for ref, _ in refs)
    return Side(value, tuple(cited))


def _event_dates(extraction: Extraction, frame: Frame) -> list[DateRef]:
    by_start = {d.start: d for d in extraction.dates}
    found = [by_start[s] for s in frame.dates if s in by_start]
    return [d for d in found if d.weekday or (d.value and d.granularity == "day")]


def _factual(a: FrameRef, b: FrameRef) -> bool:
    return not (a.frame.negated or b.frame.negated or a.frame.modal or b.frame.modal)


def _event_findings(
    context: CheckContext,
    clashes: Sequence[Clash],
    *,
    kind: ContradictionKind,
    label: str,
    verb: str,
    joiner: str,
    agree: Callable[[str, str], bool] = str.__eq__,
) -> Iterator[Contradiction]:
    """One high-severity finding per event from its slot clashes: 'Reports of the same event (...) date it ...'."""
    for clash, sides, fact in grouped(context, clashes, agree=agree):
        subject = _subject(context, clash.a, clash.b)
        yield contradiction(
            context,
            kind=kind,
            subject=f"{label}: {subject}",
            sides=sides,
            confidence=0.85,
            severity="high",
            explanation=f"Reports of the same event ({subject}) {verb} "
            + joiner.join(repr(s.value) for s in sides)
            + ".",
            fact=fact,
        )


@register_check
def check_event_dates(context: CheckContext) -> Iterator[Contradiction]:
    """One event given two different days by two reports (clause level)."""
    dated: dict[tuple[str, int], list[DateRef]] = {}
    clashes: list[Clash] = []
    for pair in event_pairs(context):
        a, b = pair.a, pair.b
        if not _factual(a, b):
            continue
        dates_a = _event_dates(context.extractions[a.article_id], a.frame)
        dates_b = _event_dates(context.extractions[b.article_id], b.frame)
        if len(dates_a) != 1 or len(dates_b) != 1 or date_agree(dates_a[0], dates_b[0]):
            continue
        date_a, date_b = dates_a[0], dates_b[0]
        if on_own_days(context, a.article_id, date_a, b.article_id, date_b):
            continue  # each report's own day's news
        if context.counted_apart((a.article_id, a.frame.sentence), (b.article_id, b.frame.sentence)):
            continue  # another count of victims on another day: another incident
        valid_a = [ref for ref in pair.copies_a if not _article_dates_event(context, ref, date_b, dated)]
        valid_b = [ref for ref in pair.copies_b if not _article_dates_event(context, ref, date_a, dated)]
        value_a, value_b = date_a.value or date_a.text, date_b.value or date_b.text
        clashes += [Clash(x, y, value_a, value_b, value_a, value_b) for x, y in pair.spans(valid_a, valid_b)]
    yield from _event_findings(context, clashes, kind="date", label="when", verb="date it", joiner=" and ")


def _article_dates_event(
    context: CheckContext, ref: FrameRef, date: DateRef, cache: dict[tuple[str, int], list[DateRef]]
) -> bool:
    """Whether the article of ``ref`` itself gives ``date`` to an event like ``ref``'s (two events, then)."""
    extraction = context.extractions[ref.article_id]
    for frame in extraction.frames:
        if frame is ref.frame or not same_event(frame, ref.frame):
            continue
        key = (ref.article_id, frame.start)
        if key not in cache:
            cache[key] = _event_dates(extraction, frame)
        if any(date_agree(mine, date) for mine in cache[key]):
            return True
    return False


def place_names(context: CheckContext, ref: FrameRef) -> dict[str, str]:
    """The names in a frame's place phrases, by kind: 'pier' -> 'Pier 7', 'harbour' -> 'east harbour',
    'entity' -> a place entity ('Veltmar')."""
    names: dict[str, str] = {}
    extraction = context.extractions[ref.article_id]
    mentions = [m.text for m in extraction.mentions if m.sentence == ref.frame.sentence and m.label in PLACE_LABELS]
    for phrase in ref.frame.places:
        for match in FACILITY.finditer(phrase):
            names.setdefault(match.group(1).lower(), match.group(0))
        for match in COMPASS.finditer(phrase.lower()):
            names.setdefault(match.group(2), match.group(0))
        for mention in mentions:
            if mention in phrase:
                names.setdefault("entity", mention)
    return names


def place_clash(
    names_a: dict[str, str], names_b: dict[str, str], *, within: Containment | None = None
) -> tuple[str, str] | None:
    """The first pair of names of one kind (see ``place_names``) that cannot be one place (``within``:
    which places the story puts inside which)."""
    for kind in sorted(names_a.keys() & names_b.keys()):
        left, right = names_a[kind], names_b[kind]
        if place_agree(left, right, within=within) if kind == "entity" else left.lower() == right.lower():
            continue
        return left, right
    return None


def _place_key(context: CheckContext, ref: FrameRef) -> str:
    return "|".join(f"{kind}={name}" for kind, name in sorted(place_names(context, ref).items()))


def _place_keys_agree(a: str, b: str, *, within: Containment) -> bool:
    """Whether two place keys (see ``_place_key``) name no kind with two different names."""
    names_a = dict(item.split("=", 1) for item in a.split("|") if item)
    names_b = dict(item.split("=", 1) for item in b.split("|") if item)
    return place_clash(names_a, names_b, within=within) is None


def _mentions(context: CheckContext, article_id: str, names: dict[str, str]) -> bool:
    """Whether an article names any of these places anywhere (then the two may be parts of one place)."""
    text = context.articles[article_id].text.lower() if article_id in context.articles else ""
    places = {name_key(m.text) for m in context.extractions[article_id].mentions if m.label in PLACE_LABELS}
    for kind, name in names.items():
        if name_key(name) in places if kind == "entity" else re.search(rf"\b{re.escape(name.lower())}\b", text):
            return True
    return False


@register_check
def check_event_places(context: CheckContext) -> Iterator[Contradiction]:
    """One event placed in two different places by two reports (clause level)."""
    clashes: list[Clash] = []
    within = story_containment(context)  # 'Brekkton, Montana' in any report: Brekkton and Montana are one place
    for pair in event_pairs(context):
        a, b = pair.a, pair.b
        if not _factual(a, b) or len(a.frame.places) != 1 or len(b.frame.places) != 1:
            continue
        names_a, names_b = place_names(context, a), place_names(context, b)
        if place_clash(names_a, names_b, within=within) is None:
            continue
        # a report that names the other place too may mean a part of one place
        valid_a = [ref for ref in pair.copies_a if not _mentions(context, ref.article_id, names_b)]
        valid_b = [ref for ref in pair.copies_b if not _mentions(context, ref.article_id, names_a)]
        key_a, key_b = _place_key(context, a), _place_key(context, b)
        shown_a, shown_b = a.frame.places[0], b.frame.places[0]
        clashes += [Clash(x, y, key_a, key_b, shown_a, shown_b) for x, y in pair.spans(valid_a, valid_b)]
    yield from _event_findings(
        context,
        clashes,
        kind="place",
        label="where",
        verb="place it at",
        joiner=" and at ",
        agree=partial(_place_keys_agree, within=within),
    )


def _states_both(context: CheckContext, ref: FrameRef) -> bool:
    """Whether the article of ``ref`` also states the event with the other polarity."""
    return any(
        frame is not ref.frame
        and frame.negated != ref.frame.negated
        and not frame.modal
        and same_event(frame, ref.frame)
        for frame in context.extractions[ref.article_id].frames
    )


@register_check
def check_event_negation(context: CheckContext) -> Iterator[Contradiction]:
    """One report says an event happened, another that it did not (clause level)."""
    clashes: list[Clash] = []
    for pair in event_pairs(context):
        a, b = pair.a, pair.b
        if a.frame.negated == b.frame.negated or a.frame.modal or b.frame.modal:
            continue
        if (a.frame.context or b.frame.context) and not set(a.frame.context) & set(b.frame.context):
            continue  # 'filed against Smith' / 'not filed against Jones': maybe different events
        if a.frame.present != b.frame.present:
            continue  # 'the new rules do not require' / 'the old rule required': two times, not one event
        negative, positive = (a, b) if a.frame.negated else (b, a)
        if context.published_before(negative.article_id, positive.article_id):
            continue  # 'no arrest had been made' a week before 'an arrest had been made': a development
        valid_a = [ref for ref in pair.copies_a if not _states_both(context, ref)]
        valid_b = [ref for ref in pair.copies_b if not _states_both(context, ref)]
        verb = _subject(context, a, b).split()[-1]
        value_a = f"not {verb}" if a.frame.negated else verb
        value_b = f"not {verb}" if b.frame.negated else verb
        key_a, key_b = str(a.frame.negated), str(b.frame.negated)
        clashes += [Clash(x, y, key_a, key_b, value_a, value_b) for x, y in pair.spans(valid_a, valid_b)]
    for clash, sides, fact in grouped(context, clashes):
        subject = _subject(context, clash.a, clash.b)
        yield contradiction(
            context,
            kind="negation",
            subject=subject,
            sides=sides,
            confidence=0.85,
            severity="high",
            explanation=f"One report says {subject!r}; another says it did not happen.",
            fact=fact,
        )
