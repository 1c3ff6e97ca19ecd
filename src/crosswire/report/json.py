"""The brief as JSON, schema ``crosswire.brief/v1`` (``brief.schema.json`` next to this file).

Version 1 is additive-only: new keys may appear, existing keys keep their meaning. Every list is
sorted so that the same input gives byte-identical output apart from ``generated_at``
(``json.dumps(data, indent=2, ensure_ascii=False)`` is how the CLI writes it).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosswire.model import Article
from crosswire.report.brief import Brief, Citation, FactLine, ScoreRow, SideLine, StoryHistory

SCHEMA_ID = "crosswire.brief/v1"
SCHEMA_PATH = Path(__file__).with_name("brief.schema.json")


def render_json(
    briefs: Sequence[Brief], articles: Sequence[Article], *, generated_at: str | None = None
) -> dict[str, Any]:
    """Briefs and the articles they read as one JSON-ready dict.

    Args:
        briefs: one brief per story.
        articles: the articles to list (normally every article the briefs cite).
        generated_at: the timestamp to write; defaults to the first brief's, else "".

    Returns:
        A dict following ``brief.schema.json``.
    """
    stamp = generated_at if generated_at is not None else (briefs[0].generated_at if briefs else "")
    ordered = sorted(
        {article.id: article for article in articles}.values(),
        key=lambda a: (a.published_at or "", a.source or "", a.id),
    )
    return {
        "schema": SCHEMA_ID,
        "generated_at": stamp,
        "articles": [article_json(article) for article in ordered],
        "stories": [story_json(brief) for brief in sorted(briefs, key=lambda b: b.story_id)],
    }


def article_json(article: Article) -> dict[str, Any]:
    """One article's identity and provenance (no text)."""
    duplicate_of = article.dup_group if article.dup_group and article.dup_group != article.id else None
    return {
        "id": article.id,
        "external_id": article.external_id,
        "path_or_url": article.url,
        "title": article.title,
        "source": article.source,
        "published_at": article.published_at,
        "words": article.words,
        "duplicate_of": duplicate_of,
        "dup_kind": article.dup_kind if duplicate_of else None,
    }


def evidence_json(citation: Citation) -> dict[str, Any]:
    """A citation as an evidence record: article, sentence and its offsets, plus the source number."""
    return {
        "article_id": citation.article_id,
        "sentence": citation.sentence,
        "start": citation.start,
        "end": citation.end,
        "source_number": citation.number,
    }


def fact_json(fact: FactLine) -> dict[str, Any]:
    return {
        "id": fact.fact_id,
        "text": fact.text,
        "status": fact.status,
        "independent_sources": fact.independent_sources,
        "outlets": fact.outlets,
        "agencies": list(dict.fromkeys(fact.agencies)),
        "salience": fact.salience,
        "evidence": [evidence_json(c) for c in fact.citations],
        "contradictions": list(fact.disputes),
    }


def side_json(side: SideLine) -> dict[str, Any]:
    return {
        "value": side.value,
        "independent_sources": side.independent_sources,
        "evidence": [evidence_json(c) for c in side.citations],
    }


def source_json(row: ScoreRow) -> dict[str, Any]:
    return {
        "article_id": row.article_id,
        "source_number": row.number,
        "outlet": row.outlet,
        "published_at": row.published_at,
        "words": row.words,
        "checkable_claims": row.checkable_claims,
        "fact_density": row.fact_density,
        "filler_share": row.filler_share,
        "unique_facts": row.unique_facts,
        "contradicted_facts": row.contradicted_facts,
        "syndication_group": row.syndication_group,
        "padded": row.padded,
    }


def story_json(brief: Brief) -> dict[str, Any]:
    """One story's brief. Lists keep the brief's order: ranked facts, most severe dispute first,
    single-source figures first, the scorecard least filler first."""
    scope = brief.scope
    return {
        "id": brief.story_id,
        "headline": scope.headline,
        "article_ids": [ref.article_id for ref in brief.sources],
        "scope": {
            "articles": scope.articles,
            "independent_sources": scope.independent_sources,
            "first_published": scope.first_published,
            "last_published": scope.last_published,
            "confirmed": scope.confirmed,
            "disputed": scope.disputed,
            "single_source": scope.single_source,
            "notes": list(scope.notes),
        },
        "takeaways": [fact.fact_id for fact in brief.takeaways],
        "facts": [fact_json(fact) for fact in brief.facts],
        "contradictions": [
            {
                "id": item.contradiction_id,
                "kind": item.kind,
                "subject": item.subject,
                "severity": item.severity,
                "confidence": item.confidence,
                "explanation": item.explanation,
                "fact_id": item.fact_id,
                "within_article": item.within_article,
                "syndicated": item.syndicated,
                "developing": item.developing,
                "sides": [side_json(side) for side in item.sides],
            }
            for item in brief.disputed
        ],
        "figures": [
            {
                "text": f.text,
                "value": f.value,
                "unit": f.unit,
                "article_id": f.article_id,
                "independent_sources": f.independent_sources,
                "sentence": f.citation.sentence,
            }
            for f in brief.figures
        ],
        "to_verify": [
            {"kind": item.kind, "text": item.text, "source": item.outlet, "evidence": evidence_json(item.citation)}
            for item in brief.verify
        ],
        "quotes": [
            {"text": line.text, "speaker": line.speaker, "article_id": c.article_id, "sentence": c.sentence}
            for group in brief.speakers
            for line in group.quotes
            for c in line.citations
        ],
        "timeline": [
            {"date": e.date, "text": e.text, "article_ids": [c.article_id for c in e.citations]} for e in brief.timeline
        ],
        "sources": [source_json(row) for row in brief.scorecard],
        "agreement": {
            "article_ids": [brief.source(n).article_id for n in brief.matrix.numbers],
            "rows": [
                {"fact_id": row.fact_id, "label": row.label, "status": row.status, "cells": list(row.cells)}
                for row in brief.matrix.rows
            ],
        },
        **({"developments": developments_json(brief.developments)} if brief.developments else {}),
    }


def developments_json(history: StoryHistory) -> dict[str, Any]:
    """The Developments section: what changed since the previous brief (written at ``since``)."""
    changes = history.changes
    return {
        "since": history.since,
        "new_facts": list(changes.new_facts),
        "newly_confirmed": list(changes.newly_confirmed),
        "new_contradictions": list(changes.new_contradictions),
        "changed_figures": [
            {"unit": c.unit, "before": list(c.before), "now": list(c.now)} for c in changes.changed_figures
        ],
        "sources_added": list(changes.sources_added),
    }
