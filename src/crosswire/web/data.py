"""What the pages and the API show, read from the store: stories with their checks, and their briefs.

A story's brief is built from what is stored (articles, extractions, the stored cross-check) with
``report.build_brief``, which is pure: the web app never runs a model to show a page. A story whose
check is missing is listed as not yet checked. Briefs are cached by story, check time and articles.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from crosswire import pipeline
from crosswire.model import Article, CheckResult, Entity, Story
from crosswire.report import Brief, build_brief
from crosswire.store import Store
from crosswire.web import queries


@dataclass(frozen=True, slots=True)
class StoryEntry:
    """A story and the stored check that covers it (None when it has not been checked)."""

    story: Story
    check: CheckResult | None = None
    checked_at: str | None = None

    @property
    def checked_articles(self) -> int:
        return len(self.check.article_ids) if self.check else 0

    @property
    def stale(self) -> bool:
        """True when articles joined the story after its check."""
        return self.check is not None and set(self.check.article_ids) != set(self.story.article_ids)


def story_entries(store: Store) -> list[StoryEntry]:
    """Every story with its check, most articles first (see ``story_checks`` for which check)."""
    entries = [_entry(store, story, check_id) for story, check_id in story_checks(store)]
    return sorted(entries, key=lambda e: (-len(e.story.article_ids), e.story.headline, e.story.id))


def story_checks(store: Store) -> list[tuple[Story, str | None]]:
    """Every story and the id of the check that covers it, without reading the checks themselves.

    A story's check is the one saved under its id, else the newest one of exactly its articles, else
    the newest one of some of its articles (the story grew since: the entry is ``stale``). A check of
    articles that no story holds all of (``crosswire check`` on some files) is listed as a story of
    its own; one that a story's articles cover was superseded by that story and is not listed.
    """
    rows = queries.check_rows(store)  # newest first
    by_id = {row.story_id: row for row in rows}
    by_articles = {frozenset(row.article_ids): row for row in reversed(rows)}  # newest wins
    found: list[tuple[Story, str | None]] = []
    stories = store.stories()
    for story in stories:
        members = set(story.article_ids)
        row = (by_id.get(story.id) or by_articles.get(frozenset(members))
               or next((r for r in rows if r.article_ids and set(r.article_ids) <= members), None))
        found.append((story, row.story_id if row else None))
    covered = [set(story.article_ids) for story in stories]
    story_ids = {story.id for story in stories}
    for row in rows:
        if row.story_id in story_ids or any(set(row.article_ids) <= ids for ids in covered):
            continue
        articles = store.articles(row.article_ids)
        if articles:
            story = replace(pipeline.story_of(articles), id=row.story_id)
            found.append((story, row.story_id))
            covered.append(set(story.article_ids))
    return found


def _entry(store: Store, story: Story, check_id: str | None) -> StoryEntry:
    found = queries.load_check_at(store, check_id) if check_id else None
    return StoryEntry(story, *found) if found else StoryEntry(story)


def find_story(store: Store, story_id: str) -> StoryEntry | None:
    """The story with this id (or the id of the check standing for it)."""
    for story, check_id in story_checks(store):
        if story_id in (story.id, check_id):
            return _entry(store, story, check_id)
    return None


def stories_of_article(store: Store, article_id: str) -> list[str]:
    """Ids of the stories (as ``story_entries`` lists them) that hold this article."""
    return [story.id for story, _ in story_checks(store) if article_id in story.article_ids]


class BriefCache:
    """Briefs already built, by story, check time and articles; at most ``size`` kept."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._briefs: OrderedDict[tuple[str, str, tuple[str, ...]], tuple[Brief, list[Article]]] = OrderedDict()
        self._lock = threading.Lock()

    def brief(self, store: Store, entry: StoryEntry) -> tuple[Brief, list[Article]] | None:
        """The brief of a checked story and the articles it cites; None when it is not checked."""
        if entry.check is None or entry.checked_at is None:
            return None
        key = (entry.story.id, entry.checked_at, entry.check.article_ids)
        with self._lock:
            if key in self._briefs:
                self._briefs.move_to_end(key)
                return self._briefs[key]
        built = build_entry_brief(store, entry)
        with self._lock:
            self._briefs[key] = built
            while len(self._briefs) > self.size:
                self._briefs.popitem(last=False)
        return built


def build_entry_brief(store: Store, entry: StoryEntry) -> tuple[Brief, list[Article]]:
    """Build the brief of a checked story over the articles its check read."""
    assert entry.check is not None and entry.checked_at is not None
    ids = entry.check.article_ids
    articles = store.articles(ids)
    story = replace(entry.story, article_ids=tuple(a.id for a in articles))
    brief = build_brief(story, articles, store.extractions(ids), entry.check, generated_at=entry.checked_at)
    return brief, articles


@dataclass(frozen=True, slots=True)
class PersonView:
    """One person as the cross-checks resolved them, over every story that names them."""

    entity: Entity
    story_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    variants: tuple[str, ...]
    roles: tuple[str, ...]
    facts: tuple[tuple[str, str, str], ...]  # (story id, fact text, status) of facts linked to them or naming them


def find_person(store: Store, entity_id: str) -> PersonView | None:
    """The person with this entity id, merged over every stored check that has them."""
    found: list[tuple[CheckResult, Entity]] = []
    for check in queries.checks_with_entity(store, entity_id):
        found += [(check, e) for e in check.entities if e.id == entity_id and e.kind == "person"]
    if not found:
        return None
    first = found[0][1]
    shown = {check_id: story.id for story, check_id in story_checks(store) if check_id}  # check id -> story id
    facts = [(shown.get(check.story_id, check.story_id), fact.text, fact.status)
             for check, entity in found for fact in check.facts
             if entity_id in fact.entity_ids or entity.name in fact.text]
    return PersonView(
        entity=first,
        story_ids=_unique(shown.get(check.story_id, check.story_id) for check, _ in found),
        article_ids=_unique(a for _, e in found for a in e.article_ids),
        variants=_unique(v for _, e in found for v in e.variants),
        roles=_unique(r for _, e in found for r in e.roles),
        facts=tuple(dict.fromkeys(facts)),
    )


def people_of(check: CheckResult | None) -> list[Entity]:
    """The people a check resolved, most articles first."""
    people = [e for e in check.entities if e.kind == "person"] if check else []
    return sorted(people, key=lambda e: (-len(e.article_ids), e.name))


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
