"""Frames: one event per clause -- its predicate, the heads of its arguments, and the date, place and
polarity attached to it -- read from the dependency parse.

Sentence-level comparison cannot pair "The leak began early on Tuesday" with "... the styrene leak at
the port, which began on Monday when a valve failed ..."; frames can: both are the event *begin* with
*leak* as an argument, and each carries its own date. The cross-check aligns frames by predicate and
shared argument (``check.frames``) and compares their slots.

Rules:

* One frame per verb (``pos_ == VERB``) that is not an open complement (``xcomp``): an xcomp verb and
  its arguments belong to the verb that governs it ("began leaking styrene" -> predicate *begin*,
  objects *leak*, *styrene*).
* Subject: ``nsubj`` or the passive agent ("by ..."). A "he" or "she" argument stands for the one
  person the sentence and the one before name before it (``referents``, by family name; none when they
  name two): events pair on it, a claim's main clause is read without it. A relative pronoun ("which",
  "that", "who") stands for the noun the clause hangs on and the noun that one hangs on through a
  preposition ("the leak at the port, which began": *port* and *leak*). A conjoined verb without a
  subject shares its first verb's, unless it is passive ("but the cause was not known"). A gerund or
  participle without a subject, after "after", "before", "while", "upon" or "since" or as an adverbial
  participle, is about the subject of the clause it hangs on ("Four people are recovering after being
  shot": the people were shot, an object; "after shooting his wife, he ...": a subject).
  Object: ``dobj``, the passive subject, the xcomp verb and its object; a participle after a noun
  ("the order issued on Tuesday") takes that noun as object.
* Negated: a ``neg`` child ("not", "n't", "never") or an argument determined by "no" / "nothing" /
  "nobody" / "no one". Modal: a modal or future auxiliary, a plan word ("expected to", "scheduled
  to"), a condition ("if", "unless", "whether", "until", "once") or a question, in the clause or in
  the clause it depends on (xcomp, conj, advcl); an infinitive ("permission to release"); and a claim
  that a denial dismisses ("denied that he fled", "discounted rumours that he had fled"): one side's case.
  Reporting: a verb of speech.
* A date dates the event when it hangs on the verb (or its xcomp) directly or through "on", "in",
  "at" or "during"; "as of Friday", "since", "until", "by" dates give a reference time, not the date
  of the event. A place is the object of "at", "in" or "inside" on the verb that
  names a place entity (GPE, LOC, FAC) or a numbered facility ("Pier 7").
* Words are reduced to crude stems (``stem``) so that "issued" and "issue", "began" and "begun"
  meet; they are keys, not lemmas.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from crosswire.extract.quotes import REPORTING_VERBS
from crosswire.extract.sentences import Sentences
from crosswire.model import DateRef, Frame
from crosswire.vocabulary import (
    DENIAL_VERBS,
    DENIED_CLAIMS,
    DISMISSAL_VERBS,
    EVENT_ARGUMENTS,
    EVENT_VERBS,
    NEGATIVE_DETERMINERS,
    NEGATIVE_PRONOUNS,
    NEGATORS,
    SINGULAR_PERSON_PRONOUNS,
)

IRREGULAR = {
    "began": "begin",
    "begun": "begin",
    "shot": "shoot",
    "found": "find",
    "took": "take",
    "taken": "take",
    "left": "leave",
    "made": "make",
    "held": "hold",
    "told": "tell",
    "said": "say",
    "went": "go",
    "gone": "go",
    "came": "come",
    "ran": "run",
    "fled": "flee",
    "struck": "strike",
    "sent": "send",
    "brought": "bring",
    "caught": "catch",
    "kept": "keep",
    "lost": "lose",
    "met": "meet",
    "paid": "pay",
    "spoke": "speak",
    "spoken": "speak",
    "stood": "stand",
    "won": "win",
    "gave": "give",
    "given": "give",
    "knew": "know",
    "known": "know",
    "broke": "break",
    "broken": "break",
    "drove": "drive",
    "driven": "drive",
    "wrote": "write",
    "written": "write",
    "chose": "choose",
    "chosen": "choose",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "flew": "fly",
    "flown": "fly",
    "grew": "grow",
    "grown": "grow",
    "threw": "throw",
    "thrown": "throw",
    "sought": "seek",
    "fought": "fight",
    "bought": "buy",
    "thought": "think",
    "led": "lead",
    "fed": "feed",
    "bled": "bleed",
    "laid": "lay",
    "hid": "hide",
    "hidden": "hide",
    "bit": "bite",
    "bitten": "bite",
    "wore": "wear",
    "worn": "wear",
    "stole": "steal",
    "stolen": "steal",
    "froze": "freeze",
    "sat": "sit",
    "slept": "sleep",
    "swept": "sweep",
    "dealt": "deal",
    "meant": "mean",
    "heard": "hear",
    "felt": "feel",
    "built": "build",
    "spent": "spend",
    "lent": "lend",
    "bound": "bind",
    "wound": "wind",
}
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "must", "shall", "can", "'ll", "wo", "ca"})
PLAN_WORDS = frozenset({"expect", "schedul", "due", "plan", "set", "intend", "hope", "want", "try", "seek"})
CLAIM_WORDS = frozenset({"prov", "argu", "claim", "contend", "insist", "alleg", "deni", "doubt"})
"""Stems of verbs whose complement is one side's case, not what the report states."""
CONDITIONS = frozenset({"if", "unless", "whether", "until", "once"})
RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
CONTROL_PREPS = frozenset({"after", "before", "while", "upon", "since"})
EVENT_DATE_PREPS = frozenset({"on", "in", "at", "during"})
REFERENCE_DATE_WORDS = frozenset({"as", "since", "until", "till", "by", "before", "after", "through", "from", "to"})
PLACE_PREPS = frozenset({"at", "in", "inside"})
"""'near Sandy Springs' and 'outside the school' say roughly where: compatible with any nearby place, so
never one side of a place conflict."""
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
FACILITY = re.compile(r"^[A-Z][a-z]+ \d+[A-Z]?$")
MAX_PLACE_TOKENS = 8
_SUFFIXES = ("ing", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude, consistent stem: 'issued'/'issue'/'issuing' -> 'issu', 'stopped' -> 'stop', 'began' -> 'begin'."""
    word = word.lower().replace("’", "'")
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in {"ing", "ed"} and len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]  # 'stopped' -> 'stop', but 'called' stays 'call'
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def predicate(verb: Token) -> str:
    """The event a verb names: its stem, with its particle ('called off' -> 'call off', never the 'call' of
    'called the police'), and one name for verbs of one event (``vocabulary.EVENT_VERBS``: 'called off
    the search' and 'suspended the search' -> 'suspend')."""
    word = f"{stem(verb.text)} {_particle(verb)}".strip()
    return EVENT_VERBS.get(word, word)


def _particle(verb: Token) -> str:
    return next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")


def find_frames(doc: Doc, sentences: Sentences, *, dates: Sequence[DateRef]) -> list[Frame]:
    """One Frame per main verb of ``doc``, in text order."""
    date_verbs = _date_attachments(doc, dates)
    frames = []
    for token in doc:
        if token.pos_ != "VERB" or (token.dep_ == "xcomp" and token.head.pos_ in {"VERB", "AUX"}):
            continue
        frames.append(_frame(token, sentences, date_verbs))
    return frames


def _frame(verb: Token, sentences: Sentences, date_verbs: dict[int, list[int]]) -> Frame:
    complements = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    clause = [verb, *complements]
    subjects, objects = _arguments(verb, complements)
    heads = [t for t in subjects + objects if t.pos_ != "VERB"]
    return Frame(
        start=verb.idx,
        end=verb.idx + len(verb.text),
        sentence=sentences.index(verb.i),
        predicate=predicate(verb),
        subjects=_stems(subjects),
        objects=_stems(objects),
        referents=_referents(subjects + objects),
        context=_stems(_modifiers(heads + clause, skip={t.i for t in heads})),
        negated=any(_negated(t) for t in clause)
        or any(_negative_argument(t) for t in heads if t.head.i == verb.i)
        or (verb.dep_ == "acl" and _negative_argument(verb.head)),  # 'no officers involved'
        modal=modal_clause(verb),
        reporting=verb.lower_ in REPORTING_VERBS and not _particle(verb),  # "called off" reports nothing
        present=_present(verb),
        main=_main(verb),
        dates=tuple(start for t in clause for start in date_verbs.get(t.i, [])),
        places=tuple(place for t in clause for place in _places(t)),
    )


def _present(verb: Token) -> bool:
    """Whether a clause is in the simple present or present progressive: 'does not require', 'requires',
    'is holding' ('has been issued' is a perfect: an event, like the past)."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in {"has", "have", "had", "'ve"} or a.tag_ in {"MD", "VBD"} for a in auxiliaries):
        return False  # a perfect, a past or a modal
    if auxiliaries:
        return any(a.tag_ in {"VBZ", "VBP"} for a in auxiliaries)
    return verb.tag_ in {"VBZ", "VBP"}


def _main(verb: Token) -> bool:
    """The sentence's main clause ('An order was issued'), a verb joined to it, or what its verb of
    speech reports ('confirmed that no order has been issued'); not a side clause ('..., which began')."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT" and verb.head.lower_ in REPORTING_VERBS:
        return True
    return verb.dep_ == "ROOT"


def _stems(tokens: Sequence[Token]) -> tuple[str, ...]:
    stems = (stem(t.text) for t in tokens if t.is_alpha and t.pos_ != "PRON")
    return tuple(dict.fromkeys(EVENT_ARGUMENTS.get(s, s) for s in stems))


def _referents(tokens: Sequence[Token]) -> tuple[str, ...]:
    """The stems of the people the arguments' 'he' and 'she' stand for (``_antecedent``)."""
    named = (_antecedent(t) for t in tokens if t.lower_ in SINGULAR_PERSON_PRONOUNS)
    return tuple(dict.fromkeys(stem(t.text) for t in named if t is not None and t.is_alpha))


def _antecedent(pronoun: Token) -> Token | None:
    """The person a 'he' or 'she' stands for: the family name of the people named before it in its
    sentence and the one before, when they are one person ('Detectives identified Tarik Kelly as the
    suspect. He was arrested on Saturday' -> Kelly); None when two people are named there, or none."""
    doc = pronoun.doc
    sentence = pronoun.sent
    window = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    names = [ent for ent in doc[window : pronoun.i].ents if ent.label_ == "PERSON"]
    if len({ent[-1].lower_ for ent in names}) != 1:
        return None
    return names[-1][-1]


def _arguments(verb: Token, complements: list[Token]) -> tuple[list[Token], list[Token]]:
    """(logical subjects, logical objects) of a verb and its open complements."""
    subjects: list[Token] = []
    objects: list[Token] = []
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            subjects += _antecedents(verb) if child.lower_ in RELATIVE else [child]
        elif child.dep_ == "nsubjpass":
            objects += _antecedents(verb) if child.lower_ in RELATIVE else [child]
        elif child.dep_ == "agent":
            subjects += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "dobj":
            objects.append(child)
    for complement in complements:
        objects.append(complement)
        objects += [c for c in complement.children if c.dep_ == "dobj"]
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        (objects if verb.tag_ == "VBN" else subjects).append(verb.head)
    passive = any(c.dep_ == "auxpass" for c in verb.children)  # 'but ... was not known': its subject is unseen
    if verb.dep_ == "conj" and not subjects and verb.head.pos_ == "VERB" and not passive:
        subjects += [c for c in verb.head.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVE]
    controller = _controller(verb)
    if passive or (verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)):
        objects += controller  # 'people are recovering after being shot': the people were shot
    else:
        subjects += controller  # 'after shooting his wife, he ...': he shot her
    return subjects, objects


def _controller(verb: Token) -> list[Token]:
    """Who a gerund or participle without a subject of its own is about: the subject of the clause it
    hangs on through 'after', 'before', 'while', 'upon' or 'since' ('Four people are recovering after
    being shot early Tuesday'), or as an adverbial participle ('Shot twice, the man died')."""
    if any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"} for c in verb.children):
        return []
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in CONTROL_PREPS:
        governor = verb.head.head
    elif verb.dep_ == "advcl" and verb.tag_ in {"VBG", "VBN"} and not any(c.dep_ == "mark" for c in verb.children):
        governor = verb.head
    else:
        return []
    if governor.pos_ not in {"VERB", "AUX"}:
        return []
    return [c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in RELATIVE]


def _antecedents(verb: Token) -> list[Token]:
    """What a relative pronoun stands for: the noun the clause hangs on, and its governing noun."""
    if verb.dep_ != "relcl":
        return []
    found = [verb.head]
    above = verb.head
    if above.dep_ == "pobj" and above.head.dep_ == "prep" and above.head.head.pos_ in {"NOUN", "PROPN"}:
        found.append(above.head.head)
    return found


def _modifiers(tokens: Sequence[Token], *, skip: set[int]) -> list[Token]:
    """Compounds, adjectives and prepositional objects of the arguments and the verb (one level). Not a
    person's given name ('Tarik' of 'Tarik Kelly': the same person either way) and not a date ('on
    Saturday': the frame's dates are its own slot)."""
    found: list[Token] = []
    for token in tokens:
        for child in token.children:
            if child.dep_ in {"compound", "amod"} and child.i not in skip and not _name_part(child, token):
                found.append(child)
            elif child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i not in skip and pobj.ent_type_ not in {"DATE", "TIME"}:
                        found += [pobj, *[c for c in pobj.children if c.dep_ == "compound"]]
    return found


def _name_part(child: Token, head: Token) -> bool:
    return child.ent_type_ == "PERSON" and head.ent_type_ == "PERSON"


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATORS for c in verb.children)


