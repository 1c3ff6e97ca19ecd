"""Facts worded apart that state one specific value: joined after the checks, so that they corroborate.

Independently written reports of one fact rarely share a wording: 'Bellingham, who moved to Dortmund
from Birmingham in 2020' and 'In the summer of 2020, at the age of just 17, Bellingham moved from
Birmingham City to Dortmund for £25m' are 0.66 alike, 'Real Madrid paid Borussia Dortmund an upfront fee
of €103m' and 'The Spanish giants will pay 103m euros (£88.5m)' 0.44, under the aligner's threshold, so
each stays a one-source fact and the to-verify list fills with what five outlets state. What such
sentences share is a *specific value*: a figure with its unit or currency (103m euros, 1,644), a date
(2020, 7 June) that few of the story's claims give, and the words around it.

``corroborating_links`` links two facts when a sentence of each, from different independent sources,
shares more than half of its specific values with the other and a content word besides, is at least
``MIN_COSINE`` alike, and states no value that the other contradicts (one measure with values apart, or
one counted thing with other numbers). Facts join best link first, by average linkage, and never two
facts that share an article: a report
states a fact once, so two of its sentences are two facts (this keeps 'fee of 103m euros' and 'the deal
could reach 133.9m euros' apart although a third report gives both figures in one sentence).

The join is for reporting only: the checks have already compared the aligned sentences, and a joined
fact is disputed when either of its parts is, or when its sentences take two sides of a conflict.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy

from crosswire.check.align import ClaimUnit, FactCluster
from crosswire.check.context import intervals_meet
from crosswire.check.text import content_words
from crosswire.model import Article, DateRef, Extraction, Figure, Measure

MIN_COSINE = 0.35
"""Two sentences joined by a shared value must still be at least this alike (all-MiniLM cosine)."""
MAX_SHARE = 0.15
"""A value stated by more than this share of the story's claim sentences is not specific to one fact
(at least ``MIN_DF`` sentences may always share it)."""
MIN_DF = 3
MAX_DF = 48
"""And never more than this many: in a story of a thousand reports, a value that many state is its
headline figure, not one fact's (and the pairs compared stay few)."""
MIN_SHARED = 0.5
"""The share of their specific values two sentences must have in common (Jaccard)."""
STORY_DAYS = 3
"""Days either side of a report's publication that are the story's own days, not a specific date."""
SMALL = 100
"""A figure below this is specific only with what it counts ('six workers', not 'six')."""


def _significant(value: float) -> str:
    """A value rounded to three significant figures: 133.9m and 134m are one reported value."""
    return f"{float(f'{value:.3g}'):g}"


def _figure_anchor(figure: Figure) -> str | None:
    if figure.ordinal or figure.rate:
        return None
    value = figure.value
    if figure.currency:
        return f"fig:{_significant(value)}{figure.currency}"
    if figure.unit is None and float(value).is_integer() and 1800 <= value <= 2100:
        return None  # a year: the date extractor gives it as a date
    if value < SMALL:
        if value < 2:
            return None  # 'one person', 'a man': said of too many things
        thing = _counted_thing(figure.unit)
        return f"fig:{_significant(value)}{thing}" if thing else None
    return f"fig:{_significant(value)}"


def value_anchors(extraction: Extraction, published: str | None = None) -> dict[int, set[str]]:
    """The values each sentence states, keyed so that reports written apart meet: figures to three
    significant figures with their currency (a small number with what it counts), with what they
    measure when the extractor says (70 on board is not 70 killed); and dates, but not the story's own
    days: a day within ``STORY_DAYS`` of the report's publication (``published``) is when nearly
    everything in it happened, so it ties no two sentences to one fact."""
    anchors: dict[int, set[str]] = defaultdict(set)
    measured = {(m.start, m.end): m.key for m in extraction.measures}
    for figure in extraction.figures:
        anchor = _figure_anchor(figure)
        if anchor:
            key = None if figure.currency else measured.get((figure.start, figure.end))
            anchors[figure.sentence].add(f"{anchor}:{key}" if key else anchor)
    day = _day(published)
    for date in extraction.dates:
        if not date.value or date.granularity not in ("day", "month", "year"):
            continue
        if date.granularity == "day" and day is not None:
            stated = _day(date.value)
            if stated is not None and abs((stated - day).days) <= STORY_DAYS:
                continue
        anchors[date.sentence].add("date:" + date.value)
    return anchors


