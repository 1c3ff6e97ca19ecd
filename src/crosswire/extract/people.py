"""People: PERSON mentions, their given/family names (nameparser) and the role written next to them.

Roles are read in three shapes, from the tagger and the dependency parse:

* title before the name: "US envoy Steven Witkoff", "Port Authority chief executive Tomas Brandt",
  "Putin's aide Yuri Ushakov" (a run of nouns, adjectives and organisation/place names ending in a
  common noun or title that is not itself an entity);
* appositive after the name: "Tomas Brandt, chief executive of the Port Authority";
* appositive before the name: "Putin's aide, Yuri Ushakov", "U.S. Envoy for Ukraine, David Witkoff".

Appositives are not read in a title-case headline ("Putin, US Envoy Discuss Ukraine Ceasefire").

A title nameparser finds inside the name ("Dr. Ilse Marten") is the role when none of those is there.
After the named mentions, every other occurrence of a known family name, in any case and possessive
("witkoff's approach"), is a mention too. ``refers_to`` links a mention to the one full name in the
article it can mean, so surname-only mentions and quote speakers can be resolved.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from nameparser import HumanName
from spacy.attrs import DEP, TAG
from spacy.tokens import Doc, Span, Token

from crosswire.extract.quotes import REPORTING_VERBS
from crosswire.extract.sentences import Sentences
from crosswire.model import Person
from crosswire.roles import leading_title, title_words

ROLE_TAGS = {"NN", "NNS", "NNP", "NNPS", "JJ", "HYPH", "POS"}
ROLE_ENTS = {"", "ORG", "GPE", "NORP", "LOC", "FAC", "PERSON", "WORK_OF_ART", "PRODUCT", "LAW", "EVENT"}
NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
MISSED_LABELS = {"", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "EVENT"}
LEADING_WORDS = {"a", "an", "the", "its", "their", "his", "her"}
MAX_ROLE_TOKENS = 14
LEADING_VERBS = frozenset(
    ["contact", "enter", "read", "share", "follow", "click", "email", "call", "watch", "meet", "ask", "tell"]
    + ["photo", "via", "by", "reporting", "written"]
)
"""Capitalised words the NER takes into a name at the start of a line ('Read Jane Smith on Twitter')."""


def find_people(doc: Doc, sentences: Sentences) -> list[Person]:
    """Every person mention in ``doc``: named ones with roles, then surname-only ones."""
    spans = _names(doc, sentences)
    spans += _recovered_names(doc, sentences, taken={t.i for span in spans for t in span})
    people = [_person(doc, span, sentences) for span in spans]
    people = [p for p in people if p.family or p.given]
    people += _surname_mentions(doc, people, sentences)
    return _link(sorted(people, key=lambda p: p.start))


@lru_cache(maxsize=4096)
def split_name(text: str) -> tuple[str, str, str]:
    """(title, given, family) of a name as written; a lone word is taken as the family name.

    Leading title words that nameparser does not know ('Coroner Hector Alfaro', 'Trooper Ann Lee')
    are the title, never the given name, when a given and a family name follow them.
    """
    words = text.split()
    lead = 0
    while len(words) - lead > 2 and leading_title(words[lead]):
        lead += 1
    name = HumanName(" ".join(words[lead:]))
    given, family = name.first, name.last
    if not family and given and not name.middle:
        given, family = "", given
    title = " ".join([*words[:lead], name.title]).strip()
    return title, given, family


def _names(doc: Doc, sentences: Sentences) -> list[Span]:
    """PERSON entities without possessive endings; none from table rows or headings, nor lone non-proper nouns."""
    spans = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        line = sentences.items[sentences.index(ent.start)].text
        if "|" in line or line.startswith("#"):
            continue
        if len(ent) == 1 and ent[0].tag_ not in {"NNP", "NNPS"}:
            continue
        tokens = [t for t in ent if t.tag_ != "POS" and not t.is_punct and not t.is_space]
        while tokens and tokens[0].lower_ in LEADING_VERBS and (len(tokens) > 2 or tokens[0].is_sent_start):
            tokens = tokens[1:]  # 'Read Jane Smith on Twitter', 'Contact Dolores Stafford:', 'Enter Beus, then ...'
        if tokens and any(t.is_alpha for t in tokens) and tokens[0].text[:1].isupper():
            spans.append(doc[tokens[0].i : tokens[-1].i + 1])
    return spans


def _recovered_names(doc: Doc, sentences: Sentences, *, taken: set[int]) -> list[Span]:
    """Names the NER missed as the subject of a reporting verb: '"...," Harbour Minister Ilse Marten told'.

    The subject's chain of capitalised proper nouns is split where nameparser sees a title
    ("Minister Ilse Marten" -> title "Minister"); the title and the words before it are the role.
    """
    spans = []
    for token in _proper_subjects(doc):
        if token.head.lower_ not in REPORTING_VERBS:
            continue
        if token.i in taken or token.ent_type_ not in MISSED_LABELS | {"ORG"}:
            continue
        start = token.i
        while start > 0 and doc[start - 1].tag_ == "NNP" and sentences.same(start - 1, token.i):
            start -= 1
        chain = doc[start : token.i + 1]
        if not all(t.is_title for t in chain):
            continue
        if token.ent_type_ == "ORG" and not _titled(doc, chain) and not _after_title(doc, token):
            continue
        for k in range(len(chain) - 2, 0, -1):
            if split_name(doc[chain.start + k - 1 : chain.end].text)[0]:
                spans.append(doc[chain.start + k : chain.end])
                break
        else:
            if len(chain) == 2:
                spans.append(chain)
    return spans


def _proper_subjects(doc: Doc) -> list[Token]:
    """The tokens with dependency ``nsubj`` and tag ``NNP``, found in one array of the doc's tags: a Token
    object for every word of the doc cost more than the rest of ``_recovered_names``."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    nsubj, nnp = strings["nsubj"], strings["NNP"]
    deps, tags = (c.tolist() for c in doc.to_array([DEP, TAG]).T)
    return [doc[i] for i, (dep, tag) in enumerate(zip(deps, tags, strict=True)) if dep == nsubj and tag == nnp]