def _negative_argument(head: Token) -> bool:
    if head.lower_ in NEGATIVE_PRONOUNS:
        return True
    return any(c.dep_ == "det" and c.lower_ in NEGATIVE_DETERMINERS for c in head.children)


def modal_clause(verb: Token) -> bool:
    """Future, modal, planned, conditional or asked: not a statement that something happened.

    The clause inherits this from the clause it depends on through xcomp, conj or advcl ('would
    remain closed until the leak was stopped'), not through a reported ccomp ('said it stopped').
    """
    token = verb
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return True  # an infinitive: 'permission to release his name' says nothing was released
    for _ in range(4):
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS for c in token.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in token.children):
            return True
        if token.dep_ not in {"xcomp", "conj", "advcl"} or token.head.i == token.i:
            break
        token = token.head
    governor = verb.head if verb.dep_ in {"xcomp", "ccomp"} else None
    if governor is not None and (stem(governor.text) in PLAN_WORDS | CLAIM_WORDS or governor.lower_ in DENIAL_VERBS):
        return True  # planned, or what one side argues: 'in proving that his client did not pull the trigger'
    if _dismissed_claim(verb):
        return True
    if any(c.dep_ == "xcomp" for c in verb.children) and stem(verb.text) in PLAN_WORDS:
        return True
    return verb.sent.text.rstrip().endswith("?")


