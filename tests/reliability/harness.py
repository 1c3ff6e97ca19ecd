"""Reliability harness (issue #11): concurrent writers and SIGKILLed runs against a clean run.

Used by the tests (a few trials) and by ``eval/reliability.py`` (``make fuzz``, many trials). A
worker is ``python -m tests.reliability.harness STAGE DB [INPUTS...]``: ``ingest`` and ``stories``
run the pipeline itself, ``stories`` with a model-free embedder, so a trial costs a fraction of a
second; ``extract`` and ``brief`` run the real ``crosswire`` command.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy

ROOT = Path(__file__).resolve().parents[2]
TOPICS = {
    "tram": "Brennholm council approves the tram line to the university campus, councillors said on {day} March.",
    "leak": "Styrene leaks from the tanker Corran Star in Veltmar harbour, the port authority said on {day} March.",
    "fire": "Fire at the Kestrel warehouse in Oderby injures {n} workers, the fire service said on {day} March.",
}
WHO = (
    "Officials",
    "The mayor",
    "A spokeswoman",
    "Two residents",
    "The harbour master",
    "Inspectors",
    "A union steward",
    "The regional office",
    "Volunteers",
    "A local trader",
)
DID = (
    "described the response as",
    "asked for",
    "called for a review of",
    "were told about",
    "questioned",
    "promised updates on",
    "gave figures for",
    "complained about",
    "praised",
    "defended",
)
WHAT = (
    "the costs of the clean-up",
    "the timetable for the weeks ahead",
    "the night shift",
    "the road closures",
    "the water samples",
    "the insurance claims",
    "the school bus routes",
    "the temporary shelters",
    "the ferry timetable",
    "the evening briefing",
)


class TopicEmbedder:
    """Lead vectors by topic (no model): one topic's articles are near-identical, others far apart."""

    def embed(self, texts: Sequence[str]) -> numpy.ndarray:
        rows = []
        for text in texts:
            topic = next((t for t, lead in TOPICS.items() if lead.split()[0] in text), "other")
            base = numpy.random.default_rng(zlib.crc32(topic.encode())).standard_normal(384)
            noise = numpy.random.default_rng(zlib.crc32(text.encode())).standard_normal(384)
            row = base + 0.05 * noise
            rows.append(row / numpy.linalg.norm(row))
        return numpy.asarray(rows, dtype=numpy.float32)


def article_text(topic: str, n: int, *, variant: int = 0) -> str:
    """An article of ``topic``; ``variant`` > 0 is a near copy (a syndicated rewrite of its last line)."""
    lead = TOPICS[topic].format(day=1 + n % 20, n=n + 3)
    rng = random.Random(n)  # each report its own sentences: reports of one topic are not copies of each other
    body = " ".join(
        f"{rng.choice(WHO)} {rng.choice(DID)} {rng.choice(WHAT)} on day {k + 1} of the {topic} story. "
        f"{rng.choice(WHO)} {rng.choice(DID)} {rng.choice(WHAT)}, report {n} adds as point {k * n + 1}."
        for k in range(8)
    )
    tail = f" Edited by desk {variant}." if variant else ""
    return f"{topic.title()} report {n}\n\n{lead} {body}{tail}\n"


def make_corpora(folder: Path, *, articles: int = 24) -> tuple[Path, Path]:
    """Corpus A, and corpus B overlapping it: a third exact copies, a third near copies, a third new."""
    a, b = folder / "A", folder / "B"
    a.mkdir(parents=True, exist_ok=True)
    b.mkdir(parents=True, exist_ok=True)
    topics = list(TOPICS)
    for n in range(articles):
        topic = topics[n % 3]
        (a / f"a{n:03d}.txt").write_text(article_text(topic, n), "utf-8")
        kind = n % 3
        if kind == 0:
            (b / f"b{n:03d}.txt").write_text(article_text(topic, n), "utf-8")
        elif kind == 1:
            (b / f"b{n:03d}.txt").write_text(article_text(topic, n, variant=1), "utf-8")
        else:
            (b / f"b{n:03d}.txt").write_text(article_text(topic, n + 1000), "utf-8")
    return a, b


def worker(stage: str, db: str, inputs: Sequence[str]) -> int:
    from crosswire import pipeline
    from crosswire.settings import load_settings
    from crosswire.store import Store

    with Store.open(db) as store:
        if stage == "ingest":
            for _ in pipeline.run_ingest(store, inputs, settings=load_settings()):
                pass
        elif stage == "ingest+stories":
            for _ in pipeline.run_ingest(store, inputs, settings=load_settings()):
                pass
            pipeline.run_stories(store, embedder=TopicEmbedder())
        elif stage == "stories":
            pipeline.run_stories(store, embedder=TopicEmbedder())
        else:
            raise SystemExit(f"unknown stage {stage}")
    return 0


def command(stage: str, db: Path, inputs: Sequence[str | Path] = (), *, out: Path | None = None) -> list[str]:
    """The command line of one run of ``stage`` (a harness worker, or the crosswire CLI)."""
    if stage in {"ingest", "stories", "ingest+stories"}:
        return [sys.executable, "-m", "tests.reliability.harness", stage, str(db), *map(str, inputs)]
    cli = [sys.executable, "-m", "crosswire", "--db", str(db)]
    if stage == "extract":
        return [*cli, "extract"]
    if stage == "brief":
        return [*cli, "brief", "--out", str(out), "--format", "md", "--format", "json"]
    raise ValueError(stage)


DURATION: dict[str, float] = {}  # seconds a clean run of each stage took, the range kill points are drawn from