def _titled(doc: Doc, chain: Span) -> bool:
    """A two-word name the NER took for an organisation, right after a person's title in lower case:
    'Maryland State Police spokesperson Elena Russa confirmed' (an organisation has no spokesperson
    written before it)."""
    before = doc[chain.start - 1] if chain.start > 0 else None
    return len(chain) == 2 and before is not None and before.is_lower and bool(title_words(before.text))


def _after_title(doc: Doc, token: Token) -> bool:
    """A two-word 'organisation' right after a person's title, in any case: 'Chief Deputy Lionel Pearsall
    said', 'police Lt. Priscilla Ponichtera said' (an organisation has no deputy or lieutenant written
    before it)."""
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if token.i - start != 1 or start == 0:
        return False
    before = doc[start - 1].text
    return bool(title_words(before)) or leading_title(before) or _abbreviated_title(doc[start - 1])


def _person(doc: Doc, span: Span, sentences: Sentences) -> Person:
    title, given, family = split_name(span.text)
    role = _role_before(doc, span, sentences)
    at = span.text.find(title) if title else -1
    # a title the tagger put inside the name ('Pastor Amina Greer, a police spokeswoman') is written next to
    # the name, as one before it is ('Officer Amina Greer, ...'): it is the role, not the appositive
    leading = at == 0 and leading_title(span.text.split()[0])
    if role is None and not leading and not _headline(sentences.items[sentences.index(span.start)].text):
        role = _appositive_after(span) or _appositive_before(doc, span)
    role_start = role_end = None
    if role is not None:
        role_start, role_end = role.start_char, role.end_char
        if at == 0 and role.end == span.start:  # 'slain pharmacy' + 'Coroner' inside the name
            role_end = span.start_char + len(title)
    elif at >= 0:
        role_start, role_end = span.start_char + at, span.start_char + at + len(title)
    return Person(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        given=given,
        family=family,
        sentence=sentences.index(span.start),
        role=sentences.text[role_start:role_end] if role_start is not None else None,
        role_start=role_start,
        role_end=role_end,
    )


