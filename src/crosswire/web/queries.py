"""Read-only queries the web app needs and ``Store`` does not offer, over the store's own connection.

Kept here, not in ``store.py``, so the web layer adds no schema and no write path of its own.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswire.model import CheckResult, Story, from_dict
from crosswire.store import Store


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One stored cross-check: which story, which articles, and when.

    ``version`` is the row's rowid, which each save of a check replaces (``INSERT OR REPLACE``), so a
    check decoded once can be kept by ``(story_id, version, checked_at)``.
    """

    story_id: str
    article_ids: tuple[str, ...]
    checked_at: str
    version: int = 0


def check_rows(store: Store, known: dict[tuple[str, int], CheckRow] | None = None) -> list[CheckRow]:
    """Every stored cross-check, newest first.

    Args:
        known: rows read before, by ``(story_id, version)``; those still stored are reused, not
            decoded again, and the dict is left holding the rows stored now.
    """
    rows = store.conn.execute(
        "SELECT story_id, checked_at, rowid FROM checks ORDER BY checked_at DESC, rowid DESC"
    ).fetchall()
    kept = known if known is not None else {}
    missing = [version for sid, _, version in rows if (sid, version) not in kept]
    for chunk in range(0, len(missing), 500):
        some = missing[chunk : chunk + 500]
        marks = ",".join("?" * len(some))
        for sid, ids, at, version in store.conn.execute(
            f"SELECT story_id, article_ids, checked_at, rowid FROM checks WHERE rowid IN ({marks})", some
        ):
            kept[(sid, version)] = CheckRow(sid, tuple(json.loads(ids)), at, version)
    found = [kept[(sid, version)] for sid, _, version in rows if (sid, version) in kept]
    if known is not None:
        known.clear()
        known.update({(row.story_id, row.version): row for row in found})
    return found


def stories(store: Store, known: dict[str, tuple[str, Story]] | None = None) -> list[Story]:
    """``store.stories()``, reusing the stories in ``known`` (by id: ``(stored JSON, Story)``) whose
    stored JSON is unchanged; ``known`` is left holding the stories stored now."""
    kept = known if known is not None else {}
    found = {}
    for story_id, text in store.conn.execute("SELECT id, data FROM stories ORDER BY id"):
        before = kept.get(story_id)
        found[story_id] = (
            before if before is not None and before[0] == text else (text, from_dict(Story, json.loads(text)))
        )
    if known is not None:
        known.clear()
        known.update(found)
    return [story for _, story in found.values()]


def check_data(store: Store, row: CheckRow) -> dict[str, Any] | None:
    """The stored check of ``row`` as its JSON dict, if that version of it is still stored."""
    found = store.conn.execute(
        "SELECT data FROM checks WHERE story_id = ? AND rowid = ?", (row.story_id, row.version)
    ).fetchone()
    return json.loads(found[0]) if found else None


def checks_with_entity(store: Store, entity_id: str) -> list[CheckResult]:
    """The stored checks that resolved an entity with this id (the id is a hash of its name)."""
    needle = f'%"id":{json.dumps(entity_id)}%'
    rows = store.conn.execute("SELECT data FROM checks WHERE data LIKE ? ORDER BY story_id", (needle,))
    return [from_dict(CheckResult, json.loads(r[0])) for r in rows]


class ChangeCounter:
    """A number that changes whenever any other connection, in this process or another, commits to the
    store: SQLite's ``PRAGMA data_version``, read on a connection of its own that never writes."""

    def __init__(self, db: Path) -> None:
        self._conn = sqlite3.connect(db, check_same_thread=False)
        self._lock = threading.Lock()

    def value(self) -> int:
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()
