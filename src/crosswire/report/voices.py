"""Who said what (quotations by speaker) and the timeline of dated events."""

from __future__ import annotations

import re
from collections.abc import Mapping

from crosswire.model import Fact
from crosswire.report.brief import Citation, QuoteLine, SpeakerQuotes, TimelineEntry
from crosswire.report.sources import Sources, unique_citations
from crosswire.vocabulary import SUBJECT_PRONOUNS

UNATTRIBUTED = "Unattributed"
_NON_WORD = re.compile(r"[^\w]+")
_PRONOUNS = SUBJECT_PRONOUNS | {"him", "her", "them", "one", "who"}


def _quote_key(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def speaker_names(sources: Sources) -> dict[str, str]:
    """Surface form (lower case) -> canonical name, from the check's person entities.

    A family name alone maps to the person only when no other person shares it.
    """
    names: dict[str, str] = {}
    family: dict[str, set[str]] = {}
    for entity in sorted(sources.check.entities, key=lambda e: e.id):
        if entity.kind != "person":
            continue
        for variant in (entity.name, *entity.variants):
            names.setdefault(variant.lower().strip(), entity.name)
        family.setdefault(entity.name.split()[-1].lower(), set()).add(entity.name)
    for surname, people in family.items():
        if len(people) == 1:
            names.setdefault(surname, next(iter(people)))
    return names


def resolve_speaker(raw: str | None, names: Mapping[str, str]) -> str:
    """The canonical name for a quote's speaker.

    Tries the whole phrase, then ever shorter tails of it, so "Harbour Minister Ilse Marten" finds
    "Ilse Marten". A pronoun or an empty speaker is ``UNATTRIBUTED``; an unknown name stays as written.
    """
    phrase = " ".join((raw or "").split())
    if not phrase or phrase.lower() in _PRONOUNS:
        return UNATTRIBUTED
    words = phrase.split()
    for index in range(len(words)):
        found = names.get(" ".join(words[index:]).lower())
        if found:
            return found
    return phrase


def speaker_quotes(sources: Sources) -> tuple[SpeakerQuotes, ...]:
    """Quotations grouped by speaker; the same words in several articles are one quotation."""
    names = speaker_names(sources)
    groups: dict[tuple[str, str], list[tuple[str, Citation | None]]] = {}
    for ref in sources.refs:
        extraction = sources.extractions.get(ref.article_id)
        for quote in extraction.quotes if extraction else ():
            speaker = resolve_speaker(quote.speaker, names)
            start, end = sources.sentence_span(ref.article_id, quote.start, quote.end)
            citation = sources.cite(ref.article_id, start, end)
            words = quote.text.strip().rstrip(",;:").strip()
            groups.setdefault((speaker, _quote_key(words)), []).append((words, citation))
    by_speaker: dict[str, list[QuoteLine]] = {}
    for (speaker, _key), found in groups.items():
        citations = unique_citations(citation for _text, citation in found)
        if citations:
            text = min((c.number if c else len(sources.refs) + 1, t) for t, c in found)[1]
            line = QuoteLine(text, None if speaker == UNATTRIBUTED else speaker, citations)
            by_speaker.setdefault(speaker, []).append(line)
    result = []
    for speaker, lines in by_speaker.items():
        lines.sort(key=lambda q: (-len(q.citations), q.citations[0].number, q.citations[0].start, q.text))
        result.append(SpeakerQuotes(speaker, tuple(lines)))
    result.sort(key=lambda s: (s.speaker == UNATTRIBUTED, -_articles(s), s.speaker))
    return tuple(result)


def _articles(group: SpeakerQuotes) -> int:
    return len({c.article_id for line in group.quotes for c in line.citations})


def _fact_at(sources: Sources) -> Mapping[tuple[str, int], Fact]:
    """(article id, evidence start) -> the best-supported fact that sentence is evidence for."""
    found: dict[tuple[str, int], Fact] = {}
    ranked = sorted(sources.check.facts, key=lambda f: (-f.independent_sources, -f.salience, f.id))
    for fact in ranked:
        for evidence in fact.evidence:
            found.setdefault((evidence.article_id, evidence.start), fact)
    return found


def timeline(sources: Sources) -> tuple[TimelineEntry, ...]:
    """Dated events, oldest first: each date in a checkable or evidence sentence.

    When the sentence is evidence for a fact whose wording carries the same date phrase, the entry
    reads as the fact, so that articles which date the same event the same way share one entry;
    otherwise it reads as the sentence itself.
    """
    facts = _fact_at(sources)
    entries: dict[tuple[str, str], list[Citation | None]] = {}
    for ref in sources.refs:
        extraction = sources.extractions.get(ref.article_id)
        if extraction is None:
            continue
        checkable = {claim.sentence for claim in extraction.claims if claim.checkable}
        for date in extraction.dates:
            if not date.value or date.granularity == "unknown":
                continue
            start, end = sources.sentence_span(ref.article_id, date.start, date.end)
            fact = facts.get((ref.article_id, start))
            if fact is None and extraction.claims and date.sentence not in checkable:
                continue
            citation = sources.cite(ref.article_id, start, end)
            if fact is not None and date.text.lower() in fact.text.lower():
                text = fact.text
            else:
                text = citation.sentence if citation else date.text
            entries.setdefault((date.value, text), []).append(citation)
    result = [TimelineEntry(date, text, unique_citations(citations)) for (date, text), citations in entries.items()]
    result = [entry for entry in result if entry.citations]
    result.sort(key=lambda e: (e.date, e.citations[0].number, e.text))
    return tuple(result)
