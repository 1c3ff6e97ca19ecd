"""The fact sections of the brief: takeaways, disputed points, figures and claims to verify."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from crosswire.model import Contradiction, Evidence, Fact, Figure
from crosswire.report.brief import (
    MAX_TAKEAWAYS,
    DisputedItem,
    FactLine,
    FigureLine,
    SideLine,
)
from crosswire.report.focus import StoryFocus, pick, stated, terms, when_where
from crosswire.report.newsworthy import newsworthy
from crosswire.report.sources import Sources, unique_citations

_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])\s+")
_STATUS_ORDER = {"confirmed": 0, "disputed": 1, "single-source": 2}


def fact_rank(fact: Fact | FactLine) -> tuple[int, int, float, str, str]:
    """Sort key: status (confirmed, disputed, single-source), then independent support, then salience."""
    fact_id = fact.fact_id if isinstance(fact, FactLine) else fact.id
    return (_STATUS_ORDER.get(fact.status, 3), -fact.independent_sources, -round(fact.salience, 6), fact.text, fact_id)


_LEAD = re.compile(r"^(?:([A-Za-z]+)|(?:in|amid|amidst) an? ([a-z' -]{1,80}?)),\s+(?=\S)", re.IGNORECASE)
CONNECTIVES = frozenset(
    ["however", "meanwhile", "notably", "additionally", "furthermore", "moreover", "importantly", "indeed"]
    + ["interestingly", "significantly", "crucially", "ultimately"]
)
FILLER_NOUNS = frozenset(["development", "move", "twist", "turn", "step", "shift", "sign", "moment", "world", "era"])
"""Openings that carry nothing checkable: a connective ('However,') or 'In a significant development in
international relations,' (lower-case words only, its noun one of these)."""


def clean_text(text: str) -> str:
    """A fact's wording without a leading list bullet ("- ", "• ", "2. ") or empty opening ("In a
    significant development,"), with single spaces. The evidence keeps the sentence as written."""
    text = " ".join(_BULLET.sub("", text).split())
    lead = _LEAD.match(text)
    if lead is None:
        return text
    connective, phrase = lead.group(1), lead.group(2)
    if (connective and connective.lower() in CONNECTIVES) or (
        phrase and phrase.islower() and FILLER_NOUNS & set(phrase.split())
    ):
        rest = text[lead.end() :]
        return rest[:1].upper() + rest[1:]
    return text


def fact_lines(sources: Sources, focus: StoryFocus | None = None) -> tuple[FactLine, ...]:
    """Every fact of the check, ranked, with one citation per article that reports it and the
    contradictions that touch it (``Touching``). With the story's ``focus``, a fact is worded by the
    sentence of it that states most of its event (``event_wording``)."""
    touching = Touching.of(sources.check.contradictions)
    minority = _minority_sides(sources.check.contradictions)
    lines = []
    for fact in sorted(sources.check.facts, key=fact_rank):
        citations = unique_citations(sources.cite(e.article_id, e.start, e.end, e.sentence) for e in fact.evidence)
        text = clean_text(fact.text)
        line = FactLine(
            fact.id,
            text,
            fact.status,
            fact.independent_sources,
            round(fact.salience, 6),
            citations,
            touching.of_fact(fact, text),
            sources.wire_agencies(fact.evidence) if len(citations) > fact.independent_sources else (),
        )
        if focus is not None:
            line = event_wording(line, fact, sources, focus, touching, minority)
        lines.append(line)
    return tuple(lines)


EVENT_FOCUS = 0.8
"""A sentence that states more of its event's when and where than a fact's wording words the fact when it
states at least this share of the story's focus that the wording states (``event_wording``)."""
NAME_KINDS = frozenset({"person-name", "role"})
"""Disputes over what a person is called: a sentence on a minority side of one may word a fact, since its
event, place and time stand and the dispute is shown beside it."""


def event_wording(
    line: FactLine,
    fact: Fact,
    sources: Sources,
    focus: StoryFocus,
    touching: Touching,
    minority: Mapping[tuple[str, int], Sequence[Contradiction]],
) -> FactLine:
    """``line`` worded by the sentence of the fact that states most of its event, if that is another.

    The check words a fact by its best-supported, most central sentence, which can leave out where and
    when ('the envoy's recent meeting with the president comes amid tensions' against '... met the
    president in the capital on Tuesday'). Another of the fact's sentences words it instead when its main
    clause states more of the event's when and where (``focus.when_where``), it states nearly as much of
    the story's focus (``EVENT_FOCUS`` of what the check's wording states, ``focus.stated``) and it may
    lead a brief (``newsworthy``, no cut quotation); of several, the one stating most, then the one
    stating most of the focus. It keeps every figure the check's wording gives (not 'more than 1,000
    killed' for '1,644 killed'), and it never gives a value on the losing side of a disputed figure, date or
    place; a disputed name it gives is one the fact then shows with its dispute.
    """
    extractions = sources.extractions

    def event(text: str, e: Evidence | None) -> tuple[int, float]:
        found = when_where(extractions.get(e.article_id), e.start) if e else 0
        return found, stated(terms(text), focus.weights)

    shown = next((e for e in fact.evidence if clean_text(e.sentence) == line.text), None)
    checked = event(line.text, shown)
    figures = {word for word in terms(line.text) if word[0].isdigit()}
    best, best_event = line, checked
    for e in fact.evidence:
        text = clean_text(e.sentence)
        found = event(text, e)
        if found[0] <= checked[0] or found <= best_event or found[1] < EVENT_FOCUS * checked[1] or text.count('"') % 2:
            continue
        if not figures <= terms(text):
            continue  # an earlier or a rounder figure ('more than 1,000' for '1,644 killed')
        disputes = touching.of_fact(fact, text)
        if any(
            item.kind not in NAME_KINDS or item.id not in disputes for item in minority.get((e.article_id, e.start), ())
        ):
            continue
        candidate = replace(line, text=text, disputes=disputes)
        if newsworthy(candidate, extractions):
            best, best_event = candidate, found
    return best


