"""Fixtures of the reliability tests (issue #11): one spaCy pipeline for the session."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp_pipeline() -> Language:
    from crosswire.extract import load_nlp

    return load_nlp()


# Bounded in `make test` (derandomised, so CI is repeatable); `make fuzz` runs many random examples.
settings.register_profile(
    "ci",
    max_examples=int(os.environ.get("CROSSWIRE_FUZZ_EXAMPLES", "15")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("CROSSWIRE_FUZZ_EXAMPLES", "500")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("CROSSWIRE_FUZZ_PROFILE", "ci"))
