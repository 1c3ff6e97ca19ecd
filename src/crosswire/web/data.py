"""What the pages and the API show, read from the store: stories with their checks, and their briefs.

A story's brief is built from what is stored (articles, extractions, the stored cross-check) with
``report.build_brief``, which is pure: the web app never runs a model to show a page. A story whose
check is missing is listed as not yet checked. Each stored check is decoded once per process
(``CheckCache``, by its row version), and briefs are cached by story, check time and articles.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from crosswire import pipeline
from crosswire.model import Article, CheckResult, Entity, Story, from_dict
from crosswire.report import Brief, build_brief
from crosswire.store import Store
from crosswire.web import queries


@dataclass(frozen=True, slots=True)
class CheckCounts:
    """What the list of stories shows of a check: its facts by status, and its contradictions."""

    confirmed: int
    disputed: int
    single_source: int
    contradictions: int

    @classmethod
    def of(cls, data: dict[str, Any]) -> CheckCounts:
        """The counts of a stored check's JSON (``model.to_dict`` of a ``CheckResult``)."""
        statuses = [fact["status"] for fact in data["facts"]]
        return cls(
            statuses.count("confirmed"),
            statuses.count("disputed"),
            statuses.count("single-source"),
            len(data["contradictions"]),
        )


@dataclass(frozen=True, slots=True)
class StoryEntry:
    """A story and the stored check that covers it (None when it has not been checked).

    ``check`` itself is decoded only for one story's page (``find_story``); the list of stories
    needs only ``counts``.
    """

    story: Story
    row: queries.CheckRow | None = None
    counts: CheckCounts | None = None
    check: CheckResult | None = None

    @property
    def checked_at(self) -> str | None:
        return self.row.checked_at if self.row else None

    @property
    def checked_articles(self) -> int:
        return len(self.row.article_ids) if self.row else 0

    @property
    def stale(self) -> bool:
        """True when articles joined the story after its check."""
        return self.row is not None and set(self.row.article_ids) != set(self.story.article_ids)


class CheckCache:
    """Stories and stored checks as read from the store, kept while they are current.

    The counts of every check seen and the last ``size`` checks themselves are kept by ``(story id,
    version, checked_at)``, so a check saved again (by this app's worker or by another process) is
    read again. With ``changes``, the list of stories and their checks (``story_checks``) and the
    entries built from it (``story_entries``) are kept until the store next changes.
    """

    def __init__(self, size: int = 64, *, changes: queries.ChangeCounter | None = None) -> None:
        self.size = size
        self.changes = changes
        self._counts: dict[str, tuple[tuple[int, str], CheckCounts]] = {}
        self._checks: OrderedDict[tuple[str, int, str], CheckResult] = OrderedDict()
        self._current_values: dict[str, tuple[int, Any]] = {}  # what _current keeps, by name
        self._building: dict[str, threading.Lock] = {}
        self._known = _Known()  # used only while holding the story_checks build lock
        self._lock = threading.Lock()

    def story_checks(self, store: Store) -> list[tuple[Story, queries.CheckRow | None]]:
        """``story_checks(store)``, read again only when the store changed since it was last read."""
        known = self._known if self.changes is not None else None  # else builds may run at once
        return self._current("story_checks", lambda: story_checks(store, known=known))

    def story_entries(self, store: Store) -> list[StoryEntry]:
        """``story_entries(store)``, built again only when the store changed since it was last built."""
        return self._current("story_entries", lambda: _story_entries(store, self))

    def _current(self, name: str, build: Callable[[], Any]) -> Any:
        """The value ``build`` gives, kept until the store changes; one thread builds it while the
        others wait for that value (not each building its own)."""
        if self.changes is None:
            return build()
        with self._lock:
            building = self._building.setdefault(name, threading.Lock())
        with building:
            version = self.changes.value()  # before reading: a change during the read makes the next call read again
            with self._lock:
                kept = self._current_values.get(name)
            if kept is not None and kept[0] == version:
                return kept[1]
            value = build()
            with self._lock:
                self._current_values[name] = (version, value)
            return value

    def counts(self, store: Store, row: queries.CheckRow) -> CheckCounts | None:
        """The counts of this version of a check (None if it was replaced or removed meanwhile)."""
        version = (row.version, row.checked_at)
        with self._lock:
            known = self._counts.get(row.story_id)
        if known and known[0] == version:
            return known[1]
        data = queries.check_data(store, row)
        if data is None:
            return None
        counts = CheckCounts.of(data)
        with self._lock:
            self._counts[row.story_id] = (version, counts)
        return counts

    def check(self, store: Store, row: queries.CheckRow) -> CheckResult | None:
        """This version of a stored check, decoded (None if it was replaced or removed meanwhile)."""
        key = (row.story_id, row.version, row.checked_at)
        with self._lock:
            if key in self._checks:
                self._checks.move_to_end(key)
                return self._checks[key]
        data = queries.check_data(store, row)
        if data is None:
            return None
        check = from_dict(CheckResult, data)
        with self._lock:
            self._checks[key] = check
            self._counts[row.story_id] = ((row.version, row.checked_at), CheckCounts.of(data))
            while len(self._checks) > self.size:
                self._checks.popitem(last=False)
        return check