def _minority_sides(contradictions: Sequence[Contradiction]) -> dict[tuple[str, int], list[Contradiction]]:
    """The sentences that hold a disputed value (every side of a contradiction but its most-cited one,
    as the check reads them), with the contradictions they lose."""
    held: dict[tuple[str, int], list[Contradiction]] = {}
    for item in contradictions:
        ranked = sorted(item.sides, key=lambda side: -len({e.article_id for e in side.evidence}))
        for side in ranked[1:]:
            for where in {(e.article_id, e.start) for e in side.evidence}:
                held.setdefault(where, []).append(item)
    return held


_PERSON_KINDS = frozenset({"person-name", "role", "attribution"})


@dataclass(frozen=True)
class _Point:
    """What ``Touching`` reads of one contradiction, worked out once."""

    order: int
    contradiction: Contradiction
    subject: frozenset[str]  # terms of its subject
    named: frozenset[str]  # of its subject without the bracket ('Marten (harbour minister)' -> Marten)
    figures: frozenset[str]  # the leading figure of each side's value


@dataclass(frozen=True)
class Touching:
    """Which contradictions a reader of a fact should see with it.

    A contradiction touches a fact when it was found on it; when one of its sides cites one of the
    fact's sentences and the fact's wording names what it is about or gives one of its values (a cited
    sentence may add a detail, '... on the family's 1,700-acre estate', that the wording leaves out);
    or when it is a number dispute whose subject and one of whose values the wording gives ('14 dock
    workers' against 'dock workers: 14 vs 41'). A dispute about a person (name, role, who said it)
    touches a fact only when its wording names that person.
    """

    at: Mapping[tuple[str, int], list[_Point]]  # (article id, sentence start) -> the points citing it
    on_fact: Mapping[str, list[_Point]]
    numbers: Mapping[str, list[_Point]]  # number disputes by one word of their subject

    @classmethod
    def of(cls, contradictions: Sequence[Contradiction]) -> Touching:
        at: dict[tuple[str, int], list[_Point]] = {}
        on_fact: dict[str, list[_Point]] = {}
        numbers: dict[str, list[_Point]] = {}
        for order, contradiction in enumerate(contradictions):
            figures = {re.search(r"\d[\d,.]*", side.value) for side in contradiction.sides}
            point = _Point(
                order,
                contradiction,
                terms(contradiction.subject),
                terms(contradiction.subject.split(" (", 1)[0]),
                frozenset(f.group(0).replace(",", "").rstrip(".") for f in figures if f),
            )
            for where in {(e.article_id, e.start) for side in contradiction.sides for e in side.evidence}:
                at.setdefault(where, []).append(point)
            if contradiction.fact_id:
                on_fact.setdefault(contradiction.fact_id, []).append(point)
            if contradiction.kind == "number" and point.subject:
                numbers.setdefault(min(point.subject), []).append(point)
        return cls(at, on_fact, numbers)

    def of_fact(self, fact: Fact, text: str) -> tuple[str, ...]:
        """The ids of the contradictions that touch ``fact`` (worded ``text``), in the check's order."""
        words = terms(text)
        found = {p.order: p for p in self.on_fact.get(fact.id, ())}
        for e in fact.evidence:
            for p in self.at.get((e.article_id, e.start), ()):
                if p.figures & words or (p.subject - GENERIC_SUBJECT) & words:
                    found[p.order] = p
        for word in words & self.numbers.keys():
            for p in self.numbers[word]:
                if p.subject <= words and p.figures & words:
                    found[p.order] = p
        kept = [p for p in found.values() if p.contradiction.kind not in _PERSON_KINDS or p.named & words]
        return tuple(p.contradiction.id for p in sorted(kept, key=lambda p: p.order))


GENERIC_SUBJECT = frozenset(terms("the sum paid people number size time how long took fixed part most"))
"""Words of a measure's subject that say nothing of which fact it is about: 'the sum paid (EUR) in 2020'
touches 'paid an upfront fee of €103m' only by a value, not by 'paid'."""

_QUOTED = re.compile(r'"([^"]{12,})"')


