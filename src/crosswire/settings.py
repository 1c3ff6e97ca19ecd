"""Settings: packaged defaults (``defaults.toml``) overridden by a user file.

Example::

    settings = load_settings(Path("crosswire.toml"))
    settings.near_dup_threshold  # 0.8 unless the user file says otherwise
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswire.errors import ConfigError

DEFAULTS = Path(__file__).with_name("defaults.toml")
USER_FILE = "crosswire.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    max_input_bytes: int
    min_article_chars: int
    fetch_timeout: float
    fetch_max_bytes: int
    user_agent: str
    feed_max_items: int
    feed_max_depth: int
    max_extract_chars: int
    near_dup_threshold: float
    minhash_perm: int
    shingle_words: int
    judge_url: str
    judge_model: str
    judge_timeout: float
    check: dict[str, dict[str, float]]  # the [check.NAME] tables: each check's thresholds and calibration


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Read the packaged defaults, then ``path`` (or ./crosswire.toml if present), then ``overrides``.

    Raises:
        ConfigError: unknown key, wrong type, or unreadable file.
    """
    values: dict[str, Any] = tomllib.loads(DEFAULTS.read_text("utf-8"))
    user = path if path is not None else Path(USER_FILE)
    if path is not None or user.is_file():
        try:
            read = tomllib.loads(user.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"{user}: cannot read settings ({e})") from e
        values |= {k: v for k, v in read.items() if k != "check"}
        values["check"] = _calibration(values["check"], read.get("check", {}), source=str(user))
    values |= {k: v for k, v in overrides.items() if v is not None}
    return _build(values, source=str(user))


def _calibration(packaged: dict[str, dict[str, float]], user: Any, *, source: str) -> dict[str, dict[str, float]]:
    """The packaged [check.NAME] tables with the user's values over them: known checks and keys only."""
    if not isinstance(user, dict):
        raise ConfigError(f"{source}: [check] must be a table of tables ([check.measures] ...)")
    merged = {name: dict(table) for name, table in packaged.items()}
    for name, table in user.items():
        if name not in merged or not isinstance(table, dict):
            raise ConfigError(f"{source}: unknown check table [check.{name}]; see docs/settings.md")
        for key, value in table.items():
            if key not in merged[name]:
                raise ConfigError(f"{source}: unknown setting check.{name}.{key}; see docs/settings.md")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"{source}: setting check.{name}.{key} must be a number, got {value!r}")
            merged[name][key] = float(value)
    return merged


_KINDS: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "str": str, "bool": bool}


def _build(values: dict[str, Any], *, source: str) -> Settings:
    known = {f.name: f for f in dataclasses.fields(Settings)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"{source}: unknown setting(s) {', '.join(unknown)}; see docs/settings.md")
    for name, value in values.items():
        expected = known[name].type
        kind = _KINDS.get(str(expected))
        if kind is not None and not isinstance(value, kind):
            raise ConfigError(f"{source}: setting {name} must be {expected}, got {value!r}")
    missing = sorted(set(known) - set(values))
    if missing:
        raise ConfigError(f"packaged defaults lack {', '.join(missing)} (a crosswire bug)")
    return Settings(**values)
