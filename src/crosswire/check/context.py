"""What every contradiction check gets, the registry of checks, and how a finding is built."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol, TypeVar, cast

from crosswire.check.align import ClaimPair, ClaimUnit, FactCluster
from crosswire.check.calibration import Calibration, packaged
from crosswire.check.entities import EntityIndex, PersonRef
from crosswire.check.text import edited_copy, evidence, sentence_of, words
from crosswire.model import Article, Contradiction, ContradictionKind, Evidence, Extraction, Side
from crosswire.text import parse_time

T = TypeVar("T")


@dataclass
class CheckContext:
    """The aligned story that the checks read. Built once by ``check_story``."""

    articles: Mapping[str, Article]
    extractions: Mapping[str, Extraction]
    index: EntityIndex
    units: Sequence[ClaimUnit]
    facts: Sequence[FactCluster]
    fact_ids: Sequence[str]
    pairs: Sequence[ClaimPair]
    copies: dict[str, list[int]] = field(default_factory=dict)  # wording -> units with that wording
    memo: dict[str, object] = field(default_factory=dict)  # values several checks share, computed once
    calibration: Calibration = field(default_factory=packaged)  # the [check.NAME] tables of the settings

    def __post_init__(self) -> None:
        if not self.copies:
            copies: dict[str, list[int]] = defaultdict(list)
            for i, unit in enumerate(self.units):
                copies[text_key(unit.text)].append(i)
            self.copies = dict(copies)

    def setting(self, check: str, key: str) -> float:
        """One calibration number of one check ('measures', 'max_ratio'): docs/settings.md, [check]."""
        return self.calibration[check][key]

    def memoised(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once per story and shared by the checks that ask for ``key``."""
        if key not in self.memo:
            self.memo[key] = compute()
        return cast("T", self.memo[key])  # memo holds whatever each key's compute returns

    def evidence_of(self, unit: int) -> tuple[Evidence, ...]:
        """Evidence for a claim and for every other article that carries the same wording."""
        same = self.copies.get(text_key(self.units[unit].text), [unit])
        return tuple(self.units[i].evidence for i in same)

    def sentence_text(self, article_id: str, index: int) -> str:
        """The text of one sentence of an article ('' when unknown)."""
        extraction = self.extractions.get(article_id)
        sentence = sentence_of(extraction, index) if extraction else None
        return sentence.text if sentence else ""

    def closeness(self, pair: ClaimPair, threshold: float) -> float | None:
        """How close an aligned pair is for a check that needs ``threshold``: its similarity; for one
        wording with a word or two changed (``text.edited_copy``) at least ``threshold``, whatever the
        embedding says (it is sensitive to exactly the changed name or place); None when not close."""
        if pair.similarity >= threshold:
            return pair.similarity
        if edited_copy(self.units[pair.left].text, self.units[pair.right].text):
            return threshold
        return None

    def predicate_after(self, article_id: str, sentence: int, offset: int) -> str | None:
        """The predicate stem of the first clause-level frame after ``offset`` in a sentence: what a
        figure there counts the outcome of ('Three people *died*' / 'Five people were *shot*')."""
        extraction = self.extractions.get(article_id)
        after = [f for f in extraction.frames if f.sentence == sentence and f.start >= offset] if extraction else []
        return min(after, key=lambda f: f.start).predicate if after else None

    def published_at(self, article_id: str) -> str | None:
        """An article's publication time as stored (ISO 8601; None when unknown)."""
        article = self.articles.get(article_id)
        return article.published_at if article is not None else None

    def day_of(self, article_id: str) -> float | None:
        """An article's publication time in days since the epoch (None when unknown)."""
        published = self.published_at(article_id)
        when = parse_time(published) if published else None
        return when.timestamp() / 86400.0 if when is not None else None

    def published_before(self, earlier: str, later: str, *, days: float = 1.0) -> bool:
        """Whether one article was published at least ``days`` before another (False when either is undated).
        'No arrest had been made' a week before 'an arrest had been made' is a development, not a conflict."""
        a, b = self.day_of(earlier), self.day_of(later)
        return a is not None and b is not None and b - a >= days

    def counted_apart(self, a: tuple[str, int], b: tuple[str, int]) -> bool:
        """Whether two sentences (article id, sentence index) count the victims of their event differently:
        'four people were wounded' on Thursday and 'five people were shot' on Dec. 3 are two shootings,
        not one dated two ways. Counts of harm only (killed, injured, shot, missing), parts left out. Counts
        one apart are apart here (the measures check lets them touch so as not to flag them): this only
        keeps a finding back."""
        counts_a, counts_b = self._harm_counts(*a), self._harm_counts(*b)
        return bool(counts_a and counts_b) and not any(
            x[0] < (y[1] if y[1] is not None else float("inf")) and y[0] < (x[1] if x[1] is not None else float("inf"))
            for x in counts_a
            for y in counts_b
        )

    def _harm_counts(self, article_id: str, sentence: int) -> list[tuple[float, float | None]]:
        extraction = self.extractions.get(article_id)
        if extraction is None:
            return []
        return [
            (m.low, m.high)
            for m in extraction.measures
            if m.sentence == sentence and m.key in HARM_KEYS and not m.part and not m.earlier
        ]

    @cached_property
    def article_pairs(self) -> list[ClaimPair]:
        """The aligned pairs of two different articles, for the slot checks: two alike sentences in one
        report are usually about two victims, charges or incidents, not one fact told twice."""
        return [p for p in self.pairs if self.units[p.left].article_id != self.units[p.right].article_id]

    def group_of(self, article_id: str) -> str:
        article = self.articles.get(article_id)
        return article.independent_key if article else article_id

    def syndicated(self, left: Iterable[str], right: Iterable[str]) -> bool:
        """Whether two sides include copies of one syndication group."""
        return bool({self.group_of(a) for a in left} & {self.group_of(a) for a in right})


