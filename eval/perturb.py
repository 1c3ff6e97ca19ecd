"""Perturbation test of the cross-check on real text (``python -m eval.perturb --clusters 30``).

From the multi-article clusters of ``../shared/eval/gva/dev.jsonl`` (local US shooting reports,
several outlets per incident), each trial copies one article and injects one controlled change of
one type (given name, role, number, date/weekday, place, negation, quote speaker). The copy is
marked as a syndicated copy of its original, which is the drift crosswire exists to catch. Each
trial is checked together with the untouched cluster; the untouched clusters alone give the false
alarms. Prints a Markdown table to stdout.

A change counts as found when a contradiction of the right kind cites the changed sentence of the
copy. Every other new contradiction that cites the copy counts against precision of its kind.

With ``--cross-outlet`` the changed report *replaces* its original, as an outlet's own report that got
one fact wrong: it is no copy of anything, and it meets only the other outlets' independently written
wording. Only changes whose original value another outlet also states are kept (otherwise nothing in
the cluster could contradict the change).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from crosswire.check import DEFAULT_MIN_CONFIDENCE, check_story
from crosswire.embed import load_embedder
from crosswire.model import Article, Extraction
from eval.mutate import KINDS, Change, propose

ROOT = Path(__file__).resolve().parents[1]
GVA = ROOT.parent / "shared" / "eval" / "gva" / "dev.jsonl"
ECBPLUS = ROOT.parent / "shared" / "eval" / "ecbplus" / "dev.jsonl"


def load_clusters(path: Path, *, clusters: int, per_cluster: int, seed: int, max_chars: int) -> list[list[Article]]:
    """A seeded sample of clusters with two or more usable articles."""
    by_cluster: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if len(record.get("text") or "") >= 400:
                by_cluster[str(record["cluster"])].append(record)
    usable = sorted(key for key, records in by_cluster.items() if len(records) >= 2)
    chosen = random.Random(seed).sample(usable, min(clusters, len(usable)))
    out = []
    for key in chosen:
        records = by_cluster[key][:per_cluster]
        out.append([_article(record, max_chars) for record in records])
    return out


def _article(record: dict, max_chars: int) -> Article:
    text = record["text"]
    if len(text) > max_chars:
        cut = text.rfind("\n", 0, max_chars)
        text = text[: cut if cut > max_chars // 2 else max_chars]
    return Article(
        id=str(record["id"]),
        text=text,
        title=record.get("title"),
        source=record.get("source"),
        published_at=(record.get("date") or None),
    )


def _extract(articles: Sequence[Article], nlp) -> dict[str, Extraction]:  # type: ignore[no-untyped-def]
    from crosswire.extract import extract_articles

    return {extraction.article_id: extraction for extraction in extract_articles(list(articles), nlp=nlp)}


def _touches(contradiction, change: Change) -> bool:  # type: ignore[no-untyped-def]
    """Whether a finding is about the change: it cites the changed sentence or names the new value."""
    if any(change.after.strip() and change.after.strip() in side.value for side in contradiction.sides):
        return any(_cites_copy(contradiction, change.copy.id) for _ in (0,))
    return any(
        e.article_id == change.copy.id and e.start <= change.position <= e.end
        for side in contradiction.sides
        for e in side.evidence
    )


def _stated_elsewhere(change: Change, articles: Sequence[Article]) -> bool:
    """Whether an outlet other than the changed one states the original value (the words replaced)."""
    original = change.copy.id.split("~")[0]
    before = change.before.strip().lower()
    if not before:
        return False
    pattern = _word(before)
    return any(a.id != original and pattern.search(a.text.lower()) for a in articles)


def _word(words: str) -> re.Pattern[str]:
    """``words`` standing on their own, not inside another word."""
    return re.compile(rf"(?<![\w]){re.escape(words)}(?![\w])")


def _clause_elsewhere(change: Change, articles: Sequence[Article]) -> bool:
    """Whether another outlet states the clause a negation changed: one of its sentences has the clause's
    verb and the word before the auxiliary ('shots were not fired' -> 'shots' and 'fired'). The
    cross-outlet filter keeps every negation whose auxiliary ('was') another outlet uses, which is nearly
    every one; this is the stricter reading of 'the original stated by another outlet'."""
    text = change.copy.text
    verb = re.match(r"\s*(\w+)", text[change.position + len("not ") :])
    subject = re.search(r"(\w+)\W*$", text[: change.position - len(change.before)])
    if verb is None or subject is None:
        return False
    original = change.copy.id.split("~")[0]
    words = [rf"\b{re.escape(w.lower())}\b" for w in (verb.group(1), subject.group(1))]
    return any(
        all(re.search(w, sentence.lower()) for w in words)
        for a in articles
        if a.id != original
        for sentence in re.split(r"(?<=[.!?])\s+", a.text)
    )


def _still_states(change: Change) -> bool:
    """Whether the changed report still gives the words the change replaced, in another sentence (a date,
    a name, a number changed once and left elsewhere): then the report contradicts itself, which the
    checks read as a total and a part or two events, and other outlets' agreement does not decide it.
    Never for a negation, whose replaced words ('was') are everywhere."""
    before = change.before.strip().lower()
    if change.kind == "negation" or not before:
        return False
    return _word(before).search(change.copy.text.lower()) is not None


def _own_report(change: Change) -> Change:
    """The changed copy as an outlet's own report: no syndication group, the original's place taken."""
    return dataclasses.replace(change, copy=dataclasses.replace(change.copy, dup_group=None, dup_kind=None))


def _cites_copy(contradiction, copy_id: str) -> bool:  # type: ignore[no-untyped-def]
    return any(e.article_id == copy_id for side in contradiction.sides for e in side.evidence)


def run(args: argparse.Namespace) -> str:
    """Run the perturbation test and return the Markdown report."""
    from crosswire.extract import load_nlp

    started = time.perf_counter()
    nlp, embedder = load_nlp(), load_embedder()
    clusters = load_clusters(
        args.data, clusters=args.clusters, per_cluster=args.per_cluster, seed=args.seed, max_chars=args.max_chars
    )
    rng = random.Random(args.seed)
    injected: Counter[str] = Counter()
    found: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    kept: Counter[str] = Counter()  # cross-outlet misses whose report still states the original words elsewhere
    clause: Counter[str] = Counter()  # cross-outlet negations whose clause another outlet states: injected, found
    for number, articles in enumerate(clusters):
        extractions = _extract(articles, nlp)
        baseline = check_story(
            f"c{number}", articles, extractions, embedder=embedder, min_confidence=args.min_confidence
        )
        known = {c.id for c in baseline.contradictions}
        changes = [c for kind in KINDS if (c := propose(kind, articles, extractions, rng)) is not None]
        if args.cross_outlet:
            changes = [_own_report(change) for change in changes if _stated_elsewhere(change, articles)]
        copies = _extract([change.copy for change in changes], nlp)
        for change in changes:
            if change.copy.id not in copies:
                continue
            injected[change.kind] += 1
            original = change.copy.dup_group or change.copy.id.split("~")[0]
            others = [a for a in articles if a.id != original] if args.cross_outlet else list(articles)
            result = check_story(
                f"c{number}-{change.kind}",
                [*others, change.copy],
                {
                    **{a.id: extractions[a.id] for a in others if a.id in extractions},
                    change.copy.id: copies[change.copy.id],
                },
                embedder=embedder,
                min_confidence=args.min_confidence,
            )
            new = [c for c in result.contradictions if c.id not in known and _cites_copy(c, change.copy.id)]
            for contradiction in new:
                flagged[contradiction.kind] += 1
            hit = any(c.kind == change.kind and _touches(c, change) for c in new)
            if args.cross_outlet and change.kind == "negation" and _clause_elsewhere(change, articles):
                clause["injected"] += 1
                clause["found"] += hit
            if hit:
                found[change.kind] += 1
            elif args.cross_outlet and _still_states(change):
                kept[change.kind] += 1
            if args.verbose:
                around = change.copy.text[max(change.position - 120, 0) : change.position + 120].replace("\n", " ")
                print(
                    f"[{change.kind}] {change.before!r} -> {change.after!r}: {[(c.kind, c.explanation) for c in new]}"
                    f"\n    in: ...{around}...",
                    file=sys.stderr,
                )
    false_alarms, originals, sampled = (
        _false_alarms(
            nlp, embedder, args, data=args.data, clusters=args.false_alarm_clusters, per_cluster=args.per_cluster
        )
        if not args.skip_false_alarms
        else ([], 0, 0)
    )
    general = (
        _false_alarms(nlp, embedder, args, data=args.general, clusters=1000, per_cluster=args.general_per_cluster)
        if args.general.is_file() and not args.skip_false_alarms
        else None
    )
    return _report(
        injected,
        found,
        flagged,
        kept,
        clause,
        false_alarms,
        originals,
        (len(clusters), sampled),
        time.perf_counter() - started,
        args,
        general,
    )


def _false_alarms(nlp, embedder, args, *, data: Path, clusters: int, per_cluster: int) -> tuple[list[str], int, int]:  # type: ignore[no-untyped-def]
    """Contradictions flagged among untouched articles of real clusters (one event, several outlets), over
    a larger sample than the trials: checking a cluster once is cheap, the trials check it once per change."""
    sample = load_clusters(data, clusters=clusters, per_cluster=per_cluster, seed=args.seed, max_chars=args.max_chars)
    alarms: list[str] = []
    originals = 0
    for number, articles in enumerate(sample):
        originals += len(articles)
        result = check_story(
            f"u{number}", articles, _extract(articles, nlp), embedder=embedder, min_confidence=args.min_confidence
        )
        alarms += [f"{c.kind}: " + " vs ".join(repr(side.value) for side in c.sides) for c in result.contradictions]
        if args.verbose:
            for c in result.contradictions:
                print(
                    f"FALSE ALARM {c.kind}: {[(s.value, [e.sentence[:150] for e in s.evidence[:1]]) for s in c.sides]}",
                    file=sys.stderr,
                )
    return alarms, originals, len(sample)


def _report(  # type: ignore[no-untyped-def]
    injected, found, flagged, kept, clause, false_alarms, originals, clusters, seconds, args, general=None
) -> str:
    trials, sampled = clusters
    mode = "Cross-outlet: each changed report replaces its original. " if args.cross_outlet else ""
    lines = [
        mode
        + f"Perturbation test: {trials} GVA dev clusters for the trials and {sampled} for the false alarms (at most "
        f"{args.per_cluster} articles per cluster, first {args.max_chars:,} characters), seed {args.seed}, "
        f"min_confidence {args.min_confidence}, {seconds:.0f} s.",
        "",
        "| change | injected | found (right kind) | flagged as this kind | precision | recall |"
        + (" missed, the report still giving the original words |" if args.cross_outlet else ""),
        "|---|---:|---:|---:|---:|---:|" + ("---:|" if args.cross_outlet else ""),
    ]
    for kind in KINDS:
        precision = f"{found[kind] / flagged[kind]:.2f}" if flagged[kind] else "—"
        recall = f"{found[kind] / injected[kind]:.2f}" if injected[kind] else "—"
        lines.append(
            f"| {kind} | {injected[kind]} | {found[kind]} | {flagged[kind]} | {precision} | {recall} |"
            + (f" {kept[kind]} |" if args.cross_outlet else "")
        )
    total_flagged = sum(flagged.values())
    total_found = sum(found.values())
    lines += [
        f"| **all** | {sum(injected.values())} | {total_found} | {total_flagged} | "
        f"{total_found / total_flagged if total_flagged else 0:.2f} | "
        f"{total_found / max(1, sum(injected.values())):.2f} |"
        + (f" {sum(kept.values())} |" if args.cross_outlet else ""),
        "",
    ]
    if args.cross_outlet:
        lines += [
            f"Negations whose clause another outlet states (its verb and the word before the auxiliary in one "
            f"sentence): {clause['injected']} of {injected['negation']}, {clause['found']} found.",
            "",
        ]
    if args.skip_false_alarms:
        return "\n".join(lines)
    lines += _alarm_lines(f"GVA dev, {sampled} clusters", false_alarms, originals)
    if general is not None:
        alarms, articles, count = general
        lines += [""] + _alarm_lines(
            f"ECB+ dev (general news), {count} clusters of up to {args.general_per_cluster} articles", alarms, articles
        )
    return "\n".join(lines)


REVIEWS = Path(__file__).with_name("alarm_reviews.json")
"""Alarms read by hand and judged real disagreements between outlets, with why (values only)."""


def reviewed(alarms: Sequence[str], reviews: Path = REVIEWS) -> list[str | None]:
    """For each alarm, why it was judged a real disagreement, or None: not reviewed, so counted false.
    A review covers as many alarms of its wording as its count says."""
    left: dict[str, list[str]] = {}
    for review in json.loads(reviews.read_text(encoding="utf-8"))["reviews"] if reviews.is_file() else []:
        left.setdefault(_unordered(review["alarm"]), []).extend([review["why"]] * int(review.get("count", 1)))
    return [left[_unordered(alarm)].pop() if left.get(_unordered(alarm)) else None for alarm in alarms]


def _unordered(alarm: str) -> str:
    """An alarm's wording with its sides in sorted order: the same finding, whichever side a run lists first."""
    kind, _, sides = alarm.partition(": ")
    return f"{kind}: " + " vs ".join(sorted(sides.split(" vs ")))


