"""The MiniLM embedder: texts sorted by token count into model calls, padded per call, and vectors
that do not depend on which other texts share a call."""

from __future__ import annotations

from typing import Any

import numpy
import pytest

from crosswire import embed
from crosswire.embed import MiniLMEmbedder, pad_batch, token_batches

TEXTS = [
    "Witkoff met Putin.",
    "The harbour minister said on Tuesday that the leak at Pier 7 had been contained, and that 14 dock "
    "workers taken to hospital with breathing problems were expected to be released by the weekend.",
    "Fourteen dock workers were taken to hospital.",
    "Ships were turned away.",
    "Katherine Voss, spokesperson for the Vessian Environment Agency, said it was too early to estimate "
    "how much styrene had reached the water, but samples were being taken every hour along the east "
    "harbour, at the mouth of the river and at the two beaches nearest the port.",
    "The port reopened on Thursday.",
]


def test_token_batches_sort_by_length_and_respect_both_caps() -> None:
    lengths = [5, 40, 6, 39, 7, 300]
    batches = token_batches(lengths, batch_size=2, max_tokens=100)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))  # each text once
    assert batches == [[0, 2], [4, 3], [1], [5]]  # by length; 2 x 40 > 100 splits; one long text still fits
    for batch in batches:
        assert len(batch) <= 2
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= 100


def test_token_batches_of_nothing() -> None:
    assert token_batches([], batch_size=32, max_tokens=1024) == []


class _Encoding:
    def __init__(self, ids: list[int]) -> None:
        self.ids = ids
        self.attention_mask = [1] * len(ids)
        self.type_ids = [0] * len(ids)


def test_pad_batch_pads_to_the_longest_with_zeros_and_masks_the_padding() -> None:
    ids, mask, types = pad_batch([_Encoding([101, 7, 102]), _Encoding([101, 102])])
    assert ids.tolist() == [[101, 7, 102], [101, 102, 0]]
    assert mask.tolist() == [[1, 1, 1], [1, 1, 0]]
    assert types.tolist() == [[0, 0, 0], [0, 0, 0]]
    assert ids.dtype == mask.dtype == types.dtype == numpy.int64


@pytest.fixture(scope="module")
def small_calls() -> MiniLMEmbedder:
    """The real model, with calls small enough that the test texts need several."""
    return MiniLMEmbedder(batch_size=2, max_batch_tokens=120)


def test_each_call_is_padded_only_to_its_longest_text(small_calls: MiniLMEmbedder, monkeypatch: Any) -> None:
    shapes: list[tuple[int, int, int]] = []
    run = small_calls.session.run

    def spy(outputs: Any, feeds: dict[str, numpy.ndarray]) -> Any:
        mask = feeds["attention_mask"]
        shapes.append((mask.shape[0], mask.shape[1], int(mask.sum(axis=1).max())))
        return run(outputs, feeds)

    monkeypatch.setattr(small_calls.session, "run", spy)
    small_calls._cache.clear()
    small_calls.embed(TEXTS)
    assert sum(rows for rows, _, _ in shapes) == len(TEXTS)
    for rows, width, longest in shapes:
        assert width == longest  # not the 128 tokens tokenizer.json pads every text to
        assert rows <= 2
        assert rows == 1 or rows * width <= 120
    widths = [width for _, width, _ in shapes]
    assert widths == sorted(widths)  # calls in order of length: texts of one length share a call


def test_vectors_do_not_depend_on_the_other_texts_of_a_call(small_calls: MiniLMEmbedder) -> None:
    together = MiniLMEmbedder(batch_size=32, max_batch_tokens=4096)
    small_calls._cache.clear()
    apart = numpy.stack([small_calls.embed([text])[0] for text in TEXTS])
    at_once = together.embed(TEXTS)
    in_pieces = small_calls.embed(TEXTS)  # cached: the same rows as ``apart``
    assert at_once.shape == (len(TEXTS), embed.DIM)
    assert at_once.dtype == numpy.float32
    numpy.testing.assert_allclose(numpy.linalg.norm(at_once, axis=1), 1.0, atol=1e-5)
    numpy.testing.assert_allclose(at_once, apart, atol=1e-5)
    numpy.testing.assert_array_equal(in_pieces, apart)


def test_repeated_and_empty_inputs(small_calls: MiniLMEmbedder) -> None:
    vectors = small_calls.embed([TEXTS[0], TEXTS[1], TEXTS[0]])
    numpy.testing.assert_array_equal(vectors[0], vectors[2])
    assert small_calls.embed([]).shape == (0, embed.DIM)
