"""The store the serve load test reads: N composed articles (``bench.corpus``), ingested and briefed.

Built once by the real commands (``crosswire brief FOLDER --processes 2``: ingest, stories, extract,
embed, check, brief) under build/bench-serve/ and reused while the corpus and crosswire's version are
the same; each load test runs on a copy, since its writers add articles.

    python -m bench.serve_store --articles 2000     # build (or find) it; prints one JSON line
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from bench.corpus import make_corpus, write_corpus

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "bench-serve"
CROSSWIRE = str(ROOT / ".venv" / "bin" / "crosswire")


def corpus_texts(articles: int, extra: int = 0) -> tuple[list[str], list[str]]:
    """The store's ``articles`` texts and ``extra`` more (the same generator, so new texts) for the writers."""
    texts = make_corpus(articles + extra)
    return texts[:articles], texts[articles:]


def built_store(articles: int) -> tuple[Path, dict[str, float | int | str]]:
    """The path of the built store of ``articles`` articles and how it was built (building it if needed)."""
    db = BUILD / f"store-{articles}.db"
    meta_path = db.with_suffix(".json")
    stamp = version("crosswire")
    if db.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text("utf-8"))
        if meta.get("crosswire") == stamp:
            return db, meta
    BUILD.mkdir(parents=True, exist_ok=True)
    for stale in BUILD.glob(f"store-{articles}.db*"):
        stale.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(corpus_texts(articles)[0], folder)
        start = time.perf_counter()
        subprocess.run(
            [
                CROSSWIRE,
                "--db",
                str(db),
                "brief",
                str(folder),
                "--out",
                str(Path(tmp) / "brief"),
                "--format",
                "json",
                "--processes",
                "2",
            ],
            check=True,
            capture_output=True,
            cwd=tmp,
        )
        seconds = time.perf_counter() - start
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        stories = conn.execute("SELECT count(*) FROM checks").fetchone()[0]
    meta = {"articles": stored, "checked_stories": stories, "build_s": round(seconds, 1), "crosswire": stamp}
    meta_path.write_text(json.dumps(meta), "utf-8")
    return db, meta


def working_copy(db: Path, folder: Path) -> Path:
    """A copy of the built store in ``folder`` (SQLite's backup, so a copy of a consistent state)."""
    target = folder / "serve.db"
    with sqlite3.connect(db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rebuild", action="store_true", help="build again even if a store is there")
    args = parser.parse_args()
    if args.rebuild:
        shutil.rmtree(BUILD, ignore_errors=True)
    db, meta = built_store(args.articles)
    print(json.dumps({"path": str(db.relative_to(ROOT)), **meta}))


if __name__ == "__main__":
    main()
