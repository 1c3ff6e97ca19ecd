"""Quality on the demo corpus's answer key: extraction field by field, and the planted conflicts.

``python -m eval.demo`` prints Markdown tables; ``make eval`` puts them into docs/EVALUATION.md.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswire import pipeline, report
from crosswire.model import Article, Extraction
from crosswire.roles import role_words
from crosswire.settings import load_settings
from crosswire.store import Store
from crosswire.text import normalize_text

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "harbour-spill"


@dataclass
class Score:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    misses: list[str] | None = None
    extras: list[str] | None = None

    @property
    def precision(self) -> float:
        return self.true_pos / (self.true_pos + self.false_pos) if self.true_pos + self.false_pos else 1.0

    @property
    def recall(self) -> float:
        return self.true_pos / (self.true_pos + self.false_neg) if self.true_pos + self.false_neg else 1.0


def run_demo(folder: Path = DEMO) -> tuple[dict[str, Article], dict[str, Extraction], dict[str, Any]]:
    """Brief the demo corpus in a temporary store: articles and extractions by file name, and the brief JSON."""
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "demo.db") as store:
        outcomes = list(pipeline.run_ingest(store, [str(folder)], settings=load_settings()))
        by_file = {Path(o.input).name: o.article_id for o in outcomes if o.article_id}
        ids = list(by_file.values())
        pipeline.run_extract(store, ids)
        story = pipeline.story_of(store.articles(ids))
        check = pipeline.run_check(store, story)
        brief = pipeline.build_story_brief(store, story, check, generated_at="-")
        articles = {a.id: a for a in store.articles(ids)}
        extractions = store.extractions(ids)
        brief_json = report.render_json([brief], list(articles.values()))
    return (
        {name: articles[i] for name, i in by_file.items()},
        {name: extractions[i] for name, i in by_file.items()},
        brief_json,
    )


# --------------------------------------------------------------------------- extraction


def _span(article: Article, text: str) -> tuple[int, int] | None:
    start = article.text.find(normalize_text(text))
    return (start, start + len(normalize_text(text))) if start >= 0 else None


def _overlaps(item: Any, span: tuple[int, int]) -> bool:
    return item.start < span[1] and span[0] < item.end


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        a, b = a.lower().strip(), b.lower().strip()
        return a == b or (bool(a) and bool(b) and (a in b or b in a))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-6 * max(1.0, abs(a))
    return a == b


def _same_role(found: str | None, wanted: str) -> bool:
    """Roles agree when one's content words contain the other's (word order and 'of the' do not matter)."""
    a, b = set(role_words(found)), set(role_words(wanted))
    return bool(a) and bool(b) and (a <= b or b <= a)


FieldCheck = Callable[[Any, Mapping[str, Any]], bool]
CHECKS: dict[str, tuple[str, FieldCheck]] = {
    "people": (
        "people",
        lambda p, k: (
            _same(p.given, k["given"])
            and _same(p.family, k["family"])
            and (not k.get("role") or _same_role(p.role, k["role"]))
        ),
    ),
    "figures": (
        "figures",
        lambda f, k: (
            _same(f.value, float(k["value"]))
            and (not k.get("unit") or _same(f.unit or "", k["unit"]))
            and (not k.get("currency") or f.currency == k["currency"])
        ),
    ),
    "dates": ("dates", lambda d, k: bool(d.value) and str(d.value).startswith(str(k["resolved"]))),
    "quotes": ("quotes", lambda q, k: _same(q.speaker or "", k["speaker"])),
}


def extraction_scores(
    key: Mapping[str, Any], articles: Mapping[str, Article], extractions: Mapping[str, Extraction]
) -> dict[str, Score]:
    """Per kind: a key item is found when an extracted item overlaps its text and every field agrees."""
    scores = {}
    for kind, (attribute, agrees) in CHECKS.items():
        score = Score(misses=[])
        matched: set[tuple[str, int]] = set()
        for wanted in key[kind]:
            article = articles[wanted["article"]]
            span = _span(article, wanted["text"])
            items = getattr(extractions[wanted["article"]], attribute)
            hits = [i for i, item in enumerate(items) if span and _overlaps(item, span) and agrees(item, wanted)]
            if hits:
                score.true_pos += 1
                matched.update((wanted["article"], i) for i in hits)
            else:
                score.false_neg += 1
                score.misses.append(f"{wanted['article']}: {wanted['text']!r}")
        keyed = {
            (k["article"], i)
            for k in key[kind]
            for i, item in enumerate(getattr(extractions[k["article"]], attribute))
            if (s := _span(articles[k["article"]], k["text"])) and _overlaps(item, s)
        }
        score.extras = [
            f"{name}: {item.text!r}"
            for name, extraction in extractions.items()
            for i, item in enumerate(getattr(extraction, attribute))
            if (name, i) not in keyed and (name, i) not in matched and (kind != "people" or item.role)
        ]
        score.false_pos = len(score.extras)
        scores[kind] = score
    return scores


# --------------------------------------------------------------------------- conflicts


def side_files(side: Mapping[str, Any], names: Mapping[str, str]) -> set[str]:
    return {names[e["article_id"]] for e in side["evidence"]}


def matches(conflict: Mapping[str, Any], found: Mapping[str, Any], names: Mapping[str, str]) -> bool:
    """A reported contradiction matches a planted one: same kind, the odd side exactly, another side from the rest."""
    if found["kind"] != conflict["kind"]:
        return False
    odd, *others = sorted(conflict["sides"], key=lambda s: len(s["articles"]))
    majority = set().union(*(set(s["articles"]) for s in others))
    sides = [side_files(s, names) for s in found["sides"]]
    if conflict.get("within_article"):  # both names in one article; the usual name may appear elsewhere too
        [article] = majority
        return any(side == set(odd["articles"]) for side in sides) and all(article in side for side in sides)
    return any(
        side == set(odd["articles"]) and any(other and other <= majority for j, other in enumerate(sides) if j != i)
        for i, side in enumerate(sides)
    )


def conflict_scores(key: Mapping[str, Any], brief: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Score]:
    """Per contradiction kind: planted conflicts found (recall) and reports that match one (precision)."""
    found = [c for story in brief["stories"] for c in story["contradictions"]]
    kinds = sorted({c["kind"] for c in key["conflicts"]} | {c["kind"] for c in found})
    scores = {}
    for kind in kinds:
        planted = [c for c in key["conflicts"] if c["kind"] == kind]
        reported = [c for c in found if c["kind"] == kind]
        hit = sum(1 for c in planted if any(matches(c, r, names) for r in reported))
        correct = sum(1 for r in reported if any(matches(c, r, names) for c in planted))
        scores[kind] = Score(true_pos=hit, false_pos=len(reported) - correct, false_neg=len(planted) - hit)
    return scores


def file_names(articles: Mapping[str, Article]) -> dict[str, str]:
    return {article.id: name for name, article in articles.items()}


def _table(title: str, scores: Mapping[str, Score], unit: str) -> list[str]:
    lines = [
        f"### {title}",
        "",
        f"| {unit} | found | missed | extra | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, s in scores.items():
        lines.append(f"| {kind} | {s.true_pos} | {s.false_neg} | {s.false_pos} | {s.precision:.2f} | {s.recall:.2f} |")
    return lines


def markdown(folder: Path = DEMO) -> str:
    key = json.loads((folder / "_answer_key.json").read_text("utf-8"))
    articles, extractions, brief = run_demo(folder)
    extraction = extraction_scores(key, articles, extractions)
    conflicts = conflict_scores(key, brief, file_names(articles))
    lines = [
        "## Demo corpus answer key",
        "",
        f"`examples/{folder.name}`: {len(articles)} fictional articles with planted conflicts "
        "(`_answer_key.json`). Extraction: a key item counts as found when an extracted item overlaps its text and "
        "every keyed field agrees (people: given, family, role; figures: value, unit, currency; dates: resolved "
        "value; quotes: speaker). *Extra* counts extracted items that overlap no key item (for people, only "
        "mentions extracted with a role, since the key lists people with roles).",
        "",
        *_table("Extraction", extraction, "kind"),
        "",
        *_table("Planted conflicts (through brief.json)", conflicts, "contradiction kind"),
    ]
    misses = [m for s in extraction.values() for m in (s.misses or [])]
    if misses:
        lines += ["", "Missed extraction items: " + "; ".join(misses[:20]) + (" …" if len(misses) > 20 else "")]
    extras = [f"{kind} {e}" for kind, s in extraction.items() for e in (s.extras or [])]
    if extras:
        lines += [
            "",
            "Extra extraction items (read them: a mention the key does not list is not always wrong): "
            + "; ".join(extras[:20])
            + (" …" if len(extras) > 20 else ""),
        ]
    return "\n".join(lines)


def summary(values: Sequence[Score]) -> Score:
    return Score(sum(s.true_pos for s in values), sum(s.false_pos for s in values), sum(s.false_neg for s in values))


if __name__ == "__main__":
    print(markdown())
