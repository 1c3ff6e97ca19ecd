"""Sums of money keyed by what is paid, which part of it, and when.

'Real paid Dortmund an upfront fee of €103m', 'the club will receive 103 million euros as a fixed fee'
and 'the transfer would include an amount of 100 million euros plus bonuses' are three wordings of one
sum: the price of one deal, its fixed part. 'The deal could reach 133.9m euros' is the same deal's most;
'€30.9m in add-ons' is a part of it; 'Dortmund paid £25m in 2020' is another deal. So a sum gets:

* a family: the price of a deal (fee, transfer, payment, 'paid', 'received', 'would include', 'move'),
  or a sum that names itself (a fine, bail, a reward, a salary, damages);
* a tier: ``base`` (fixed, upfront, initial, guaranteed, '... plus bonuses', 'in addition to add-ons'),
  ``max`` ('could reach', 'could rise to', 'up to', 'a maximum of', 'with add-ons'), or none (a plain
  sum); add-ons themselves are a part, compared with nothing;
* the currency as written (a bracketed conversion is its own sum: £88.5m and €103m never compare);
* a period (``scopes.py``).
"""

from __future__ import annotations

from datetime import datetime

from spacy.tokens import Token

from crosswire.extract.scopes import period_of

# fmt: off
PRICE = frozenset(
    "fee fees transfer deal move moved moves payment payments pay paid pays paying price compensation amount sum "
    "package "
    "bid offer purchase receive received receives receiving include includes included worth signing".split()
)
"""Words that name the price of one deal: in a story of one deal, these are all one sum."""
FAMILIES = {"bail": "bail", "bond": "bail", "fine": "fine", "fined": "fine", "fines": "fine", "penalty": "fine",
            "salary": "salary", "wage": "salary", "wages": "salary", "damages": "damages",
            "settlement": "settlement", "ransom": "ransom", "budget": "budget"}
"""Sums that name themselves; anything else ('a $2bn bridge', 'invested') is not keyed. A reward is left
out: rewards are raised and pooled from several offerers ('the city offers $20,000', 'police had offered
$40,000'), so two values are rarely a conflict."""
BASE = frozenset("fixed upfront up-front initial guaranteed basic base".split())
MAXIMUM = frozenset("maximum max potentially".split())
ADD_ONS = frozenset("add-ons add ons addons bonuses bonus variables variable incentives clauses".split())
REACH = frozenset(
    "reach reaches reached rise rises rising rose risen climb climbs climbed total totals totalled grow".split()
)
"""Verbs of a sum that grows to its most (the pipeline has no lemmatizer: word forms are listed)."""
SPECULATIVE = frozenset("could may might".split())
SCALES = frozenset("million billion m bn mn € $ £ ¥ euro euros dollar dollars pound pounds sterling yen yuan rupee "
                   "rupees francs".split())
# fmt: on


def money_key(
    number: Token, noun: Token | None, currency: str, *, start: int, published: datetime | None
) -> tuple[str, list[str], str] | None:
    """(key, scope, words) for a sum whose figure starts at token ``start``, or None when what it pays
    is not in reach of the parse."""
    owner = _owner(number, noun)
    if owner is None:
        return None
    family = _family(owner)
    if family is None:
        return None
    tier = _tier(number, owner, start)
    if tier == "part":
        return None
    scope = [f"tier:{tier}"] if tier else []
    period = period_of(number, published)
    if period:
        scope.append(period)
    return f"money:{family}:{currency}", scope, owner.text


def _owner(number: Token, noun: Token | None) -> Token | None:
    """The noun or verb a sum belongs to: '€103m fee', 'a fee of €103m', 'paid €25m', 'the fee, which
    could rise to 135 million' (the subject of a verb of change)."""
    if noun is not None and noun.is_alpha and noun.lower_.rstrip(".") not in SCALES:
        return noun
    head = number.head
    while head.lower_.rstrip(".") in SCALES and head.head is not head:
        head = head.head
    for _ in range(3):
        if head.dep_ == "prep" or head.lower_ in {"of", "for", "worth", "at", "to"}:
            head = head.head
            continue
        break
    if head.pos_ == "VERB" and head.lower_ in REACH:
        subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.tag_ == "WDT" and head.dep_ == "relcl":
            subject = head.head  # 'the transfer fee, which could rise to ...'
        return subject
    if head.pos_ in {"NOUN", "VERB"}:
        return head
    return None


def _family(owner: Token) -> str | None:
    word = owner.lower_
    if word in FAMILIES:
        return FAMILIES[word]
    if word in PRICE:
        return "price"
    return "price" if _as_price(owner) is not None else None


def _as_price(owner: Token) -> Token | None:
    """'receive 103 million euros as a fixed fee' -> fee."""
    for child in owner.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            for obj in child.children:
                if obj.lower_ in PRICE:
                    return obj
    return None


def _tier(number: Token, owner: Token, start: int) -> str:
    """'base', 'max', 'part' (an add-on) or '' (a plain sum)."""
    sentence = number.sent
    doc = number.doc
    before = [t.lower_ for t in doc[max(sentence.start, start - 6) : start]]
    after = [t.lower_ for t in doc[number.i + 1 : sentence.end]]
    while after and after[0].rstrip(".") in SCALES:
        after = after[1:]  # '€6m in add-ons': what follows the figure, past its scale letter
    if owner.lower_ in ADD_ONS or (after[:1] == ["in"] and any(w in ADD_ONS for w in after[1:5])):
        return "part"  # '€30.9m in performance-related add-ons', 'a bonus of €5m'
    if "further" in before[-3:] or "additional" in before[-3:]:
        return "part"
    named = _as_price(owner) or owner
    modifiers = {c.lower_ for c in named.children if c.dep_ in {"amod", "compound"}}
    if modifiers & BASE or set(before) & BASE:
        return "base"
    for n, word in enumerate(after[:20]):
        rest = set(after[n + 1 :])
        if word in {"plus", "before", "excluding", "addition"} and rest & ADD_ONS:
            return "base"  # '100 million euros plus bonuses', 'in addition to various potential add-ons'
        if word in {"with", "including", "incl"} and set(after[n + 1 : n + 4]) & ADD_ONS:
            return "max"
    if modifiers & MAXIMUM or set(before) & MAXIMUM or " ".join(before[-3:]).endswith("up to"):
        return "max"
    verb = owner if owner.pos_ == "VERB" else owner.head
    for candidate in (verb, number.head.head, number.head):
        reach = candidate.pos_ == "VERB" and candidate.lower_ in REACH
        if reach and any(c.lower_ in SPECULATIVE for c in candidate.children):
            return "max"  # 'the deal could reach 133.9m euros'
    return ""