def _alarm_lines(where: str, alarms: list[str], articles: int) -> list[str]:
    kinds = Counter(alarm.split(":")[0] for alarm in alarms)
    whys = reviewed(alarms)
    false = sum(1 for why in whys if why is None)
    lines = [
        f"Contradictions among unperturbed clusters ({where}): {len(alarms)} in {articles} articles"
        + (" (kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + ")" if alarms else "")
        + f". Read by hand, {len(alarms) - false} of them are real disagreements between outlets (marked below); "
        f"false alarms: {false} in {articles} articles = **{100 * false / max(1, articles):.1f} per 100 articles** "
        f"({100 * len(alarms) / max(1, articles):.1f} counting every contradiction)."
    ]
    if alarms:  # values only: the articles are third-party text and stay out of the repository
        lines += ["", "Values on each side:", ""]
        lines += [
            f"- {alarm}" + (f" — real: {why}" if why else " — false alarm")
            for alarm, why in zip(alarms, whys, strict=True)
        ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=GVA, help="GVA-style JSONL with 'cluster' and 'text'")
    parser.add_argument("--clusters", type=int, default=30, help="clusters to sample (run time grows with it)")
    parser.add_argument(
        "--false-alarm-clusters", type=int, default=250, help="untouched clusters checked for false alarms"
    )
    parser.add_argument("--per-cluster", type=int, default=4, help="articles kept per cluster")
    parser.add_argument(
        "--general", type=Path, default=ECBPLUS, help="clusters of general news checked for false alarms too"
    )
    parser.add_argument("--general-per-cluster", type=int, default=12, help="articles kept per general cluster")
    parser.add_argument("--max-chars", type=int, default=4000, help="characters kept per article")
    parser.add_argument("--seed", type=int, default=20250806)
    parser.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE)
    parser.add_argument("--verbose", action="store_true", help="print each change and what was flagged")
    parser.add_argument(
        "--cross-outlet", action="store_true", help="the changed report replaces its original (no copy beside it)"
    )
    parser.add_argument("--skip-false-alarms", action="store_true", help="trials only")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"skipped: {args.data} is absent (evaluation data lives in ../shared/eval)")
        return 0
    print(run(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
