"""Disputes on real, independently written reports (``python -m eval.realnews``; skipped without ../shared).

Runs ``../shared/eval/realnews/score.py`` (the data set's own scorer: ``crosswire brief EVENT --format json``
against a fresh store, Disputed section compared with the hand-labelled key) on every event, then lists
every flag so a reader can judge it, and counts the confirmed takeaways whose cited sentences take two
sides of one flagged number (target 0).
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REALNEWS = ROOT.parent / "shared" / "eval" / "realnews"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("realnews_score", REALNEWS / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mixed_takeaways(brief: dict[str, Any]) -> list[str]:
    """Confirmed takeaways citing sentences on two sides of one number dispute."""
    found = []
    for story in brief["stories"]:
        sides = [
            [{(e["article_id"], e["start"]) for e in side.get("evidence", [])} for side in c["sides"]]
            for c in story["contradictions"]
            if c["kind"] == "number"
        ]
        facts = {fact["id"]: fact for fact in story["facts"]}
        for fact_id in story["takeaways"]:
            fact = facts[fact_id]
            if fact["status"] != "confirmed":
                continue
            cited = {(e["article_id"], e["start"]) for e in fact["evidence"]}
            if any(sum(1 for side in dispute if side & cited) >= 2 for dispute in sides):
                found.append(fact["text"][:90])
    return found


_ANCHOR = re.compile(r"\d[\d,.]*\d|\d|\b[A-Z][\w'’-]{2,}")
_NUMBER_WORDS = dict(
    zip("one two three four five six seven eight nine ten".split(), map(str, range(1, 11)), strict=True)
)
_CONTENT = re.compile(r"\b[a-z][a-z'’-]{4,}\b")


def _anchors(text: str, *, content: bool = False) -> set[str]:
    """What must be present for a sentence to state a key fact: its figures (number words as digits) and its
    capitalised names (the sentence's first word left out), normalised ('1,644' -> '1644'); with fewer
    than two of those, or with ``content``, its longer content words too ('Six construction workers ...
    are missing')."""
    first = re.match(r"\W*([\w'’-]+)", text)
    found = {
        w.replace(",", "").rstrip(".").lower() for w in _ANCHOR.findall(text) if not (first and w == first.group(1))
    }
    found |= {_NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _NUMBER_WORDS}
    if content or len(found) < 2:
        found |= {w for w in _CONTENT.findall(text.lower()) if w not in {"about", "which", "there", "their"}}
    return found


def key_facts_covered(brief: dict[str, Any], key_facts: list[dict[str, Any]]) -> list[bool]:
    """For each key fact, whether a takeaway states it: an automatic proxy for 'same meaning, judged by the
    evidence sentences cited': at least half of the key fact's figures and names (and at least one) appear
    in one takeaway's text and cited sentences."""
    texts = []
    for story in brief["stories"]:
        facts = {fact["id"]: fact for fact in story["facts"]}
        for fact_id in story["takeaways"]:
            fact = facts[fact_id]
            texts.append(" ".join([fact["text"], *(e.get("sentence", "") for e in fact["evidence"])]))
    # a takeaway's content words always count: a key fact with fewer than two figures or names is matched on
    # its content words, and these must be looked for in every takeaway, not only in those with few names
    stated = [_anchors(text, content=True) for text in texts]
    covered = []
    for key in key_facts:
        wanted = _anchors(key["text"])
        need = max(1, math.ceil(len(wanted) / 2))
        covered.append(bool(wanted) and any(len(wanted & have) >= need for have in stated))
    return covered


def markdown() -> str:
    if not (REALNEWS / "score.py").is_file():
        return "## Real news: disputes\n\nSkipped: ../shared/eval/realnews is not present."
    score = _scorer()
    briefs: dict[str, dict[str, Any]] = {}
    run_brief = score.run_brief

    def keep(checkout: Path, event: Path) -> dict[str, Any]:
        briefs[event.name] = run_brief(checkout, event)
        return briefs[event.name]

    score.run_brief = keep
    events = sorted(p for p in REALNEWS.iterdir() if (p / "_answer_key.json").is_file())
    rows = [score.score_event(ROOT, event) for event in events]
    total = {
        k: sum(r[k] for r in rows)
        for k in (
            "articles",
            "flagged",
            "real",
            "gold",
            "found",
            "typed",
            "lookalikes_flagged",
            "copies",
            "copies_grouped",
        )
    }
    precision = total["real"] / total["flagged"] if total["flagged"] else 0.0
    recall = total["found"] / total["gold"] if total["gold"] else 0.0
    lines = [
        "| event | articles | flagged | real | gold | found | typed | look-alikes flagged | mixed takeaways |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    mixed_all: list[str] = []
    coverage: list[tuple[str, int, int, list[str]]] = []
    for r in rows:
        mixed = _mixed_takeaways(briefs[r["event"]])
        mixed_all += mixed
        key = json.loads((REALNEWS / r["event"] / "_answer_key.json").read_text("utf-8"))
        covered = key_facts_covered(briefs[r["event"]], key.get("key_facts", []))
        missed = [k["text"][:70] for k, hit in zip(key.get("key_facts", []), covered, strict=True) if not hit]
        coverage.append((r["event"], sum(covered), len(covered), missed))
        lines.append(
            f"| {r['event']} | {r['articles']} | {r['flagged']} | {r['real']} | {r['gold']} | {r['found']} | "
            f"{r['typed']} | {r['lookalikes_flagged']} | {len(mixed)} |"
        )
    lines += [
        "",
        f"Disputes **precision {precision:.2f}** ({total['real']}/{total['flagged']}), **recall {recall:.2f}** "
        f"({total['found']}/{total['gold']}), right kind {total['typed']}/{total['gold']}; look-alikes flagged "
        f"{total['lookalikes_flagged']} of 48; confirmed takeaways citing two sides of one number dispute: "
        f"{len(mixed_all)}.",
        "",
        "Every flag, as the scorer judged it (`real`: matches a labelled disagreement; `look-alike`: matches a "
        "labelled non-conflict; `wrong`: matches nothing in the key):",
        "",
    ]
    for r in rows:
        for flag in r["flags"]:
            verdict = "real" if flag["matches"] else "look-alike" if flag["lookalike_of"] else "wrong"
            values = " vs ".join(v[:40] for v in flag["values"])
            lines.append(f"- {r['event']}, {verdict}: {flag['kind']} — {flag['subject'][:60]}: {values}")
    lines += ["", "Missed: " + "; ".join(f"{r['event']}: {', '.join(r['missed'])}" for r in rows if r["missed"])]
    mean = sum(hit / total for _, hit, total, _ in coverage if total) / max(1, len(coverage))
    lines += [
        "",
        "### Takeaways against the key facts",
        "",
        "How many of each event's key facts (`key_facts` in the key: what an editor would put first) a takeaway "
        "states. An automatic proxy for 'same meaning': at least half of the key fact's figures and names appear "
        "in one takeaway's text and cited sentences (a key fact with fewer than two of those is matched on its "
        "longer content words). Target: 6 of 8 on average. Mean share: "
        f"**{mean:.2f}**.",
        "",
        "| event | key facts stated | not stated |",
        "|---|---:|---|",
    ]
    lines += [f"| {event} | {hit}/{total} | {'; '.join(missed) or '—'} |" for event, hit, total, missed in coverage]
    lines += [
        "",
        "Every takeaway, in the brief's order, so a reader can check that none is commentary, a caption or a "
        "fragment (status, independent sources, the first words):",
        "",
    ]
    for r in rows:
        lines.append(f"- {r['event']}: " + " · ".join(_takeaway_lines(briefs[r["event"]])))
    return "\n".join(lines)


def _takeaway_lines(brief: dict[str, Any]) -> list[str]:
    shown = []
    for story in brief["stories"]:
        facts = {fact["id"]: fact for fact in story["facts"]}
        for n, fact_id in enumerate(story["takeaways"], start=1):
            fact = facts[fact_id]
            words = fact["text"].split()
            text = " ".join(words[:14]) + (" …" if len(words) > 14 else "")
            status = "" if fact["status"] == "confirmed" else f"{fact['status']}, "
            shown.append(f"{n}. {text} ({status}{fact['independent_sources']})")
    return shown


def main() -> None:
    print(markdown())


if __name__ == "__main__":
    main()
