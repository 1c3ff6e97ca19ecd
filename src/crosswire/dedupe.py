"""De-duplication: exact copies by content hash, near copies (syndication) by MinHash LSH.

Every article gets a syndication group: the id of the first stored article it copies (``dup_group``),
or none of its own. Later stages count one group as one independent source. The index is built from
the signatures kept in the store, so adding articles costs one LSH query each, never all pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import LeanMinHash, MinHash, MinHashLSH

from crosswire.model import Article

_WORD = re.compile(r"\w+")


def shingles(text: str, *, size: int) -> set[bytes]:
    """Word ``size``-grams of the lower-cased text (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, *, num_perm: int, shingle_words: int) -> LeanMinHash:
    """The MinHash signature of a text's shingles."""
    minhash = MinHash(num_perm=num_perm)
    minhash.update_batch(list(shingles(text, size=shingle_words)))
    return LeanMinHash(minhash)


def to_bytes(minhash: LeanMinHash) -> bytes:
    """Serialise a signature (seed, scheme and hash values) for the store."""
    buffer = bytearray(minhash.bytesize())
    minhash.serialize(buffer)
    return bytes(buffer)


def from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash.deserialize(data)


class DupIndex:
    """Near-duplicate lookup over stored signatures (MinHash LSH)."""

    def __init__(self, *, threshold: float, num_perm: int) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, LeanMinHash] = {}
        self._groups: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, article_id: str, minhash: LeanMinHash, *, group: str | None) -> None:
        if article_id in self._signatures:
            return
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = minhash
        self._groups[article_id] = group or article_id

    def add_all(self, rows: Iterable[tuple[str, str | None, bytes]]) -> None:
        """Load ``(article_id, dup_group, signature bytes)`` rows from the store."""
        for article_id, group, data in rows:
            self.add(article_id, from_bytes(data), group=group)

    def match(self, minhash: LeanMinHash) -> tuple[str, float] | None:
        """The group of the most similar indexed article at or over the threshold, and the similarity."""
        best: tuple[str, float] | None = None
        for candidate in self._lsh.query(minhash):
            similarity = float(minhash.jaccard(self._signatures[candidate]))
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (self._groups[candidate], similarity)
        return best


def assign_group(article: Article, minhash: LeanMinHash, index: DupIndex) -> Article:
    """The article with its syndication group set (when it near-copies an indexed one), then indexed."""
    from dataclasses import replace

    found = index.match(minhash)
    if found is not None:
        article = replace(article, dup_group=found[0], dup_kind="near")
    index.add(article.id, minhash, group=article.dup_group)
    return article
