"""Settings: packaged defaults, a user file over them, and the [check.NAME] calibration tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.check.calibration import packaged
from crosswire.errors import ConfigError
from crosswire.settings import load_settings


def test_the_packaged_calibration_is_the_settings_default() -> None:
    assert load_settings().check == {name: dict(table) for name, table in packaged().items()}


def test_a_user_file_overrides_one_calibration_number_and_keeps_the_rest(tmp_path: Path) -> None:
    user = tmp_path / "crosswire.toml"
    user.write_text("min_article_chars = 50\n\n[check.measures]\nmax_ratio = 3\n", "utf-8")
    settings = load_settings(user)
    assert settings.min_article_chars == 50
    assert settings.check["measures"]["max_ratio"] == 3.0
    assert settings.check["measures"]["high_gap"] == packaged()["measures"]["high_gap"]
    assert settings.check["slots"] == packaged()["slots"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[check.nosuch]\nx = 1\n", "unknown check table [check.nosuch]"),
        ("[check.measures]\nmax_ratiox = 1\n", "unknown setting check.measures.max_ratiox"),
        ('[check.measures]\nmax_ratio = "five"\n', "check.measures.max_ratio must be a number"),
        ("[check.measures]\nmax_ratio = true\n", "check.measures.max_ratio must be a number"),
        ("check = 3\n", "[check] must be a table of tables"),
    ],
)
def test_a_bad_calibration_entry_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    user = tmp_path / "crosswire.toml"
    user.write_text(text, "utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")) as raised:
        load_settings(user)
    assert str(user) in str(raised.value) and "\n" not in str(raised.value)
