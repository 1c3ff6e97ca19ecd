"""Reliability (issue #11): fuzzing, SIGKILLed runs, concurrent writers and XSS payloads, measured.

``python -m eval.reliability`` prints the Markdown section (bounded: a few minutes); ``make fuzz``
runs the long version into docs/reliability.md. The machinery lives in ``tests/reliability``
(``harness.py``, ``xss.py``, ``test_properties.py``) so the tests and this report measure the same thing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reliability import harness, xss  # noqa: E402

PROPERTIES = "tests/reliability/test_properties.py"
STAGES = ("ingest", "stories", "extract", "brief")


def fuzz(examples: int) -> tuple[list[tuple[str, int, str]], float]:
    """Run the property suite with ``examples`` per property: ``[(property, examples run, outcome)]``."""
    started = time.monotonic()
    env = {**os.environ, "CROSSWIRE_FUZZ_PROFILE": "fuzz", "CROSSWIRE_FUZZ_EXAMPLES": str(examples)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            PROPERTIES,
            "--hypothesis-show-statistics",
            "-rA",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for block in re.split(r"\n(?=tests/reliability/test_properties.py::)", result.stdout):
        name = re.match(r"tests/reliability/test_properties.py::(\w+)", block)
        if not name:
            continue
        runs = sum(int(a) + int(b) for a, b in re.findall(r"(\d+) passing, (\d+) failing", block))
        failed = f"FAILED {PROPERTIES}::{name.group(1)}" in result.stdout
        rows.append((name.group(1), runs, "crash" if failed else "ok"))
    return rows, time.monotonic() - started


def classify(differences: Sequence[str]) -> Counter[str]:
    """A kill trial's differences from the clean run as lost / duplicated / corrupted."""
    found: Counter[str] = Counter()
    for key in differences:
        if key in {"articles", "origins", "members", "stories"}:
            found["lost"] += 1
        elif key == "counts":
            found["duplicated"] += 1
        else:
            found["corrupted"] += 1
    return found


