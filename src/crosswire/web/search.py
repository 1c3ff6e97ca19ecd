"""Full-text search over the stored articles with SQLite FTS5, in an index the web app keeps in memory.

The store's schema is not touched: the index is an FTS5 table in a private in-memory database,
filled on first search and topped up with the articles stored since (articles are only ever added,
so rows above the last indexed ``rowid`` are the new ones). Restarting ``crosswire serve`` rebuilds it.

A query is split into words and each word is searched as a quoted FTS5 string, so no query text is
ever FTS5 syntax: ``harbour "closed`` finds articles with both words and cannot raise a syntax error.
A trailing ``*`` on a word makes it a prefix.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass

from markupsafe import Markup, escape

from crosswire.store import Store

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
_TERM = re.compile(r"(\w+)(\*?)")
_OPEN, _CLOSE = "\x02", "\x03"  # snippet markers; removed from the indexed text first


class BadQuery(ValueError):
    """The search text is empty, too long, or has no words."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching article and the passage that matched, with the words marked."""

    article_id: str
    title: str | None
    source: str | None
    published_at: str | None
    snippet: Markup  # escaped text with <mark> around the matched words


def fts_query(text: str) -> str:
    """The FTS5 query for ``text``: its words, each quoted (a ``*`` after one keeps it a prefix), all required.

    Raises:
        BadQuery: empty, longer than ``MAX_QUERY_CHARS``, or without a word.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise BadQuery(f"the search is {len(text)} characters long; at most {MAX_QUERY_CHARS}")
    terms = [f'"{word}"{star}' for word, star in _TERM.findall(text)][:MAX_TERMS]
    if not terms:
        raise BadQuery("give some words to search for")
    return " ".join(terms)


class SearchIndex:
    """An FTS5 index of the articles of one store, shared by the app's threads."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "article_id UNINDEXED, title, source, text, tokenize = 'unicode61 remove_diacritics 2')"
        )
        self._last_rowid = 0
        self._lock = threading.Lock()

    def refresh(self, store: Store) -> int:
        """Index the articles stored since the last refresh. Returns how many were added."""
        with self._lock:
            rows = store.conn.execute(
                "SELECT rowid, id, title, source, text FROM articles WHERE rowid > ? ORDER BY rowid",
                (self._last_rowid,),
            ).fetchall()
            with self._db:
                self._db.executemany(
                    "INSERT INTO articles_fts (article_id, title, source, text) VALUES (?, ?, ?, ?)",
                    [(aid, _clean(title), _clean(source), _clean(text)) for _, aid, title, source, text in rows],
                )
            if rows:
                self._last_rowid = rows[-1][0]
            return len(rows)

    def search(self, store: Store, text: str, *, limit: int = 20, offset: int = 0) -> list[Hit]:
        """Articles matching every word of ``text``, best first (BM25, titles weighted up).

        Raises:
            BadQuery: see ``fts_query``.
        """
        query = fts_query(text)
        self.refresh(store)
        with self._lock:
            rows = self._db.execute(
                "SELECT article_id, snippet(articles_fts, -1, ?, ?, ' … ', 16) FROM articles_fts "
                "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 0, 5.0, 2.0, 1.0) LIMIT ? OFFSET ?",
                (_OPEN, _CLOSE, query, limit, offset),
            ).fetchall()
        articles = {a.id: a for a in store.articles([r[0] for r in rows])}
        return [
            Hit(aid, articles[aid].title, articles[aid].source, articles[aid].published_at, _marked(snippet))
            for aid, snippet in rows
            if aid in articles
        ]


def _clean(value: str | None) -> str:
    return (value or "").replace(_OPEN, " ").replace(_CLOSE, " ")


def _marked(snippet: str) -> Markup:
    """The snippet escaped, its match markers turned into ``<mark>`` tags."""
    escaped = str(escape(snippet))
    return Markup(escaped.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>"))
