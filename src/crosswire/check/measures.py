"""Measures compared across reports: the same quantity given different values by different outlets.

Sentence alignment rarely pairs independently written reports of one figure ('the aftershock measured
6.7' / 'a 6.4-magnitude aftershock followed'), so this check does not use it: it groups every article's
``Measure`` records by key (what is counted or measured, see ``extract/measures.py``) and scope, and
compares their values as intervals ('more than 3,400' agrees with 3,408; 'nearly 1,000 feet' with 948).

Two reports disagree on a measure when each states a value the other report does not allow anywhere:
an article that gives 1,644 dead and, further down, 'nearly 300 deaths' at the mosques is not opposed to
another article's 1,644, because it states 1,644 too. The values then form sides; every report that
states one side's value is cited on it.

A count of harm or recovery whose values rise with the reports' publication times is a running tally:
it is reported (``developing``), low severity, so the brief shows it as a developing count rather than a
confirmed figure or a conflict. Values that differ at the same time are a conflict.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from crosswire.check.context import CheckContext, contradiction, intervals_meet, register_check
from crosswire.check.places import canonical_place, country_names
from crosswire.check.text import evidence
from crosswire.model import Contradiction, Evidence, Measure, Side

COUNT_KEYS = frozenset({"dead", "injured", "missing", "shot"})
PERIODS = ("in:", "season:")
NEEDED_SCOPE = {"other": PERIODS, "charges": ("stage:",)}
"""Kinds compared only with a scope that says when or at which stage: a plain noun ('goals') says what it
counts only with its period; counts of a charge only as faced or as convicted of."""
TALLY_WORDS = ("bodies", "survivors", "rescued", "arrest")
FALLING = frozenset({"missing"})
"""Counts that also fall as reports come in: the missing are found, alive or dead."""
SUBJECTS = {
    "dead": "people killed",
    "injured": "people injured",
    "missing": "people missing",
    "shot": "people shot",
    "area": "area",
    "distance": "distance",
}
CALIBRATION = "measures"
"""Its table in the settings ([check.measures]): max_ratio (counts of harm further apart count different
things), high_gap (a relative gap that makes a conflict high severity), magnitude_gap (the same for the
logarithmic magnitudes), confidence_KIND (how sure a finding is, by kind of measure)."""


@dataclass(frozen=True, slots=True)
class Stated:
    """One measure as one article states it."""

    article_id: str
    measure: Measure

    @property
    def interval(self) -> tuple[float, float | None]:
        return (self.measure.low, self.measure.high)

    @property
    def holder(self) -> tuple[str, bool]:
        """Who states it: the report, or the report's account of an earlier count ('up from 1,002'), which
        its current value does not answer for."""
        return (self.article_id, self.measure.earlier)

    def allows(self, other: Stated) -> bool:
        """Whether the two values' intervals overlap or touch. Touching counts as meeting: counts one apart
        (3.5-4.5 and 4.5-5.5) are most often one count with or without the shooter, or a victim who died
        later: reading them as conflicts took the false alarms on GVA dev from 0.7 to 1.5 per 100 articles."""
        return intervals_meet(self.interval, other.interval)


@register_check
def check_measures(context: CheckContext) -> Iterator[Contradiction]:
    """The same measure (key and scope) given values that cannot both be right, by independent reports."""
    by_key: dict[str, list[Stated]] = defaultdict(list)
    for article_id, extraction in context.extractions.items():
        for measure in extraction.measures:
            if not measure.part and (not measure.earlier or _kind(measure.key) == "count"):
                by_key[measure.key].append(Stated(article_id, measure))
    for key, stated in by_key.items():
        needed = NEEDED_SCOPE.get(_kind(key))
        for scope, group in _by_scope(context, stated).items():
            if needed and not any(part.startswith(needed) for part in scope):
                continue
            finding = _compare(context, key, scope, group)
            if finding is not None:
                yield finding


def _by_scope(context: CheckContext, stated: Sequence[Stated]) -> dict[tuple[str, ...], list[Stated]]:
    """Group measures of one key by scope. The place the story is about (the place most of its reports
    name) is no narrowing: 'killed in Myanmar' and 'killed' are one measure in a story about Myanmar."""
    main = {_main_place(context), _main_person(context)}
    groups: dict[tuple[str, ...], list[Stated]] = defaultdict(list)
    for s in stated:
        scope = {part if ":" in part else canonical_place(part) for part in s.measure.scope}
        groups[tuple(sorted(scope - main))].append(s)
    return groups


def _main_person(context: CheckContext) -> str | None:
    """'by:' the person the story names most (by family name): whose goals a pronoun's are."""
    return context.memoised("measures.main_person", lambda: _most_named_person(context))


