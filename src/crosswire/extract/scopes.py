"""What narrows a figure beyond its key: the period it is given for and the person it belongs to.

The period: 'in 2020', 'in the summer of 2020', 'in 2022-23', 'last season'.

Two reports' figures for one measure in different periods are two measures ('scored 14 goals in 2022-23'
and '24 goals for Dortmund'; 'paid £25m in 2020' and 'a 103m euro fee'). The period is read from the
DATE entities of the figure's sentence, nearest first, and resolved against the article's publication
date: a period is a calendar year ('in:2020') or a season named by the year it ends ('season:2023' for
'2022-23', and for 'last season' in an article of June 2023). The publication's own year is no period:
'in 2023' in a 2023 report is the time every figure of the report holds at.
"""

from __future__ import annotations

import re
from datetime import datetime

from spacy.tokens import Span, Token

SEASON = re.compile(r"\b((?:19|20)\d\d)\s?[-/–]\s?(\d\d)\b")
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
RELATIVE = re.compile(r"\b(last|this|next)\s+(season|year|campaign)\b", re.IGNORECASE)
"""Periods named from the time of writing. 'The previous season' is named from the story's own time
(the season before the one a sentence speaks of), so it is no period here."""
NOT_A_PERIOD = frozenset("until till through by since from before after between ahead".split())
"""A date after these words bounds or starts something ('a contract until 2029', 'since 2020'); it is not
the period a figure was counted in."""
SEASON_TURN = 6
"""A season that spans two calendar years ends before this month: 'last season' in June 2023 is 2022-23."""


def period_of(number: Token, published: datetime | None) -> str | None:
    """The period ``number``'s sentence gives it, nearest DATE entity first; None when it gives none."""
    dates = [e for e in number.sent.ents if e.label_ == "DATE"]
    for ent in sorted(dates, key=lambda e: min(abs(e.start - number.i), abs(e.end - 1 - number.i))):
        if ent.start <= number.i < ent.end:
            continue  # the figure's own entity ('the 19-year-old')
        found = _period(ent, published)
        if found is not None:
            return found or None
    return None


def _period(ent: Span, published: datetime | None) -> str | None:
    """'season:2023', 'in:2020', '' (a period that is now: no scope) or None (no period here)."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in NOT_A_PERIOD or ent[0].lower_ in NOT_A_PERIOD:
        return None
    text = ent.text
    season = SEASON.search(text)
    if season is not None:
        start = int(season.group(1))
        end = start // 100 * 100 + int(season.group(2))
        return f"season:{end if end > start else end + 100}"
    year = YEAR.search(text)
    if year is not None:
        value = int(year.group(1))
        return "" if published is not None and value == published.year else f"in:{value}"
    relative = RELATIVE.search(text)
    if relative is None or published is None:
        return None
    shift = {"last": -1, "this": 0, "next": 1}[relative.group(1).lower()]
    if relative.group(2).lower() == "year":
        return "" if shift == 0 else f"in:{published.year + shift}"
    current = published.year if published.month < SEASON_TURN else published.year + 1
    return f"season:{current + shift}"


DISTRIBUTIVE = frozenset("each both all".split())


def _several(subject: Token) -> bool:
    """Whether a subject names several people ('Melendrez, 23; Diaz, 20, and Zurita')."""
    return subject.ent_type_ == "PERSON" and any(
        c.dep_ in {"conj", "appos"} and c.ent_type_ == "PERSON" for t in subject.subtree for c in t.children
    )


def person_of(number: Token, noun: Token | None) -> list[str]:
    """Whose a plain count or a sum is: 'Marr scored eight goals', 'Smith was released on $40,000 bail'
    -> 'by:marr', 'by:smith'. The check drops the story's main person (the 'by:' of the person most
    named), so 'He scored 14 goals in 2022-23' meets 'Marr scored 8 goals last season'; another
    player's goals and another defendant's bail do not."""
    verb = (noun or number).head
    for _ in range(3):
        if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
            break
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if any(s.lower_ in DISTRIBUTIVE for s in subjects) or any(_several(s) for s in subjects):
        return []  # 'Melendrez, Diaz and Zurita each face two counts': each person's, not the first one's
    subject = subjects[0] if subjects else None
    if subject is None and verb.dep_ in {"advcl", "xcomp", "conj", "pcomp"}:  # 'released after posting bail'
        head = verb.head.head if verb.dep_ == "pcomp" else verb.head
        subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None) if noun is not None else None
    for person in (owner, subject):
        if person is not None and person.ent_type_ == "PERSON":
            return [f"by:{person.lower_}"]
    return []
