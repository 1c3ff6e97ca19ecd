"""The role check: one resolved person given two titles that cannot both be right.

A role is read as one or more *offices* (``offices``): a head title with the title words before it
as its ranks ('Thurston County Chief Deputy' -> deputy, ranks {chief}; 'chief deputy district attorney
for Chaves County' -> attorney, ranks {chief, deputy}), and the words after 'of' / 'for' / 'to' as
its portfolio ('Envoy for Ukraine' -> {'ukraine'}). 'pharmacist and owner' is two offices.

Two roles conflict only when no office of one is compatible with an office of the other
(``office_conflict``). Compatible, never flagged:

* a role and its expansion or shortening: 'Deputy Chief' / 'Chief', 'district attorney' / 'chief
  deputy district attorney', 'US envoy' / 'US Special Envoy' / 'U.S. Envoy for Ukraine' (one side adds a
  rank word, a qualifier such as 'Special', or a portfolio the other leaves out);
* a generic title ('official', 'aide') against anything, a police word ('officer', 'detective')
  against any police rank or spokesperson: a sergeant is a police officer;
* a spokesperson against a police or sheriff's rank below the top: 'Officer Ana Pacheco, a police
  spokeswoman' (but 'Police Chief' / 'spokesman' conflict: a chief is not the department's spokesman);
* a past role ('former mayor') against any other.

"US Special Envoy" against "U.S. Envoy for Ukraine" (the example in issue 4) is therefore *compatible*:
both name the office 'envoy'; 'Special' and 'for Ukraine' are details one report gives and the other
leaves out, and one envoy can be a special envoy for Ukraine. Nothing in the two phrases excludes the
other, and flagging it would also flag every 'US envoy' written by a report that did not spell out the
full title. Two *different* portfolios of one title ('Envoy for Ukraine' / 'Envoy to the Middle East')
are a low-confidence note only, below the default threshold: a person can hold two portfolios.

Conflicts: two different head titles ('spokesman' / 'chief executive', 'Police Chief' / 'Judge'),
two ranks of one chain of command ('Chief Deputy' / 'Sheriff', 'Sergeant' / 'Lieutenant'), or one
head title with rank words that exclude each other ('Chief Deputy Coroner' / 'Chief Judge Coroner').
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from crosswire.check.context import CheckContext, contradiction, ref_evidence, register_check
from crosswire.check.entities import PersonRef, ResolvedPerson
from crosswire.model import Contradiction, Side
from crosswire.roles import (
    ABBREVIATIONS,
    FUNCTION_WORDS,
    GENERIC_TITLES,
    LADDER_TOPS,
    MILITARY_RANKS,
    PAST,
    POLICE_GENERIC,
    POLICE_RANKS,
    RANK_LADDERS,
    RANK_PREFIXES,
    SPOKESPEOPLE,
    TITLES,
    role_words,
)

RANK_WORDS = frozenset({"assistant", "vice", "associate"})  # rank words that are no title on their own
ORG_WORDS = frozenset({"department", "office", "ministry", "agency", "court", "service", "bureau", "committee"})
"""Words after a title word that make it part of an organisation's name ('Justice Department official')."""
PORTFOLIO = frozenset({"of", "for", "to"})
HEADS_OF_BODY = frozenset(
    "superintendent secretary commissioner director head chairman chairwoman chair president administrator".split()
)
"""Titles of the one person who heads a body: two of them for one named body are one office named two ways
(Maryland's head of the state police is both its superintendent and its secretary)."""
HEAD_STOP = frozenset({"of", "for", "to", "at", "in", "with", "on"})
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


@dataclass(frozen=True, slots=True)
class Office:
    """One office named by a role: its head title, the rank words before it, what it is for."""

    head: str
    ranks: frozenset[str] = frozenset()
    portfolio: frozenset[str] = frozenset()
    past: bool = False
    body: frozenset[str] = frozenset()  # the body it heads or serves: 'Maryland State Police Superintendent'

    @property
    def named_body(self) -> frozenset[str]:
        return self.body | self.portfolio


SAME_TITLE = {"lawyer": "attorney", "counsel": "attorney", "solicitor": "attorney", "policeman": "officer"}
SAME_TITLE |= {"prosecutor": "attorney", "justice": "judge", "spokesman": "spokesperson"}
SAME_TITLE |= {"spokeswoman": "spokesperson"}
"""Titles that name one occupation: 'his lawyer' and 'defense attorney' are not a conflict."""


def _tokens(text: str) -> list[str]:
    out = []
    for token in _WORD.findall(text.lower()):
        token = token.replace("’", "'").removesuffix("'s").rstrip(".")
        token = ABBREVIATIONS.get(token, token)
        out.append(SAME_TITLE.get(token, token))
    return out


