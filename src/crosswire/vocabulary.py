"""The English word lists that more than one stage reads, in one place. All lower case.

A stage takes the list it needs, or builds its own from these and says how (``stories.features``
adds honorifics to its name filter; ``check.slots`` reads negation as plain words). Lists that
only one module reads stay in that module, beside the code that gives them their meaning.

spaCy's ``spacy.lang.en.stop_words.STOP_WORDS`` (326 words) is not used for ``STOP_WORDS``: ours
are 93 of its words plus 'said', 'says', 'told' and the ``'s`` / ``n't`` remnants, and the checks and
the story features are tuned on exactly these; importing it would also load spaCy (about 2.5 s)
in commands that never parse text. The extractor, which has spaCy loaded, has ``Token.is_stop``.
"""

from __future__ import annotations

WEEKDAYS = tuple("monday tuesday wednesday thursday friday saturday sunday".split())
"""Monday first, so a day's index is ``datetime.weekday()``."""
WEEKDAY_ABBREVIATIONS = tuple("mon tue tues wed thu thur thurs fri sat sun".split())

MONTHS = tuple("january february march april may june july august september october november december".split())
MONTH_ABBREVIATIONS = tuple("jan feb mar apr jun jul aug sept sep oct nov dec".split())
"""'may' has none; 'sept' comes before 'sep' so that a regex alternation built from these takes the longer."""

SUBJECT_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they"})
POSSESSIVE_PRONOUNS = frozenset({"my", "your", "his", "her", "its", "our", "their"})
SINGULAR_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
"""A pronoun that can stand for one named person (a quote's speaker)."""
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})

NEGATORS = frozenset({"not", "n't", "never", "nt"})
"""A verb's negation as spaCy tokenises it ('did n't'; 'dont' gives 'nt')."""
NEGATIVE_DETERMINERS = frozenset({"no"})
NEGATIVE_PRONOUNS = frozenset({"nothing", "nobody", "none", "noone"})
NEGATION_WORDS = (
    frozenset({"not", "never", "without", "neither", "nor", "denied", "denies", "deny"})
    | NEGATIVE_DETERMINERS
    | (NEGATIVE_PRONOUNS - {"noone"})
    | {"non"}  # 'non-life-threatening' negates too ('yet' does not: 'an as-yet unidentified man')
)
"""Words that negate what follows them, read as plain words (no parse): ``check.slots``."""

DENIAL_VERBS = frozenset(
    {"deny", "denies", "denied", "denying", "refute", "refutes", "refuted", "refuting"}
    | {"rebut", "rebuts", "rebutted", "rebutting"}
)
"""Verbs whose complement is what they deny: 'denied that he was the informant' states that he was not."""
DISMISSAL_VERBS = frozenset(
    {"discount", "discounts", "discounted", "discounting", "dismiss", "dismisses", "dismissed", "dismissing"}
    | {"reject", "rejects", "rejected", "rejecting", "dispute", "disputes", "disputed", "disputing"}
    | {"debunk", "debunks", "debunked", "debunking", "deny", "denies", "denied", "denying"}
)
"""Verbs that deny a claim they take as object: 'discounted rumours that he was the informant'."""
DENIED_CLAIMS = frozenset(
    {"rumor", "rumors", "rumour", "rumours", "claim", "claims", "report", "reports", "suggestion", "suggestions"}
    | {"allegation", "allegations", "accusation", "accusations", "speculation", "notion", "idea", "charge", "charges"}
)
"""Nouns for what a dismissal verb denies: the clause after them ('rumours *that he was the informant*') is the
denied claim."""

SAY_WORDS = frozenset({"said", "says", "say", "told"})
"""The commonest reporting verbs, too frequent in news to say anything (the extractor's full list of
reporting verbs is ``extract.quotes.SAY_WORDS``)."""

FUNCTION_WORDS = frozenset(
    (
        "the a an and or but of to in on at for with from by as is was were be been are it its this that these "
        "those he she they his her their we our you not no will would could has have had after before over into "
        "about than then there which who whom what when where while also more most"
    ).split()
) | (SAY_WORDS - {"told"})
"""Words that carry no topic: left out of a story's body terms (``stories.features``)."""

STOP_WORDS = (
    FUNCTION_WORDS
    | SAY_WORDS
    | frozenset("being can did do does here him i just may me might my off only out should so such".split())
    | {"them", "under", "up", "very", "your"}
    | {"s", "t"}  # what is left of "'s" and "n't" once the apostrophe is gone
)
"""``FUNCTION_WORDS`` and a few more: what the checks leave out when they compare wording (``check.text``)."""

EVENT_VERBS = {"call off": "suspend", "halt": "suspend", "put off": "postpone", "delay": "postpone"}
"""Verbs (as ``extract.frames.stem`` gives them, with a particle) that name one event: a search called off
and a search suspended are one event to date, and 'called off' is not the 'called' of 'called the police'.
'Wounded' is not 'shot' here: tried, it paired a wounding with another incident's shooting (a false alarm on
GVA dev) and found no change more."""

EVENT_ARGUMENTS = {"teenager": "teen", "youth": "teen", "adolescent": "teen"}
"""Argument stems that name one group in an event's frame ('four teens were shot' / 'four teenagers were shot')."""

# fmt: off
UNITS = {
    "magnitude": ("magnitude", 1.0), "magnitudes": ("magnitude", 1.0),
    "km": ("length", 1000.0), "kms": ("length", 1000.0), "kilometres": ("length", 1000.0),
    "kilometers": ("length", 1000.0), "kilometre": ("length", 1000.0), "kilometer": ("length", 1000.0),
    "miles": ("length", 1609.344), "mile": ("length", 1609.344),
    "metres": ("length", 1.0), "meters": ("length", 1.0), "metre": ("length", 1.0), "meter": ("length", 1.0),
    "m": ("length", 1.0), "feet": ("length", 0.3048), "foot": ("length", 0.3048), "foots": ("length", 0.3048),
    "ft": ("length", 0.3048), "acres": ("area", 4046.86), "acre": ("area", 4046.86),
    "hectares": ("area", 10000.0), "hectare": ("area", 10000.0), "percent": ("percent", 1.0),
}
"""Unit word -> (dimension, factor to the dimension's base unit): 1,330 km and 826 miles compare
(``extract.measures``), '948 feet (289 meters)' is one figure (``report.verify``)."""
# fmt: on
