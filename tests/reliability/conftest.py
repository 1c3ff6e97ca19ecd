"""Fixtures of the reliability tests (issue #11): one spaCy pipeline for the session."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp_pipeline() -> Language:
    from crosswire.extract import load_nlp

    return load_nlp()