def offices(role: str | None) -> list[Office]:
    """The offices a role names; none when it names no title ('a neighbour', '17').

    >>> offices("Thurston County Chief Deputy")
    [Office(head='deputy', ranks=frozenset({'chief'}), portfolio=frozenset(), past=False)]
    """
    found = []
    for part in re.split(r"\band\b|&|,|/", role or ""):
        tokens = _tokens(part)
        cut = next((i for i, token in enumerate(tokens) if token in HEAD_STOP and i > 0), len(tokens))
        titled = [i for i in range(cut) if tokens[i] in TITLES]
        if not titled:
            continue
        head = titled[-1]
        ranks = frozenset(
            t
            for i, t in enumerate(tokens[:head])
            if (t in TITLES or t in RANK_WORDS) and tokens[i + 1] not in ORG_WORDS  # not 'Justice Department'
        )
        after = tokens[cut + 1 :] if cut < len(tokens) and tokens[cut] in PORTFOLIO else []
        portfolio = frozenset(t for t in after if t not in {"the", "a", "an", "us", "u.s"} and t not in TITLES)
        body = frozenset(t for t in tokens[:head] if t not in TITLES | RANK_WORDS | FUNCTION_WORDS)
        found.append(Office(tokens[head], ranks, portfolio, bool(PAST & set(tokens)), body))
    return found


def _same_ladder(a: str, b: str) -> bool:
    return any(a in ladder and b in ladder for ladder in RANK_LADDERS)


def office_conflict(a: Office, b: Office) -> tuple[float, str] | None:
    """(confidence, severity) when two offices cannot be held by one person at once, else None."""
    if a.past or b.past:
        return None
    if a.head == b.head and a.head in MILITARY_RANKS and (a.ranks & RANK_PREFIXES) != (b.ranks & RANK_PREFIXES):
        return (0.8, "low")  # 'Lt. Col.' / 'Colonel': two ranks
    if (a.head in MILITARY_RANKS) != (b.head in MILITARY_RANKS):
        return None  # a rank and a post: 'Rear Admiral' / 'commander of the Fifth Coast Guard District'
    if a.head == b.head:
        if a.ranks <= b.ranks or b.ranks <= a.ranks:
            if a.portfolio and b.portfolio and not a.portfolio & b.portfolio:
                return (0.7, "low")  # 'Envoy for Ukraine' / 'Envoy to the Middle East': maybe two portfolios
            return None  # an expansion: 'Special Envoy' / 'Envoy for Ukraine' / 'envoy'
        return (0.8, "high")  # 'Chief Deputy Coroner' / 'Chief Judge Coroner'
    if a.head in b.ranks or b.head in a.ranks:
        return None  # a shortening: 'Chief Deputy' / 'Deputy', 'Deputy Chief' / 'Chief'
    for one, other in ((a, b), (b, a)):
        if one.head in GENERIC_TITLES and not one.ranks:
            return None  # 'official', 'aide': vague enough for any title
        if one.head in POLICE_GENERIC and not one.ranks and other.head in POLICE_RANKS | SPOKESPEOPLE:
            return None  # 'Officer' / 'Sgt.', 'Officer' / 'police spokeswoman'
        if one.head in SPOKESPEOPLE and other.head in POLICE_RANKS - LADDER_TOPS:
            return None  # a sergeant can be the department's spokesman, its chief is not
    if a.head in HEADS_OF_BODY and b.head in HEADS_OF_BODY and len(a.named_body & b.named_body) >= 2:
        return None  # one body's head under two names: 'State Police Superintendent' / 'Secretary of State Police'
    if _same_ladder(a.head, b.head):
        return (0.8, "high")  # two ranks of one chain of command
    return (0.85, "high")


def role_conflict(a: str, b: str) -> tuple[float, str] | None:
    """(confidence, severity) when two roles of one person cannot both be right, else None.

    Any compatible pair of offices (one per role) makes the roles compatible: a person may hold
    several offices, and a report may name only one of them.
    """
    offices_a, offices_b = offices(a), offices(b)
    if not offices_a or not offices_b:
        return None  # not recognisably a title: an extraction slip is likelier than a conflict
    verdicts = [office_conflict(x, y) for x in offices_a for y in offices_b]
    if any(verdict is None for verdict in verdicts):
        return None
    return min(verdicts, key=lambda verdict: verdict[0] if verdict else 0.0)


def _roles(person: ResolvedPerson, context: CheckContext) -> dict[str, list[PersonRef]]:
    """The person's roles, one entry per set of words ('Port Authority chief executive' and 'chief
    executive of the Port Authority' are one role), keyed by the most common wording. A title inside
    a quotation is the speaker's, often of another time ('"As president, Senator Obama will fight"'),
    so it is left out."""
    by_words: dict[tuple[str, ...], list[PersonRef]] = defaultdict(list)
    for ref in person.refs:
        if ref.person.role and role_words(ref.person.role) and not _quoted(context, ref):
            by_words[role_words(ref.person.role)].append(ref)
    roles: dict[str, list[PersonRef]] = {}
    for refs in by_words.values():
        wording = Counter(ref.person.role for ref in refs).most_common(1)[0][0]
        roles[wording or ""] = refs
    return roles


