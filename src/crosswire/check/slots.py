"""Contradiction checks between two aligned claims: numbers, dates, places and negation.

Each check walks the claim pairs of every fact (``CheckContext.pairs``) and compares one slot.
A slot conflicts only when each side holds exactly one value the other side lacks, so a sentence
that adds a detail is never read as denying one.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TypeVar

from crosswire.check.align import ClaimUnit
from crosswire.check.context import CheckContext, contradiction, pair_sides, register_check
from crosswire.check.dates import date_agree, on_own_days
from crosswire.check.places import (
    Containment,
    changed_place,
    person_families,
    place_agree,
    sentence_places,
    story_containment,
)
from crosswire.check.text import content_words, edited_copy, name_key, words
from crosswire.model import Contradiction, DateRef, Extraction, Figure
from crosswire.text import TIME_STAMP_LINE
from crosswire.vocabulary import DENIAL_VERBS, DENIED_CLAIMS, DISMISSAL_VERBS, NEGATION_WORDS

V = TypeVar("V")  # a compared value: a Figure, a DateRef, a place name

RATE_DAYS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}
ABOUT = {"about", "around", "approximately", "nearly", "almost", "roughly", "some", "estimated", "~", "close to"}
AT_LEAST = {"over", "more than", "at least", "above", "upwards of", "exceeding", "nearly"}
AT_MOST = {"under", "less than", "up to", "at most", "below", "fewer than", "almost"}
NEGATIONS = NEGATION_WORDS
PREFIXES = frozenset({"non"})  # negates the one word it is joined to: 'non-life-threatening' -> 'life'
SCORE_WORDS = frozenset({"victory", "win", "lead", "loss", "defeat", "score", "rout", "triumph", "edge", "advantage"})
"""Units that make '31-24' a game score, not a quantity or a range."""
PART_WORDS = frozenset({"other", "another", "remaining", "additional", "further", "extra"})
"""Words before a figure that make it count part of a group: 'the other eight people' ('two more' too)."""


def unit_key(figure: Figure) -> str | None:
    """What a figure counts, reduced to one comparable word: 'dock workers' -> 'worker'."""
    if figure.currency:
        return "money:" + figure.currency
    if not figure.unit:
        return None
    tokens = words(figure.unit)
    if not tokens:
        return None
    last = tokens[-1]
    return last[:-1] if last.endswith("s") and len(last) > 3 else last


def interval(figure: Figure) -> tuple[float, float]:
    """The values a figure allows, per day when it is a rate, with room for approximation."""
    low = figure.low if figure.low is not None else figure.value
    high = figure.high if figure.high is not None else figure.value
    scale = 1 / RATE_DAYS[figure.rate] if figure.rate in RATE_DAYS else 1.0
    low, high = low * scale, high * scale
    approx = (figure.approx or "").lower()
    if approx in AT_LEAST:
        high = math.inf if approx != "nearly" else high
        low = low * 0.85 if approx == "nearly" else low
    if approx in AT_MOST:
        low = 0.0 if approx != "almost" else low * 0.85
    if approx in ABOUT:
        low, high = low * 0.85, high * 1.15
    else:
        digits = f"{figure.value:.0f}".rstrip("0")
        rounding = 0.03 if figure.value >= 100 and len(digits) <= 2 else 0.005
        low, high = low * (1 - rounding), high * (1 + rounding)
    return low, high


def figures_agree(a: Figure, b: Figure) -> bool:
    """Whether two figures for one quantity can both be right (ranges, approximations, rates)."""
    if (a.rate is None) != (b.rate is None):
        return True  # a total and a rate are different quantities: not comparable
    low_a, high_a = interval(a)
    low_b, high_b = interval(b)
    return low_a <= high_b and low_b <= high_a


def _format(figure: Figure) -> str:
    value = f"{figure.value:.0f}" if float(figure.value).is_integer() else f"{figure.value:g}"
    return f"{value} per {figure.rate}" if figure.rate else value


def _lone_mismatch(
    left: Sequence[V], right: Sequence[V], agree: Callable[[V, V], bool], limit: int = 2
) -> tuple[V, V] | None:
    """The one value on each side that the other side lacks, or None. More than ``limit`` values on a
    side make the pairing doubtful, except in an edited copy (where the checks pass a higher limit)."""
    if not left or not right or len(left) > limit or len(right) > limit:
        return None
    only_left = [a for a in left if not any(agree(a, b) for b in right)]
    only_right = [b for b in right if not any(agree(a, b) for a in left)]
    if len(only_left) == 1 and len(only_right) == 1:
        return only_left[0], only_right[0]
    return None


def _by_sentence(context: CheckContext, attribute: str) -> dict[tuple[str, int], list]:
    found: dict[tuple[str, int], list] = defaultdict(list)
    for article_id, extraction in context.extractions.items():
        for item in getattr(extraction, attribute):
            found[(article_id, item.sentence)].append(item)
    return found


@register_check
def check_numbers(context: CheckContext) -> Iterator[Contradiction]:
    """The same quantity (same unit, same fact) given different values."""
    figures = _by_sentence(context, "figures")
    threshold = context.setting("slots", "number_similarity")
    measured = {(aid, m.start): m for aid, x in context.extractions.items() for m in x.measures}
    for pair in context.article_pairs:
        if pair.similarity < threshold:
            continue
        left, right = context.units[pair.left], context.units[pair.right]
        groups: dict[str, tuple[list[Figure], list[Figure]]] = defaultdict(lambda: ([], []))
        keyed: tuple[list[tuple[Figure, str | None]], list[tuple[Figure, str | None]]] = ([], [])
        for side, unit in ((0, left), (1, right)):
            for figure in figures.get((unit.article_id, unit.sentence), []):
                measure = measured.get((unit.article_id, figure.start))
                # what the figure measures, when the parse says ('2 Korean passengers' is not '68 passengers')
                key = f"{measure.key}|{','.join(measure.scope)}" if measure is not None else unit_key(figure)
                key = key if key is None else key + _described(unit, figure)
                if key is not None and _counts_part(unit, figure):
                    key += "|part"  # 'the two other victims': compared only with a count of the others
                keyed[side].append((figure, key))
                score = (figure.unit or "").lower() in SCORE_WORDS
                if key is not None and not figure.ordinal and not score:
                    groups[key][side].append(figure)
        for key, (ours, theirs) in groups.items():
            found = _lone_mismatch(ours, theirs, figures_agree)
            if found is None:
                continue
            a, b = found
            if _different_outcomes(context, left, right, a, b):
                continue
            if _states_value(keyed[1], key, b, a) or _states_value(keyed[0], key, a, b):
                continue  # 'Charles rushed for 226 yards while Hillis added 101' / 'Hillis rushed for 101 yards'

            gap = abs(a.value - b.value) / max(abs(a.value), abs(b.value), 1e-9)
            measured_as = key.split("|")[0]
            what = measured_as if " of " in measured_as else a.unit or b.unit or key  # 'count of murder'
            yield contradiction(
                context,
                kind="number",
                subject=what,
                sides=pair_sides(context, pair, _format(a), _format(b)),
                confidence=0.75 + 0.2 * min(1.0, (pair.similarity - threshold) / 0.2),
                severity="high" if gap > 0.2 else "low",
                explanation=f"Reports of the same fact give {a.text!r} and {b.text!r} for {what}.",
                fact=pair.fact,
            )


_DESCRIBED = re.compile(r"^\s*-?\s*([a-z]+)")


def _states_value(figures: Sequence[tuple[Figure, str | None]], key: str, own: Figure, other: Figure) -> bool:
    """Whether a sentence gives the other report's value too, besides its own figure, as a figure of no
    other measure (``figures`` with their keys): then the two figures are two of its quantities, and the
    other report picked the other one ('226 yards while Hillis added 101'). Figures, not digits: the '2'
    of '2:15 p.m.' is no quantity; and 'two counts of attempted murder' is another measure than 'five
    counts of murder'."""
    return any(
        f is not own and f.start != own.start and f.value == other.value and k in (None, key) for f, k in figures
    )


