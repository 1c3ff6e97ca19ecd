"""Issue #11, item 6 and the crash test: writers at once, and runs SIGKILLed at random points.

A few trials here; ``make fuzz`` runs many more (``eval/reliability.py``, figures in docs/reliability.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability import harness


def test_two_writers_at_once_give_the_store_of_one_after_the_other(tmp_path: Path) -> None:
    trial = harness.concurrency_trial(tmp_path)
    assert trial.differences == ()


@pytest.mark.parametrize(("stage", "seed"), [("ingest", 11), ("stories", 12)])
def test_a_killed_run_rerun_gives_the_clean_store(tmp_path: Path, stage: str, seed: int) -> None:
    assert harness.kill_trial(tmp_path, stage, seed=seed).differences == ()


def test_near_copies_stored_by_another_writer_during_a_run_are_grouped(tmp_path: Path, settings) -> None:  # noqa: ANN001
    """The run's near-copy index catches up, under the write lock, with what others stored meanwhile."""
    from crosswire import pipeline
    from crosswire.store import Store

    a, b = harness.make_corpora(tmp_path / "corpus", articles=6)
    with Store.open(tmp_path / "x.db") as first, Store.open(tmp_path / "x.db") as second:
        run_b = pipeline.run_ingest(second, [str(b)], settings=settings)
        next(run_b)  # the B run has started (and read the store) before A is stored
        list(pipeline.run_ingest(first, [str(a)], settings=settings))
        list(run_b)
        groups = {row[0] for row in second.conn.execute("SELECT dup_group FROM articles WHERE dup_group IS NOT NULL")}
    assert len(groups) == 2  # the near copies of a001 and a004 join them (exact copies are one article)
