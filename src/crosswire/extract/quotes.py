"""Quotes: text between quote marks, with the speaker and verb found on the dependency parse.

Rules:

* Quote marks: curly “…” and straight "…" (paired within a paragraph). The quote's text leaves out
  the marks and a trailing comma or full stop.
* From the words the quote hangs on, walk up the parse to the clause root:
  - a reporting verb ("said", "told", "described", "urging") with a subject (``nsubj``) or a passive
    agent ("by Putin's aide, Yuri Ushakov") gives the speaker;
  - a speech noun with a possessor ("Peskov's comments", "Trump's statements") gives the possessor;
  - "according to X" anywhere in the sentence gives X.
* A speaker noun with a person appositive ("aide, Yuri Ushakov") is that person; a surname-only or
  pronoun speaker is resolved to the one full name it can mean in the article (``Person.refers_to``;
  for he/she, the only person named in that sentence and the two before it, else the last named
  speaker of the paragraph or the one before, when no one else is named after them).
* A quote with no speaker of its own that directly follows another one in the same paragraph
  ('"...," said Marten. "..."') continues it.
* ``direct`` is True when the reporting verb governs the quote itself, False for the indirect shapes
  (possessor, speech noun, quoted fragment inside a longer clause).
* The title of a song, film or book in quote marks is not a quote (``is_work_title``): 'wrote the "Star
  Spangled Banner"', 'the film "Harbour Lights"'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from crosswire.extract.sentences import Sentences
from crosswire.model import Person, Quote
from crosswire.vocabulary import SINGULAR_PERSON_PRONOUNS

QUOTE_MARKS = re.compile(r"“([^“”]{1,3000}?)”|\"([^\"\n]{1,3000}?)\"")
REPORTING_VERBS = {
    "say",
    "said",
    "says",
    "saying",
    "tell",
    "told",
    "tells",
    "telling",
    "add",
    "added",
    "adds",
    "state",
    "stated",
    "states",
    "claim",
    "claimed",
    "claims",
    "describe",
    "described",
    "describes",
    "describing",
    "call",
    "called",
    "calls",
    "calling",
    "urge",
    "urged",
    "urges",
    "urging",
    "suggest",
    "suggested",
    "suggests",
    "suggesting",
    "warn",
    "warned",
    "warns",
    "warning",
    "note",
    "noted",
    "notes",
    "insist",
    "insisted",
    "insists",
    "argue",
    "argued",
    "argues",
    "write",
    "wrote",
    "writes",
    "announce",
    "announced",
    "announces",
    "explain",
    "explained",
    "explains",
    "declare",
    "declared",
    "declares",
    "ask",
    "asked",
    "asks",
    "reply",
    "replied",
    "replies",
    "comment",
    "commented",
    "remark",
    "remarked",
    "acknowledge",
    "acknowledged",
    "admit",
    "admitted",
    "confirm",
    "confirmed",
    "confirms",
    "deny",
    "denied",
    "denies",
    "stress",
    "stressed",
    "emphasise",
    "emphasised",
    "emphasize",
    "emphasized",
    "promise",
    "promised",
    "pledge",
    "pledged",
    "vow",
    "vowed",
    "assure",
    "assured",
    "respond",
    "responded",
    "tweet",
    "tweeted",
    "post",
    "posted",
    "report",
    "reported",
    "reports",
    "defend",
    "defended",
    "praise",
    "praised",
    "criticise",
    "criticised",
    "criticize",
    "criticized",
    "recall",
    "recalled",
    "predict",
    "predicted",
    "demand",
    "demanded",
    "demands",
    "predicts",
    "quoted",
    "maintain",
    "maintained",
    "maintains",
    "concede",
    "conceded",
    "reveal",
    "revealed",
    "indicate",
    "indicated",
    "caution",
    "cautioned",
    "assert",
    "asserted",
    "allege",
    "alleged",
    "observe",
    "observed",
    "agree",
    "agreed",
    "contend",
    "contended",
    "brand",
    "branded",
    "dismiss",
    "dismissed",
    "hail",
    "hailed",
}
SPEECH_NOUNS = {
    "comments",
    "comment",
    "statement",
    "statements",
    "remarks",
    "remark",
    "words",
    "assertion",
    "claim",
    "claims",
    "warning",
    "warnings",
    "message",
    "messages",
    "post",
    "posts",
    "tweet",
    "tweets",
    "letter",
    "interview",
    "speech",
    "testimony",
    "announcement",
    "promise",
    "pledge",
    "call",
    "calls",
    "appeal",
    "description",
    "view",
    "views",
    "assessment",
    "response",
    "reply",
    "insistence",
    "suggestion",
}
PRONOUNS = SINGULAR_PERSON_PRONOUNS
SPEAKER_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
MAX_WALK = 8


@dataclass(frozen=True, slots=True)
class _Found:
    token: Token
    verb: str | None
    direct: bool


def find_quotes(doc: Doc, sentences: Sentences, people: list[Person]) -> list[Quote]:
    """Every quotation in ``doc`` with its speaker where one can be found."""
    quotes = []
    for start, end in _quote_spans(sentences.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not any(t.is_alpha for t in span) or is_work_title(sentences.text, start, end):
            continue
        found = _speaker(span, sentences)
        quote = Quote(start, end, sentences.text[start:end], sentences.index(span.start))
        if found is not None:
            quote = _with_speaker(quote, found, people, sentences)
        quotes.append(quote)
    return _continue_speakers(quotes, sentences.text)


WORK_NOUNS = frozenset(
    [
        "song",
        "songs",
        "anthem",
        "hymn",
        "album",
        "single",
        "track",
        "film",
        "movie",
        "documentary",
        "book",
        "novel",
        "memoir",
        "poem",
        "musical",
        "opera",
        "series",
        "episode",
        "podcast",
        "painting",
        "titled",
        "entitled",
        "ballad",
        "sitcom",
        "drama",
    ]
)
CREATIVE_VERBS = frozenset(
    [
        "wrote",
        "write",
        "writes",
        "written",
        "sang",
        "sing",
        "sings",
        "sung",
        "composed",
        "recorded",
        "released",
        "directed",
        "starred",
        "published",
        "penned",
        "performed",
        "painted",
        "produced",
        "filmed",
        "authored",
    ]
)
_SMALL_WORDS = frozenset(["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from"])


def is_work_title(text: str, start: int, end: int) -> bool:
    """Whether the quoted words ``text[start:end]`` are the title of a song, film, book or the like
    ('wrote the "Star Spangled Banner" in 1814', 'the film "Harbour Lights"'), not something said.

    A title is short (eight words or fewer) with no sentence punctuation of its own, and follows within
    three words either a work noun ('song', 'film', 'titled') or a creative verb ('wrote', 'sang') when
    it is written in title case (two words or more, every word but the small ones capitalised).
    """
    quoted = text[start:end]
    words = quoted.split()
    if not words or len(words) > 8 or re.search(r"[.!?;:,]", quoted):
        return False
    before = set(re.findall(r"[\w']+", text[max(0, start - 60) : start].lower())[-3:])
    title_case = len(words) >= 2 and all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words)
    return bool(before & WORK_NOUNS) or (title_case and bool(before & CREATIVE_VERBS))


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in QUOTE_MARKS.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _speaker(quote: Span, sentences: Sentences) -> _Found | None:
    inside = set(range(quote.start - 1, quote.end + 1))
    anchors = {t.head for t in quote if t.head.i not in inside}
    for anchor in sorted(anchors, key=lambda t: abs(t.i - quote.start)):
        found = _walk_up(anchor, inside)
        if found is not None:
            return found
    sentence = sentences.items[sentences.index(quote.start)]
    return _according_to(quote.doc.char_span(sentence.start, sentence.end, alignment_mode="expand"), inside)


def _walk_up(token: Token, inside: set[int]) -> _Found | None:
    """From the word a quote hangs on up to the clause root, looking for who said it."""
    first, verb = token, None
    for _ in range(MAX_WALK):
        if token.lower_ in REPORTING_VERBS and token.pos_ in {"VERB", "AUX"}:
            verb = verb or _verb_text(token)
            subject = _subject(token, inside)
            if subject is not None:
                return _Found(subject, _verb_text(token), direct=token.i == first.i and _is_clause(token))
        elif token.pos_ in {"NOUN", "PROPN"}:
            possessor = next((c for c in token.children if c.dep_ == "poss" and c.i not in inside), None)
            if possessor is not None and (token.lower_ in SPEECH_NOUNS or possessor.ent_type_ == "PERSON"):
                return _Found(possessor, verb, direct=False)
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _is_clause(verb: Token) -> bool:
    return any(c.dep_ in {"ccomp", "dobj", "xcomp", "parataxis"} for c in verb.children)


def _subject(verb: Token, inside: set[int]) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.i not in inside and child.tag_ not in {"WP", "WDT"}:
            if child.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in verb.children):
                continue
            return child
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _verb_text(verb: Token) -> str:
    follows = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if follows is not None and follows.lower_ == "as" and follows.head.i == verb.i:
        return f"{verb.text} as"
    return verb.text


def _according_to(sent: Span | None, inside: set[int]) -> _Found | None:
    if sent is None:
        return None
    for token in sent:
        if token.lower_ == "according" and token.i not in inside and token.i + 1 < len(sent.doc):
            to = token.doc[token.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _Found(pobj, "according to", direct=False)
    return None


def _with_speaker(quote: Quote, found: _Found, people: list[Person], sentences: Sentences) -> Quote:
    token = _appositive_person(found.token)
    person = next((p for p in people if p.start <= token.idx < p.end), None)
    if person is not None:
        name, start, end = person.refers_to or person.text, person.start, person.end
    else:
        mention = _speaker_mention(token)
        name, start, end = mention.text, mention.start_char, mention.end_char
        if token.lower_ in PRONOUNS:
            name = _antecedent(token, people, sentences) or name
    return replace(quote, speaker=name, speaker_start=start, speaker_end=end, verb=found.verb, direct=found.direct)


def _appositive_person(token: Token) -> Token:
    """'aide, Yuri Ushakov' -> 'Ushakov'."""
    appos = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    return appos if appos is not None else token


def _speaker_mention(token: Token) -> Span:
    """The words naming a speaker that is not a known person: the entity, or the noun phrase."""
    doc = token.doc
    if token.ent_type_ in SPEAKER_LABELS:
        start, end = token.i, token.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end]
    if token.pos_ == "PRON":
        return doc[token.i : token.i + 1]
    start = token.left_edge.i
    while start < token.i and doc[start].pos_ in {"DET", "PUNCT"}:
        start += 1
    return doc[start : token.i + 1]


def _antecedent(pronoun: Token, people: list[Person], sentences: Sentences) -> str | None:
    """The person a 'he' or 'she' speaker means, when that is unambiguous: the one person named in the
    pronoun's paragraph before it (at most two sentences back); else the last named speaker (the subject
    of a reporting verb: 'Homendy said', 'said Min Min Khine') in the paragraph, or in the paragraph before
    when this one names no speaker before the pronoun, provided nobody else is named after that speaker."""
    text = sentences.text
    here = sentences.index(pronoun.i)
    paragraph = _line_start(text, pronoun.idx)
    named = [p for p in people if p.start < pronoun.idx and p.refers_to is not None]
    near = {p.refers_to for p in named if p.start >= paragraph and p.sentence >= here - 2}
    if len(near) == 1:
        return near.pop()
    window = [p for p in named if p.start >= paragraph]
    if not any(_is_speaker(pronoun.doc, p) for p in window):
        window = [p for p in named if p.start >= _line_start(text, paragraph - 1)]
    speakers = [p for p in window if _is_speaker(pronoun.doc, p)]
    if not speakers:
        return None
    last = speakers[-1]
    after = {p.refers_to for p in window if p.start > last.start}
    return last.refers_to if after <= {last.refers_to} else None


def _line_start(text: str, at: int) -> int:
    """The start of the paragraph (non-empty line) that holds offset ``at``, or ends just before it."""
    at = max(0, at)
    while at > 0 and text[at - 1] == "\n":
        at -= 1
    return text.rfind("\n", 0, at) + 1


def _is_speaker(doc: Doc, person: Person) -> bool:
    """Whether a person mention is the subject of a reporting verb ('Moore told reporters', 'said Khine')."""
    span = doc.char_span(person.start, person.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lower_ in REPORTING_VERBS


def _continue_speakers(quotes: list[Quote], text: str) -> list[Quote]:
    """'"...," said Marten. "..."': a speakerless quote continues the one just before it; '"...," Shah
    added. "...," he said.': a he/she left unresolved is the named speaker of the quote just before it
    in the same paragraph."""
    result: list[Quote] = []
    for quote in quotes:
        previous = result[-1] if result else None
        if (
            previous is None
            or previous.speaker is None
            or previous.speaker.lower() in PRONOUNS
            or "\n" in text[previous.end : quote.start]
        ):
            result.append(quote)
            continue
        if quote.speaker is None and quote.sentence - previous.sentence <= 1:
            quote = replace(
                quote,
                speaker=previous.speaker,
                speaker_start=previous.speaker_start,
                speaker_end=previous.speaker_end,
                verb=previous.verb,
                direct=previous.direct,
            )
        elif quote.speaker is not None and quote.speaker.lower() in PRONOUNS:
            quote = replace(quote, speaker=previous.speaker)
        result.append(quote)
    return result
