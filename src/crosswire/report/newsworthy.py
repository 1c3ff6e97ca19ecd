"""Which confirmed facts may lead a brief: reporting, not commentary.

A takeaway is what an editor would put first. However many sources share it, a sentence is no takeaway
when it is

* commentary, prediction or speculation: the extractor marked it hedged ('could potentially be
  exploited'), a stock opinion ('it is crucial'), rhetorical or addressed to the reader (``Claim.reasons``
  of the sentences that carry it), or it forecasts with a degree word ('will significantly impact');
* a list item or heading ('Reinforcement of alliances: Coordinating with European allies ...', a headline in
  title case run into the text), a photo caption or credit, or a fragment (no verb-bearing end: cut off
  mid-sentence);
* mostly a direct quotation ('"We came together from India in the same vehicle," Shah added.'), or what a
  speaker named only by a pronoun went on to say ('They had booked the night train home, he added.'): a
  voice, which the brief's quotes show with its speaker, not what the reports establish;
* not readable on its own: it opens with a pronoun or a demonstrative that stands for something in the
  sentence before ('They and the two others were ...', 'This high-stakes dialogue ...'), so out of its
  article it says nothing certain;
* commentary that calls the news a shift or a turning point ('signals a potential shift in the talks'), an
  analyst's weighing ('the relationship with the West is a significant factor', 'plays a key role'), or
  a guess ('is probably more liberal than most of her colleagues', 'perhaps the worst in years').

Two padded reports that share a filler sentence do not make it a confirmed fact worth leading with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from crosswire.model import Extraction
from crosswire.report.brief import FactLine

NOT_REPORTING = frozenset({"hedge", "generic-opinion", "rhetorical", "second-person", "heading"})
"""Claim reasons (``extract/claims.py``) that make a sentence commentary rather than reporting."""
_FORECAST = re.compile(
    r"\b(?:will|would|could|may|might)\s+(?:\w+ly\s+)?(?:significantly|likely|undoubtedly|certainly|"
    r"inevitably|probably|continue to|shape|impact|determine|define|redefine|pave)\b",
    re.IGNORECASE,
)
_COMMENTARY = re.compile(
    r"\b(?:signal|mark|represent|herald|underscore|highlight|reflect)(?:s|ed|ing)?\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:potential|possible|shift|turning point|new era|new chapter|watershed|sea change)\b",
    re.IGNORECASE,
)
_ANALYSIS = re.compile(
    r"\b(?:is|are|was|were|remains?|remained|plays?|played)\s+(?:a|an)\s+(?:significant|major|key|important|"
    r"crucial|critical|vital|pivotal|decisive)\s+(?:factor|role|element|aspect|consideration)\b",
    re.IGNORECASE,
)
_SPECULATION = re.compile(r"\b(?:probably|perhaps|presumably|arguably|conceivably)\b", re.IGNORECASE)
_PRONOUN_SPEAKER = re.compile(
    r"[,—–]\s*(?:he|she|they)\s+(?:also\s+)?(?:said|says|added|adds|told|noted|recalled|explained|continued)\b"
    r"[^,;]*$",
    re.IGNORECASE,
)
_TIME_NOUNS = "year|week|month|morning|afternoon|evening|night|weekend|season|summer|winter|spring|autumn|time"
_ANAPHORIC = re.compile(
    rf"^[\s*•·–-]*(?:(?:he|she|they|we|i|you|his|her|their|its|them)\b|(?:this|these|those|such)\s+(?!(?:{_TIME_NOUNS})\b))",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*[A-Z][\w'’ -]{2,40}:\s+\S")
_CAPTION = re.compile(r"\b(?:photo|image|picture|file photo|credit|getty images|reuters/|ap photo|afp via)\b", re.I)
_ENDS = (".", "!", "?", '"', "”", "’", "'", ")")
QUOTED_SHARE = 0.5
"""A sentence with less than this share of its text outside quotation marks is a quotation."""


def newsworthy(fact: FactLine, extractions: Mapping[str, Extraction]) -> bool:
    """Whether a confirmed fact reads as reporting an editor could lead with."""
    text = fact.text.strip()
    if not text.endswith(_ENDS) or len(text.split()) < 6:
        return False  # a fragment, a heading or a cut ending
    if _LIST_ITEM.match(text) and ":" in text[:45]:
        return False
    if _title_case(text):
        return False  # a headline run into the text ('Real Madrid Pays Over Hundred Million Euro Bonus ...')
    said = _outside_quotes(text)
    if _CAPTION.search(text) or any(p.search(said) for p in (_FORECAST, _COMMENTARY, _ANALYSIS, _SPECULATION)):
        return False
    if _ANAPHORIC.match(text) or _PRONOUN_SPEAKER.search(text):
        return False  # not readable on its own, or a speaker's side detail
    if len(_outside_quotes(text).strip()) < QUOTED_SHARE * len(text):
        return False  # a quotation with its attribution
    commentary = [_reasons(extractions, c.article_id, c.start) & NOT_REPORTING for c in fact.citations]
    return not commentary or sum(1 for reasons in commentary if reasons) * 2 < len(commentary)


def _title_case(text: str) -> bool:
    """Whether a sentence is written as a headline: every word of four letters or more capitalised."""
    long = [word for word in re.findall(r"[^\W\d_][\w'’-]*", text) if len(word) >= 4]
    return len(long) >= 4 and all(word[0].isupper() for word in long)


def _outside_quotes(text: str) -> str:
    return re.sub(r"[\"“][^\"”]*[\"”]", " ", text)


def _reasons(extractions: Mapping[str, Extraction], article_id: str, start: int) -> set[str]:
    extraction = extractions.get(article_id)
    if extraction is None:
        return set()
    for claim in extraction.claims:
        if claim.start == start:
            return set(claim.reasons)
    return set()
