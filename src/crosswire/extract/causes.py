"""Causes: whether a sentence gives the cause of the story's event, or says the cause is not known.

'The crash occurred due to a technical glitch' and 'The cause of the crash is currently unknown' are
two reports that disagree on the state of the story, however differently they are worded. Each
sentence that does one or the other gives a ``Cause`` for its event noun ('crash', 'fire',
'collapse'); the cross-check compares them (``check.causes``).

Rules, on the dependency parse (the pipeline runs without a lemmatizer, so word forms are listed):

* Stated: 'EVENT occurred / happened due to / because of / owing to X', 'crashed / collapsed because
  of X' (the verb names the event), 'EVENT was caused by X', 'an EVENT caused by X', 'EVENT was blamed
  on X', 'the cause of the EVENT was X'. Never when the clause is negated, modal, planned or asked,
  or its sentence hedges ('may have', 'suspected', 'preliminary', 'believed'): a guess at a cause does
  not answer 'not known'.
* Unknown: 'the cause of the EVENT is unknown / unclear / not known / remains a mystery / has not
  been determined / is yet to be established', 'it was not (immediately) clear / it is unknown what
  caused the EVENT', 'investigators have not determined what caused the EVENT' or 'the cause of the
  EVENT', 'What caused the EVENT remains unclear'. 'The cause is under
  investigation' is not one: an inquiry runs even when a cause has been given.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from crosswire.extract.frames import modal_clause
from crosswire.extract.sentences import Sentences
from crosswire.model import Cause, CauseState

EVENTS = {"crash": "crash", "accident": "crash", "collapse": "collapse", "fire": "fire", "blaze": "fire"}
EVENTS |= {"explosion": "explosion", "blast": "explosion", "derailment": "derailment", "sinking": "sinking"}
EVENTS |= {"outage": "outage", "blackout": "outage", "leak": "leak", "spill": "spill", "capsizing": "capsizing"}
"""Event nouns, folded by the event they name (a blaze is a fire). Not a death, a shooting or a motive:
'the cause of death is pending' and 'died of a gunshot wound' are an autopsy's timing, not a dispute."""
EVENT_VERBS = {"crashed": "crash", "collapsed": "collapse", "exploded": "explosion", "sank": "sinking"}
EVENT_VERBS |= {"derailed": "derailment", "capsized": "capsizing"}
"""Verbs that name the event themselves: 'the plane crashed because of engine failure'."""
OCCURRED = frozenset("occurred happened occurs happens took".split())
BECAUSE = frozenset({"due", "because", "owing"})
CAUSE_NOUNS = frozenset({"cause", "causes"})
UNKNOWN = frozenset("unknown unclear undetermined uncertain unexplained mystery".split())
KNOWABLE = frozenset("known clear determined established identified ascertained confirmed released".split())
"""What the cause is when a negation comes with it: 'not known', 'has not been determined'."""
FINDING_VERBS = frozenset("determined determine know known establish established".split())
"""Verbs whose negation says the cause is not known. Not 'say': 'officials did not say what caused the fire'
withholds it."""
HEDGES = frozenset(
    ["may", "might", "could", "possibly", "possible", "probably", "probable", "likely", "suspected", "suspect"]
    + ["believed", "believe", "apparently", "apparent", "preliminary", "initial", "initially", "speculated"]
    + ["speculation", "perhaps", "reportedly", "allegedly", "thought", "whether", "if", "feared", "theory"]
)
"""Words that make a stated cause a guess."""
SEEMING = frozenset("sound sounds seem seems seemed appear appears appeared look looks looked".split())
"""Verbs over a cause that make it an impression: 'does not sound like a fire caused by a cigarette'."""
Found = tuple[str, CauseState, tuple[int, int]]
"""An event, what the sentence says of its cause, and the tokens (first, last) that say it."""


def find_causes(doc: Doc, sentences: Sentences) -> list[Cause]:
    """Every sentence's statement of its event's cause, or of the cause not being known."""
    found = []
    for token in doc:
        decided = _stated(token) or _unknown(token)
        if decided is None:
            continue
        event, state, cue = decided
        index = sentences.index(token.i)
        line = sentences.items[index].text
        if "|" in line or line.lstrip().startswith("#"):
            continue
        found.append(
            Cause(
                start=doc[cue[0]].idx,
                end=doc[cue[1]].idx + len(doc[cue[1]].text),
                sentence=index,
                event=event,
                state=state,
            )
        )
    return found


def _event_of(noun: Token | None) -> str | None:
    return EVENTS.get(noun.lower_) if noun is not None and noun.pos_ in {"NOUN", "PROPN"} else None


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "yet"} for c in token.children)


def _hedged(verb: Token) -> bool:
    """A guess, a denial, or a clause under a denial ('it does not sound like a fire caused by ...')."""
    if modal_clause(verb) or _negated(verb) or any(t.lower_ in HEDGES for t in verb.sent):
        return True
    return any(_negated(ancestor) or ancestor.lower_ in SEEMING for ancestor in verb.ancestors)


