"""Issue #11, item 11: a migration that fails is rolled back and reported as such, not as an unusable file."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire import store as store_module
from crosswire.errors import StoreError
from crosswire.migrations import MIGRATIONS
from crosswire.store import Store


def test_a_failing_migration_says_so_and_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.db"
    Store.open(path).close()
    broken = "CREATE TABLE half (a TEXT);\nINSERT INTO no_such_table VALUES (1);\n"
    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, broken])
    with pytest.raises(StoreError) as raised:
        Store.open(path)
    message = str(raised.value)
    assert f"schema migration {len(MIGRATIONS) + 1} failed" in message and "rolled back" in message
    assert "not a usable crosswire database" not in message
    monkeypatch.undo()
    with Store.open(path) as reopened:
        assert reopened.schema_version == len(MIGRATIONS)
        tables = {r[0] for r in reopened.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "half" not in tables
