"""Issue #11, item 2: folders with symlink loops are walked once, in finite time, with no false copies."""

from __future__ import annotations

import os
from pathlib import Path

from crosswire import pipeline
from crosswire.settings import Settings
from crosswire.store import Store

BODY = "The harbour of Veltmar was closed on Tuesday after a tanker leaked solvent into the east basin. " * 4


def test_symlink_loops_end_and_store_each_file_once(tmp_path: Path, settings: Settings) -> None:
    corpus = tmp_path / "d"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("First\n\n" + BODY)
    (corpus / "sub" / "b.txt").write_text("Second\n\n" + BODY + " More.")
    os.symlink(".", corpus / "self")
    os.symlink("..", corpus / "sub" / "up")
    with Store.open(tmp_path / "x.db") as store:
        outcomes = list(pipeline.run_ingest(store, [str(corpus)], settings=settings))
    assert sorted(o.status for o in outcomes) == ["stored", "stored"]


def test_a_symlinked_file_and_folder_outside_a_loop_are_still_read(tmp_path: Path, settings: Settings) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "c.txt").write_text("Third\n\n" + BODY)
    corpus = tmp_path / "d"
    corpus.mkdir()
    os.symlink(outside, corpus / "linked")
    os.symlink(corpus / "missing.txt", corpus / "dangling.txt")
    with Store.open(tmp_path / "x.db") as store:
        outcomes = list(pipeline.run_ingest(store, [str(corpus)], settings=settings))
    assert sorted(o.status for o in outcomes) == ["rejected", "stored"]