def kills(trials: int, *, seed: int) -> tuple[dict[str, Counter[str]], float]:
    """``trials`` SIGKILLs spread over the stages; per stage: trials, and lost/duplicated/corrupted."""
    started = time.monotonic()
    per_stage: dict[str, Counter[str]] = {stage: Counter() for stage in STAGES}
    heavy = max(1, trials // 10)  # extract and brief load spaCy and the embedder: a tenth each
    plan = [*["extract"] * heavy, *["brief"] * heavy]
    plan += [("ingest", "stories")[i % 2] for i in range(trials - len(plan))]
    with tempfile.TemporaryDirectory() as folder:
        cleans: dict[str, Path] = {}
        for number, stage in enumerate(plan):
            base = Path(folder) / stage
            base.mkdir(exist_ok=True)
            if stage not in cleans:
                cleans[stage] = base / "clean.db"
                harness.make_corpora(base / "corpus", articles=12)
                before = {"ingest": [], "stories": ["ingest"], "extract": ["ingest"], "brief": ["ingest", "extract"]}[
                    stage
                ]
                for step in [*before, stage]:
                    harness.run(
                        step,
                        cleans[stage],
                        [base / "corpus" / "A"] if step == "ingest" else [],
                        out=base / "clean-brief",
                    )
            trial = harness.kill_trial(base, stage, seed=seed + number, articles=12, clean=cleans[stage])
            per_stage[stage]["trials"] += 1
            per_stage[stage].update(classify(trial.differences))
            if trial.differences:
                print(f"kill {stage} #{number}: {trial.differences}", file=sys.stderr)
    return per_stage, time.monotonic() - started


def concurrency(trials: int) -> tuple[int, int, float]:
    """``trials`` runs of two writers at once against one after the other: (trials, trials differing)."""
    started = time.monotonic()
    differing = 0
    for number in range(trials):
        with tempfile.TemporaryDirectory() as folder:
            trial = harness.concurrency_trial(Path(folder), articles=24)
            if trial.differences:
                differing += 1
                print(f"concurrency #{number}: {trial.differences}", file=sys.stderr)
    return trials, differing, time.monotonic() - started


def xss_run(one_by_one: bool) -> tuple[int, int, int, float]:
    """(payloads, pages opened, payloads executed) in headless Chromium, or (0, 0, 0) without it."""
    from tests.report.cdp import CHROMIUM, open_page

    if CHROMIUM is None:
        return 0, 0, 0, 0.0
    started = time.monotonic()
    groups = [[p] for p in xss.PAYLOADS] if one_by_one else [xss.PAYLOADS]
    opened = executed = 0
    with tempfile.TemporaryDirectory() as folder, open_page(Path(folder) / "profile") as page:
        for number, group in enumerate(groups):
            target = Path(folder) / f"p{number}"
            target.mkdir()
            for path in xss.pages(" ".join(group), target).values():
                page.call("Page.navigate", url=path.as_uri())
                page.wait_for("Page.loadEventFired")
                opened += 1
                executed += any(json.loads(page.evaluate(xss.CHECK)).values())
    return len(xss.PAYLOADS), opened, executed, time.monotonic() - started


def extraction_timing(lengths: Sequence[int]) -> list[tuple[int, float]]:
    """Seconds to extract one article of each length (the demo corpus repeated), one model load for all."""
    from crosswire.extract import extract_articles, load_nlp
    from crosswire.model import Article

    demo = "\n\n".join(p.read_text("utf-8") for p in sorted((ROOT / "examples" / "harbour-spill").glob("*.md")))
    nlp = load_nlp()
    rows = []
    for length in lengths:
        text = (demo * (length // len(demo) + 1))[:length]
        started = time.monotonic()
        list(extract_articles([Article(id=str(length), text=text, language="en")], nlp=nlp, max_chars=length))
        rows.append((length, time.monotonic() - started))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=100, help="fuzz examples per property")
    parser.add_argument("--kills", type=int, default=20, help="SIGKILL trials (100 in make fuzz)")
    parser.add_argument("--concurrent", type=int, default=3, help="concurrent-writer trials")
    parser.add_argument("--seed", type=int, default=1100)
    parser.add_argument("--timing", action="store_true", help="also time extraction at 50k/100k/200k characters")
    args = parser.parse_args(argv)
    fuzzed, fuzz_seconds = fuzz(args.examples)
    killed, kill_seconds = kills(args.kills, seed=args.seed)
    trials, differing, concurrency_seconds = concurrency(args.concurrent)
    payloads, opened, executed, xss_seconds = xss_run(one_by_one=True)
    total = Counter()
    for counts in killed.values():
        total.update(counts)
    print("## Reliability\n")
    print(
        f"`python -m eval.reliability --examples {args.examples} --kills {args.kills} --concurrent "
        f"{args.concurrent}` (issue #11; `make fuzz` runs the long version into [reliability.md](reliability.md)). "
        "Targets: "
        "0 crashes in fuzzing; 0 lost, duplicated or corrupted after a SIGKILL and a re-run; 0 differences "
        "between two writers at once and one after the other; 0 payloads executed.\n"
    )
    print("| measurement | runs | failures | time |")
    print("|---|---:|---:|---:|")
    crashes = sum(1 for *_, outcome in fuzzed if outcome != "ok")
    examples = sum(runs for _, runs, _ in fuzzed)
    print(
        f"| fuzzing: examples through {len(fuzzed)} properties (ingest text/MD/HTML, JSON/JSONL, feeds; "
        f"extract + cross-check + every renderer) | {examples:,} | {crashes} crashing properties | "
        f"{fuzz_seconds:.0f} s |"
    )
    for stage, counts in killed.items():
        print(
            f"| SIGKILL `{stage}` at a random point, re-run, compare with a clean run | {counts['trials']} | "
            f"lost {counts['lost']} / duplicated {counts['duplicated']} / corrupted {counts['corrupted']} | |"
        )
    print(
        f"| SIGKILL, all stages | {total['trials']} | lost {total['lost']} / duplicated {total['duplicated']} / "
        f"corrupted {total['corrupted']} | {kill_seconds:.0f} s |"
    )
    print(
        f"| two processes ingesting overlapping corpora (exact and near copies), then `stories`, at once, "
        f"against one after the other | {trials} | {differing} differing stores | {concurrency_seconds:.0f} s |"
    )
    if payloads:
        print(
            f"| XSS payloads in every article field, each through HTML, Markdown (markdown-it), JSON and "
            f"terminal (HTML export), in headless Chromium | {payloads} payloads, {opened} pages | "
            f"{executed} executed | {xss_seconds:.0f} s |"
        )
    else:
        print("| XSS payloads in Chromium | not run: chromium is not installed | | |")
    print("\nPer property: " + ", ".join(f"`{name}` {runs:,} ({outcome})" for name, runs, outcome in fuzzed) + ".")
    if args.timing:
        rows = extraction_timing([50_000, 100_000, 200_000])
        print(
            "\nExtraction time of one article by length (should grow linearly; before issue #11: 5.5 / 17.5 / "
            "61.6 s): " + " / ".join(f"{length // 1000}k characters {seconds:.1f} s" for length, seconds in rows) + "."
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
