"""De-duplication: exact copies by content hash, near copies (syndication) by MinHash containment.

Every article gets a syndication group: the id of the group's original (``dup_group``), or none of its
own. Later stages count one group as one independent source. A near copy is found by *containment*,
how much of the shorter text's word shingles lie inside the longer text, so that a republished wire
story still matches with inserted "Read more" lines, a cut ending or a different header; Jaccard
similarity of whole texts falls as soon as the two differ in length. The original of a group is the
earlier-dated article or, at equal dates, the fuller one; an undated copy counts as the later. The
index is built from the signatures kept in the store, so adding articles costs one LSH query each,
never all pairs.

Wire passages that otherwise independent articles share (a paragraph taken verbatim from an agency)
are found per story at the sentence level by ``crosswire.passages``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from crosswire.model import Article
from crosswire.text import parse_time

if TYPE_CHECKING:
    from datasketch import LeanMinHash

_WORD = re.compile(r"\w+")


def shingles(text: str, *, size: int) -> set[bytes]:
    """Word ``size``-grams of the lower-cased text (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, *, num_perm: int, shingle_words: int) -> LeanMinHash:
    """The MinHash signature of a text's shingles."""
    from datasketch import LeanMinHash, MinHash  # start-up cost: datasketch imports scipy (~1 s per command)

    minhash = MinHash(num_perm=num_perm)
    minhash.update_batch(list(shingles(text, size=shingle_words)))
    return LeanMinHash(minhash)


def to_bytes(minhash: LeanMinHash) -> bytes:
    """Serialise a signature (seed, scheme and hash values) for the store."""
    buffer = bytearray(minhash.bytesize())
    minhash.serialize(buffer)
    return bytes(buffer)


def from_bytes(data: bytes) -> LeanMinHash:
    from datasketch import LeanMinHash  # start-up cost: datasketch imports scipy (~1 s per command)

    return LeanMinHash.deserialize(data)


CANDIDATE_JACCARD = 0.2
"""The LSH threshold for candidates: a copy fully inside a text three times its length has Jaccard 1/3."""
MIN_SHINGLES = 20
"""A shorter text than this (in shingles) is too short to call a copy by containment."""


def containment(a: LeanMinHash, b: LeanMinHash) -> float:
    """Estimated share of the smaller shingle set that lies in the larger one (0..1).

    From the estimated Jaccard J and set sizes |A|, |B|: |A ∩ B| = J (|A| + |B|) / (1 + J).
    """
    jaccard = float(a.jaccard(b))
    size_a, size_b = max(1.0, a.count()), max(1.0, b.count())
    if min(size_a, size_b) < MIN_SHINGLES:
        return jaccard  # too short to trust a size estimate: only near-identical texts match
    return min(1.0, jaccard * (size_a + size_b) / ((1.0 + jaccard) * min(size_a, size_b)))


