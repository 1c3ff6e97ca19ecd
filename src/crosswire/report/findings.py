"""The fact sections of the brief: takeaways, disputed points, figures and claims to verify."""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosswire.model import Contradiction, Fact, Figure
from crosswire.report.brief import (
    MAX_TAKEAWAYS,
    DisputedItem,
    FactLine,
    FigureLine,
    SideLine,
)
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


def fact_lines(sources: Sources) -> tuple[FactLine, ...]:
    """Every fact of the check, ranked, with one citation per article that reports it."""
    lines = []
    for fact in sorted(sources.check.facts, key=fact_rank):
        citations = unique_citations(sources.cite(e.article_id, e.start, e.end, e.sentence) for e in fact.evidence)
        lines.append(
            FactLine(
                fact.id,
                clean_text(fact.text),
                fact.status,
                fact.independent_sources,
                round(fact.salience, 6),
                citations,
            )
        )
    return tuple(lines)


_QUOTED = re.compile(r'"([^"]{12,})"')


def _quoted(text: str) -> set[str]:
    """The quotations in a text, folded for comparison (case, quote marks, closing punctuation)."""
    return {
        " ".join(q.lower().strip(" ,.!?").split()) for q in _QUOTED.findall(text.replace("“", '"').replace("”", '"'))
    }


def takeaways(facts: Sequence[FactLine], disputed: Sequence[DisputedItem] = ()) -> tuple[FactLine, ...]:
    """The most important confirmed facts: most independent support first, then salience.

    A fact that carries a quotation whose speaker is disputed is left to the Disputed section, a
    quotation already taken away in other words is not taken twice, and a sentence cut out of a
    longer quotation (an odd number of quote marks: no speaker, no closing mark) is not a takeaway.
    """
    seen = set().union(*(_quoted(f'"{item.subject}"') for item in disputed if item.kind == "attribution"))
    chosen = []
    for fact in facts:
        quotes = _quoted(fact.text)
        if fact.status != "confirmed" or quotes & seen or fact.text.count('"') % 2:
            continue
        chosen.append(fact)
        seen |= quotes
    return tuple(chosen[:MAX_TAKEAWAYS])


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