def _described(unit: ClaimUnit, figure: Figure) -> str:
    """A hyphenated figure describes the noun after it ('a 73-yard drive', 'a 7-yard pass'): that noun is
    part of what it measures."""
    at = figure.end - unit.start
    if not (0 <= at <= len(unit.text)) or "-" not in figure.text and not unit.text[:at].rstrip().endswith("-"):
        return ""
    found = _DESCRIBED.match(unit.text[at:].lower())
    return f":{found.group(1)}" if found else ""


def _counts_part(unit: ClaimUnit, figure: Figure) -> bool:
    """Whether a figure counts part of a group ('the other eight people', 'two more victims') or
    restates another in a second currency."""
    at = figure.start - unit.start
    if not 0 <= at <= len(unit.text):
        return False
    if figure.currency and unit.text[:at].rstrip().endswith("("):
        return True  # a conversion: '$US1 million ($1.52 million)'
    before = words(unit.text[max(0, at - 20) : at])[-2:]
    after = words(unit.text[at : at + len(figure.text) + 12])
    return bool(PART_WORDS & {*before, *after[1:3]}) or "more" in after[1:3] and "than" not in after


def _different_outcomes(context: CheckContext, left: ClaimUnit, right: ClaimUnit, a: Figure, b: Figure) -> bool:
    """Whether two counts of one unit count different things: 'Three people died' / 'Five people were
    shot' (the verbs after them differ). An edited copy is one sentence, whatever its verbs."""
    if edited_copy(left.text, right.text):
        return False
    verb_a = context.predicate_after(left.article_id, left.sentence, a.end)
    verb_b = context.predicate_after(right.article_id, right.sentence, b.end)
    return verb_a is not None and verb_b is not None and verb_a != verb_b


