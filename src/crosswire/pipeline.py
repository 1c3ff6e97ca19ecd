"""Runs the stages in order over the store: the one place where stages meet storage.

Each ``run_*`` function can be called on its own (the CLI's commands and the tests do), and each is
incremental: work already stored is not redone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from crosswire import dedupe
from crosswire.fetch import Fetcher
from crosswire.ingest import load_inputs
from crosswire.model import Article, Rejected
from crosswire.settings import Settings
from crosswire.store import Store

IngestStatus = Literal["stored", "exists", "copy", "rejected"]


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input (or one record of a JSON(L) file, or one feed item)."""

    input: str
    status: IngestStatus
    article_id: str | None = None
    detail: str = ""  # the reason when rejected; the group when a near copy


def run_ingest(
    store: Store,
    inputs: Sequence[str],
    *,
    settings: Settings,
    fields: Mapping[str, str] | None = None,
    fetcher: Fetcher | None = None,
    allow_private: bool = False,
) -> Iterator[IngestOutcome]:
    """Ingest ``inputs`` into ``store``, de-duplicating against everything stored before.

    Re-running with the same inputs stores nothing new (status ``exists``). An identical text found
    at a new path or URL is not stored again; its origin is recorded (status ``copy``).
    """
    index = dedupe.DupIndex(threshold=settings.near_dup_threshold, num_perm=settings.minhash_perm)
    index.add_all(store.signatures())
    for result in load_inputs(inputs, settings=settings, fields=fields, fetcher=fetcher, allow_private=allow_private):
        if isinstance(result, Rejected):
            yield IngestOutcome(result.input, "rejected", detail=result.reason)
        else:
            yield _store_article(store, result, index=index, settings=settings)


def _store_article(store: Store, article: Article, *, index: dedupe.DupIndex, settings: Settings) -> IngestOutcome:
    origin = article.url or ""
    if store.has_article(article.id):
        if store.add_origin(article.id, origin, article.source):
            return IngestOutcome(origin, "copy", article.id, detail=f"identical text already stored as {article.id}")
        return IngestOutcome(origin, "exists", article.id)
    signature = dedupe.signature(article.text, num_perm=settings.minhash_perm, shingle_words=settings.shingle_words)
    article = dedupe.assign_group(article, signature, index)
    store.add_article(article, signature=dedupe.to_bytes(signature))
    detail = f"near copy of {article.dup_group}" if article.dup_group else ""
    return IngestOutcome(origin, "stored", article.id, detail=detail)