def run(stage: str, db: Path, inputs: Sequence[str | Path] = (), *, out: Path | None = None) -> None:
    started = time.monotonic()
    subprocess.run(command(stage, db, inputs, out=out), cwd=ROOT, check=True, capture_output=True, env=_env(db))
    DURATION.setdefault(stage, time.monotonic() - started)


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}", "CROSSWIRE_DB": str(db)}


def killed(stage: str, db: Path, inputs: Sequence[str | Path] = (), *, after: float, out: Path | None = None) -> bool:
    """Start ``stage`` and SIGKILL it ``after`` seconds in. True when it was killed before it finished."""
    process = subprocess.Popen(
        command(stage, db, inputs, out=out),
        cwd=ROOT,
        env=_env(db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(after)
    finished = process.poll() is not None
    if not finished:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return not finished


def snapshot(db: Path) -> dict[str, Any]:
    """What two stores must agree on: articles, origins, syndication groups, stories, word totals."""
    conn = sqlite3.connect(db)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        articles = dict(conn.execute("SELECT id, COALESCE(dup_group, id) FROM articles").fetchall())
        groups: dict[str, set[str]] = {}
        for article_id, group in articles.items():
            groups.setdefault(group, set()).add(article_id)
        origins = sorted(conn.execute("SELECT article_id, origin FROM article_origins").fetchall())
        origins = [(a, os.path.basename(o)) for a, o in origins]
        counts = {
            t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("articles", "article_origins", "minhashes", "story_members", "story_articles")
        }
        stories = sorted(sorted(json.loads(r[0])["article_ids"]) for r in conn.execute("SELECT data FROM stories"))
        frequencies = conn.execute("SELECT COALESCE(SUM(articles), 0) FROM term_frequencies").fetchone()[0]
        members = sorted(r[0] for r in conn.execute("SELECT article_id FROM story_members"))
        return {
            "integrity": integrity,
            "articles": sorted(articles),
            "origins": origins,
            "counts": counts,
            "groups": sorted(sorted(g) for g in groups.values()),
            "stories": stories,
            "frequencies": frequencies,
            "members": members,
        }
    finally:
        conn.close()


def differences(one: dict[str, Any], other: dict[str, Any]) -> list[str]:
    """The keys on which two snapshots differ."""
    return sorted(k for k in one if one[k] != other.get(k))


@dataclass(frozen=True)
class Trial:
    kind: str
    differences: tuple[str, ...]


def concurrency_trial(folder: Path, *, articles: int = 24) -> Trial:
    """``ingest A`` and ``ingest B`` in two processes at once, then two ``stories`` at once, against the
    same runs one after the other; compare the stores.

    (Story clustering is incremental and follows publication order, so a ``stories`` run that starts
    while the other corpus is still being ingested clusters a different batch: a legitimate
    schedule, but not the one compared against. The two phases are therefore run apart.)
    """
    a, b = make_corpora(folder / "corpus", articles=articles)
    sequential, parallel = folder / "sequential.db", folder / "parallel.db"
    for corpus in (a, b):
        run("ingest", sequential, [corpus])
    run("stories", sequential)
    run("stories", sequential)
    failed = _at_once([("ingest", [a]), ("ingest", [b])], parallel)
    failed += _at_once([("stories", []), ("stories", [])], parallel)
    found = differences(snapshot(sequential), snapshot(parallel))
    return Trial("concurrent ingest, then concurrent stories", tuple(found + [f"crashed: {f}" for f in failed]))


def _at_once(runs: Sequence[tuple[str, Sequence[Path]]], db: Path) -> list[str]:
    """Start every run at once and wait for all; the last error line of each that failed."""
    processes = [
        subprocess.Popen(
            command(stage, db, inputs), cwd=ROOT, env=_env(db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        for stage, inputs in runs
    ]
    errors = [p.communicate()[1].decode(errors="replace") for p in processes]
    return [(e.strip().splitlines() or ["?"])[-1] for p, e in zip(processes, errors, strict=True) if p.returncode]


def kill_trial(folder: Path, stage: str, *, seed: int, articles: int = 12, clean: Path | None = None) -> Trial:
    """SIGKILL ``stage`` at a random point, re-run it, and compare the store with a clean run's.

    ``clean`` is a store that went through the same stages unharmed (made here when not given).
    """
    rng = random.Random(seed)
    a, _ = make_corpora(folder / "corpus", articles=articles)
    before = {"ingest": [], "stories": ["ingest"], "extract": ["ingest"], "brief": ["ingest", "extract"]}[stage]
    if clean is None:
        clean = folder / "clean.db"
        for step in [*before, stage]:
            run(step, clean, [a] if step == "ingest" else [], out=folder / "clean-brief")
    db = folder / f"killed-{stage}-{seed}.db"
    for step in before:
        run(step, db, [a] if step == "ingest" else [])
    out = folder / f"brief-{seed}"
    killed(stage, db, [a] if stage == "ingest" else [], after=rng.uniform(0.1, DURATION[stage]), out=out)
    run(stage, db, [a] if stage == "ingest" else [], out=out)
    found = differences(snapshot(clean), snapshot(db))
    if stage == "brief":
        found += _brief_differences(folder / "clean-brief", out)
    return Trial(f"kill {stage}", tuple(found))


def _brief_differences(clean: Path, other: Path) -> list[str]:
    def load(folder: Path) -> dict[str, Any]:
        files = sorted(folder.rglob("brief.json"))
        data = [json.loads(f.read_text("utf-8")) for f in files]
        for brief in data:
            brief.pop("generated_at", None)
            for story in brief.get("stories", []):
                story.pop("generated_at", None)
        return {"briefs": data}

    return [] if load(clean) == load(other) else ["brief.json"]


if __name__ == "__main__":
    raise SystemExit(worker(sys.argv[1], sys.argv[2], sys.argv[3:]))