def _context(text: str, date: DateRef, sentence_start: int) -> set[str]:
    """Content words within a few words of a date: what the date is the date of."""
    at = max(0, date.start - sentence_start)
    before = words(text[:at])[-5:]
    after = words(text[at + len(date.text) :])[:5]
    date_words = set(words(date.text))
    return {w for w in before + after if w not in date_words and w in content_words(text) and not w.isdigit()}


def _same_event(text_a: str, a: DateRef, start_a: int, text_b: str, b: DateRef, start_b: int) -> bool:
    """Whether two dates are dates of the same thing: their neighbouring words overlap."""
    return bool(_context(text_a, a, start_a) & _context(text_b, b, start_b))


def _usable(date: DateRef) -> bool:
    return bool(date.weekday) or (bool(date.value) and date.granularity in ("day", "month", "year"))


REFERENCE_TIME = re.compile(r"\b(?:as of|since|until|till|by|through)\s*$", re.IGNORECASE)
WIRE_DATELINE = re.compile(r"^\W*[A-Z][A-Z .'’-]+,\s*$")  # 'BRENNHOLM, ' before 'March 3 (Northsea Wire) -'


def _event_date(
    extraction: Extraction, text: str, sentence_start: int, date: DateRef, *, similarity: float, plan_similarity: float
) -> bool:
    """Whether a date can date an event: not a reference time ('as of Friday night', 'since Monday'),
    not a wire dateline's filing date ('BRENNHOLM, March 3 (Northsea Wire) - Councillors ... approved'),
    not a possessive that dates a noun ('the toll from Friday's earthquake rose to 1,644', reported on
    Saturday), not the time of something that did not happen (a negated frame: 'No charges were filed late
    Thursday'). A plan (a weekday in a clause about the future, a modal frame: 'the funeral will be
    Friday') counts only between near-identical sentences (``plan_similarity``): two plans in one
    story are often two events (a funeral on Friday, a tribute on Monday)."""
    before = text[: max(0, date.start - sentence_start)]
    if REFERENCE_TIME.search(before) or WIRE_DATELINE.match(before):
        return False  # a reference time, or a wire dateline's filing date
    after = text[max(0, date.end - sentence_start) :]
    if after.startswith(("'s", "’s")):
        return False  # 'Friday's earthquake': the date of the background event, not of what the clause says
    frames = [frame for frame in extraction.frames if date.start in frame.dates]
    if any(frame.negated for frame in frames):
        return False
    plan = (date.weekday is not None and 0 < date.certainty < 0.7) or any(frame.modal for frame in frames)
    return not plan or similarity >= plan_similarity


