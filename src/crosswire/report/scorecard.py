"""The source scorecard (one row per article) and the facts × sources agreement matrix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from crosswire.model import Contradiction
from crosswire.report.brief import (
    MAX_MATRIX_ROWS,
    PADDED_FILLER_SHARE,
    AgreementMatrix,
    Cell,
    FactLine,
    MatrixRow,
    ScoreRow,
)
from crosswire.report.sources import Sources


def evidence_spans(sources: Sources) -> dict[str, list[tuple[int, int]]]:
    """Article id -> every span the check cites as evidence, for facts and contradictions."""
    spans: dict[str, list[tuple[int, int]]] = {}
    evidence = [e for fact in sources.check.facts for e in fact.evidence]
    evidence += [e for c in sources.check.contradictions for side in c.sides for e in side.evidence]
    for item in evidence:
        spans.setdefault(item.article_id, []).append((item.start, item.end))
    return spans


def filler_share(sources: Sources, article_id: str, cited: Sequence[tuple[int, int]]) -> float:
    """Share of the article's words in sentences that carry no checkable claim and no evidence.

    Without extracted sentences, the checkable claims and evidence spans themselves count as
    substance and everything else as filler.
    """
    text = sources.articles[article_id].text
    total = len(text.split())
    if total == 0:
        return 0.0
    extraction = sources.extractions.get(article_id)
    substance = [(c.start, c.end) for c in (extraction.claims if extraction else ()) if c.checkable]
    substance += list(cited)
    if extraction and extraction.sentences:
        substance = [
            (s.start, s.end)
            for s in extraction.sentences
            if any(start < s.end and s.start < end for start, end in substance)
        ]
    covered = sum(len(text[start:end].split()) for start, end in _merge(substance))
    return round(max(0.0, 1 - covered / total), 3)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def cross_source(sources: Sources, contradiction: Contradiction) -> bool:
    """True when the sides' evidence comes from more than one independent source.

    Decided from the evidence rather than the check's flags, so a dispute flagged "within one
    article" that also involves other articles still counts, and one between copies does not.
    """
    article_ids = {e.article_id for side in contradiction.sides for e in side.evidence}
    return sources.independent(article_ids) > 1


def contradicted_counts(sources: Sources) -> dict[str, int]:
    """Article id -> disputed points where another side has at least as much independent support."""
    counts: dict[str, int] = {}
    for contradiction in sources.check.contradictions:
        if not cross_source(sources, contradiction):
            continue
        sides = [
            {e.article_id for e in side.evidence if e.article_id in sources.articles} for side in contradiction.sides
        ]
        support = [sources.independent(ids) for ids in sides]
        hit: set[str] = set()
        for index, ids in enumerate(sides):
            if any(other >= support[index] for j, other in enumerate(support) if j != index and other):
                hit |= ids
        for article_id in hit:
            counts[article_id] = counts.get(article_id, 0) + 1
    return counts


def unique_counts(sources: Sources) -> dict[str, int]:
    """Article id -> facts that only its independent source reports."""
    counts: dict[str, int] = {}
    for fact in sources.check.facts:
        ids = {e.article_id for e in fact.evidence if e.article_id in sources.articles}
        if ids and len({sources.key(article_id) for article_id in ids}) == 1:
            for article_id in ids:
                counts[article_id] = counts.get(article_id, 0) + 1
    return counts


def score_rows(sources: Sources) -> tuple[ScoreRow, ...]:
    """One row per article, least filler first, so padded articles sink to the bottom."""
    spans = evidence_spans(sources)
    unique = unique_counts(sources)
    contradicted = contradicted_counts(sources)
    rows = []
    for ref in sources.refs:
        extraction = sources.extractions.get(ref.article_id)
        checkable = sum(1 for c in (extraction.claims if extraction else ()) if c.checkable)
        share = filler_share(sources, ref.article_id, spans.get(ref.article_id, []))
        rows.append(
            ScoreRow(
                number=ref.number,
                article_id=ref.article_id,
                outlet=ref.outlet,
                published_at=ref.published_at,
                words=ref.words,
                checkable_claims=checkable,
                fact_density=round(checkable * 100 / ref.words, 2) if ref.words else 0.0,
                filler_share=share,
                unique_facts=unique.get(ref.article_id, 0),
                contradicted_facts=contradicted.get(ref.article_id, 0),
                syndication_group=ref.syndication_group,
                padded=share >= PADDED_FILLER_SHARE,
            )
        )
    rows.sort(key=lambda row: (row.filler_share, -row.fact_density, row.number))
    return tuple(rows)


def _fact_side(sides: list[set[str]], support: list[int], backing: set[str]) -> int:
    """The side that agrees with the fact: most overlap with its evidence, then most support."""
    return min(range(len(sides)), key=lambda i: (-len(sides[i] & backing), -support[i], i))


def _row_cells(sources: Sources, backing: set[str], contradictions: Sequence[Contradiction]) -> tuple[Cell, ...]:
    contra: set[str] = set()
    for contradiction in contradictions:
        sides = [{e.article_id for e in side.evidence} for side in contradiction.sides]
        if not sides:
            continue
        support = [sources.independent(ids) for ids in sides]
        keep = _fact_side(sides, support, backing)
        if not backing:
            backing = set(sides[keep])
        for index, ids in enumerate(sides):
            if index != keep:
                contra |= ids - sides[keep]
    cells: list[Cell] = []
    for ref in sources.refs:
        if ref.article_id in contra:
            cells.append("contradicts")
        elif ref.article_id in backing:
            cells.append("supports")
        else:
            cells.append("silent")
    return tuple(cells)


def agreement_matrix(sources: Sources, facts: Sequence[FactLine]) -> AgreementMatrix:
    """Facts × sources: the top-ranked facts, then contradictions not tied to any fact."""
    linked: dict[str, list[Contradiction]] = {}
    unlinked: list[Contradiction] = []
    for contradiction in sorted(sources.check.contradictions, key=lambda c: c.id):
        if not cross_source(sources, contradiction):
            continue
        if contradiction.fact_id:
            linked.setdefault(contradiction.fact_id, []).append(contradiction)
        else:
            unlinked.append(contradiction)
    rows = []
    for fact in facts[:MAX_MATRIX_ROWS]:
        backing = {c.article_id for c in fact.citations}
        cells = _row_cells(sources, backing, linked.get(fact.fact_id, []))
        rows.append(MatrixRow(fact.text, fact.status, fact.fact_id, cells))
    for contradiction in unlinked:
        cells = _row_cells(sources, set(), [contradiction])
        if "contradicts" in cells:
            rows.append(MatrixRow(f"{contradiction.subject} (disputed)", "disputed", None, cells))
    return AgreementMatrix(tuple(ref.number for ref in sources.refs), tuple(rows))
