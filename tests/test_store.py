from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crosswire.errors import StoreError
from crosswire.migrations import MIGRATIONS
from crosswire.model import Article, CheckResult, Extraction, Sentence, Story
from crosswire.store import Store


def article(n: int, **kw: object) -> Article:
    return Article(id=f"id{n:02d}", text=f"text {n}", ingested_at="2026-03-03T00:00:00+00:00", **kw)  # type: ignore[arg-type]


def test_new_store_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        assert store.schema_version == len(MIGRATIONS)
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_reopening_keeps_articles_and_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        store.add_article(article(1, url="a.txt"), signature=b"sig")
    with Store.open(tmp_path / "a.db") as store:
        assert [a.id for a in store.articles()] == ["id01"]
        assert store.origins("id01") == [("a.txt", None)]


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this crosswire"):
        Store.open(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable crosswire database"):
        Store.open(path)


def test_add_article_is_all_or_nothing(store: Store) -> None:
    assert store.add_article(article(1), signature=b"sig") is True
    with pytest.raises(sqlite3.IntegrityError):
        store.add_article(article(2), signature=None)  # type: ignore[arg-type]  # nothing of it may remain
    assert store.count_articles() == 1
    assert store.conn.execute("SELECT COUNT(*) FROM minhashes").fetchone()[0] == 1


def test_add_article_twice_is_idempotent(store: Store) -> None:
    """Two writers storing one text: the second insert is 'already stored', not an IntegrityError (#11)."""
    assert store.add_article(article(1, url="a.txt"), signature=b"sig") is True
    assert store.add_article(article(1, url="b.txt"), signature=b"sig") is False
    assert store.count_articles() == 1
    assert store.conn.execute("SELECT COUNT(*) FROM minhashes").fetchone()[0] == 1
    assert [o for o, _ in store.origins("id01")] == ["a.txt", "b.txt"]


def test_origins_of_identical_text_are_recorded_once(store: Store) -> None:
    store.add_article(article(1, url="a.txt", source="A"), signature=b"s")
    assert store.add_origin("id01", "b.txt", "B") is True
    assert store.add_origin("id01", "b.txt", "B") is False
    assert store.origins("id01") == [("a.txt", "A"), ("b.txt", "B")]


def test_articles_by_ids_keep_the_order_asked(store: Store) -> None:
    for n in (1, 2, 3):
        store.add_article(article(n), signature=b"s")
    assert [a.id for a in store.articles(["id03", "id01", "nope"])] == ["id03", "id01"]
    assert [a.id for a in store.find_articles("id0")] == ["id01", "id02", "id03"]


def test_stage_outputs_round_trip(store: Store) -> None:
    store.add_article(article(1), signature=b"s")
    extraction = Extraction("id01", "v1", "en", sentences=(Sentence(0, 0, 6, "text 1"),))
    store.save_extraction(extraction)
    assert store.extractions(["id01"]) == {"id01": extraction}
    assert store.extraction_versions() == {"id01": "v1"}
    check = CheckResult("s1", ("id01",))
    store.save_check(check)
    assert store.load_check("s1") == check
    story = Story("s1", "Leak", ("id01",))
    store.update_stories([story])
    assert store.stories() == [story]


def test_two_processes_opening_a_new_store_at_once_both_succeed(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "race.db"
    code = f"from crosswire.store import Store; Store.open({str(path)!r}).close()"
    processes = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE) for _ in range(4)]
    errors = [p.communicate()[1].decode() for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0, 0], errors
    with Store.open(path) as store:
        assert store.schema_version == len(MIGRATIONS)


def test_claim_vectors_of_an_article_without_claims_are_stored_empty_and_read_back(tmp_path: Path) -> None:
    import numpy

    with Store.open(tmp_path / "v.db") as store:
        store.conn.execute("PRAGMA foreign_keys=OFF")
        vectors = numpy.eye(2, 384, dtype=numpy.float32)
        store.save_claim_vectors({"a": ([b"k" * 20, b"j" * 20], vectors), "b": ([], vectors[:0])}, model="m")
        assert store.claim_vector_ids(model="m") == {"a", "b"}
        table = store.claim_vectors(["a", "b"], model="m")
        assert set(table) == {b"k" * 20, b"j" * 20} and (table[b"j" * 20] == vectors[1]).all()
        assert store.claim_vectors(["a"], model="other") == {}


def _open_and_count(path: str, barrier, results) -> None:  # noqa: ANN001
    barrier.wait()
    try:
        with Store.open(path) as store:
            store.count_articles()
        results.put("ok")
    except StoreError as error:
        results.put(str(error))


def test_processes_opening_a_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    """Switching a new file to write-ahead logging while another process creates its schema answered
    'database is locked' at once (34 of 450 opens in a stress run); Store.open now waits for it."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    failures = []
    for trial in range(20):
        barrier, results = context.Barrier(3), context.Queue()
        path = str(tmp_path / f"new-{trial}.db")
        workers = [context.Process(target=_open_and_count, args=(path, barrier, results)) for _ in range(3)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
        failures += [r for r in (results.get(timeout=10) for _ in workers) if r != "ok"]
    assert failures == []