Check = Callable[[CheckContext], Iterable[Contradiction]]
CHECKS: list[Check] = []


HARM_KEYS = frozenset({"dead", "injured", "missing", "shot"})
"""The measure keys of counts of harm (``extract/measures.py``)."""


def register_check(check: Check) -> Check:
    """Add a check to the registry (usable as a decorator). Checks run in registration order."""
    if check not in CHECKS:
        CHECKS.append(check)
    return check


def intervals_meet(a: tuple[float, float | None], b: tuple[float, float | None]) -> bool:
    """Whether two value intervals (low, high; high None: no upper bound) overlap or touch."""
    return a[0] <= (b[1] if b[1] is not None else float("inf")) and b[0] <= (a[1] if a[1] is not None else float("inf"))


def contemporary(
    context: CheckContext, settled: Mapping[str, T], unsettled: Mapping[str, T], *, max_gap: float, within: float
) -> tuple[dict[str, T], dict[str, T]]:
    """The articles of each side that contradict one on the other side: published within ``max_gap`` days
    of it (or either undated), and not an 'unsettled' report ('no ceasefire yet', 'the cause is not
    known') written ``within`` days or more before a 'settled' one ('the truce held', 'caused by a
    glitch'): it may have been settled in between."""
    days = {a: context.day_of(a) for a in [*settled, *unsettled]}

    def clash(settled_id: str, unsettled_id: str) -> bool:
        a, b = days[settled_id], days[unsettled_id]
        if a is None or b is None:
            return True
        return abs(a - b) <= max_gap and a - b < within

    return (
        {a: found for a, found in settled.items() if any(clash(a, b) for b in unsettled if b != a)},
        {b: found for b, found in unsettled.items() if any(clash(a, b) for a in settled if a != b)},
    )


class Worded(Protocol):
    """A record of the words in an article that say something: a status, a cause."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def sentence(self) -> int: ...


def worded_side(context: CheckContext, value: str, found: Mapping[str, Sequence[Worded]]) -> Side:
    """A side whose evidence is every sentence, in each article, that holds one of ``found``'s records."""
    cited = {(a, record.sentence) for a, records in found.items() for record in records}
    return Side(value, tuple(evidence(context.extractions[a], sentence) for a, sentence in sorted(cited)))


def shortest_cue(context: CheckContext, found: Mapping[str, Sequence[Worded]], fallback: str) -> str:
    """The words that say it in the first article, the shortest (most direct) of them: 'violating the
    ceasefire', 'due to technical glitch'; ``fallback`` when the article's text is not at hand."""
    article_id = sorted(found)[0]
    record = min(found[article_id], key=lambda r: (r.end - r.start, r.start))
    article = context.articles.get(article_id)
    return " ".join(article.text[record.start : record.end].split()) if article else fallback


def text_key(text: str) -> str:
    """The wording of a sentence as a comparison key."""
    return " ".join(words(text))


def contradiction(
    context: CheckContext,
    *,
    kind: ContradictionKind,
    subject: str,
    sides: Sequence[Side],
    confidence: float,
    severity: str,
    explanation: str,
    fact: int | None = None,
    developing: bool = False,
) -> Contradiction:
    """Build a Contradiction, working out its id and the within-article and syndicated flags."""
    side_articles = [{e.article_id for e in side.evidence} for side in sides]
    within = any(side_articles[i] & side_articles[j] for i in range(len(sides)) for j in range(i + 1, len(sides)))
    syndicated = any(
        context.syndicated(side_articles[i] - side_articles[j], side_articles[j] - side_articles[i])
        for i in range(len(sides))
        for j in range(i + 1, len(sides))
    )
    signature = "|".join([kind, subject] + sorted(side.value for side in sides))
    return Contradiction(
        id="contradiction:" + hashlib.sha1(signature.encode("utf-8")).hexdigest()[:12],
        kind=kind,
        subject=subject,
        severity="high" if severity == "high" else "low",
        confidence=round(confidence, 3),
        explanation=explanation,
        sides=tuple(sides),
        fact_id=context.fact_ids[fact] if fact is not None else None,
        within_article=within,
        syndicated=syndicated,
        developing=developing,
    )


def pair_sides(context: CheckContext, pair: ClaimPair, left_value: str, right_value: str) -> tuple[Side, Side]:
    """The two sides of a pairwise finding, with evidence from every copy of each wording."""
    return (
        Side(left_value, context.evidence_of(pair.left)),
        Side(right_value, context.evidence_of(pair.right)),
    )