@register_check
def check_dates(context: CheckContext) -> Iterator[Contradiction]:
    """The same event on different days (or weekdays); a different year or month is a low note."""
    dates = _by_sentence(context, "dates")
    for pair in context.article_pairs:
        threshold = context.setting("slots", "date_similarity")
        similarity = context.closeness(pair, threshold)
        if similarity is None:
            continue
        left, right = context.units[pair.left], context.units[pair.right]
        extractions = context.extractions
        sim = 1.0 if edited_copy(left.text, right.text) else similarity  # an edited copy: one sentence
        ours = [d for d in dates.get((left.article_id, left.sentence), []) if _usable(d)]
        theirs = [d for d in dates.get((right.article_id, right.sentence), []) if _usable(d)]
        plan = context.setting("slots", "plan_similarity")
        ours = [
            d
            for d in ours
            if _event_date(extractions[left.article_id], left.text, left.start, d, similarity=sim, plan_similarity=plan)
        ]
        theirs = [
            d
            for d in theirs
            if _event_date(
                extractions[right.article_id], right.text, right.start, d, similarity=sim, plan_similarity=plan
            )
        ]
        found = _lone_mismatch(ours, theirs, date_agree)
        if found is None or TIME_STAMP_LINE.match(left.text) or TIME_STAMP_LINE.match(right.text):
            continue  # page time stamps are not claims about the event
        a, b = found
        if on_own_days(context, left.article_id, a, right.article_id, b):
            continue  # each report's own day's news
        if context.counted_apart((left.article_id, left.sentence), (right.article_id, right.sentence)):
            continue  # another count of victims on another day: another incident
        if not _same_event(
            context.sentence_text(left.article_id, left.sentence),
            a,
            left.start,
            context.sentence_text(right.article_id, right.sentence),
            b,
            right.start,
        ):
            continue
        day_level = (a.granularity == b.granularity == "day") or bool(a.weekday and b.weekday)
        if not day_level and similarity < 0.85:
            continue
        value_a, value_b = a.value or a.text, b.value or b.text
        yield contradiction(
            context,
            kind="date",
            subject="date of: " + left.text[:60],
            sides=pair_sides(context, pair, value_a, value_b),
            confidence=(0.8 + 0.15 * min(1.0, (similarity - threshold) / 0.2)) if day_level else 0.5,
            severity="high" if day_level else "low",
            explanation=f"Reports of the same event date it {a.text!r} and {b.text!r}."
            if day_level
            else f"{a.text!r} and {b.text!r} may be different reference points for the same account.",
            fact=pair.fact,
        )


def _sentence_places(
    context: CheckContext, unit: ClaimUnit, mentions: dict[tuple[str, int], list], families: frozenset[str]
) -> list[str]:
    found = mentions.get((unit.article_id, unit.sentence), [])
    return sentence_places(context.sentence_text(unit.article_id, unit.sentence), found, families=families)


