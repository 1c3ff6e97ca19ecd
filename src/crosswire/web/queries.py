"""Read-only queries the web app needs and ``Store`` does not offer, over the store's own connection.

Kept here, not in ``store.py``, so the web layer adds no schema and no write path of its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from crosswire.model import CheckResult, from_dict
from crosswire.store import Store


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One stored cross-check: which story, which articles, and when."""

    story_id: str
    article_ids: tuple[str, ...]
    checked_at: str


def check_rows(store: Store) -> list[CheckRow]:
    """Every stored cross-check, newest first."""
    rows = store.conn.execute("SELECT story_id, article_ids, checked_at FROM checks ORDER BY checked_at DESC")
    return [CheckRow(sid, tuple(json.loads(ids)), at) for sid, ids, at in rows]


def load_check_at(store: Store, story_id: str) -> tuple[CheckResult, str] | None:
    """The stored check of ``story_id`` and when it was made, if there is one."""
    row = store.conn.execute("SELECT data, checked_at FROM checks WHERE story_id = ?", (story_id,)).fetchone()
    return (from_dict(CheckResult, json.loads(row[0])), row[1]) if row else None


def checks_with_entity(store: Store, entity_id: str) -> list[CheckResult]:
    """The stored checks that resolved an entity with this id (the id is a hash of its name)."""
    needle = f'%"id":{json.dumps(entity_id)}%'
    rows = store.conn.execute("SELECT data FROM checks WHERE data LIKE ? ORDER BY story_id", (needle,))
    return [from_dict(CheckResult, json.loads(r[0])) for r in rows]