def _headline(line: str) -> bool:
    """A title-case line without final punctuation ('Putin, US Envoy Discuss Ukraine Ceasefire'): its
    commas join the parties of a headline, not a name and its appositive."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    if len(words) < 3 or line.rstrip().endswith((".", "!", "?", '"', "”")):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _role_before(doc: Doc, span: Span, sentences: Sentences) -> Span | None:
    """The title run written right before the name: 'Kremlin spokesman', 'Putin's aide'."""
    i = last = span.start - 1
    if i > 0 and doc[i].text == "." and leading_title(doc[i - 1].text):
        i -= 1  # an abbreviated title the tokenizer split from its full stop: 'Lt. Col. Roland Butler'
    abbreviated = i >= 0 and doc[i].text.endswith(".") and len(doc[i]) > 1 and leading_title(doc[i].text)
    if i < 0 or not (_is_title_word(doc[i]) or abbreviated):  # 'envoy', 'Gov.'
        return None
    if doc[i].tag_ in {"NNP", "NNPS"} and not title_words(doc[i].text):
        return None  # a given name the NER left out ('Chanice Renee Reed'), not a title
    start = i
    while start > 0 and sentences.same(start - 1, i) and _extends_role_left(doc[start - 1]):
        start -= 1
    while start < i and (doc[start].tag_ in {"HYPH", "POS"} or doc[start].lower_ in LEADING_WORDS):
        start += 1
    if last + 1 - start > MAX_ROLE_TOKENS:
        return None
    return doc[start : last + 1]


def _is_title_word(token: Token) -> bool:
    """A common noun or capitalised title that is not part of any entity: 'envoy', 'President'."""
    return token.tag_ in NOUN_TAGS and token.ent_type_ in MISSED_LABELS and token.is_alpha


def _extends_role_left(token: Token) -> bool:
    return _extends_role(token) or _abbreviated_title(token)


def _abbreviated_title(token: Token) -> bool:
    """The full stop of an abbreviated title, or the title itself ('Lt', '.', 'Col', '.')."""
    if token.text == ".":
        return token.i > 0 and leading_title(token.nbor(-1).text)
    if token.text.endswith(".") and len(token) > 1:
        return leading_title(token.text)  # 'Gov.' as one token
    return leading_title(token.text) and token.i + 1 < len(token.doc) and token.nbor(1).text == "."


def _extends_role(token: Token) -> bool:
    """A word that can stand left of a title; a person only as a possessor ('Vladimir Putin's')."""
    if token.tag_ not in ROLE_TAGS or token.ent_type_ not in ROLE_ENTS:
        return False
    if token.ent_type_ != "PERSON":
        return True
    after = token
    while after.i + 1 < len(after.doc) and after.nbor(1).ent_type_ == "PERSON":
        after = after.nbor(1)
    return after.i + 1 < len(after.doc) and after.nbor(1).tag_ == "POS"