def _most_named_person(context: CheckContext) -> str | None:
    counts: Counter[str] = Counter()
    for extraction in context.extractions.values():
        counts.update(m.text.split()[-1].lower() for m in extraction.mentions if m.label == "PERSON" and m.text.split())
    return f"by:{counts.most_common(1)[0][0]}" if counts else None


def _main_place(context: CheckContext) -> str | None:
    return context.memoised("measures.main_place", lambda: _most_named_place(context))


def _most_named_place(context: CheckContext) -> str | None:
    counts: Counter[str] = Counter()
    for extraction in context.extractions.values():
        counts.update({canonical_place(m.text) for m in extraction.mentions if m.label == "GPE"})
    return counts.most_common(1)[0][0] if counts else None


def _compare(context: CheckContext, key: str, scope: tuple[str, ...], group: Sequence[Stated]) -> Contradiction | None:
    """Work on the distinct values, not on pairs of reports: a 1,000-report story of one death toll has
    a handful of values, so the cost grows with reports times values."""
    by_article: dict[tuple[str, bool], list[Stated]] = defaultdict(list)
    values: dict[tuple[float, float | None], list[Stated]] = defaultdict(list)
    for s in group:
        by_article[s.holder].append(s)
        values[s.interval].append(s)
    if len({context.group_of(a) for a, _ in by_article}) < 2 or len(values) < 2:
        return None
    holders = {v: {s.holder for s in items} for v, items in values.items()}
    allowers = {v: {a for a, stated in by_article.items() if _states(stated, items[0])} for v, items in values.items()}
    involved: list[Stated] = []
    distinct = list(values)
    max_ratio = context.setting(CALIBRATION, "max_ratio")
    for i, first in enumerate(distinct):
        for second in distinct[i + 1 :]:
            a, b = values[first][0], values[second][0]
            if a.allows(b) or not _comparable(key, a, b, max_ratio=max_ratio):
                continue
            left = {context.group_of(x) for x, earlier in holders[first] - allowers[second] if not earlier}
            right = {context.group_of(x) for x, earlier in holders[second] - allowers[first] if not earlier}
            opposed = bool(left and right and (len(left) > 1 or left != right))
            if opposed or _revised(holders[first], holders[second]):
                involved += values[first] + values[second]
                continue
            # one report gives both values as current ones, and other reports only one of them
            lone = (not left and _current(holders[first]) and right - _groups(context, holders[first])) or (
                not right and _current(holders[second]) and left - _groups(context, holders[second])
            )
            if lone and _self_contradicted(key, a, b, max_ratio=context.setting(CALIBRATION, "self_ratio")):
                involved += values[first] + values[second]
    if not involved:
        return None
    sides = _sides(list(dict.fromkeys(involved)), group)
    if len(sides) < 2:
        return None
    return _finding(context, key, scope, sides)


def _current(holders: set[tuple[str, bool]]) -> bool:
    """Whether some report states the value as the count's current one (not only as an earlier value)."""
    return any(not earlier for _, earlier in holders)


def _groups(context: CheckContext, holders: set[tuple[str, bool]]) -> set[str]:
    return {context.group_of(article_id) for article_id, _ in holders}


def _self_contradicted(key: str, a: Stated, b: Stated, *, max_ratio: float) -> bool:
    """Whether two counts one report gives for one measure, where other reports give only one of them,
    are the report contradicting itself ('68 passengers including 10 foreigners' ... 'the total 15 foreign
    nationals on board'): two exact counts, close enough (``self_ratio``) to be one count told two ways,
    not a total and its part."""
    if _kind(key) != "count" or a.measure.bound or b.measure.bound:
        return False
    return 0 < _ratio(a, b) <= max_ratio


