"""The news agency an article credits for its text: "(PTI)", "(Reuters)", "— AFP", "Devdiscourse (Reuters)".

When several outlets carry one wire passage (``crosswire.passages``) or are copies of one report, the
brief says whose text it is: "3 outlets, 1 independent (PTI)". An article names the agency in one of
these places, and ``credited_agencies`` reads them all:

* its outlet name ("Devdiscourse (Reuters)", "Yahoo News (Reuters video)", "AP News") or its byline
  ("PTI", "Reuters staff", "By AFP");
* a dateline at the head of one of its first paragraphs ("NEW DELHI, Jan 15 (PTI) -", "KATHMANDU
  (Reuters) -");
* a credit line: one of its last paragraphs ending in "(AFP)" or "— AFP" or being only an agency's
  name (in the middle of a text such a credit is most often a photo caption's); "with inputs from
  PTI" or "Source: Xinhua" anywhere;
* in the paragraph of the passage itself: "told AFP", "Reuters reported", "according to Xinhua",
  "the AFP news agency".

Only the agencies in ``AGENCIES`` are recognised: the major international and national wire services,
each with the forms its name takes in credits. Short forms are matched case-sensitively as whole
words ("AP", not "ap" or "APs"); a name in running text ("Reuters could not verify") is not a credit
unless it is in the passage's paragraph in one of the attribution forms above.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from crosswire.model import Article

#: Agency (the name the brief shows) -> the forms of its name in credits and datelines.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Reuters": ("Reuters",),
    "Xinhua": ("Xinhua",),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "ANI": ("ANI", "Asian News International"),
    "UNI": ("UNI", "United News of India"),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo",),
    "Yonhap": ("Yonhap",),
    "TASS": ("TASS",),
    "Anadolu": ("Anadolu Agency", "Anadolu"),
    "Bernama": ("Bernama",),
    "AAP": ("AAP", "Australian Associated Press"),
    "PA Media": ("PA Media", "Press Association"),
    "Canadian Press": ("Canadian Press",),
    "UPI": ("UPI", "United Press International"),
    "Bloomberg": ("Bloomberg News", "Bloomberg"),
}

_FORM_OF = {form: agency for agency, forms in AGENCIES.items() for form in forms}
_NAME = "(?:" + "|".join(re.escape(form) for form in sorted(_FORM_OF, key=len, reverse=True)) + ")"
_ANY = re.compile(rf"(?<![\w-]){_NAME}(?![\w-])")
_NAMES = rf"{_NAME}(?:\s*(?:[/,&]|\band\b)\s*{_NAME})*"  # "PTI/AFP", "PTI, Reuters and AFP"
_DASH = "[-–—]"
#: A dateline, read in the first ``EDGE`` paragraphs: "NEW DELHI, Jan 15 (PTI) -", "AFP - The death toll".
_DATELINES = (
    re.compile(rf"^.{{0,60}}?(?<![.!?])\s\(\s*({_NAMES})\s*\)\s*(?:{_DASH}|:|\w)"),  # then the story
    re.compile(rf"^\s*({_NAME})\s*(?:{_DASH}|:)"),
)
#: A credit line, read in the last ``EDGE`` paragraphs: "... (AFP)", "— Reuters", a line that is only
#: the name. Elsewhere a paragraph ending in "(Reuters)" is most often a photo caption's credit.
_CREDIT_LINES = (
    re.compile(rf"(?:\(\s*|{_DASH}\s*)({_NAMES})\s*\)?\s*\.?\s*$"),
    re.compile(rf"^\s*(?:[Bb]y\s+)?({_NAMES})\s*\.?\s*$"),
)
#: A credit anywhere in the text: "(With inputs from PTI)", "Source: Xinhua".
_CREDITS = (re.compile(rf"(?i:(?:with\s+)?inputs?\s+from|source\s*:|courtesy\s*:?)\s*((?-i:{_NAMES}))"),)
EDGE = 2
"""Paragraphs at the head (datelines) and at the foot (credit lines) of an article that are read."""
#: How a paragraph attributes what it says to an agency (searched only in the passage's paragraph).
_ATTRIBUTIONS = (
    re.compile(rf"\btold\s+(?:the\s+)?({_NAME})(?![\w-])"),
    re.compile(rf"(?<![\w-])({_NAME})\s+(?:news\s+agency\s+)?(?:reported|reports|quoted)\b"),
    re.compile(rf"\baccording\s+to\s+(?:the\s+)?({_NAME})(?![\w-])"),
    re.compile(rf"(?<![\w-])({_NAME})\s+news\s+agency\b"),
)


def credited_agencies(article: Article, offsets: Iterable[int] = ()) -> frozenset[str]:
    """The agencies ``article`` credits for its text, and those its paragraphs at ``offsets`` cite.

    Args:
        article: the article (its outlet, byline and text are read).
        offsets: character offsets of the passage's sentences in ``article.text``; the paragraphs that
            hold them are also read for attributions ("told AFP").

    Returns:
        frozenset[str]: agency names as ``AGENCIES`` keys; empty when none is named.
    """
    found = {_FORM_OF[m.group(0)] for field in (article.source, article.author) if field for m in _ANY.finditer(field)}
    paragraphs = _paragraphs(article.text)
    for at, (_, paragraph) in enumerate(paragraphs):
        found |= _named(paragraph, _CREDITS)
        if at < EDGE:
            found |= _named(paragraph, _DATELINES)
        if at >= len(paragraphs) - EDGE:
            found |= _named(paragraph, _CREDIT_LINES)
    for offset in offsets:
        found |= _named(_paragraph_at(paragraphs, offset), _ATTRIBUTIONS)
    return frozenset(found)


def wire_agency(credits: Sequence[frozenset[str]]) -> str | None:
    """The agency behind text that several articles carry: the one most of them credit, if one is.

    Args:
        credits: ``credited_agencies`` of each article that carries the text.

    Returns:
        str | None: the agency credited by more of the articles than any other; None when none is
        credited, or two are credited equally often (the text's origin is then not clear).
    """
    counts = Counter(agency for credit in credits for agency in credit)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """The non-empty lines of ``text`` with their start offsets."""
    found, at = [], 0
    for line in text.split("\n"):
        if line.strip():
            found.append((at, line))
        at += len(line) + 1
    return found


def _paragraph_at(paragraphs: Sequence[tuple[int, str]], offset: int) -> str:
    for start, paragraph in paragraphs:
        if start <= offset < start + len(paragraph) + 1:
            return paragraph
    return ""


def _named(paragraph: str, patterns: Sequence[re.Pattern[str]]) -> set[str]:
    found: set[str] = set()
    for pattern in patterns:
        for match in pattern.finditer(paragraph):
            found |= {_FORM_OF[m.group(0)] for m in _ANY.finditer(match.group(1))}
    return found