def _span(token: Token) -> tuple[int, int]:
    return _words(token.left_edge.i, token.right_edge)


def _words(start: int, last: Token) -> tuple[int, int]:
    """From ``start`` to ``last``, without the punctuation it ends on."""
    end = last.i
    while end > start and last.doc[end].is_punct:
        end -= 1
    return start, end


def _stated(token: Token) -> Found | None:
    """'due to X' / 'because of X' on an event verb, 'caused by X', 'blamed on X', 'the cause ... was X'."""
    if token.lower_ in BECAUSE and token.dep_ in {"prep", "mark", "advmod"}:
        verb = token.head
        event = EVENT_VERBS.get(verb.lower_)
        if event is None and verb.lower_ in OCCURRED:
            event = _event_of(_subject(verb))
        if event is None or _hedged(verb):
            return None
        return event, "stated", (token.i, token.right_edge.i)
    if token.lower_ in {"caused", "blamed"}:
        link = "agent" if token.lower_ == "caused" else "prep"
        by = next((c for c in token.children if c.dep_ == link and c.lower_ in {"by", "on"}), None)
        noun = token.head if token.dep_ == "acl" else _subject(token)
        event = _event_of(noun)
        if by is None or event is None or _hedged(token):
            return None
        return event, "stated", (token.i, by.right_edge.i)
    if token.lower_ in CAUSE_NOUNS and token.dep_ == "nsubj" and token.head.lower_ in {"was", "is"}:
        event = _event_of(_of(token))
        attribute = next((c for c in token.head.children if c.dep_ == "attr"), None)
        if event is None or attribute is None or attribute.lower_ in UNKNOWN or _hedged(token.head):
            return None
        return event, "stated", _span(attribute)
    return None


def _of(noun: Token) -> Token | None:
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _unknown(token: Token) -> Found | None:
    """'the cause of the EVENT is unknown / has not been determined'; 'unclear what caused the EVENT';
    'officials have not determined the cause of the EVENT'; 'What caused the EVENT remains unclear'."""
    if token.lower_ in CAUSE_NOUNS and token.dep_ == "dobj":
        event, verb = _event_of(_of(token)), token.head
        if event is not None and verb.lower_ in FINDING_VERBS and _negated(verb) and not modal_clause(verb):
            return event, "unknown", _words(verb.left_edge.i, token.right_edge)
        return None
    if token.lower_ == "caused" and token.i > token.sent.start and token.doc[token.i - 1].i == token.sent.start:
        return _what_caused(token)
    if token.lower_ in CAUSE_NOUNS and token.dep_ in {"nsubj", "nsubjpass"}:
        event = _event_of(_of(token))
        verb = token.head
        if event is None or modal_clause(verb):
            return None
        if _says_unknown(verb):
            return event, "unknown", _words(token.left_edge.i, verb.right_edge)
        return None
    if token.lower_ == "caused" and token.dep_ in {"ccomp", "csubj"}:
        what = _subject(token)
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        event = _event_of(obj)
        governor = token.head
        if what is None or what.lower_ != "what" or event is None:
            return None
        if _says_unknown(governor) or (governor.lower_ in FINDING_VERBS and _negated(governor)):
            return event, "unknown", _span(governor) if governor.i < token.i else _words(token.i, governor)
    return None


def _what_caused(caused: Token) -> Found | None:
    """'What caused the crash remains unclear' / 'is still unknown' / 'is not yet known', read in word order:
    the parser often takes the event noun for the subject of the verb that follows."""
    if caused.doc[caused.i - 1].lower_ != "what":
        return None
    rest = list(caused.doc[caused.i + 1 : caused.sent.end])
    noun = next((t for t in rest[:3] if t.pos_ in {"NOUN", "PROPN"}), None)
    event = _event_of(noun)
    if noun is None or event is None:
        return None
    after = [t.lower_ for t in rest if t.i > noun.i][:4]
    negated = any(word in {"not", "n't", "never"} for word in after)
    if any(word in UNKNOWN for word in after) or (negated and any(word in KNOWABLE for word in after)):
        last = caused.doc[noun.i + len(after)]
        return event, "unknown", _words(caused.i - 1, last)
    return None


def _says_unknown(verb: Token) -> bool:
    """'is unknown', 'remains unclear', 'is not known', 'has not been determined', 'is yet to be established'."""
    if verb.lower_ in UNKNOWN:
        return True
    complements = [c for c in verb.children if c.dep_ in {"acomp", "attr", "oprd", "xcomp"}]
    if any(c.lower_ in UNKNOWN for c in complements):
        return True
    if _negated(verb) and (verb.lower_ in KNOWABLE or any(c.lower_ in KNOWABLE for c in complements)):
        return True
    return any(c.lower_ in KNOWABLE and _negated(c) for c in complements) or (
        verb.lower_ in {"is", "was", "remains"} and any(_yet_to(c) for c in complements)
    )


def _yet_to(verb: Token) -> bool:
    """'is yet to be determined': the infinitive of a knowing verb after 'yet'."""
    return verb.lower_ in KNOWABLE and any(t.lower_ == "yet" for t in verb.head.children)
