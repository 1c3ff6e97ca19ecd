"""Hand-made inputs for the report tests: four articles about a harbour oil spill.

[A1] Harbour Gazette, [A2] Coastal Times, [A3] a syndicated copy of A2 (Daily Wire), and
[A4] Bay Chronicle, padded with background and getting the harbourmaster's name wrong.

Facts: two confirmed (the 12,000 litres; the tanker Meridian), two single-source with figures
(the $2 million fine in A2 and its copy; 40 workers in A1), one disputed (the harbourmaster's
name, Reyes vs Rees, high severity), plus an unlinked low-severity date contradiction.
"""

from __future__ import annotations

import re
from dataclasses import replace

from crosswire.model import (
    Article,
    CheckResult,
    Claim,
    Contradiction,
    DateRef,
    Entity,
    Evidence,
    Extraction,
    Fact,
    Figure,
    Quote,
    Sentence,
    Side,
    Story,
)

SCRIPT = "<script>alert(1)</script>"
_SENTENCE = re.compile(r'\S.*?[.!?]"?(?=\s|$)')

A1 = (
    "About 12,000 litres of fuel oil leaked into Port Ellis harbour on Monday, the port authority said.",
    "The leak came from the tanker Meridian, which was unloading at berth 4.",
    'Harbourmaster Dana Reyes said: "We have contained most of it."',
    "Clean-up crews of 40 workers were deployed on 2 March 2026.",
)
A2 = (
    "Some 12,000 litres of oil leaked into Port Ellis harbour, officials said.",
    "The tanker Meridian was the source of the leak.",
    '"We have contained most of it," said Harbourmaster Dana Reyes.',
    "Environment minister Tom Hale said the fine could reach $2 million.",
    '"This is a disaster for the bay," Hale said.',
)
A4 = (
    "Port Ellis has been a fishing town for two hundred years and its people love the sea.",
    "The weather this week has been grey, with gulls circling over the quay.",
    "Many residents remember the old lighthouse fondly.",
    "About 12,000 litres of oil leaked into the harbour, and the leak began on Sunday.",
    "Harbourmaster Dana Rees said crews were working hard.",
    "Local cafes report that tourists still come for the chowder.",
    "The town council will meet next month to discuss many things.",
    "Nobody can say what the summer will bring for the harbour and its families.",
)


def make_article(
    article_id: str, source: str, published: str, title: str, sentences: tuple[str, ...], **extra: str
) -> Article:
    """An article whose text is its sentences joined, two to a paragraph."""
    pairs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    return Article(
        id=article_id,
        text="\n\n".join(pairs),
        title=title,
        source=source,
        url=f"https://example.org/{article_id}",
        published_at=published,
        **extra,
    )


def sentences_of(article: Article) -> tuple[Sentence, ...]:
    """Sentences: runs of text up to ., ! or ? (and a closing quote) before a space or the end."""
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(article.text)]
    return tuple(Sentence(i, start, end, article.text[start:end]) for i, (start, end) in enumerate(spans))


def sentence_index(article: Article, phrase: str) -> Sentence:
    """The sentence containing ``phrase``."""
    at = article.text.index(phrase)
    return next(s for s in sentences_of(article) if s.start <= at < s.end)


def evidence(article: Article, phrase: str) -> Evidence:
    """Evidence: the sentence of ``article`` that contains ``phrase``."""
    sentence = sentence_index(article, phrase)
    return Evidence(article.id, sentence.text, sentence.start, sentence.end)


def figure(article: Article, phrase: str, value: float, unit: str | None, **extra: object) -> Figure:
    at = article.text.index(phrase)
    return Figure(at, at + len(phrase), phrase, value, sentence_index(article, phrase).index, unit, **extra)


def quote(article: Article, words: str, speaker: str | None) -> Quote:
    at = article.text.index(words)
    return Quote(at, at + len(words), words, sentence_index(article, words).index, speaker)


def date(article: Article, phrase: str, value: str) -> DateRef:
    at = article.text.index(phrase)
    return DateRef(at, at + len(phrase), phrase, sentence_index(article, phrase).index, value, "day", 1.0)


def extraction(
    article: Article,
    *,
    checkable: set[int],
    figures: tuple[Figure, ...] = (),
    quotes: tuple[Quote, ...] = (),
    dates: tuple[DateRef, ...] = (),
) -> Extraction:
    sentences = sentences_of(article)
    claims = tuple(
        Claim(s.index, s.start, s.end, s.text, s.index in checkable, 1.0 if s.index in checkable else 0.1)
        for s in sentences
    )
    return Extraction(
        article.id, "test", "en", sentences=sentences, figures=figures, quotes=quotes, dates=dates, claims=claims
    )