@dataclass
class _Known:
    """Check rows and stories decoded before (see ``queries.check_rows`` and ``queries.stories``)."""

    checks: dict[tuple[str, int], queries.CheckRow] = field(default_factory=dict)
    stories: dict[str, tuple[str, Story]] = field(default_factory=dict)


def story_entries(store: Store, *, cache: CheckCache | None = None) -> list[StoryEntry]:
    """Every story with its check's counts, most articles first (see ``story_checks`` for which check)."""
    return (cache or CheckCache()).story_entries(store)


def _story_entries(store: Store, cache: CheckCache) -> list[StoryEntry]:
    entries = []
    for story, row in cache.story_checks(store):
        counts = cache.counts(store, row) if row else None
        entries.append(StoryEntry(story, row, counts) if counts else StoryEntry(story))
    return sorted(entries, key=lambda e: (-len(e.story.article_ids), e.story.headline, e.story.id))


def story_checks(store: Store, *, known: _Known | None = None) -> list[tuple[Story, queries.CheckRow | None]]:
    """Every story and the stored check that covers it, without reading the checks themselves.

    A story's check is the one saved under its id, else the newest one of exactly its articles, else
    the newest one of some of its articles (the story grew since: the entry is ``stale``). A check of
    articles that no story holds all of (``crosswire check`` on some files) is listed as a story of
    its own; one that a story's articles cover was superseded by that story and is not listed.
    """
    known = known or _Known()
    rows = queries.check_rows(store, known.checks)  # newest first
    by_id = {row.story_id: row for row in rows}
    by_articles = {frozenset(row.article_ids): row for row in reversed(rows)}  # newest wins
    found: list[tuple[Story, queries.CheckRow | None]] = []
    stories = queries.stories(store, known.stories)
    for story in stories:
        members = set(story.article_ids)
        row = (
            by_id.get(story.id)
            or by_articles.get(frozenset(members))
            or next((r for r in rows if r.article_ids and set(r.article_ids) <= members), None)
        )
        found.append((story, row))
    covered = [set(story.article_ids) for story in stories]
    story_ids = {story.id for story in stories}
    for row in rows:
        if row.story_id in story_ids or any(set(row.article_ids) <= ids for ids in covered):
            continue
        articles = store.articles(row.article_ids)
        if articles:
            story = replace(pipeline.story_of(articles), id=row.story_id)
            found.append((story, row))
            covered.append(set(story.article_ids))
    return found


def find_story(store: Store, story_id: str, *, cache: CheckCache | None = None) -> StoryEntry | None:
    """The story with this id (or the id of the check standing for it), with its check decoded."""
    cache = cache or CheckCache()
    for story, row in cache.story_checks(store):
        if story_id in (story.id, row.story_id if row else None):
            check = cache.check(store, row) if row is not None else None
            if row is None or check is None:
                return StoryEntry(story)
            return StoryEntry(story, row, cache.counts(store, row), check)
    return None


def stories_of_article(store: Store, article_id: str) -> list[str]:
    """Ids of the stories (as ``story_entries`` lists them) that hold this article."""
    return [story.id for story, _ in story_checks(store) if article_id in story.article_ids]


class BriefCache:
    """Briefs already built, by story, check time and articles; at most ``size`` kept."""

    def __init__(self, size: int = 256) -> None:
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
    shown = {row.story_id: story.id for story, row in story_checks(store) if row}  # check id -> story id
    facts = [
        (shown.get(check.story_id, check.story_id), fact.text, fact.status)
        for check, entity in found
        for fact in check.facts
        if entity_id in fact.entity_ids or entity.name in fact.text
    ]
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
