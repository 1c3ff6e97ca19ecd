"""What changed in a story between two briefs: new facts, facts that became confirmed, new
contradictions, figures that changed, sources added, and claim drift (who said a disputed value first).

Works on the brief JSON (``report.render_json``, schema ``crosswire.brief/v1``), so the earlier side
can be a ``brief.json`` written last week or a brief rebuilt from the articles known at a time::

    developments = compare_briefs(old_story, new_story, articles=new_json["articles"])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FigureChange:
    """The values given for one counted thing, before and now ('dock workers': 14 -> 17)."""

    unit: str
    before: tuple[float, ...]
    now: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Drift:
    """How one disputed value spread: the source that said it first, then the others in order."""

    subject: str
    value: str
    first_source: str
    first_published: str | None
    then: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Developments:
    story_id: str
    new_facts: tuple[str, ...] = ()
    newly_confirmed: tuple[str, ...] = ()
    new_contradictions: tuple[str, ...] = ()
    changed_figures: tuple[FigureChange, ...] = ()
    sources_added: tuple[str, ...] = ()
    drift: tuple[Drift, ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.new_facts
            or self.newly_confirmed
            or self.new_contradictions
            or self.changed_figures
            or self.sources_added
        )


def compare_briefs(
    old: Mapping[str, Any] | None, new: Mapping[str, Any], *, articles: Sequence[Mapping[str, Any]]
) -> Developments:
    """Developments from ``old`` to ``new`` (one story each, as in brief JSON ``stories``).

    Args:
        old: the earlier story, or None when the story did not exist then (everything is new).
        new: the story now.
        articles: brief JSON ``articles`` covering both (for outlets and publication times).
    """
    old = old or {"facts": [], "contradictions": [], "figures": [], "article_ids": []}
    by_id = {a["id"]: a for a in articles}
    old_facts = {_fact_key(f): f for f in old.get("facts", [])}
    new_facts = [f for f in new.get("facts", []) if _fact_key(f) not in old_facts]
    confirmed = [
        f["text"]
        for f in new.get("facts", [])
        if f["status"] == "confirmed" and _fact_key(f) in old_facts and old_facts[_fact_key(f)]["status"] != "confirmed"
    ]
    old_disputes = {_dispute_key(c) for c in old.get("contradictions", [])}
    disputes = [_dispute_label(c) for c in new.get("contradictions", []) if _dispute_key(c) not in old_disputes]
    known = set(old.get("article_ids", []))
    added = sorted({_outlet(by_id.get(a, {"id": a})) for a in new.get("article_ids", []) if a not in known})
    return Developments(
        story_id=str(new.get("id", "")),
        new_facts=tuple(f["text"] for f in new_facts),
        newly_confirmed=tuple(confirmed),
        new_contradictions=tuple(disputes),
        changed_figures=changed_figures(old.get("figures", []), new.get("figures", [])),
        sources_added=tuple(added),
        drift=claim_drift(new.get("contradictions", []), by_id),
    )


def changed_figures(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> tuple[FigureChange, ...]:
    """Counted things whose set of reported values differs between the two briefs."""
    before, now = _values_by_unit(old), _values_by_unit(new)
    changes = []
    for unit in sorted(set(before) & set(now)):
        if before[unit] != now[unit]:
            changes.append(FigureChange(unit, tuple(sorted(before[unit])), tuple(sorted(now[unit]))))
    return tuple(changes)


def claim_drift(
    contradictions: Sequence[Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]]
) -> tuple[Drift, ...]:
    """For each side of each contradiction: which source said that value first, and who repeated it."""
    drift = []
    for item in contradictions:
        for side in item.get("sides", []):
            ids = list(dict.fromkeys(e["article_id"] for e in side.get("evidence", [])))
            ordered = sorted(ids, key=lambda a: (articles.get(a, {}).get("published_at") or "~", a))
            if not ordered:
                continue
            first = articles.get(ordered[0], {"id": ordered[0]})
            drift.append(
                Drift(
                    item.get("subject", ""),
                    str(side.get("value", "")),
                    _outlet(first),
                    first.get("published_at"),
                    tuple(_outlet(articles.get(a, {"id": a})) for a in ordered[1:]),
                )
            )
    return tuple(drift)


def _values_by_unit(figures: Sequence[Mapping[str, Any]]) -> dict[str, set[float]]:
    values: dict[str, set[float]] = {}
    for figure in figures:
        unit = (figure.get("unit") or "").strip().lower()
        if unit:
            values.setdefault(unit, set()).add(float(figure["value"]))
    return values


def _fact_key(fact: Mapping[str, Any]) -> str:
    return " ".join(str(fact.get("text", "")).lower().split())


def _dispute_key(item: Mapping[str, Any]) -> tuple[str, str, tuple[str, ...]]:
    values = tuple(sorted(str(side.get("value", "")).lower() for side in item.get("sides", [])))
    return str(item.get("kind", "")), str(item.get("subject", "")).lower(), values


def _dispute_label(item: Mapping[str, Any]) -> str:
    values = " vs ".join(repr(side.get("value", "")) for side in item.get("sides", []))
    return f"{item.get('kind', '')} {item.get('subject', '')}: {values}"


def _outlet(article: Mapping[str, Any]) -> str:
    return str(article.get("source") or article.get("path_or_url") or str(article.get("id", "?"))[:8])
