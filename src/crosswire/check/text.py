"""Small text helpers shared by the checks: tokens, name normalisation, evidence."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from crosswire.model import Evidence, Extraction, Sentence
from crosswire.vocabulary import STOP_WORDS

COUNTRIES = {
    "us": "United States",
    "u.s.": "United States",
    "u. s.": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "the united states": "United States",
    "the us": "United States",
    "the u.s.": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "the uk": "United Kingdom",
    "the united kingdom": "United Kingdom",
    "russian federation": "Russia",
    "the kremlin": "Kremlin",
    "eu": "European Union",
    "the eu": "European Union",
    "un": "United Nations",
    "the un": "United Nations",
    "u.n.": "United Nations",
    "the u.n.": "United Nations",
    "the united nations": "United Nations",
}
_COMPACT_COUNTRIES = {re.sub(r"[\s.]", "", key): name for key, name in COUNTRIES.items()}  # "U. S." = "U.S." = "US"
ADJECTIVE_COUNTRY = {"american": "us", "u.s.": "us", "u. s.": "us", "us": "us", "british": "uk", "uk": "uk"}

LIGHT_VERBS = frozenset(
    {
        "be",
        "hav",
        "do",
        "get",
        "go",
        "com",
        "mak",
        "tak",
        "giv",
        "put",
        "includ",
        "continu",
        "remain",
        "becom",
        "seem",
        "appear",
        "keep",
        "stay",
        "us",
        "want",
        "need",
        "try",
    }
)
# verbs too light to name an event, and argument heads too vague to tell events apart (stems)
GENERIC_ARGUMENTS = frozenset({"one", "other", "people", "person", "thing", "way", "time", "part", "lot", "some"})
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def fold(text: str) -> str:
    """Lower case without accents and with straight apostrophes."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.replace("’", "'").lower()


def words(text: str) -> list[str]:
    """Lower-case word tokens, possessive 's dropped."""
    out = []
    for token in _WORD.findall(fold(text.replace("’", "'"))):
        out.append(token[:-2] if token.endswith("'s") else token)
    return out


def content_words(text: str) -> set[str]:
    """Word tokens that are not stopwords."""
    return {w for w in words(text) if w not in STOP_WORDS}


def overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """Share of the smaller token set found in the other (0..1)."""
    set_a, set_b = set(a), set(b)
    if not set_a or not set_b:
        return 0.0
    return len(set_a & set_b) / min(len(set_a), len(set_b))


def edited_copy(a: str, b: str, *, max_changed: int = 2, min_shared: int = 6) -> bool:
    """Whether two sentences are one wording with at most ``max_changed`` words changed on either side
    (a copy that renames a person or moves a place). Sentence embeddings are sensitive to exactly such
    words, so this lexical test backs them up for copies."""
    words_a, words_b = set(words(a)), set(words(b))
    changed = max(len(words_a - words_b), len(words_b - words_a))
    return 0 < changed <= max_changed and len(words_a & words_b) >= min_shared


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """Jaccard index of two token collections."""
    set_a, set_b = set(a), set(b)
    if not set_a and not set_b:
        return 0.0
    return len(set_a & set_b) / len(set_a | set_b)


def normalise_name(text: str) -> str:
    """Canonical form of an organisation or place name: 'U. S.' -> 'United States'."""
    compact = re.sub(r"[\s.]", "", text.lower())
    if compact in _COMPACT_COUNTRIES:
        return _COMPACT_COUNTRIES[compact]
    cleaned = re.sub(r"\s+", " ", text.replace("’", "'")).strip(" .,;:'\"").strip()
    cleaned = re.sub(r"'s$", "", cleaned)
    key = cleaned.lower()
    if key in COUNTRIES:
        return COUNTRIES[key]
    if key.startswith("the "):
        return normalise_name(cleaned[4:])
    return cleaned


def name_key(text: str) -> str:
    """A lower-case comparison key for a normalised name."""
    return " ".join(words(normalise_name(text)))


def family_key(family: str) -> str:
    """Comparison key for a family name: 'Witkoff’s' -> 'witkoff'."""
    return " ".join(words(family))


def sentence_of(extraction: Extraction, index: int) -> Sentence | None:
    """The sentence with this index, or None if the extraction has no such sentence."""
    sentences = extraction.sentences
    if 0 <= index < len(sentences) and sentences[index].index == index:
        return sentences[index]
    for sentence in sentences:
        if sentence.index == index:
            return sentence
    return None


def evidence(extraction: Extraction, index: int) -> Evidence:
    """Evidence for sentence ``index`` of an article (empty text if it is missing)."""
    sentence = sentence_of(extraction, index)
    if sentence is None:
        return Evidence(extraction.article_id, "", 0, 0)
    return Evidence(extraction.article_id, sentence.text, sentence.start, sentence.end)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, comparison key) of each word token, possessive 's dropped."""
    found = []
    for match in _WORD.finditer(text):
        key = match.group().lower().replace("’", "'")
        found.append((match.start(), match.end(), key[:-2] if key.endswith("'s") else key))
    return found


def replaced_region(
    a: str, b: str, *, max_words: int = 3, min_shared: int = 6
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The one run of words that replaces another between two wordings of one sentence, as character
    spans into ``a`` and ``b``: 'a Chicago Police spokeswoman' / 'a Spokane Police spokeswoman' ->
    the spans of 'Chicago' and 'Spokane'. None unless the wordings share at least ``min_shared`` words
    in order and differ by exactly one replaced run of at most ``max_words`` words on each side."""
    tokens_a, tokens_b = _tokens(a), _tokens(b)
    matcher = difflib.SequenceMatcher(None, [t[2] for t in tokens_a], [t[2] for t in tokens_b], autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if len(changes) != 1 or changes[0][0] != "replace":
        return None
    _, i1, i2, j1, j2 = changes[0]
    if i2 - i1 > max_words or j2 - j1 > max_words or len(tokens_a) - (i2 - i1) < min_shared:
        return None
    return (tokens_a[i1][0], tokens_a[i2 - 1][1]), (tokens_b[j1][0], tokens_b[j2 - 1][1])
