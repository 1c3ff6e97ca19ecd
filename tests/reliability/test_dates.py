"""Issue #11, item 10: a date that cannot be trusted is dropped with a note, never invented or kept as garbage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosswire.cli import cli
from crosswire.ingest import Ingested, load_inputs
from crosswire.published import parse_published
from crosswire.settings import Settings

BODY = "The harbour of Veltmar was closed on Tuesday after a tanker leaked solvent into the east basin. " * 4


@pytest.mark.parametrize(
    "value",
    [
        "31 Feb",
        "-1",
        1e300,
        "1e300",
        -999999999,
        "-999999999",
        {"a": 1},
        [2026],
        True,
        "2026-02-30",
        "yesterday",
        "March 2026",
        "2026",
        "garbage",
        0,
        float("inf"),
    ],
)
def test_an_untrustworthy_date_is_dropped_with_a_note(tmp_path: Path, settings: Settings, value: object) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"text": BODY, "date": value}))
    [result] = load_inputs([str(tmp_path / "a.json")], settings=settings)
    assert isinstance(result, Ingested)
    assert result.article.published_at is None
    [note] = result.notes
    assert "stored without a date" in note and "\n" not in note


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-03T09:15:00+01:00", "2026-03-03T08:15:00Z"),
        ("Tue, 03 Mar 2026 08:00:00 GMT", "2026-03-03T08:00:00Z"),
        ("March 3, 2026", "2026-03-03T00:00:00"),
        (1772524800, "2026-03-03T08:00:00Z"),
        (1772524800000, "2026-03-03T08:00:00Z"),
        ("2024-02-29", "2024-02-29T00:00:00"),
    ],
)
def test_a_real_date_is_kept(value: object, expected: str) -> None:
    assert parse_published(value) == (expected, None)


def test_ingest_prints_the_note_and_stores_the_article(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"text": BODY, "date": "31 Feb"}))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "ingest", str(tmp_path / "a.json")])
    assert result.exit_code == 0
    assert "note:" in result.stderr and "date '31 Feb' not understood" in result.stderr
    assert "1 stored" in result.stderr


def test_latin1_text_is_not_read_as_another_code_page(tmp_path: Path, settings: Settings) -> None:
    text = "Brême\n\n" + BODY.replace("Veltmar", "Brême")
    (tmp_path / "a.txt").write_bytes(text.encode("latin-1"))
    [result] = load_inputs([str(tmp_path / "a.txt")], settings=settings)
    assert isinstance(result, Ingested)
    assert result.article.title == "Brême"
