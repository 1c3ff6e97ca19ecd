"""``Story`` objects for an assignment: headline, date span, and notes on doubtful dates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy

from crosswire.model import Article, Extraction, Story
from crosswire.stories.features import body_terms, entity_keys, lead_details, lead_weekday, publication_day
from crosswire.stories.items import StoryItem


def story_item(article: Article, vector: numpy.ndarray, extraction: Extraction | None = None) -> StoryItem:
    """The clustering view of one article."""
    day, _ = publication_day(article)
    group = article.dup_group if article.dup_group and article.dup_group != article.id else None
    return StoryItem(
        article.id,
        vector,
        body_terms(article),
        entity_keys(article, extraction),
        day,
        group,
        lead_weekday(article),
        lead_details(article),
    )


def build_stories(assignment: Mapping[str, Sequence[str]], articles: Mapping[str, Article]) -> list[Story]:
    """``Story`` objects for an assignment (story id -> article ids), with dates, headline and notes."""
    stories = []
    for story_id, ids in assignment.items():
        members = [articles[a] for a in ids if a in articles]
        stories.append(_story(story_id, members))
    return stories


def _story(story_id: str, members: Sequence[Article]) -> Story:
    dated: list[tuple[float, str]] = []
    notes: list[str] = []
    undated = 0
    for article in members:
        day, reason = publication_day(article)
        if day is not None and article.published_at:
            dated.append((day, article.published_at))
        elif reason == "no date":
            undated += 1
        else:
            notes.append(f"article {article.id[:8]}: {reason}; clustered on content alone")
    if undated:
        notes.insert(0, f"{undated} of {len(members)} articles have no date; clustered on content alone")
    dated.sort()
    titled = sorted((a.published_at or "~", i, a.title) for i, a in enumerate(members) if a.title)
    headline = titled[0][2] if titled else (members[0].text.strip().split("\n", 1)[0][:120] if members else "")
    return Story(
        id=story_id,
        headline=headline or "",
        article_ids=tuple(a.id for a in members),
        first_published=dated[0][1] if dated else None,
        last_published=dated[-1][1] if dated else None,
        notes=tuple(notes),
    )