def _appositive_after(span: Span) -> Span | None:
    """'Tomas Brandt, chief executive of the Port Authority' -> the appositive's phrase."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != ",":
        return None
    for child in span.root.rights:
        if child.dep_ == "appos" and child.i >= span.end and child.ent_type_ != "PERSON":
            phrase = _without_verbs(_trim_phrase(child))
            if phrase is None or not any(t.is_alpha for t in phrase):
                return None  # an age: 'Felix Solano, 16'
            if any(t.ent_type_ == "PERSON" or t.text == span[-1].text for t in phrase):
                return None  # a list of people: 'Annette Reed, 22-year-old Chanice Reed and ...'
            return phrase
    return None


def _appositive_before(doc: Doc, span: Span) -> Span | None:
    """'Putin's aide, Yuri Ushakov' -> 'Putin's aide' (the name is an appositive of the title)."""
    head = span.root.head
    if span.root.dep_ not in {"appos", "conj"} or head.i >= span.start or head.tag_ not in NOUN_TAGS:
        return None  # 'conj': the small parser often reads 'Envoy for Ukraine, David Witkoff' as a list
    if span.start == 0 or doc[span.start - 1].text != ",":
        return None
    if head.ent_type_ or not _is_title_word(head):
        return None
    end = span.start
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    start = head.left_edge.i
    while start < head.i and doc[start].lower_ in LEADING_WORDS:
        start += 1
    if end - start > MAX_ROLE_TOKENS:
        return None
    return _without_verbs(doc[start:end])


def _without_verbs(role: Span | None) -> Span | None:
    """No role has a finite verb in it ('Putin, US Envoy Discuss Ukraine Ceasefire' is a headline)."""
    if role is None or any(t.tag_ in {"VB", "VBD", "VBP", "VBZ", "VBG"} for t in role):
        return None
    return role


def _trim_phrase(head: Token) -> Span | None:
    """The phrase headed by ``head``, cut before any clause or comma, without a leading article."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and doc[start].lower_ in LEADING_WORDS:
        start += 1
    end = head.i + 1
    for token in doc[head.i + 1 : head.right_edge.i + 1]:
        if token.is_punct and token.tag_ != "POS" or token.dep_ in {"relcl", "acl"} or token.is_space:
            break
        end = token.i + 1
    if end - start > MAX_ROLE_TOKENS:
        return None
    return doc[start:end]


def _surname_mentions(doc: Doc, people: list[Person], sentences: Sentences) -> list[Person]:
    """Other occurrences of a known family name: 'Witkoff's', "witkoff's", 'Witkoff' missed by the NER.

    Family names come from full names (matched in any case) and from single names the NER tagged as
    a person at least twice (matched capitalised only), so one stray tag does not spread.
    """
    full = {p.family for p in people if p.given and " " not in p.family and len(p.family) >= 3}
    counts: dict[str, int] = {}
    for person in people:
        if not person.given:
            counts[person.family] = counts.get(person.family, 0) + 1
    single = {f for f, n in counts.items() if n >= 2 and f not in full and f.isalpha() and len(f) >= 3}
    taken = _Taken(sentences.text, [(p.start, p.end) for p in people])
    found = []
    for family, flags in [(f, re.IGNORECASE) for f in full] + [(f, 0) for f in single]:
        for match in re.finditer(rf"\b{re.escape(family)}\b", sentences.text, flags):
            if taken.overlaps(match.start(), match.end()):
                continue
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                index = sentences.index(span.start)
                found.append(Person(match.start(), match.end(), match.group(0), "", family, index))
    return found


class _Taken:
    """Character ranges already taken by a mention; ``overlaps`` is ``any(s < end and start < e for s, e in
    ranges)``, answered from a map of the taken characters instead of a scan of every range."""

    def __init__(self, text: str, ranges: list[tuple[int, int]]) -> None:
        self.ranges = ranges
        self.empty = [(s, e) for s, e in ranges if s >= e]  # no characters: kept as ranges
        self.chars = bytearray(len(text))
        for s, e in ranges:
            e = min(e, len(self.chars))  # a match lies inside the text
            if s < e:
                self.chars[s:e] = b"\x01" * (e - s)

    def overlaps(self, start: int, end: int) -> bool:
        if start >= end:  # an empty range (never a name) is checked against every range
            return any(s < end and start < e for s, e in self.ranges)
        return self.chars.find(1, start, end) != -1 or any(s < end and start < e for s, e in self.empty)


def _link(people: list[Person]) -> list[Person]:
    """Fill ``refers_to``: a mention's own full name; for a family name alone, the full name written
    with it before (the nearest one when several), else the only full name with it in the article."""
    full: dict[str, list[Person]] = {}
    for person in people:
        if person.given and person.family:
            full.setdefault(person.family.lower(), []).append(person)
    linked = []
    for person in people:
        if person.given and person.family:
            refers_to: str | None = person.full_name
        else:
            named = full.get(person.family.lower(), [])
            before = [p for p in named if p.start < person.start]
            names = {p.full_name for p in named}
            refers_to = before[-1].full_name if before else (names.pop() if len(names) == 1 else None)
        linked.append(replace(person, refers_to=refers_to))
    return linked