def _dismissed_claim(verb: Token) -> bool:
    """Whether a clause is a claim a denial dismisses ('discounted rumours that he had fled'): one side's
    case, like the complement of 'denied', not what the report states happened."""
    noun = verb.head
    return (
        verb.dep_ in {"acl", "ccomp", "relcl"}
        and noun.lower_ in DENIED_CLAIMS
        and noun.head.lower_ in DISMISSAL_VERBS
        and noun.dep_ in {"dobj", "nsubjpass"}
    )


def _date_attachments(doc: Doc, dates: Sequence[DateRef]) -> dict[int, list[int]]:
    """verb token index -> start offsets of the dates that date its event."""
    attached: dict[int, list[int]] = {}
    for date in dates:
        span = doc.char_span(date.start, date.end, alignment_mode="expand")
        if span is None or span[0].lower_ in REFERENCE_DATE_WORDS:
            continue
        verb = _date_verb(span)
        if verb is not None:
            attached.setdefault(verb.i, []).append(date.start)
    shared: dict[int, list[int]] = {}
    for i, starts in attached.items():
        for other in doc[i].conjuncts:  # 'shot and injured the four victims on June 3': both verbs
            if other.pos_ == "VERB" and other.i not in attached and not (_own_subject(doc[i]) and _own_subject(other)):
                shared.setdefault(other.i, []).extend(starts)  # one subject: one clause, one time
    return attached | shared