def _revised(first: set[tuple[str, bool]], second: set[tuple[str, bool]]) -> bool:
    """Whether a report gives one value as the count's earlier value and the other as its current one
    ('rose from 1,002 to 1,644'). An earlier value is compared with nothing else: the report says it is old."""
    return any((a, False) in second for a, earlier in first if earlier) or any(
        (a, False) in first for a, earlier in second if earlier
    )


def _states(stated: Sequence[Stated], other: Stated) -> bool:
    """Whether an article states, somewhere, a value that allows ``other`` (an open bound such as
    'more than 100' is not a value)."""
    return any(s.allows(other) and s.measure.high is not None for s in stated)


def _comparable(key: str, a: Stated, b: Stated, *, max_ratio: float) -> bool:
    """Whether two values can be one measure told two ways: counts of harm more than ``max_ratio`` apart
    are a total and a part the parse could not scope ('1,644 killed' / '10 killed in Bangkok')."""
    return not (key in COUNT_KEYS and _ratio(a, b) > max_ratio)


def _ratio(a: Stated, b: Stated) -> float:
    """The larger of two values over the smaller (0 when the smaller is 0: no ratio to judge by)."""
    low, high = sorted((abs(a.measure.value), abs(b.measure.value)))
    return high / low if low > 0 else 0.0


def _kind(key: str) -> str:
    if key in COUNT_KEYS or key.startswith(TALLY_WORDS) or key == "people":
        return "count"
    if key.startswith("money:"):
        return "money"
    if key.startswith(("count of ", "charge of ")):
        return "charges"
    if key.startswith("address:"):
        return "address"
    head = key.split(":")[0]
    return "dimension" if head in {"magnitude", "length", "area", "distance", "age", "time", "duration"} else "other"


def _sides(involved: list[Stated], group: Sequence[Stated]) -> list[list[Stated]]:
    """Values in conflict, each with every report that states it: points first (a count is a side), then
    bounds joined to the one side they allow. Sides are formed over distinct values, then filled."""
    by_value: dict[tuple[float, float | None], list[Stated]] = defaultdict(list)
    for s in group:
        by_value[s.interval].append(s)
    conflicting = dict.fromkeys(s.interval for s in involved)
    order = sorted(conflicting, key=lambda v: (by_value[v][0].measure.bound, by_value[v][0].measure.value))
    sides: list[list[tuple[float, float | None]]] = []
    for value in order:
        home = next((side for side in sides if all(intervals_meet(value, other) for other in side)), None)
        if home is None:
            sides.append([value])
        else:
            home.append(value)
    for value in by_value:
        if value in conflicting:
            continue
        homes = [side for side in sides if all(intervals_meet(value, other) for other in side)]
        if len(homes) == 1:
            homes[0].append(value)
    return [[s for value in side for s in by_value[value]] for side in sides]


def _finding(context: CheckContext, key: str, scope: tuple[str, ...], sides: list[list[Stated]]) -> Contradiction:
    sides.sort(key=lambda side: (not _earlier(side), min(s.measure.value for s in side)))
    developing = _developing(context, key, sides)
    if developing and key in FALLING and not any(_earlier(side) for side in sides):
        sides.sort(key=lambda side: min(_day(context, s) for s in side))  # a falling count in time order
    labels = [_label(context, side) for side in sides]
    subject = _subject(key, scope, sides)
    values = [min(s.measure.value for s in side) for side in sides]
    gap = (max(values) - min(values)) / max(abs(max(values)), 1e-9)
    kind = _kind(key)
    gap_key = "magnitude_gap" if key.startswith("magnitude:") else "high_gap"
    if developing:
        revised = (
            "as a report says it was revised" if any(_earlier(side) for side in sides) else "as later reports came in"
        )
        explanation = f"A running count of {subject}: " + ", then ".join(labels) + f", {revised}."
    else:
        explanation = f"Reports give {' against '.join(labels)} for {subject}." + _gives_both(context, sides)
    return contradiction(
        context,
        kind="date" if key.startswith("time:") else "number",
        subject=subject,
        sides=[Side(label, _evidence(context, side)) for label, side in zip(labels, sides, strict=True)],
        confidence=context.setting(CALIBRATION, f"confidence_{kind}"),
        severity="low" if developing or gap <= context.setting(CALIBRATION, gap_key) else "high",
        explanation=explanation,
        developing=developing,
    )