def _day(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _apart(a: Measure, b: Measure) -> bool:
    """One measure whose two values exclude each other."""
    if a.key != b.key or a.unit != b.unit or a.part or b.part or a.earlier or b.earlier:
        return False
    return not intervals_meet((a.low, a.high), (b.low, b.high))


def _counted_thing(unit: str | None) -> str:
    """What a figure counts, folded: the last word of its unit, without a plural s ('dock workers' -> 'worker')."""
    words = (unit or "").lower().split()
    return words[-1].rstrip("s") if words else ""


def _counted(figures: Sequence[Figure]) -> dict[str, frozenset[float]]:
    """The values a sentence gives each counted thing ('132 appearances' -> {'appearance': {132}})."""
    values: dict[str, set[float]] = defaultdict(set)
    for figure in figures:
        if figure.unit and not figure.ordinal:
            values[_counted_thing(figure.unit)].add(figure.value)
    return {unit: frozenset(found) for unit, found in values.items()}


def _counted_apart(a: Mapping[str, frozenset[float]], b: Mapping[str, frozenset[float]]) -> bool:
    """One counted thing given other numbers in the two sentences ('132 appearances', '133 appearances')."""
    return any(not a[unit] & b[unit] for unit in a.keys() & b.keys())


@dataclass(frozen=True)
class _Sentence:
    fact: int
    group: str
    anchors: frozenset[str]
    words: frozenset[str]
    measures: tuple[Measure, ...]
    counted: Mapping[str, frozenset[float]]


def corroborating_links(
    units: Sequence[ClaimUnit],
    facts: Sequence[FactCluster],
    vectors: numpy.ndarray,
    extractions: Mapping[str, Extraction],
    articles: Mapping[str, Article],
) -> list[list[int]]:
    """The facts to report as one, as lists of fact indexes (each fact in exactly one list, in order)."""
    fact_of = {m: fact.index for fact in facts for m in fact.members}
    links: dict[tuple[int, int], float] = {}
    for (i, j), similarity in _value_links(units, fact_of, vectors, extractions, articles).items():
        pair = (min(fact_of[i], fact_of[j]), max(fact_of[i], fact_of[j]))
        links[pair] = max(links.get(pair, -1.0), similarity)
    return _join(facts, units, vectors, links)


def _value_links(
    units: Sequence[ClaimUnit],
    fact_of: Mapping[int, int],
    vectors: numpy.ndarray,
    extractions: Mapping[str, Extraction],
    articles: Mapping[str, Article],
) -> dict[tuple[int, int], float]:
    """Pairs of claims (indexes into ``units``) of different facts (``fact_of`` a claim) and independent
    sources that state one specific value, with their cosine."""
    anchors_of = {
        aid: value_anchors(extraction, articles[aid].published_at if aid in articles else None)
        for aid, extraction in extractions.items()
    }
    sentences: dict[int, _Sentence] = {}
    parts_of: dict[str, dict[int, tuple[tuple[Figure, ...], tuple[DateRef, ...], tuple[Measure, ...]]]] = {}
    df: dict[str, int] = defaultdict(int)
    seen_texts: set[str] = set()
    for i, unit in enumerate(units):
        anchors = anchors_of.get(unit.article_id, {}).get(unit.sentence, set())
        if not anchors:
            continue
        article = articles.get(unit.article_id)
        if unit.article_id not in parts_of:
            parts_of[unit.article_id] = _by_sentence(extractions[unit.article_id])
        figures, dates, measures = parts_of[unit.article_id].get(unit.sentence, ((), (), ()))
        spans = [(f.start, f.end) for f in figures] + [(d.start, d.end) for d in dates]
        sentences[i] = _Sentence(
            fact_of[i],
            article.independent_key if article else unit.article_id,
            frozenset(anchors),
            frozenset(content_words(_without(unit, spans))),
            measures,
            _counted(figures),
        )
        if unit.text not in seen_texts:
            seen_texts.add(unit.text)
            for anchor in anchors:
                df[anchor] += 1
    limit = min(MAX_DF, max(MIN_DF, MAX_SHARE * len({u.text for u in units})))
    specific = {i: frozenset(a for a in sentence.anchors if df[a] <= limit) for i, sentence in sentences.items()}
    by_anchor: dict[str, list[int]] = defaultdict(list)
    for i, held in specific.items():
        for anchor in held:
            by_anchor[anchor].append(i)
    links: dict[tuple[int, int], float] = {}
    for members in by_anchor.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = sentences[i], sentences[j]
                if a.fact == b.fact or a.group == b.group:
                    continue
                if len(specific[i] & specific[j]) <= MIN_SHARED * len(specific[i] | specific[j]):
                    continue  # 'fee of 103m euros' is one value of 'contract until 2029, 103m euros, 30% more'
                similarity = float(vectors[i] @ vectors[j])
                if similarity >= MIN_COSINE and _joins(a, b):
                    links[i, j] = similarity
    return links


def _by_sentence(
    extraction: Extraction,
) -> dict[int, tuple[tuple[Figure, ...], tuple[DateRef, ...], tuple[Measure, ...]]]:
    """An article's figures, dates and measures, by sentence."""
    found: dict[int, tuple[list[Figure], list[DateRef], list[Measure]]] = defaultdict(lambda: ([], [], []))
    for figure in extraction.figures:
        found[figure.sentence][0].append(figure)
    for date in extraction.dates:
        found[date.sentence][1].append(date)
    for measure in extraction.measures:
        found[measure.sentence][2].append(measure)
    return {n: (tuple(f), tuple(d), tuple(m)) for n, (f, d, m) in found.items()}


def _without(unit: ClaimUnit, spans: Sequence[tuple[int, int]]) -> str:
    """The sentence's text with its figures and dates cut out: the word shared besides a value must be
    another word than the value's own ('Wednesday', 'six')."""
    text = unit.text
    for start, end in sorted(spans, reverse=True):
        a, b = start - unit.start, end - unit.start
        if 0 <= a <= b <= len(text):
            text = text[:a] + " " + text[b:]
    return text


def _joins(a: _Sentence, b: _Sentence) -> bool:
    """A content word shared besides the value, and no value of one that the other contradicts."""
    if not (a.words & b.words):
        return False
    if any(_apart(x, y) for x in a.measures for y in b.measures):
        return False
    return not _counted_apart(a.counted, b.counted)


def _join(
    facts: Sequence[FactCluster],
    units: Sequence[ClaimUnit],
    vectors: numpy.ndarray,
    links: Mapping[tuple[int, int], float],
) -> list[list[int]]:
    """Facts joined along their links, best first: two groups join only when they share no article and
    their sentences are, on average, ``MIN_COSINE`` alike (average linkage: a chain of links, each
    through another value, does not join 'the search was suspended' to 'divers resumed the search')."""
    root = list(range(len(facts)))
    articles = [{units[m].article_id for m in fact.members} for fact in facts]
    members = [list(fact.members) for fact in facts]

    def find(x: int) -> int:
        while root[x] != x:
            root[x] = root[root[x]]
            x = root[x]
        return x

    for (a, b), _similarity in sorted(links.items(), key=lambda item: (-item[1], item[0])):
        ra, rb = find(a), find(b)
        if ra == rb or articles[ra] & articles[rb]:
            continue
        if float((vectors[members[ra]] @ vectors[members[rb]].T).mean()) < MIN_COSINE:
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        root[gone] = keep
        articles[keep] |= articles[gone]
        members[keep] += members[gone]
    groups: dict[int, list[int]] = defaultdict(list)
    for fact in range(len(facts)):
        groups[find(fact)].append(fact)
    return [groups[r] for r in sorted(groups)]
