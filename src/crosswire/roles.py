"""The vocabulary of roles and titles, shared by extraction (reading a title before a name) and the
cross-check (comparing the roles one person is given).

``role_words`` reduces a role to its sorted content words, so word order and function words do not
matter ("Port Authority chief executive" = "chief executive of the Port Authority"). ``title_words``
keeps the words of a role that name an office or rank ("Thurston County Chief Deputy" -> {'chief',
'deputy'}). ``RANK_LADDERS`` lists the ranks of one chain of command: two different ranks of one
ladder cannot both describe one person in one story.
"""

from __future__ import annotations

import re

FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "for", "at", "in", "to", "'s", "’s", "'", "’", "and", "&"})

TITLES = frozenset(
    [
        "president",
        "minister",
        "secretary",
        "envoy",
        "ambassador",
        "chancellor",
        "premier",
        "governor",
        "mayor",
        "senator",
        "representative",
        "congressman",
        "congresswoman",
        "councilman",
        "councilwoman",
        "councillor",
        "councilor",
        "commissioner",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "executive",
        "officer",
        "manager",
        "master",
        "commander",
        "chief",
        "sheriff",
        "undersheriff",
        "marshal",
        "coroner",
        "judge",
        "justice",
        "attorney",
        "prosecutor",
        "lawyer",
        "solicitor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "principal",
        "coach",
        "pope",
        "rabbi",
        "imam",
        "cardinal",
        "superintendent",
        "pastor",
        "priest",
        "bishop",
        "reverend",
        "doctor",
        "surgeon",
        "nurse",
        "professor",
        "dean",
        "captain",
        "lieutenant",
        "sergeant",
        "detective",
        "trooper",
        "deputy",
        "inspector",
        "constable",
        "agent",
        "investigator",
        "general",
        "colonel",
        "major",
        "admiral",
        "king",
        "queen",
        "prince",
        "adviser",
        "advisor",
        "aide",
        "founder",
        "owner",
        "treasurer",
        "clerk",
        "administrator",
        "head",
        "leader",
        "official",
        "editor",
        "analyst",
        "economist",
        "corporal",
        "patrolman",
    ]
)
"""Words that name an office, rank or occupation held by a person."""

ABBREVIATIONS = {"sgt": "sergeant", "lt": "lieutenant", "capt": "captain", "cpl": "corporal", "det": "detective"}
ABBREVIATIONS |= {"ofc": "officer", "insp": "inspector", "supt": "superintendent", "gov": "governor", "sen": "senator"}
ABBREVIATIONS |= {"rep": "representative", "cmdr": "commander", "atty": "attorney", "dep": "deputy"}
ABBREVIATIONS |= {"ceo": "executive", "col": "colonel", "gen": "general", "maj": "major", "adm": "admiral"}
ABBREVIATIONS |= {"lieut": "lieutenant", "brig": "brigadier"}

GENERIC_TITLES = frozenset(
    ["leader", "official", "head", "member", "representative", "aide", "negotiator", "agent", "investigator"]
    + ["adviser", "advisor", "analyst", "administrator", "manager", "owner", "founder"]
)
"""Titles vague enough to describe the holder of almost any other title ('a senior official' may be
the minister): never one side of a role conflict on their own."""

SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})

MILITARY_RANKS = frozenset({"general", "admiral", "colonel", "brigadier", "commodore"})
"""Ranks of the armed forces (and of state police that use them): a rank, not a post, so 'Rear Admiral'
and 'commander of the Fifth District' describe one person."""
RANK_PREFIXES = frozenset({"lieutenant", "rear", "vice", "brigadier", "major", "senior", "first"})
"""Words that make a different rank of a military one: a lieutenant colonel is not a colonel."""

RANK_LADDERS = (
    ("officer", "patrolman", "trooper", "corporal", "sergeant", "lieutenant", "captain", "major", "commander", "chief"),
    ("deputy", "sergeant", "lieutenant", "captain", "major", "undersheriff", "sheriff"),
)
"""Chains of command (police, sheriff's office): two ranks of one ladder are two different people's."""

POLICE_RANKS = frozenset(rank for ladder in RANK_LADDERS for rank in ladder)
LADDER_TOPS = frozenset({"chief", "sheriff", "undersheriff"})
"""The heads of a department, who are not its spokesperson."""

POLICE_GENERIC = frozenset({"officer", "detective", "patrolman", "trooper"})
"""Police words that any rank may be called ('a police officer' is a sergeant too, 'Detective Sgt.')."""

PAST = frozenset({"former", "ex", "retired", "late", "then", "onetime", "one-time", "previous", "outgoing"})
"""A role with one of these words describes a past office, compatible with any present one."""

_WORD = re.compile(r"[\w'’]+")


def role_words(role: str | None) -> tuple[str, ...]:
    """A role as sorted lower-case content words, for comparing roles written in different orders.

    >>> role_words("Port Authority chief executive") == role_words("chief executive of the Port Authority")
    True
    """
    if not role:
        return ()
    words = _WORD.findall(role.lower())
    return tuple(sorted(w.removesuffix("'s").removesuffix("’s") for w in words if w not in FUNCTION_WORDS))


def title_words(role: str | None) -> frozenset[str]:
    """The words of a role that name an office or rank, abbreviations spelled out.

    >>> sorted(title_words("Thurston County Chief Deputy"))
    ['chief', 'deputy']
    >>> sorted(title_words("Sgt. Ana Pacheco's partner"))
    ['sergeant']
    """
    found = set()
    for word in role_words(role):
        word = ABBREVIATIONS.get(word.rstrip("."), word)
        if word in TITLES:
            found.add(word)
    return frozenset(found)


SAME_OFFICE = {
    "lawyer": "attorney",
    "counsel": "attorney",
    "solicitor": "attorney",
    "policeman": "officer",
    "prosecutor": "attorney",
    "justice": "judge",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "advisor": "adviser",
    "councilor": "councillor",
}
"""Titles that name one occupation: 'his lawyer' and 'defense attorney' are one job."""


def head_title(role: str | None) -> str | None:
    """The title a role names, before any 'of' / 'for': 'Chief District Officer of the Kaski district' ->
    'officer'; 'Kaski Police Chief Superintendent' -> 'superintendent'; None when it names none."""
    words = [ABBREVIATIONS.get(w.rstrip("."), w.rstrip(".")) for w in _WORD.findall((role or "").lower())]
    cut = next((i for i, w in enumerate(words) if w in {"of", "for", "to", "at"} and i > 0), len(words))
    titles = [w for w in words[:cut] if w in TITLES]
    return SAME_OFFICE.get(titles[-1], titles[-1]) if titles else None


def leading_title(word: str) -> bool:
    """Whether a capitalised word before a name is a title ('Coroner Hector Alfaro'), never a given name.

    Titles that are also given names ('Dean', 'Major', 'King', 'Prince') are not: 'Dean Allen Roberts'
    keeps its given name.
    """
    key = word.lower().rstrip(".")
    key = ABBREVIATIONS.get(key, key)
    return key in TITLES and key not in {"dean", "major", "king", "prince", "queen"}