def _gives_both(context: CheckContext, sides: Sequence[Sequence[Stated]]) -> str:
    """' Northsea Wire gives both.' when a report states values of two sides (it contradicts itself)."""
    exact = [{s.article_id for s in side if not s.measure.earlier and not s.measure.bound} for side in sides]
    seen: Counter[str] = Counter(a for ids in exact for a in ids)
    both = [a for a, n in seen.items() if n > 1]
    if not both:
        return ""
    names = sorted(
        {(context.articles[a].source or "One report") if a in context.articles else "One report" for a in both}
    )
    return f" {' and '.join(names)} {'gives' if len(names) == 1 else 'give'} both."


def _label(context: CheckContext, side: Sequence[Stated]) -> str:
    """The side's value as its reports write it: the most common wording of its first exact value."""
    written = Counter(_written(context, s) for s in side)
    text = written.most_common(1)[0][0]
    first = min(side, key=lambda s: (s.measure.bound, s.measure.value)).measure
    if first.key.startswith("duration:"):
        return text if re.search(r"\d", text) else f"{_in_units(first)} ({text})"  # '3 hours (just three hours)'
    shown = _number(first, text)
    if first.key.startswith("money:") and abs(first.value) >= 1e6 and not re.search(r"million|billion", text, re.I):
        return f"{text} ({first.unit} {first.value / 1e6:,.6g} million)"  # '€103m' and '100 million euros'
    return text if shown in text.replace(",", "") else f"{shown} ({text})"


def _in_units(measure: Measure) -> str:
    """A duration in the unit it was written in: '3 hours', '1 hour', '6.5 years'."""
    unit = re.search(r"second|minute|hour|day|week|month|year", measure.words, re.IGNORECASE)
    shown = measure.shown if measure.shown is not None else measure.value
    name = unit.group(0).lower() if unit else "seconds"
    return f"{shown:g} {name}{'' if shown == 1 else 's'}"


def _number(measure: Measure, text: str) -> str:
    """The figure in digits, as the text gives it ('nine' -> '9'; '1.33 million' stays a base-unit value)."""
    found = re.search(r"\d+(?:\.\d+)?", text.replace(",", ""))
    if found:
        return found.group(0)
    value = measure.shown if measure.shown is not None else measure.value
    return f"{value:.0f}" if float(value).is_integer() else f"{value:g}"


def _written(context: CheckContext, stated: Stated) -> str:
    article = context.articles.get(stated.article_id)
    if article is None:
        return f"{stated.measure.value:g}"
    written = article.text[stated.measure.start : stated.measure.end].strip()
    sum_at_end = stated.measure.key.startswith("money:") and written.endswith(("m.", "bn."))
    return written[:-1] if sum_at_end else written  # 'a fee of €41m.', but never '1:27 a.m.'


