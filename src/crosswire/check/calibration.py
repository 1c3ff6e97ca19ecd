"""The checks' calibration: thresholds and confidences from the ``[check.NAME]`` tables of the settings.

A helper module, not a check. ``packaged()`` is the packaged defaults (``crosswire/defaults.toml``);
``check_story`` takes the user's merged tables (``Settings.check``) instead when given, and a check
reads its numbers through ``CheckContext.setting(check, key)``, never from a literal of its own.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import lru_cache

from crosswire.settings import DEFAULTS

Calibration = Mapping[str, Mapping[str, float]]


@lru_cache(maxsize=1)
def packaged() -> Calibration:
    """The packaged ``[check.NAME]`` tables."""
    tables = tomllib.loads(DEFAULTS.read_text("utf-8"))["check"]
    return {name: {key: float(value) for key, value in table.items()} for name, table in tables.items()}