def _quoted(context: CheckContext, ref: PersonRef) -> bool:
    extraction = context.extractions.get(ref.article_id)
    quotes = extraction.quotes if extraction else ()
    return any(q.start <= ref.person.start < q.end for q in quotes)


def _one_office(a: str, b: str) -> bool:
    """Whether two roles name one office, compatibly ('Police Chief' / 'Chief', 'Chief Deputy' / 'Deputy')."""
    if role_conflict(a, b) is not None:
        return False
    heads_a = {office.head for office in offices(a)} | {rank for office in offices(a) for rank in office.ranks}
    heads_b = {office.head for office in offices(b)} | {rank for office in offices(b) for rank in office.ranks}
    return bool({office.head for office in offices(a)} & heads_b or {office.head for office in offices(b)} & heads_a)


def role_groups(roles: Sequence[str]) -> list[list[str]]:
    """Roles that name one office, grouped (a generic title bridges nothing); roles with no title left out."""
    groups: list[list[str]] = []
    for role in roles:
        if not offices(role):
            continue
        joined = [group for group in groups if any(_one_office(role, other) for other in group)]
        merged = [role] + [other for group in joined for other in group]
        groups = [group for group in groups if group not in joined] + [merged]
    return groups


def _comparable(a: str, b: str) -> bool:
    """Whether two roles can be compared at all: a military rank and a post say nothing of each other
    ('Lt. Col.' / 'Maryland State Police superintendent'), so such a pair neither agrees nor conflicts."""
    return any((x.head in MILITARY_RANKS) == (y.head in MILITARY_RANKS) for x in offices(a) for y in offices(b))


def _group_conflict(a: Sequence[str], b: Sequence[str]) -> tuple[float, str] | None:
    """The conflict between two groups of roles: every comparable pair conflicts (else None), at its
    surest."""
    verdicts = [role_conflict(x, y) for x in a for y in b if _comparable(x, y)]
    if not verdicts or any(verdict is None for verdict in verdicts):
        return None
    return max(verdicts, key=lambda verdict: verdict[0] if verdict else 0.0)


@register_check
def check_roles(context: CheckContext) -> Iterator[Contradiction]:
    """One resolved person given titles that cannot all be right: one finding per person, a side per
    group of roles that name one office ('Greenville Police Chief' and 'Chief' against 'Judge')."""
    for person in context.index.people:
        roles = _roles(person, context)
        groups = role_groups(sorted(roles))
        verdicts = {
            (i, j): verdict
            for i in range(len(groups))
            for j in range(i + 1, len(groups))
            if (verdict := _group_conflict(groups[i], groups[j])) is not None
        }
        if not verdicts:
            continue
        involved = sorted({n for pair in verdicts for n in pair})
        sides = [_group_side(context, groups[n], roles) for n in involved]
        sides.sort(key=lambda side: -len({e.article_id for e in side.evidence}))
        confidence = max(verdict[0] for verdict in verdicts.values())
        severity = "high" if any(verdict[1] == "high" for verdict in verdicts.values()) else "low"
        explanation = f"{person.name} is called " + " and ".join(repr(side.value) for side in sides) + "."
        subject = person.name
        ranks = [rank_of(side.value) for side in sides]
        if all(ranks) and len(set(ranks)) == len(ranks):  # only the military rank differs: show the ranks
            sides = [Side(rank or "", side.evidence) for rank, side in zip(ranks, sides, strict=True)]
            explanation += " The ranks differ: " + " against ".join(r or "" for r in ranks) + "."
            subject = f"{person.name}'s rank"
        yield contradiction(
            context,
            kind="role",
            subject=subject,
            sides=sides,
            confidence=confidence,
            severity=severity,
            explanation=explanation,
        )


def rank_of(role: str) -> str | None:
    """The military rank a role gives, as written and spelled out: 'Maryland State Police Superintendent
    Lt. Col.' -> 'Lt. Col. (lieutenant colonel)'; None when it gives none."""
    if not any(office.head in MILITARY_RANKS for office in offices(role)):
        return None  # 'General Secretary' names a post
    words = _WORD.findall(role)
    end = next((i for i in range(len(words) - 1, -1, -1) if set(_tokens(words[i])[:1]) & MILITARY_RANKS), None)
    if end is None:
        return None
    start = end
    while start > 0 and set(_tokens(words[start - 1])[:1]) & RANK_PREFIXES:
        start -= 1
    written = words[start : end + 1]
    text = " ".join(written)
    spelled = " ".join(_tokens(text))
    return text if text.lower() == spelled else f"{text} ({spelled})"


def _group_side(context: CheckContext, group: Sequence[str], roles: dict[str, list[PersonRef]]) -> Side:
    """A side for a group of roles: its most cited wording, evidence from every role in it."""
    value = max(group, key=lambda role: (len(roles[role]), len(role)))
    refs = [ref for role in group for ref in roles[role]]
    return Side(value, ref_evidence(context, refs))