def _subject(key: str, scope: tuple[str, ...], sides: Sequence[Sequence[Stated]]) -> str:
    name = SUBJECTS.get(key)
    if name is None:
        head, _, rest = key.partition(":")
        name = {
            "magnitude": f"magnitude of the {rest}",
            "money": _money_name(rest),
            "age": f"age of {rest}",
            "time": f"time of '{rest}'",
            "length": f"size ({rest.replace(':', ' ')})",
            "address": f"address (block of {rest.title()})",
            "duration": {"sentence": "length of the sentence", "served": "time served"}.get(
                rest, f"how long it took ({rest})"
            ),
        }.get(head, key.replace(":", " "))
    places = [part for part in scope if ":" not in part]
    stage = next((part[6:] for part in scope if part.startswith("stage:")), "")
    if stage:
        name += f" ({stage})"
    tier = next((part[5:] for part in scope if part.startswith("tier:")), "")
    if tier:
        name += {"base": ", its fixed part", "max": ", at most"}.get(tier, "")
    periods = [_period_name(part) for part in scope if part.startswith(PERIODS)]
    if periods:
        name += " in " + ", ".join(periods)
    nations = [part[3:] for part in scope if part.startswith("of:")]
    anchors = [part[5:] for part in scope if part.startswith("from:")]
    sites = [part[3:] for part in scope if part.startswith("at:")]
    if sites:
        name += " at the " + ", ".join(sites)
    if nations and key == "people":
        name = " and ".join(_people_of(nation) for nation in nations)  # 'foreign nationals', 'people from Nepal'
    elif nations:
        name = f"{name} ({', '.join(nations)})"
    if anchors:
        name += " from the " + ", ".join(anchors)
    if places:
        name += " in " + ", ".join(p.title() for p in places)
    return name


def _people_of(nation: str) -> str:
    """'nepal' -> 'people from Nepal', 'indi' -> 'people from India' (CLDR's English country names, the
    one the stem begins), 'foreign' -> 'foreign nationals'; a stem no country begins is shown as it is."""
    if nation == "foreign":
        return "foreign nationals"
    countries = [name for name in country_names() if name.lower().startswith(nation)]
    if len(countries) == 1:
        return f"people from {countries[0]}"
    named = {word for name in country_names() for word in name.split() if word.lower().startswith(nation)}
    return f"people from {named.pop()}" if len(named) == 1 and not countries else f"people ({nation})"


def _period_name(part: str) -> str:
    """'in:2020' -> '2020'; 'season:2023' -> 'the 2022-23 season'."""
    kind, _, year = part.partition(":")
    if kind == "season" and year.isdigit():
        return f"the {int(year) - 1}-{year[-2:]} season"
    return year


def _money_name(rest: str) -> str:
    """'price:EUR' -> 'the sum paid (EUR)'; 'bail:USD' -> 'bail (USD)'."""
    family, _, currency = rest.partition(":")
    return f"{'the sum paid' if family == 'price' else family} ({currency})"


def _evidence(context: CheckContext, side: Sequence[Stated]) -> tuple[Evidence, ...]:
    seen: dict[Evidence, None] = {}
    for s in side:
        seen.setdefault(evidence(context.extractions[s.article_id], s.measure.sentence), None)
    return tuple(seen)


def _earlier(side: Sequence[Stated]) -> bool:
    """A side only given as an earlier value of the count."""
    return all(s.measure.earlier for s in side)


def _developing(context: CheckContext, key: str, sides: Sequence[Sequence[Stated]]) -> bool:
    """Whether the values rise as the reports get later, or the higher one is reported as a rise ('the
    number of injured increased to 3,408'): a running tally, not a conflict. A lower value reported
    after a higher one is a conflict, except for the missing, who are found as reports come in."""
    if key not in COUNT_KEYS and not key.startswith(TALLY_WORDS):
        return False
    if any(_earlier(side) for side in sides):
        return True  # the reports say themselves that the count was revised ('up from 1,002')
    times = []
    for side in sides:
        days = [context.day_of(s.article_id) for s in side]
        known = [d for d in days if d is not None]
        if not known:
            return False
        times.append((min(known), max(known)))
    changed = any(s.measure.change for side in sides[1:] for s in side)  # 'the toll rose to 70'
    if key in FALLING and _monotone(times[::-1]):
        return True  # the missing are found: 'four others' on Monday, 'two more are still missing' on Tuesday
    return _monotone(times, changed=changed)


def _day(context: CheckContext, stated: Stated) -> float:
    day = context.day_of(stated.article_id)
    return day if day is not None else float("inf")


def _monotone(times: Sequence[tuple[float, float]], *, changed: bool = False) -> bool:
    """Whether values in order (each with its reports' first and last day) come with later reports."""
    rising = any(times[i + 1][0] > times[i][0] for i in range(len(times) - 1))
    never_back = all(times[i + 1][1] >= times[i][0] for i in range(len(times) - 1))
    return never_back and (rising or changed)
