"""Issue #11, item 3: no per-sentence (or per-figure) scan of the whole doc; long texts are cut with a note.

Timings are not asserted here (docs/reliability.md has them); the structure that made extraction
quadratic is: ``Span.ents`` and ``Doc.ents`` rebuild every entity of the doc on each read, and the
``Token.is_sent_start`` setter checks the whole doc for a parse on each write.
"""

from __future__ import annotations

import ast
import inspect

import pytest

from crosswire import settings as settings_module
from crosswire.extract import MAX_CHARS, claims, extract_articles, figures, nlp, quotes
from crosswire.model import Article


def attributes(function: object) -> set[str]:
    tree = ast.parse(inspect.cleandoc("\n" + inspect.getsource(function)))  # type: ignore[arg-type]
    return {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}


@pytest.mark.parametrize(
    "function", [claims._reasons, claims._has_entity, claims.score_claims, figures._entity, quotes._speaker_mention]
)
def test_no_per_sentence_entity_scan(function: object) -> None:
    assert "ents" not in attributes(function)


def test_line_breaks_write_sentence_starts_as_one_array() -> None:
    assert "is_sent_start" not in attributes(nlp.line_breaks)


def test_entity_lookup_matches_span_ents(nlp_pipeline) -> None:  # noqa: ANN001
    doc = nlp_pipeline("Dana Reyes of the Port Authority spoke in Veltmar. Nobody else did.\nThe UN said so.")
    ranges = claims._entity_ranges(doc)
    for sent in doc.sents:
        expected = any(e.label_ in claims.ENTITY_LABELS for e in sent.ents)
        assert claims._has_entity(sent.start, sent.end, ranges) == expected


def test_a_text_over_max_extract_chars_is_cut_with_a_note(nlp_pipeline) -> None:  # noqa: ANN001
    text = "The harbour of Veltmar was closed on Tuesday after a tanker leaked solvent. " * 40
    [extraction] = extract_articles([Article(id="x", text=text, language="en")], nlp=nlp_pipeline, max_chars=500)
    assert any("text cut at 500 of" in note and "max_extract_chars" in note for note in extraction.notes)
    assert max(s.end for s in extraction.sentences) <= 500


def test_the_packaged_default_is_the_extractor_default() -> None:
    assert settings_module.load_settings(settings_module.DEFAULTS).max_extract_chars == MAX_CHARS