def make_articles(*, hostile: bool = False) -> list[Article]:
    """The four articles; ``hostile`` puts a script tag into a title, a text and a quote."""
    a2_sentences = A2 if not hostile else (*A2[:4], f'"This is a disaster {SCRIPT} for the bay," Hale said.')
    a1_title = "Oil spill closes Port Ellis harbour" + (f" {SCRIPT}" if hostile else "")
    a1 = make_article("a1", "Harbour Gazette", "2026-03-02T18:00:00Z", a1_title, A1)
    a2 = make_article("a2", "Coastal Times", "2026-03-03T07:00:00Z", "Tanker leak fouls Port Ellis", a2_sentences)
    a3 = replace(
        make_article("a3", "Daily Wire", "2026-03-03T09:00:00Z", "Tanker leak fouls Port Ellis", a2_sentences),
        dup_group="a2",
        dup_kind="exact",
    )
    a2 = replace(a2, dup_group="a2")
    a4 = make_article("a4", "Bay Chronicle", "2026-03-04T10:00:00Z", "A town and its harbour", A4)
    return [a1, a2, a3, a4]


def make_extractions(articles: list[Article]) -> dict[str, Extraction]:
    a1, a2, a3, a4 = articles
    result = {
        "a1": extraction(
            a1,
            checkable={0, 1, 2, 3},
            figures=(
                figure(a1, "12,000 litres", 12000, "litres"),
                figure(a1, "40 workers", 40, "workers"),
                figure(a1, "berth 4", 4, None, ordinal=True),
            ),
            quotes=(quote(a1, "We have contained most of it.", "Reyes"),),
            dates=(date(a1, "2 March 2026", "2026-03-02"),),
        ),
        "a4": extraction(a4, checkable={3, 4}, figures=(figure(a4, "12,000 litres", 12000, "litres"),)),
    }
    for article in (a2, a3):
        last = article.text.rindex('"', 0, article.text.rindex("Hale said"))
        words = article.text[article.text.index('"This') + 1 : last]
        result[article.id] = extraction(
            article,
            checkable={0, 1, 2, 3},
            figures=(
                figure(article, "12,000 litres", 12000, "litres"),
                figure(article, "$2 million", 2_000_000, None, currency="USD"),
            ),
            quotes=(
                quote(article, "We have contained most of it,", "Harbourmaster Dana Reyes"),
                quote(article, words, "Tom Hale"),
            ),
        )
    return result


def make_check(articles: list[Article]) -> CheckResult:
    a1, a2, a3, a4 = articles
    facts = (
        Fact(
            "f-litres",
            "About 12,000 litres of oil leaked into Port Ellis harbour.",
            "confirmed",
            3,
            (evidence(a1, "12,000"), evidence(a2, "12,000"), evidence(a3, "12,000"), evidence(a4, "12,000")),
            salience=0.9,
        ),
        Fact(
            "f-tanker",
            "The leak came from the tanker Meridian.",
            "confirmed",
            2,
            (evidence(a1, "Meridian"), evidence(a2, "Meridian"), evidence(a3, "Meridian")),
            salience=0.7,
        ),
        Fact(
            "f-fine",
            "The fine could reach $2 million, the environment minister said.",
            "single-source",
            1,
            (evidence(a2, "$2 million"), evidence(a3, "$2 million")),
            salience=0.6,
        ),
        Fact(
            "f-crews",
            "Clean-up crews of 40 workers were deployed on 2 March 2026.",
            "single-source",
            1,
            (evidence(a1, "40 workers"),),
            salience=0.4,
        ),
        Fact(
            "f-harbourmaster",
            "The harbourmaster is Dana Reyes.",
            "disputed",
            3,
            (evidence(a1, "Dana Reyes"), evidence(a2, "Dana Reyes"), evidence(a4, "Dana Rees")),
            salience=0.5,
        ),
    )
    contradictions = (
        Contradiction(
            "c-name",
            "person-name",
            "harbourmaster",
            "high",
            0.92,
            "Bay Chronicle spells the harbourmaster Dana Rees; two sources say Dana Reyes.",
            (
                Side("Dana Reyes", (evidence(a1, "Dana Reyes"), evidence(a2, "Dana Reyes"))),
                Side("Dana Rees", (evidence(a4, "Dana Rees"),)),
            ),
            fact_id="f-harbourmaster",
        ),
        Contradiction(
            "c-day",
            "date",
            "start of the leak",
            "low",
            0.55,
            "Harbour Gazette dates the leak to Monday; Bay Chronicle says it began on Sunday.",
            (Side("Monday", (evidence(a1, "on Monday"),)), Side("Sunday", (evidence(a4, "Sunday"),))),
        ),
    )
    entities = (
        Entity("p-reyes", "person", "Dana Reyes", ("a1", "a2", "a3"), ("Reyes", "Dana Reyes"), ("Harbourmaster",)),
        Entity("p-hale", "person", "Tom Hale", ("a2", "a3"), ("Hale", "Tom Hale"), ("Environment minister",)),
    )
    return CheckResult("s1", tuple(a.id for a in articles), entities, facts, contradictions)


def make_story(articles: list[Article]) -> Story:
    return Story("s1", "Oil spill in Port Ellis harbour", tuple(a.id for a in articles))


def make_inputs(*, hostile: bool = False) -> tuple[Story, list[Article], dict[str, Extraction], CheckResult]:
    """Story, articles, extractions and check result, ready for ``build_brief``."""
    articles = make_articles(hostile=hostile)
    return make_story(articles), articles, make_extractions(articles), make_check(articles)