def exact_containment(a: set[bytes], b: set[bytes]) -> float:
    """The share of the smaller shingle set that lies in the larger one (0..1); 0 for an empty set."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return len(a & b) / max(1, len(a | b))  # too short: only near-identical texts match
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True, slots=True)
class _Entry:
    minhash: LeanMinHash
    published_at: str | None
    length: int  # characters of text: "the fuller" at equal dates


def is_original(a_date: str | None, a_length: int, b_date: str | None, b_length: int) -> bool:
    """Whether article A is the original of a copy pair with B: earlier-dated, or at equal dates the
    fuller; an undated article counts as the later."""
    a_time, b_time = (parse_time(d) if d else None for d in (a_date, b_date))
    if a_time is not None and b_time is not None and a_time != b_time:
        return a_time < b_time
    if (a_time is None) != (b_time is None):
        return a_time is not None
    return a_length > b_length


class DupIndex:
    """Near-copy lookup over stored signatures (MinHash LSH for candidates, containment to decide).

    A candidate's containment is measured exactly on the two texts' shingles when its text can be had:
    from ``text_of`` (the store) or, without it, from the texts this index was given by ``assign``.
    Only rows loaded from the store without ``text_of`` fall back to the MinHash estimate.

    ``moved`` collects the stored articles whose group got a new original (a copy was stored before
    the article it copies): article id -> new group head; ``moved_heads`` the same per group (old head ->
    new head), which is what a store writes, since it may hold members this index has not seen. The
    caller writes them and clears both.

    With other writers on the same store, the group of an indexed article can change behind this index
    (another run stored an earlier original). ``heads_of`` reads the current group heads of articles from
    the store; the index refreshes its candidates' groups through it before it decides.
    """

    def __init__(
        self,
        *,
        threshold: float,
        num_perm: int,
        shingle_words: int = 5,
        text_of: Callable[[str], str | None] | None = None,
        heads_of: Callable[[Sequence[str]], Mapping[str, str]] | None = None,
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_words = shingle_words
        self._text_of = text_of
        self._heads_of = heads_of
        self._texts: dict[str, str] = {}  # assigned here, when there is no text_of
        from datasketch import MinHashLSH  # start-up cost: datasketch imports scipy (~1 s per command)

        self._lsh = MinHashLSH(threshold=min(threshold, CANDIDATE_JACCARD), num_perm=num_perm)
        self._entries: dict[str, _Entry] = {}
        self._groups: dict[str, str] = {}
        self.moved: dict[str, str] = {}
        self.moved_heads: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def group(self, article_id: str) -> str | None:
        """The group head of an indexed article (None when it is its own original)."""
        head = self._groups.get(article_id)
        return head if head != article_id else None

    def add(
        self,
        article_id: str,
        minhash: LeanMinHash,
        *,
        group: str | None,
        published_at: str | None = None,
        length: int = 0,
    ) -> None:
        if article_id in self._entries:
            return
        self._lsh.insert(article_id, minhash)
        self._entries[article_id] = _Entry(minhash, published_at, length)
        self._groups[article_id] = group or article_id

    def add_all(self, rows: Iterable[Sequence[Any]]) -> None:
        """Load ``(article_id, dup_group, signature bytes[, published_at, length])`` rows from the store."""
        for article_id, group, data, *rest in rows:
            published_at, length = (rest + [None, 0])[:2] if rest else (None, 0)
            self.add(article_id, from_bytes(data), group=group, published_at=published_at, length=length or 0)

    def match(self, minhash: LeanMinHash, text: str | None = None) -> tuple[str, float] | None:
        """The group of the indexed article with the highest containment at or over the threshold, and
        that containment (exact when both texts are at hand, see the class docstring)."""
        best: tuple[str, float] | None = None
        own: set[bytes] | None = None
        candidates = self._lsh.query(minhash)
        if self._heads_of is not None and candidates:
            self._groups.update(self._heads_of(candidates))
        for candidate in candidates:
            share = containment(minhash, self._entries[candidate].minhash)
            other = self._text(candidate) if text is not None and share >= self.threshold - 0.25 else None
            if other is not None:
                own = own if own is not None else shingles(text or "", size=self.shingle_words)
                share = exact_containment(own, shingles(other, size=self.shingle_words))
            if share >= self.threshold and (best is None or share > best[1]):
                best = (self._groups[candidate], share)
        return best

    def _text(self, article_id: str) -> str | None:
        return self._texts.get(article_id) or (self._text_of(article_id) if self._text_of else None)

    def assign(self, article: Article, minhash: LeanMinHash) -> Article:
        """Index the article and return it with its syndication group set when it copies an indexed one.

        When it is the original of the group it copies (earlier-dated, or the fuller at equal dates),
        it keeps no group of its own and the group's members move to it (``moved``).
        """
        found = self.match(minhash, article.text)
        self.add(article.id, minhash, group=None, published_at=article.published_at, length=len(article.text))
        if self._text_of is None:
            self._texts[article.id] = article.text
        if found is None:
            return article
        head = found[0]
        entry = self._entries[head]
        if not is_original(article.published_at, len(article.text), entry.published_at, entry.length):
            self._groups[article.id] = head
            return replace(article, dup_group=head, dup_kind="near")
        for member, group in self._groups.items():
            if group == head:
                self._groups[member] = article.id
                self.moved[member] = article.id
        self.moved_heads[head] = article.id
        return replace(article, dup_group=None, dup_kind=None)


def assign_group(article: Article, minhash: LeanMinHash, index: DupIndex) -> Article:
    """The article with its syndication group set (when it near-copies an indexed one), then indexed
    (``DupIndex.assign``)."""
    return index.assign(article, minhash)
