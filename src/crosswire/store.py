"""The SQLite store: the only module that speaks SQL.

One file (``crosswire.db`` by default), WAL mode, ``PRAGMA user_version`` as the schema version,
forward migrations in ``migrations.py``. Each article is written in one transaction together with
its origin and its MinHash signature, so an interrupted ingest never leaves half an article.
Stage outputs (extractions, checks, stories) are kept as JSON built by ``model.to_dict``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy

from crosswire.errors import StoreError
from crosswire.migrations import MIGRATIONS
from crosswire.model import Article, CheckResult, Extraction, Story, from_dict, to_dict

DEFAULT_DB = "crosswire.db"
BUSY_TIMEOUT = 600.0  # seconds a writer waits for another one (a long ``stories`` run) to commit


@dataclass(frozen=True)
class StoryChange:
    """What one clustering run changed (``pipeline.run_stories`` fills it from ``StoryState``).

    Attributes:
        members: new ``(article_id, position, story_id, entity keys, day)`` rows.
        merged: story merged away -> story it went into.
        summaries: story id -> its ``StorySummary`` bytes, for the stories that changed.
        frequencies: hashed word -> how many of the new articles contain it.
        buckets: index bucket name -> its bytes, for the buckets that changed.
    """

    members: Sequence[tuple[str, int, str, Sequence[str], float | None]]
    merged: Mapping[str, str]
    summaries: Mapping[str, bytes]
    frequencies: Mapping[int, int]
    buckets: Mapping[str, bytes]


_ARTICLE_COLUMNS = (
    "id",
    "text",
    "title",
    "source",
    "url",
    "author",
    "published_at",
    "ingested_at",
    "language",
    "external_id",
    "dup_group",
    "dup_kind",
)


def default_path() -> Path:
    """``$CROSSWIRE_DB`` or ``./crosswire.db``."""
    return Path(os.environ.get("CROSSWIRE_DB") or DEFAULT_DB)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch a connection's file to write-ahead logging. Switching needs the file to itself, and SQLite
    answers 'database is locked' at once, without waiting, while another process creates or migrates a
    new file; so wait here, up to ``BUSY_TIMEOUT`` (two ``ingest`` runs started at once on a new store)."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Store:
    """A crosswire database. Use as a context manager, or call ``close()``."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._locked = False

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """One transaction holding SQLite's write lock from its start (``BEGIN IMMEDIATE``): what is read
        inside cannot change before what is written inside commits. Every write made inside joins it;
        an exception rolls it all back. Re-entrant."""
        if self._locked:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._locked = True
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()
        finally:
            self._locked = False

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """A write transaction of its own, or part of the enclosing ``write_lock``."""
        if self._locked:
            yield
            return
        with self.conn:
            yield

    @classmethod
    def open(cls, path: Path | str | None = None) -> Store:
        """Open (creating and migrating as needed) the store at ``path``.

        Raises:
            StoreError: the file is not a crosswire database, or is newer than this crosswire.
        """
        path = Path(path) if path is not None else default_path()
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT)
            _use_wal(conn)
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            store = cls(conn, path)
            store._migrate()
        except sqlite3.DatabaseError as e:
            if conn is not None:
                conn.close()
            raise StoreError(f"{path}: not a usable crosswire database ({e})") from e
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def _migrate(self) -> None:
        """Apply pending migrations under the write lock, so two processes opening a new file can't race."""
        if self.schema_version == len(MIGRATIONS):
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            version = self.schema_version  # again, now that no one else can write
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"{self.path}: schema version {version} is newer than this crosswire ({len(MIGRATIONS)}); "
                    "upgrade crosswire"
                )
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                try:
                    for statement in _statements(script):
                        self.conn.execute(statement)
                except sqlite3.Error as e:
                    raise StoreError(
                        f"{self.path}: schema migration {number} failed ({e}); it was rolled back, so the store "
                        f"is unchanged at schema version {version}: report this as a crosswire bug"
                    ) from e
                self.conn.execute(f"PRAGMA user_version = {number}")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # ------------------------------------------------------------------ articles

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_article(self, article: Article, *, signature: bytes, origin: str | None = None) -> bool:
        """Store an article with its origin (default: its URL) and MinHash signature, all or nothing.

        Idempotent: when another writer stored the same text first, only the origin is added.

        Returns:
            bool: True when the article was new, False when it was already stored.
        """
        values = [getattr(article, c) for c in _ARTICLE_COLUMNS]
        with self._tx():
            cursor = self.conn.execute(
                f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(values))}) "
                "ON CONFLICT (id) DO NOTHING",
                values,
            )
            new = cursor.rowcount > 0
            if new:
                self.conn.execute(
                    "INSERT INTO minhashes (article_id, signature) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (article.id, signature),
                )
            self._add_origin(article.id, origin or article.url or "", article.source)
        return new

    def add_origin(self, article_id: str, origin: str, source: str | None) -> bool:
        """Record that an already-stored text was also found at ``origin``. True if that is new."""
        with self._tx():
            return self._add_origin(article_id, origin, source)

    def _add_origin(self, article_id: str, origin: str, source: str | None) -> bool:
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO article_origins (article_id, origin, source, seen_at) VALUES (?, ?, ?, ?)",
            (article_id, origin, source, _now()),
        )
        return cursor.rowcount > 0

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Stored articles (all, or those with ``ids`` in that order), oldest publication first otherwise."""
        columns = ", ".join(_ARTICLE_COLUMNS)
        if ids is None:
            rows = self.conn.execute(
                f"SELECT {columns} FROM articles ORDER BY COALESCE(published_at, ingested_at), id"
            ).fetchall()
            return [Article(*row) for row in rows]
        found = {}
        for chunk in _chunks(list(ids), 500):
            marks = ", ".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT {columns} FROM articles WHERE id IN ({marks})", chunk):
                found[row[0]] = Article(*row)
        return [found[i] for i in ids if i in found]

    def article_ids(self) -> list[str]:
        """Ids of every stored article, in the order ``articles()`` gives them."""
        rows = self.conn.execute("SELECT id FROM articles ORDER BY COALESCE(published_at, ingested_at), id").fetchall()
        return [r[0] for r in rows]

    def find_articles(self, prefix_or_origin: str) -> list[Article]:
        """Articles whose id starts with the argument, or whose origin (path/URL) or external id equals it."""
        rows = self.conn.execute(
            "SELECT DISTINCT a.id FROM articles a LEFT JOIN article_origins o ON o.article_id = a.id "
            "WHERE a.id LIKE ? OR o.origin = ? OR a.external_id = ? ORDER BY a.id",
            (prefix_or_origin + "%", prefix_or_origin, prefix_or_origin),
        ).fetchall()
        return self.articles([r[0] for r in rows])

    def origins(self, article_id: str) -> list[tuple[str, str | None]]:
        return self.conn.execute(
            "SELECT origin, source FROM article_origins WHERE article_id = ? ORDER BY seen_at, origin", (article_id,)
        ).fetchall()

    def signatures(self, *, after: int = 0) -> Iterator[tuple[str, str | None, bytes, str | None, int]]:
        """``(article_id, dup_group, signature, published_at, text length)`` for every stored article
        (stored after row ``after``), oldest first."""
        yield from self.conn.execute(
            "SELECT a.id, a.dup_group, m.signature, a.published_at, LENGTH(a.text) FROM articles a "
            "JOIN minhashes m ON m.article_id = a.id WHERE a.rowid > ? ORDER BY a.rowid",
            (after,),
        )

    def last_article_row(self) -> int:
        """The row number of the last stored article (0 when none): ``signatures(after=...)`` catches up."""
        return int(self.conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM articles").fetchone()[0])

    def move_groups(self, heads: Mapping[str, str]) -> None:
        """Point every member of a syndication group, and its old head, at a new original (old head ->
        new head's id): an earlier-dated original was stored after its copies."""
        with self._tx():
            self.conn.executemany(
                "UPDATE articles SET dup_group = ?, dup_kind = COALESCE(dup_kind, 'near') "
                "WHERE dup_group = ? OR id = ?",
                [(new, old, old) for old, new in heads.items()],
            )

    def group_heads(self, ids: Sequence[str]) -> dict[str, str]:
        """The current syndication-group head of each stored article in ``ids`` (itself when original)."""
        found: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            found.update(
                self.conn.execute(
                    f"SELECT id, COALESCE(dup_group, id) FROM articles WHERE id IN ({marks})", chunk
                ).fetchall()
            )
        return found

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    # ------------------------------------------------------------------ extractions

    def extraction_versions(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT article_id, version FROM extractions").fetchall())

    def save_extraction(self, extraction: Extraction) -> None:
        with self._tx():
            self.conn.execute(
                "INSERT OR REPLACE INTO extractions (article_id, version, data, extracted_at) VALUES (?, ?, ?, ?)",
                (extraction.article_id, extraction.version, _dumps(to_dict(extraction)), _now()),
            )
            # its claim sentences may have changed: their vectors are computed again
            self.conn.execute("DELETE FROM claim_vectors WHERE article_id = ?", (extraction.article_id,))

    def extractions(self, ids: Iterable[str]) -> dict[str, Extraction]:
        result = {}
        for chunk in _chunks(list(ids), 500):
            marks = ", ".join("?" * len(chunk))
            for article_id, data in self.conn.execute(
                f"SELECT article_id, data FROM extractions WHERE article_id IN ({marks})", chunk
            ):
                result[article_id] = from_dict(Extraction, json.loads(data))
        return result

    def claim_vector_ids(self, *, model: str) -> set[str]:
        """Ids of the articles whose claim vectors by ``model`` are stored."""
        rows = self.conn.execute("SELECT article_id FROM claim_vectors WHERE model = ?", (model,)).fetchall()
        return {r[0] for r in rows}

    def claim_vectors(self, ids: Iterable[str], *, model: str) -> dict[bytes, numpy.ndarray]:
        """Stored claim vectors of these articles by ``model``, by text key (``embed.text_key``)."""
        table: dict[bytes, numpy.ndarray] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ", ".join("?" * len(chunk))
            for keys, blob in self.conn.execute(
                f"SELECT keys, vectors FROM claim_vectors WHERE model = ? AND article_id IN ({marks})",
                [model, *chunk],
            ):
                if not keys:
                    continue  # an article with no claim sentences (kept so it is not embedded again)
                matrix = numpy.frombuffer(blob, dtype="<f4").reshape(len(keys) // 20, -1)
                table.update((bytes(keys[i * 20 : i * 20 + 20]), matrix[i]) for i in range(len(matrix)))
        return table

    def save_claim_vectors(self, vectors: Mapping[str, tuple[Sequence[bytes], numpy.ndarray]], *, model: str) -> None:
        """Store, per article id, its claim sentences' text keys and their (n, dim) vectors, in one transaction."""
        with self.conn:
            self.conn.executemany(
                "INSERT OR REPLACE INTO claim_vectors (article_id, model, keys, vectors) VALUES (?, ?, ?, ?)",
                [
                    (aid, model, b"".join(keys), numpy.asarray(matrix, dtype="<f4").tobytes())
                    for aid, (keys, matrix) in vectors.items()
                ],
            )

    # ------------------------------------------------------------------ checks and stories

    def save_check(self, result: CheckResult) -> None:
        with self._tx():
            self.conn.execute(
                "INSERT OR REPLACE INTO checks (story_id, article_ids, data, checked_at) VALUES (?, ?, ?, ?)",
                (result.story_id, _dumps(list(result.article_ids)), _dumps(to_dict(result)), _now()),
            )

    def load_check(self, story_id: str) -> CheckResult | None:
        row = self.conn.execute("SELECT data FROM checks WHERE story_id = ?", (story_id,)).fetchone()
        return from_dict(CheckResult, json.loads(row[0])) if row else None

    def stories(self) -> list[Story]:
        rows = self.conn.execute("SELECT data FROM stories ORDER BY id").fetchall()
        return [from_dict(Story, json.loads(r[0])) for r in rows]

    # ------------------------------------------------------------------ story clustering state

    def article_vectors(self, ids: Iterable[str], *, model: str) -> dict[str, numpy.ndarray]:
        """Cached lead vectors of these articles made by ``model`` (others are absent)."""
        result = {}
        for chunk in _chunks(list(ids), 500):
            marks = ", ".join("?" * len(chunk))
            for article_id, blob in self.conn.execute(
                f"SELECT article_id, vector FROM article_vectors WHERE model = ? AND article_id IN ({marks})",
                [model, *chunk],
            ):
                result[article_id] = numpy.frombuffer(blob, dtype="<f4").copy()
        return result

    def save_article_vectors(self, vectors: Mapping[str, numpy.ndarray], *, model: str) -> None:
        with self._tx():
            self.conn.executemany(
                "INSERT OR REPLACE INTO article_vectors (article_id, model, vector) VALUES (?, ?, ?)",
                [(aid, model, numpy.asarray(v, dtype="<f4").tobytes()) for aid, v in vectors.items()],
            )

    def story_count(self) -> int:
        """How many articles have been placed in stories."""
        return int(self.conn.execute("SELECT COUNT(*) FROM story_members").fetchone()[0])

    def story_ids_at(self, positions: Iterable[int]) -> dict[int, str]:
        """Story id of the clustered articles at these arrival positions."""
        return dict(self._select_in("SELECT position, story_id FROM story_members WHERE position IN", positions))

    def story_ids_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Story id of these clustered articles."""
        return dict(self._select_in("SELECT article_id, story_id FROM story_members WHERE article_id IN", article_ids))

    def story_member_ids(self, story_ids: Iterable[str]) -> dict[str, list[str]]:
        """Article ids of these stories, in arrival order."""
        found: dict[str, list[str]] = {}
        rows = self._select_in("SELECT story_id, article_id, position FROM story_members WHERE story_id IN", story_ids)
        for story_id, article_id, _ in sorted(rows, key=lambda row: row[2]):
            found.setdefault(story_id, []).append(article_id)
        return found

    def story_summaries(self, story_ids: Iterable[str]) -> dict[str, bytes]:
        return {
            sid: bytes(blob)
            for sid, blob in self._select_in("SELECT story_id, data FROM story_summaries WHERE story_id IN", story_ids)
        }

    def term_frequencies(self, terms: Iterable[int]) -> dict[int, int]:
        return dict(self._select_in("SELECT term, articles FROM term_frequencies WHERE term IN", terms))

    def story_index_names(self) -> set[str]:
        """Names of the saved time buckets of the lead-vector index."""
        rows = self.conn.execute("SELECT name FROM story_index WHERE name LIKE 'lead:%'").fetchall()
        return {r[0].removeprefix("lead:") for r in rows}

    def story_index_bucket(self, name: str) -> bytes | None:
        row = self.conn.execute("SELECT data FROM story_index WHERE name = ?", (f"lead:{name}",)).fetchone()
        return bytes(row[0]) if row else None

    def save_story_state(self, change: StoryChange) -> None:
        """Save what one clustering run changed, all in one transaction: new members, merges, the
        summaries of changed stories, word frequencies and the changed index buckets."""
        with self._tx():
            self.conn.executemany(
                "INSERT OR REPLACE INTO story_members (article_id, position, story_id, entities, day) "
                "VALUES (?, ?, ?, ?, ?)",
                [(aid, pos, sid, _dumps(list(ents)), day) for aid, pos, sid, ents, day in change.members],
            )
            for gone, keep in change.merged.items():
                self.conn.execute("UPDATE story_members SET story_id = ? WHERE story_id = ?", (keep, gone))
                self.conn.execute("DELETE FROM story_summaries WHERE story_id = ?", (gone,))
            self.conn.executemany(
                "INSERT OR REPLACE INTO story_summaries (story_id, data) VALUES (?, ?)", change.summaries.items()
            )
            self.conn.executemany(
                "INSERT INTO term_frequencies (term, articles) VALUES (?, ?) "
                "ON CONFLICT (term) DO UPDATE SET articles = articles + excluded.articles",
                change.frequencies.items(),
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO story_index (name, items, data) VALUES (?, 0, ?)",
                [(f"lead:{name}", blob) for name, blob in change.buckets.items()],
            )

    def update_stories(self, stories: Sequence[Story], *, removed: Iterable[str] = ()) -> None:
        """Upsert these stories and drop ``removed`` ones (merged away), leaving the others untouched."""
        with self._tx():
            for story_id in [*removed, *(s.id for s in stories)]:
                self.conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story_id,))
                self.conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            for story in stories:
                self.conn.execute(
                    "INSERT INTO stories (id, headline, data, updated_at) VALUES (?, ?, ?, ?)",
                    (story.id, story.headline, _dumps(to_dict(story)), _now()),
                )
                self.conn.executemany(
                    "INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)",
                    [(story.id, a) for a in story.article_ids],
                )

    def last_brief(self, story_id: str) -> tuple[str, dict[str, Any]] | None:
        """``(generated_at, {"story": ..., "articles": [...]})`` of the story's last brief, if any."""
        sql = "SELECT generated_at, data FROM story_briefs WHERE story_id = ?"
        row = self.conn.execute(sql, (story_id,)).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def save_last_brief(self, story_id: str, generated_at: str, data: Mapping[str, Any]) -> None:
        with self._tx():
            self.conn.execute(
                "INSERT OR REPLACE INTO story_briefs (story_id, generated_at, data) VALUES (?, ?, ?)",
                (story_id, generated_at, _dumps(data)),
            )

    def brief_states(self, out_dir: str) -> dict[str, tuple[str, str, dict[str, Any]]]:
        """Per story briefed into ``out_dir``: ``(signature, format, index entry)`` of its written brief."""
        rows = self.conn.execute(
            "SELECT story_id, signature, format, entry FROM brief_state WHERE out_dir = ?", (out_dir,)
        ).fetchall()
        return {sid: (signature, fmt, json.loads(entry)) for sid, signature, fmt, entry in rows}

    def save_brief_state(
        self, story_id: str, out_dir: str, *, signature: str, format: str, entry: Mapping[str, Any]
    ) -> None:
        """Record that ``story_id``'s brief files in ``out_dir`` are complete (call after they are renamed in)."""
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO brief_state (story_id, out_dir, signature, format, entry, written_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (story_id, out_dir, signature, format, _dumps(entry), _now()),
            )

    def _select_in(self, sql: str, keys: Iterable[Any]) -> list[tuple[Any, ...]]:
        """Rows of ``sql + (?, ?, ...)`` over ``keys``, 500 at a time."""
        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(list(keys), 500):
            rows.extend(self.conn.execute(f"{sql} ({', '.join('?' * len(chunk))})", chunk).fetchall())
        return rows

    def half_written_stories(self) -> tuple[list[str], list[str]]:
        """``(story ids with members but no story row or other articles, story rows without members)``."""
        missing = self.conn.execute(
            "SELECT DISTINCT m.story_id FROM story_members m LEFT JOIN story_articles s "
            "ON s.story_id = m.story_id AND s.article_id = m.article_id WHERE s.article_id IS NULL "
            "UNION SELECT DISTINCT s.story_id FROM story_articles s LEFT JOIN story_members m "
            "ON m.story_id = s.story_id AND m.article_id = s.article_id WHERE m.article_id IS NULL "
            "AND s.story_id IN (SELECT story_id FROM story_members) ORDER BY 1"
        ).fetchall()
        orphaned = self.conn.execute(
            "SELECT id FROM stories WHERE id NOT IN (SELECT story_id FROM story_members) "
            "AND EXISTS (SELECT 1 FROM story_members) ORDER BY id"
        ).fetchall()
        return [r[0] for r in missing], [r[0] for r in orphaned]

    def unclustered_ids(self) -> list[str]:
        """Ids of stored articles not yet assigned to a story."""
        rows = self.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_members m ON m.article_id = a.id "
            "WHERE m.article_id IS NULL ORDER BY a.id"
        ).fetchall()
        return [r[0] for r in rows]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _statements(script: str) -> Iterator[str]:
    """The complete SQL statements of a script, one at a time."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
