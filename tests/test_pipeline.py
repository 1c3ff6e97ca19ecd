"""The pipeline's incremental behaviour: work already stored is not redone."""

from __future__ import annotations

from pathlib import Path

from crosswire import pipeline
from crosswire.settings import Settings
from crosswire.store import Store

TEXT = (
    "Harbour Minister Ilse Marten said on Tuesday that {n} dock workers were taken to hospital after the tanker "
    "MV Corran Star leaked styrene at Pier 7 of Veltmar's east harbour, officials in the city confirmed later."
)


def test_extraction_runs_once_and_again_only_for_outdated_articles(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    for n in (3, 4, 5):
        (tmp_path / f"{n}.txt").write_text(TEXT.format(n=n) + f" Report {n} of three, filed separately.")
    ids = [o.article_id for o in pipeline.run_ingest(store, [str(tmp_path)], settings=settings)]
    assert pipeline.run_extract(store) == 3
    assert pipeline.run_extract(store) == 0
    store.conn.execute("UPDATE extractions SET version = 'old' WHERE article_id = ?", (ids[1],))
    store.conn.commit()
    assert pipeline.pending_extractions(store) == 1
    extracted: list[str] = []
    assert pipeline.run_extract(store, on_done=lambda e: extracted.append(e.article_id)) == 1
    assert extracted == [ids[1]]


def test_story_of_is_stable_and_independent_of_order(tmp_path: Path, store: Store, settings: Settings) -> None:
    for n in (3, 4):
        (tmp_path / f"{n}.txt").write_text(TEXT.format(n=n) + f" Report {n}.")
    list(pipeline.run_ingest(store, [str(tmp_path)], settings=settings))
    articles = store.articles()
    assert pipeline.story_of(articles).id == pipeline.story_of(list(reversed(articles))).id
    assert pipeline.story_of(articles[:1]).id != pipeline.story_of(articles).id
