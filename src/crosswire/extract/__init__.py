"""The extraction stage: articles in, one ``Extraction`` per article out.

The spaCy pipeline (see ``nlp``) runs once over all articles with ``nlp.pipe``; then each extractor
reads the parsed doc: ``sentences``, ``people``, ``figures``, ``dates``, ``quotes``, ``claims``, ``frames``,
``statuses``, ``measures`` (what each figure counts, keyed for the cross-check) and ``causes``.
An article that cannot be processed (non-English, no sentences) yields an empty Extraction with a
note saying why; an extractor that fails on one article leaves a note and the others still run.

Example::

    nlp = load_nlp()
    for extraction in extract_articles(articles, nlp=nlp, processes=2):
        print(extraction.article_id, len(extraction.claims), extraction.notes)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from crosswire.extract.causes import find_causes
from crosswire.extract.claims import score_claims
from crosswire.extract.dates import find_dates
from crosswire.extract.figures import find_figures
from crosswire.extract.frames import find_frames
from crosswire.extract.measures import find_measures
from crosswire.extract.nlp import load_nlp, screen_language
from crosswire.extract.people import find_people
from crosswire.extract.quotes import find_quotes
from crosswire.extract.sentences import split_sentences
from crosswire.extract.status import find_statuses
from crosswire.model import Article, Extraction, Mention, Person
from crosswire.roles import role_words

__all__ = ["EXTRACTOR_VERSION", "extract_articles", "load_nlp", "role_words"]

EXTRACTOR_VERSION = "15"  # 2: clause-level frames; 3: headline roles, "US", people as places; 4: gallery counters;
# 5: leading titles nameparser does not know ("Coroner Hector Alfaro") are roles, not given names;
# 6: statuses (is the ceasefire in force?); no ages or lists of people as roles; 7: measures (what a figure counts);
# 8: scale letters on figures ("103m euros"), weekdays on or before publication, "he said" speakers,
# titles of works are not quotes, multi-word names kept whole; 9: abbreviated titles ("Lt. Col.") in roles,
# a two-word "organisation" right after a lower-case title is a person ("spokesperson Elena Russa");
# 10: sums keyed by what they pay, their tier and period (money.py); plain counts by period and person;
# 11: a count's earlier value ('up from 1,002', 'rose from ... to'), 'the new total' keyed as the count it totals,
# a nationality read from the word next to its number ('12 Somali and 11 Yemeni pirates'); 12: a title the NER put
# inside a name is its role ('Pastor Amina Greer, a spokeswoman'), a two-word 'organisation' after a title is a
# person ('Chief Deputy Lionel Pearsall said'), a charge keyed with its intent ('assault with intent to commit murder');
# 13: causes (the event's cause given or unknown), people still searched for counted as missing, a frame's
# "he" or "she" read as the one person named just before, and neither given names nor dates in its context;
# 14: a gerund or participle without a subject is about its clause's subject ('recovering after being shot')
# 15: people hit or struck where the sentence speaks of gunfire are shot; listed defendants who 'each face'
# counts share them (no one person's), and 'the shootings' does not make a defendant's counts a sum
T = TypeVar("T")
MAX_CHARS = 200_000  # the packaged default of the max_extract_chars setting


@dataclass(frozen=True, slots=True)
class _Plan:
    """What to do with one article: parse ``text`` (maybe cut), or skip it with ``notes``."""

    article: Article
    text: str | None
    language: str | None
    notes: tuple[str, ...]


def extract_articles(
    articles: Sequence[Article],
    *,
    nlp: Language | None = None,
    processes: int = 1,
    batch_size: int = 16,
    max_chars: int = MAX_CHARS,
) -> Iterator[Extraction]:
    """One Extraction per article, in order.

    Never raises for one bad article: an article that cannot be processed yields an Extraction with
    empty tuples and a note saying why (non-English, no sentences...).

    Args:
        articles: the articles to extract, in the order results are wanted.
        nlp: a pipeline from ``load_nlp``; loaded here when not given.
        processes: worker processes for ``nlp.pipe``.
        batch_size: articles per ``nlp.pipe`` batch (8-32 suits 1,000-word news articles).
        max_chars: longer texts are cut here, with a note (setting ``max_extract_chars``).

    Raises:
        ModelMissing: no ``nlp`` was given and the model package is not installed.
    """
    nlp = nlp if nlp is not None else load_nlp()
    plans = [_plan(article, max_chars=min(max_chars, nlp.max_length)) for article in articles]
    texts = [plan.text for plan in plans if plan.text is not None]
    docs = nlp.pipe(texts, batch_size=batch_size, n_process=processes)
    for plan in plans:
        if plan.text is None:
            yield Extraction(plan.article.id, EXTRACTOR_VERSION, plan.language, notes=plan.notes)
            continue
        yield extract_doc(plan.article, next(docs), notes=plan.notes)


def _plan(article: Article, *, max_chars: int) -> _Plan:
    text = article.text
    if not text or not text.strip():
        return _Plan(article, None, article.language, ("no text: nothing to extract",))
    foreign = screen_language(text, article.language)
    if foreign is not None:
        return _Plan(article, None, foreign, (f"non-English ({foreign}): skipped",))
    if len(text) > max_chars:
        note = f"text cut at {max_chars:,} of {len(text):,} characters (max_extract_chars)"
        return _Plan(article, text[:max_chars], "en", (note,))
    return _Plan(article, text, "en", ())


def extract_doc(article: Article, doc: Doc, *, notes: tuple[str, ...] = ()) -> Extraction:
    """Run every extractor over one parsed article; a failing extractor leaves a note."""
    found: list[str] = list(notes)
    sentences = split_sentences(doc)
    found += sentences.notes
    if not sentences.items:
        found.append("no sentences: nothing to extract")
        return Extraction(article.id, EXTRACTOR_VERSION, "en", notes=tuple(found))
    mentions = [Mention(e.start_char, e.end_char, e.text, e.label_, sentences.index(e.start)) for e in doc.ents]
    people = _safe("people", found, lambda: find_people(doc, sentences))
    mentions = _relabel_people(mentions, people)
    figures = _safe("figures", found, lambda: find_figures(doc, sentences))
    dates = _safe("dates", found, lambda: find_dates(doc, sentences, published_at=article.published_at))
    quotes = _safe("quotes", found, lambda: find_quotes(doc, sentences, people))
    claims = _safe("claims", found, lambda: score_claims(doc, sentences, figures=figures, dates=dates, quotes=quotes))
    frames = _safe("frames", found, lambda: find_frames(doc, sentences, dates=dates))
    statuses = _safe("statuses", found, lambda: find_statuses(doc, sentences))
    causes = _safe("causes", found, lambda: find_causes(doc, sentences))
    published = article.published_at
    measures = _safe("measures", found, lambda: find_measures(doc, sentences, figures, published_at=published))
    return Extraction(
        article_id=article.id,
        version=EXTRACTOR_VERSION,
        language="en",
        sentences=sentences.items,
        mentions=tuple(mentions),
        people=tuple(people),
        figures=tuple(figures),
        dates=tuple(dates),
        quotes=tuple(quotes),
        claims=tuple(claims),
        notes=tuple(found),
        frames=tuple(frames),
        statuses=tuple(statuses),
        measures=tuple(measures),
        causes=tuple(causes),
    )


def _relabel_people(mentions: list[Mention], people: list[Person]) -> list[Mention]:
    """A place or organisation mention that is a person's family name in this article ('Witkoff' read
    as a GPE) is that person."""
    families = {p.family.lower() for p in people if p.given and p.family}
    relabelled = []
    for mention in mentions:
        name = mention.text.removesuffix("’s").removesuffix("'s").lower()
        if mention.label in {"GPE", "LOC", "ORG", "FAC", "NORP"} and name in families:
            mention = replace(mention, label="PERSON")
        relabelled.append(mention)
    return relabelled


def _safe(name: str, notes: list[str], run: Callable[[], list[T]]) -> list[T]:
    """Run one extractor; on an unexpected error, note it and carry on with nothing from it."""
    try:
        return run()
    except Exception as e:  # noqa: BLE001 - one article must never stop the stage
        notes.append(f"{name} failed: {type(e).__name__}: {e}")
        return []
