"""Statuses: whether a sentence takes an agreed measure (a ceasefire, a peace deal, a curfew, a ban) to
be in force, read from what the sentence presupposes.

"before violating the ceasefire" and "the fragile state of the ceasefire agreement" only make sense
if a ceasefire exists; "urging Russia to get moving on a ceasefire" and "efforts to reach a truce"
only if none does yet. Reports that disagree on this disagree on the state of the story, even when
no sentence of either says so outright. The cross-check compares them (``check.status``).

Rules, on the dependency parse, for the measure's noun phrase (its head is the measure noun or the
agreement noun it qualifies: 'the ceasefire agreement'):

* Skipped: a qualified measure ('a permanent ceasefire', 'a 30-day truce', 'the immediate
  ceasefire' can be another measure than the one in force), a measure noun that qualifies another
  noun ('ceasefire talks', 'the ceasefire deadline'), a table row or heading.
* In force, with a definite determiner ('the', 'this', a possessive): the object of a verb that
  presupposes it (violate, observe, maintain, enforce, monitor...), the subject of 'hold' or 'take
  effect', the object of 'of' after a noun that does ('violations of', 'the state of', 'the terms
  of'), 'compliance with', 'since' or 'under' it; or an adjective that does ('the fragile truce').
  With any determiner: the object of an agreeing verb in the past, not in a modal, conditional or
  planned clause ('the two sides signed a ceasefire on Monday').
* Not yet, without a definite determiner: 'no ceasefire'; the object of a verb that seeks it (seek,
  urge, demand, facilitate, achieve...) or of an agreeing verb in a modal or planned clause ('to
  reach a truce'); 'towards', 'without' or 'moving on' it; 'for' it after a call, push or plea;
  or an adjective that does ('a possible ceasefire').
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from crosswire.extract.frames import modal_clause
from crosswire.extract.sentences import Sentences
from crosswire.model import Status, StatusState

MEASURES = {"ceasefire": "ceasefire", "truce": "ceasefire", "armistice": "ceasefire", "curfew": "curfew"}
MEASURES |= {"moratorium": "moratorium", "lockdown": "lockdown"}
"""Measure nouns, by the thing they name (a truce and a ceasefire are one thing)."""
AGREEMENT_NOUNS = frozenset({"agreement", "deal", "accord", "treaty", "pact"})
"""Nouns that a measure noun can qualify ('ceasefire agreement'), or 'peace' can ('peace deal')."""
BANS = frozenset({"ban", "embargo"})
"""Measures named by what they ban ('fishing ban', 'arms embargo'): the qualifier is part of the name."""

QUALIFIERS = frozenset(
    ["permanent", "lasting", "sustainable", "durable", "full", "comprehensive", "new", "second", "third"]
    + ["temporary", "partial", "humanitarian", "complete", "immediate", "unconditional", "general", "total"]
    + ["strengthened", "broader", "real", "genuine", "longer", "wider", "nationwide", "local", "limited"]
    + ["previous", "earlier", "last", "former", "old", "first", "final", "another", "extended", "renewed"]
)
"""Adjectives that can name another measure than the one in force."""
IN_FORCE_ADJECTIVES = frozenset({"fragile", "shaky", "tenuous", "existing", "current", "uneasy", "ongoing"})
NOT_YET_ADJECTIVES = frozenset({"potential", "possible", "proposed", "prospective", "eventual", "future"})
DEFINITE = frozenset({"the", "this", "that", "its", "their", "his", "her", "our"})

KEEPING_VERBS = frozenset(
    ["violate", "breach", "break", "observe", "respect", "enforce", "implement", "monitor", "maintain"]
    + ["uphold", "extend", "honor", "honour", "undermine", "jeopardize", "jeopardise", "threaten"]
    + ["preserve", "police", "verify", "sustain", "ignore", "defy", "flout", "obey"]
)
"""Verbs whose object must exist: 'violating the ceasefire'."""
AGREEING_VERBS = frozenset(["sign", "agree", "reach", "broker", "declare", "announce", "strike", "secure"])
AGREEING_VERBS |= frozenset(["conclude", "seal", "impose", "order", "introduce"])
"""Verbs that bring a measure about: in force when said in the past, not yet when planned."""
SEEKING_VERBS = frozenset(
    ["seek", "urge", "demand", "propose", "want", "facilitate", "achieve", "pursue", "request", "negotiate"]
    + ["push", "press", "need", "hope", "discuss", "consider", "explore", "reject", "refuse"]
)
"""Verbs whose object does not exist yet (when it is not 'the' one already in place)."""
HOLDING_VERBS = frozenset({"hold", "remain", "last"})
"""Verbs whose subject exists: 'whether the ceasefire is holding'."""
IN_FORCE_NOUNS = frozenset(
    ["violation", "breach", "implementation", "enforcement", "term", "state", "extension", "observance"]
    + ["monitoring", "anniversary", "monitor", "guarantor", "architect"]
)
"""Nouns before 'of' that presuppose what follows: 'the terms of the truce'."""
CALL_NOUNS = frozenset(
    ["call", "push", "press", "pressure", "appeal", "plea", "hope", "demand", "campaign", "bid", "plan"]
    + ["proposal", "effort", "negotiation", "talk", "ask", "urge", "work", "path", "road"]
)
"""Words before 'for' that make what follows something sought: 'calls for a ceasefire'."""
TAKE, MOVE, COMPLY = frozenset({"take"}), frozenset({"move"}), frozenset({"compliance", "comply"})


IRREGULAR = {"took": "take", "taken": "take", "held": "hold", "broke": "break", "broken": "break", "sought": "seek"}
IRREGULAR |= {"struck": "strike"}


def base(word: str, vocabulary: frozenset[str]) -> str | None:
    """The word of ``vocabulary`` that ``word`` inflects ('violating' -> 'violate'), or None. The
    pipeline runs without a lemmatizer, so the usual English endings are tried instead."""
    word = word.lower()
    word = IRREGULAR.get(word, word)
    candidates = [word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-4]]
    if word.endswith(("ies", "ied")):
        candidates.append(word[:-3] + "y")
    return next((c for c in candidates if c in vocabulary), None)


def find_statuses(doc: Doc, sentences: Sentences) -> list[Status]:
    """Every measure mention whose sentence says, by presupposition, whether it is in force."""
    found = []
    for token in doc:
        measure = _measure(token)
        if measure is None:
            continue
        thing, head = measure
        line = sentences.items[sentences.index(token.i)].text
        if "|" in line or line.lstrip().startswith("#"):
            continue
        decided = _state(head)
        if decided is None:
            continue
        state, cue = decided
        if cue.dep_ == "xcomp" and cue.head.pos_ == "VERB" and 0 < cue.i - cue.head.i <= 6:
            cue = cue.head  # 'get moving on a ceasefire', 'pressing the agency to impose a ban'
        start, end = min(cue.i, head.left_edge.i), max(cue.i, head.i)
        if end - start > 10:
            start, end = head.left_edge.i, head.i
        found.append(
            Status(
                start=doc[start].idx,
                end=doc[end].idx + len(doc[end].text),
                sentence=sentences.index(token.i),
                thing=thing,
                state=state,
            )
        )
    return found


def _measure(token: Token) -> tuple[str, Token] | None:
    """(the thing, the head of its noun phrase) when ``token`` names a measure."""
    lower = token.lower_
    if lower == "fire" and any(c.lower_ == "cease" for c in token.children):
        lower = "ceasefire"  # 'cease-fire' is three tokens
    if lower in MEASURES:
        if token.dep_ != "compound":
            return MEASURES[lower], token
        if token.head.lower_ in AGREEMENT_NOUNS:
            return MEASURES[lower], token.head  # 'the ceasefire agreement'
        return None  # 'ceasefire talks', 'the ceasefire deadline'
    if lower in AGREEMENT_NOUNS and any(c.lower_ == "peace" for c in token.children if c.dep_ in {"compound", "amod"}):
        return "peace deal", token
    if lower in BANS and token.dep_ != "compound":
        named = [c for c in token.children if c.dep_ == "compound" and c.tag_ in {"NN", "NNS", "VBG"}]
        if len(named) == 1:
            return f"{named[0].lower_} {lower}", token  # 'the fishing ban'
    return None


def _state(head: Token) -> tuple[StatusState, Token] | None:
    """('in force' | 'not yet', the word that says so) for a measure's noun phrase, or None."""
    determiner = next((c for c in head.children if c.dep_ in {"det", "poss"}), None)
    definite = determiner is not None and (determiner.dep_ == "poss" or determiner.lower_ in DEFINITE)
    adjectives = [
        c for c in head.children if c.dep_ in {"amod", "nummod", "compound"} and c.tag_ in {"JJ", "CD", "VBN"}
    ]
    if any(a.tag_ == "CD" or a.lower_ in QUALIFIERS for a in adjectives):
        return None
    if determiner is not None and determiner.lower_ == "no":
        return "not yet", determiner
    for adjective in adjectives:
        if adjective.lower_ in IN_FORCE_ADJECTIVES and definite:
            return "in force", adjective
        if adjective.lower_ in NOT_YET_ADJECTIVES and not definite:
            return "not yet", adjective
    governor, relation = head.head, head.dep_
    if relation in {"dobj", "nsubjpass"} and governor.pos_ in {"VERB", "AUX"}:
        return _as_object(governor, definite)
    if relation == "nsubj" and definite and base(governor.text, HOLDING_VERBS):
        return "in force", governor
    took_effect = base(governor.text, TAKE) and any(c.lower_ == "effect" for c in governor.children)
    if relation == "nsubj" and definite and took_effect:
        return "in force", governor
    if relation == "pobj":
        return _after_preposition(governor, definite)
    return None


def _as_object(verb: Token, definite: bool) -> tuple[StatusState, Token] | None:
    if base(verb.text, KEEPING_VERBS) and definite:
        return "in force", verb
    if base(verb.text, AGREEING_VERBS):
        if modal_clause(verb):
            return None if definite else ("not yet", verb)
        if verb.tag_ in {"VBD", "VBN"}:
            return "in force", verb
        return None
    if base(verb.text, SEEKING_VERBS) and not definite:
        return "not yet", verb
    return None


def _after_preposition(preposition: Token, definite: bool) -> tuple[StatusState, Token] | None:
    word, above = preposition.lower_, preposition.head
    if word in {"toward", "towards", "without"} and not definite:
        return "not yet", preposition
    if word == "for" and base(above.text, CALL_NOUNS) and not definite:
        return "not yet", above
    if word == "on" and base(above.text, MOVE) and not definite:
        return "not yet", above  # 'get moving on a ceasefire'
    if not definite:
        return None
    if word == "of" and base(above.text, IN_FORCE_NOUNS):
        return "in force", above
    if word == "with" and base(above.text, COMPLY):
        return "in force", above
    if word in {"since", "under"}:
        return "in force", preposition
    return None