def _date_verb(span: Span) -> Token | None:
    """The verb a date hangs on, through at most one event preposition and one adverb ('early on')."""
    token = span.root
    if token.dep_ == "compound" and token.head.lower_ in PARTS_OF_DAY:
        token = token.head  # 'Wednesday morning the Coast Guard called off ...': 'morning' hangs on the verb
    if token.dep_ == "pobj":
        prep = token.head
        if prep.lower_ not in EVENT_DATE_PREPS or _reference_phrase(prep):
            return None
        token = prep
    head = token.head
    if head.pos_ == "ADV" and head.dep_ == "advmod" and head.lower_ not in REFERENCE_DATE_WORDS:
        head = head.head
    if head.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.lower_ in EVENT_NOUN_PREPS:
        head = head.head.head  # 'shot during a fight early Sunday', 'wounded in a shooting on Tuesday'
    return head if head.pos_ == "VERB" and head.i != token.i else None


EVENT_NOUN_PREPS = frozenset({"during", "in", "amid"})
"""A date on the event a verb's act happened during or in dates the act: 'four people were shot during a
fight early Sunday' was shot on Sunday."""


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "overnight"})


def _reference_phrase(prep: Token) -> bool:
    """'as of Friday': the 'of' hangs on 'as'."""
    return prep.head.lower_ == "as" or (prep.i > 0 and prep.doc[prep.i - 1].lower_ == "as")


def _places(verb: Token) -> list[str]:
    """Place phrases introduced by a place preposition on the verb: 'at Pier 7 of the east harbour'."""
    found = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            phrase = _phrase(pobj)
            if phrase is not None and _names_place(phrase):
                found.append(phrase.text)
    return found


def _phrase(head: Token) -> Span | None:
    """The noun phrase of ``head`` with its 'of'/'in' complements, cut at a comma or clause."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and doc[start].dep_ in {"det", "poss"}:
        start += 1
    end = head.i + 1
    for token in doc[head.i + 1 : head.right_edge.i + 1]:
        if token.is_punct or token.dep_ in {"relcl", "acl", "cc", "conj"} or token.pos_ == "VERB":
            break
        end = token.i + 1
    return doc[start:end] if end - start <= MAX_PLACE_TOKENS else None


def _names_place(phrase: Span) -> bool:
    head = phrase.root
    if head.ent_type_ in PLACE_LABELS or any(t.ent_type_ in PLACE_LABELS for t in phrase):
        return True
    numbered = [c for c in head.children if c.dep_ == "nummod" and c.is_digit]
    return head.tag_ == "NNP" and bool(numbered) and FACILITY.match(f"{head.text} {numbered[0].text}") is not None