def unique(found: Iterable[Contradiction]) -> list[Contradiction]:
    """Merge repeated findings (same id): the evidence of each side is pooled, the best confidence kept.

    Evidence is pooled in place and each merged finding built once at the end, so a finding repeated
    for every copy of a syndicated story costs time in proportion to its evidence, not its square.
    """
    best: dict[str, Contradiction] = {}
    pools: dict[str, dict[str, dict[Evidence, None]]] = {}
    merged: set[str] = set()
    for item in found:
        pool = pools.setdefault(item.id, {})
        for side in item.sides:
            pool.setdefault(side.value, {}).update(dict.fromkeys(side.evidence))
        seen = best.get(item.id)
        if seen is None:
            best[item.id] = item
            continue
        merged.add(item.id)
        keep = item if item.confidence > seen.confidence else seen
        best[item.id] = dataclasses.replace(
            keep,
            within_article=seen.within_article or item.within_article,
            syndicated=seen.syndicated or item.syndicated,
        )
    return [
        dataclasses.replace(item, sides=tuple(Side(value, tuple(pool)) for value, pool in pools[key].items()))
        if key in merged
        else item
        for key, item in best.items()
    ]


def ref_evidence(context: CheckContext, refs: list[PersonRef]) -> tuple[Evidence, ...]:
    seen: dict[tuple[str, int], Evidence] = {}
    for ref in refs:
        key = (ref.article_id, ref.person.sentence)
        if key not in seen:
            seen[key] = evidence(context.extractions[ref.article_id], ref.person.sentence)
    return tuple(seen.values())


def count_articles(evidence: Sequence[Evidence]) -> int:
    return len({e.article_id for e in evidence})


def merge_overlapping(found: Sequence[Contradiction]) -> list[Contradiction]:
    """Merge findings of one kind that are one conflict (two checks, or one claim against several reports).

    Two findings are one conflict when each side of one matches a side of the other, by citing one of
    its sentences or by holding the same value, and at least one side pair cites a sentence in common.
    So the sentence-level and clause-level checks catching one conflict (with different subjects or
    value wordings) become one finding, and so do the findings of one changed sentence compared with
    each report that keeps the old value ('Sunday' in the copy against 'Friday' in three reports). A
    finding whose sides are all sides of a finding with more ('4' vs '5' within '2 months' vs '4 months'
    vs '5 months') is part of it. The first (or the larger) finding keeps its wording; evidence is pooled
    side by side and the best confidence kept.
    """
    kept: list[Contradiction] = []
    for item in found:
        for n, seen in enumerate(kept):
            big, small = (seen, item) if len(seen.sides) >= len(item.sides) else (item, seen)
            order = _side_order(small, big)
            if order is not None:
                kept[n] = _pooled(big, small, order)
                break
        else:
            kept.append(item)
    return kept


def _cited(side: Side) -> set[tuple[str, int]]:
    return {(e.article_id, e.start) for e in side.evidence}


def _side_order(a: Contradiction, b: Contradiction) -> list[int] | None:
    """For each side of ``a``, the side of ``b`` it matches (a shared sentence, else the same value);
    None unless every side has one and at least one match shares a sentence. ``b`` may have more sides."""
    if a.kind != b.kind or len(a.sides) > len(b.sides):
        return None
    order: list[int] = []
    shared = False
    for side in a.sides:
        match = next((j for j, other in enumerate(b.sides) if j not in order and _cited(side) & _cited(other)), None)
        if match is None:
            match = next((j for j, other in enumerate(b.sides) if j not in order and other.value == side.value), None)
        else:
            shared = True
        if match is None:
            return None
        order.append(match)
    if shared and a.kind == "number" and not _same_figures(a, b, order):
        return None  # two measures stated in one pair of sentences ('8 goals and 5 assists' / '14 and 7')
    return order if shared else None


NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _same_figures(a: Contradiction, b: Contradiction, order: list[int]) -> bool:
    """Whether some matched pair of sides gives one figure (digits as the labels write them)."""
    for side, j in zip(a.sides, order, strict=True):
        mine = set(NUMBER.findall(side.value.replace(",", "")))
        theirs = set(NUMBER.findall(b.sides[j].value.replace(",", "")))
        if not mine or not theirs or mine & theirs:
            return True
    return False


def _pooled(big: Contradiction, small: Contradiction, order: list[int]) -> Contradiction:
    """``big`` with the evidence of ``small`` added to the sides ``order`` matched them to."""
    added: dict[int, tuple[Evidence, ...]] = {j: small.sides[i].evidence for i, j in enumerate(order)}
    sides = tuple(
        Side(side.value, tuple(dict.fromkeys(side.evidence + added.get(j, ())))) for j, side in enumerate(big.sides)
    )
    return dataclasses.replace(
        big,
        sides=sides,
        confidence=max(big.confidence, small.confidence),
        fact_id=big.fact_id or small.fact_id,
        within_article=big.within_article or small.within_article,
        syndicated=big.syndicated or small.syndicated,
    )