@register_check
def check_places(context: CheckContext) -> Iterator[Contradiction]:
    """The same event placed in two places that neither report mentions together.

    In an edited copy with one run of words replaced, only that run is compared
    (``places.changed_place``); otherwise each sentence must hold one place the other lacks.
    """
    mentions = _by_sentence(context, "mentions")
    families = frozenset(person.family for person in context.index.people)  # 'Witkoff' tagged GPE is a person
    named = person_families(context.index.people)  # in an edited copy: a lone 'ROSWELL' read as a person is a place
    everywhere: dict[str, set[str]] = defaultdict(set)
    for (article_id, sentence), items in mentions.items():
        text = context.sentence_text(article_id, sentence)
        everywhere[article_id].update(name_key(p) for p in sentence_places(text, items, families=families))
    for pair in context.article_pairs:
        threshold = context.setting("slots", "place_similarity")
        similarity = context.closeness(pair, threshold)
        if similarity is None:
            continue
        left, right = context.units[pair.left], context.units[pair.right]
        found = _place_pair(context, left, right, mentions, (families, named), story_containment(context))
        if found is None:
            continue
        a, b = found
        if _names(context, right.article_id, a, everywhere) and _names(context, left.article_id, b, everywhere):
            continue  # each report also names the other place: likely two places, not a conflict
        yield contradiction(
            context,
            kind="place",
            subject="place of: " + left.text[:60],
            sides=pair_sides(context, pair, a, b),
            confidence=0.8 + 0.15 * min(1.0, (similarity - threshold) / 0.15),
            severity="high",
            explanation=f"Reports of the same event place it at {a!r} and at {b!r}.",
            fact=pair.fact,
        )


def _names(context: CheckContext, article_id: str, place: str, everywhere: dict[str, set[str]]) -> bool:
    """Whether an article names a place: tagged as one anywhere, or written anywhere (the NER tags a
    name a place in one sentence and a person or nothing in the next)."""
    if name_key(place) in everywhere[article_id]:
        return True
    text = context.articles[article_id].text if article_id in context.articles else ""
    return re.search(rf"\b{re.escape(place.strip(' .'))}\b", text, re.IGNORECASE) is not None


def _place_pair(
    context: CheckContext,
    left: ClaimUnit,
    right: ClaimUnit,
    mentions: dict[tuple[str, int], list],
    families: tuple[frozenset[str], frozenset[str]],
    within: Containment,
) -> tuple[str, str] | None:
    """The two places of an aligned pair that cannot be one place, or None. ``families``: family names
    of every resolved person, and of those written with a given name (see ``places.person_families``);
    ``within``: which places the story puts inside which (a town and its state are one place)."""
    sentence_mentions = (
        mentions.get((left.article_id, left.sentence), []),
        mentions.get((right.article_id, right.sentence), []),
    )
    texts = (context.articles[left.article_id].text, context.articles[right.article_id].text)
    spans = ((left.start, left.end), (right.start, right.end))
    if texts[0][left.start : left.end] == left.text and texts[1][right.start : right.end] == right.text:
        changed = changed_place(texts, spans, sentence_mentions, families=families[1], within=within)
        if changed is not False:
            return changed  # one run replaced: that run decides
    ours = _sentence_places(context, left, mentions, families[0])
    theirs = _sentence_places(context, right, mentions, families[0])
    edited = edited_copy(left.text, right.text)
    found = _lone_mismatch(ours, theirs, partial(place_agree, within=within), limit=8 if edited else 2)
    if found is None and edited:
        found = _changed_place(left.text, right.text, ours, theirs)
    return found


def _changed_place(text_a: str, text_b: str, places_a: list[str], places_b: list[str]) -> tuple[str, str] | None:
    """In an edited copy, a place name that replaced a proper name the NER did not tag on the other side
    ('a shooting in Chelsea' / 'a shooting in Fairbanks', Chelsea untagged): (place on a, place on b)."""
    only_a, only_b = set(words(text_a)) - set(words(text_b)), set(words(text_b)) - set(words(text_a))
    for places, changed, other_changed, other_text, flip in (
        (places_a, only_a, only_b, text_b, False),
        (places_b, only_b, only_a, text_a, True),
    ):
        place = next((p for p in places if set(words(p)) == changed), None)
        name = _proper_words(other_text, other_changed)
        if place is not None and name is not None:
            return (name, place) if flip else (place, name)
    return None