def _quoted(text: str) -> set[str]:
    """The quotations in a text, folded for comparison (case, quote marks, closing punctuation)."""
    return {
        " ".join(q.lower().strip(" ,.!?").split()) for q in _QUOTED.findall(text.replace("“", '"').replace("”", '"'))
    }


def takeaways(
    facts: Sequence[FactLine],
    disputed: Sequence[DisputedItem] = (),
    *,
    focus: StoryFocus | None = None,
    key: Callable[[str], str] = str,
) -> tuple[FactLine, ...]:
    """The facts an editor would put first: confirmed ones, and disputed ones that two or more
    independent sources state (a takeaway shows its dispute: ``FactLine.disputes``).

    With the story's ``focus``, the facts that state what the story is about (its main event, as the
    leads of its independent sources give it) come first, each adding what the ones before it left out
    (``focus.pick``; ``key`` gives an article's independent source); without it, most independent
    support first, then salience.

    A fact that carries a quotation whose speaker is disputed is left to the Disputed section, a
    quotation already taken away in other words is not taken twice, and a sentence cut out of a
    longer quotation (an odd number of quote marks: no speaker, no closing mark) is not a takeaway.
    """
    seen = set().union(*(_quoted(f'"{item.subject}"') for item in disputed if item.kind == "attribution"))
    chosen = []
    for fact in facts:
        quotes = _quoted(fact.text)
        if not _may_lead(fact) or quotes & seen or fact.text.count('"') % 2:
            continue
        chosen.append(fact)
        seen |= quotes
    if focus is not None:
        return tuple(pick(chosen, focus, key, limit=MAX_TAKEAWAYS))
    return tuple(chosen[:MAX_TAKEAWAYS])


def _may_lead(fact: FactLine) -> bool:
    """Confirmed, or disputed but stated by two or more independent sources ('72 people on board' where
    the death toll is 68 against 70): the main event stays a takeaway, shown with its dispute (so a
    disputed fact with no dispute to show beside it is not one)."""
    return fact.status == "confirmed" or (
        fact.status == "disputed" and fact.independent_sources >= 2 and bool(fact.disputes)
    )


def disputed_items(sources: Sources) -> tuple[DisputedItem, ...]:
    """Every contradiction, cross-source and most severe first, each side with its citations."""
    items = [_disputed_item(sources, c) for c in sources.check.contradictions]
    items = [item for item in items if item.sides]
    items.sort(
        key=lambda item: (
            item.developing,
            item.within_article or item.syndicated,
            item.severity != "high",
            -item.confidence,
            item.kind,
            item.subject,
            item.contradiction_id,
        )
    )
    return tuple(items)


def _disputed_item(sources: Sources, contradiction: Contradiction) -> DisputedItem:
    sides = []
    for side in contradiction.sides:
        citations = unique_citations(
            (sources.cite(e.article_id, e.start, e.end, e.sentence) for e in side.evidence),
            per_article=False,
        )
        if citations:
            article_ids = {c.article_id for c in citations}
            sides.append(SideLine(side.value, sources.independent(article_ids), citations))
    return DisputedItem(
        contradiction_id=contradiction.id,
        kind=contradiction.kind,
        subject=contradiction.subject,
        severity=contradiction.severity,
        confidence=round(contradiction.confidence, 4),
        explanation=contradiction.explanation,
        sides=tuple(sides),
        fact_id=contradiction.fact_id,
        # "within one article" only when every side is in that one article; a dispute that also spans
        # articles (Steven in two reports, David and Amos in a third) is a dispute between articles
        within_article=contradiction.within_article
        and len({e.article_id for side in contradiction.sides for e in side.evidence}) == 1,
        syndicated=contradiction.syndicated,
        developing=contradiction.developing,
    )


def figure_key(figure: Figure) -> tuple[float, str, str]:
    """Figures with the same key state the same number: value, counted thing, rate."""
    unit = (figure.unit or "").lower().strip()
    head = unit.split()[-1] if unit else ""
    return (figure.value, head.rstrip("s"), figure.rate or "")


def _is_year(figure: Figure) -> bool:
    return figure.unit is None and float(figure.value).is_integer() and 1800 <= figure.value <= 2100


def figure_lines(sources: Sources) -> tuple[FigureLine, ...]:
    """Every figure of the story's articles with how many independent sources state it."""
    found: list[tuple[int, Figure, str]] = []
    keys_by_figure: dict[tuple[float, str, str], set[str]] = {}
    for ref in sources.refs:
        extraction = sources.extractions.get(ref.article_id)
        for figure in extraction.figures if extraction else ():
            if figure.ordinal or _is_year(figure):
                continue
            found.append((ref.number, figure, ref.article_id))
            keys_by_figure.setdefault(figure_key(figure), set()).add(sources.key(ref.article_id))
    lines = []
    for _number, figure, article_id in sorted(found, key=lambda f: (f[0], f[1].start, f[1].end)):
        start, end = sources.sentence_span(article_id, figure.start, figure.end)
        citation = sources.cite(article_id, start, end)
        if citation is not None:
            support = len(keys_by_figure[figure_key(figure)])
            lines.append(FigureLine(figure.text, figure.value, figure.unit, article_id, support, citation))
    return tuple(lines)