def _proper_words(text: str, changed: set[str]) -> str | None:
    """The changed words as written, when they form one capitalised run ('Chelsea', 'Albany Park')."""
    for match in re.finditer(r"\b[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}", text):
        if set(words(match.group())) == changed:
            return match.group()
    return None


def negated_words(text: str) -> tuple[set[str], set[str]]:
    """(words under a negation cue, negation cues) of a sentence: 'was not shot' -> ({'shot'}, {'not'}).
    A denial of a claim is a cue too ('dismissed rumours that he was the informant' states that he was
    not), with no words of its own: it is only weighed against another report's negation, which it agrees
    with; the claim it dismisses is often no more than speculation elsewhere ('could have been')."""
    targets: set[str] = set()
    cues: set[str] = set()
    for clause in re.split(r"[,;:()—–]", text):  # 'The child, whom police did not identify, was taken'
        tokens = words(clause)
        for i, token in enumerate(tokens):
            if _denies_claim(tokens, i) and token not in NEGATIONS:
                cues.add(token)  # the sentence negates; the claim it dismisses is not compared word by word
            elif token in NEGATIONS or token.endswith("n't"):
                if tokens[i + 1 : i + 2] in (["only"], ["just"], ["merely"]):
                    continue  # 'not only repulsed an attack but nabbed 23 pirates'
                cues.add(token)
                reach = 2 if token in PREFIXES else 4
                targets.update(t for t in tokens[i + 1 : i + reach] if t not in NEGATIONS)
    return targets, cues


def _denies_claim(tokens: Sequence[str], at: int) -> bool:
    """Whether the word at ``at`` denies a claim: 'refuted', 'denied', or a dismissal verb with a claim
    noun after it ('discounted rumours that', 'rejected the claims that'); a dismissal verb without one
    ('rejected the offer') denies no claim."""
    token = tokens[at]
    return token in DENIAL_VERBS or (token in DISMISSAL_VERBS and bool(DENIED_CLAIMS & set(tokens[at + 1 : at + 4])))


@register_check
def check_negation(context: CheckContext) -> Iterator[Contradiction]:
    """One report says a thing happened or exists, an aligned one says it did not."""
    for pair in context.article_pairs:
        if pair.similarity < context.setting("slots", "negation_similarity"):
            continue
        left, right = context.units[pair.left], context.units[pair.right]
        targets_l, cues_l = negated_words(left.text)
        targets_r, cues_r = negated_words(right.text)
        if bool(cues_l) == bool(cues_r):
            continue
        negative, positive = (left, right) if cues_l else (right, left)
        if context.published_before(negative.article_id, positive.article_id):
            continue  # not yet then, done by the later report: a development
        targets = (targets_l or targets_r) - {"been", "be", "have", "has", "had", "was", "were", "is", "are"}
        shared = content_words(negative.text) & content_words(positive.text)
        hit = sorted((targets & shared) - NEGATIONS)
        share = len(shared) / max(1, min(len(content_words(negative.text)), len(content_words(positive.text))))
        if not hit or share < 0.6 or len(shared) < 3:
            continue
        cue = sorted(cues_l or cues_r)[0]
        values = (f"{cue} {hit[0]}", hit[0]) if negative is left else (hit[0], f"{cue} {hit[0]}")
        yield contradiction(
            context,
            kind="negation",
            subject=hit[0],
            sides=pair_sides(context, pair, *values),
            confidence=0.7 + 0.25 * share,
            severity="high",
            explanation=f"One report says {hit[0]!r}, an aligned report says {cue!r} {hit[0]!r}.",
            fact=pair.fact,
        )
