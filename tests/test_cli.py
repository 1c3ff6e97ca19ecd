from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosswire.cli import cli, hoist_global_options
from crosswire.store import Store

BODY = "The harbour of Veltmar was closed on Tuesday after a tanker leaked solvent into the east basin. " * 4


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_seeds_twice_stores_five_then_nothing(tmp_path: Path, seeds_dir: Path) -> None:
    db = str(tmp_path / "s.db")
    code, _, err = invoke("--db", db, "ingest", str(seeds_dir))
    assert code == 0
    assert "5 stored" in err
    code, _, err = invoke("--db", db, "ingest", str(seeds_dir))
    assert code == 0
    assert "0 stored, 5 already stored" in err
    code, out, _ = invoke("--db", db, "sources", "--json")
    rows = json.loads(out)
    assert len(rows) == 5 and all(r["words"] > 500 and r["dup_group"] is None for r in rows)


def test_failed_inputs_give_exit_code_1_and_the_rest_is_stored(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY)
    (tmp_path / "empty.txt").write_text("")
    db = str(tmp_path / "x.db")
    code, _, err = invoke("--db", db, "ingest", str(tmp_path / "good.txt"), str(tmp_path / "empty.txt"))
    assert code == 1
    assert f"error: {tmp_path / 'empty.txt'}: empty input" in err
    assert "1 stored" in err and "1 failed" in err
    assert Store.open(db).count_articles() == 1


def test_ingest_json_lines_output(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY)
    code, out, _ = invoke("--db", str(tmp_path / "x.db"), "ingest", "--json", str(tmp_path / "good.txt"))
    assert code == 0
    assert json.loads(out.splitlines()[0])["status"] == "stored"


def test_db_from_environment(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("CROSSWIRE_DB", str(tmp_path / "env.db"))
    (tmp_path / "good.txt").write_text(BODY)
    assert invoke("ingest", str(tmp_path / "good.txt"))[0] == 0
    assert (tmp_path / "env.db").exists()


def test_bad_field_option_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke("--db", str(tmp_path / "x.db"), "ingest", "--field", "nonsense", "x.jsonl")
    assert code == 2 and "NAME=KEY" in err


def test_empty_store_says_how_to_fill_it(tmp_path: Path) -> None:
    code, _, err = invoke("--db", str(tmp_path / "x.db"), "sources")
    assert code == 0 and "crosswire ingest" in err


def test_killed_ingest_resumes_with_every_article_stored_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    total = 3000
    for i in range(total):
        (corpus / f"{i:04d}.txt").write_text(f"Report number {i} from the harbour. " * 12 + f" Unique {i}.")
    db = tmp_path / "k.db"
    command = [sys.executable, "-m", "crosswire", "--db", str(db), "ingest", str(corpus)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists() and _count(db) >= 20:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the ingest finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored_before = _count(db)
    assert 0 < stored_before < total, "the ingest should have been killed midway"
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with Store.open(db) as store:
        assert store.count_articles() == total
        assert store.conn.execute("SELECT COUNT(*) FROM minhashes").fetchone()[0] == total
        assert store.conn.execute("SELECT COUNT(DISTINCT article_id) FROM article_origins").fetchone()[0] == total


def _count(db: Path) -> int:
    try:
        with Store.open(db) as store:
            return store.count_articles()
    except Exception:
        return 0


@pytest.mark.parametrize(
    "args, expected",
    [
        (["ingest", "a.txt", "--db", "x.db"], ["--db", "x.db", "ingest", "a.txt"]),
        (["--db", "x.db", "ingest", "a.txt"], ["--db", "x.db", "ingest", "a.txt"]),
        (["brief", "--db=x.db", "--out", "o"], ["--db=x.db", "brief", "--out", "o"]),
        (["sources", "--config", "c.toml", "--json"], ["--config", "c.toml", "sources", "--json"]),
        (["ingest", "--", "--db"], ["ingest", "--", "--db"]),
        (["--help"], ["--help"]),
    ],
)
def test_global_options_after_the_command_are_moved_before_it(args: list[str], expected: list[str]) -> None:
    assert hoist_global_options(args, ("--db", "--config"), commands=set(cli.commands)) == expected


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_takes_db_after_its_name(name: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, [name, "--db", str(tmp_path / "x.db"), "--help"])
    assert result.exit_code == 0, result.output


def test_db_after_the_command_is_the_store_used(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY)
    assert invoke("ingest", str(tmp_path / "good.txt"), "--db", str(tmp_path / "after.db"))[0] == 0
    code, out, _ = invoke("sources", "--json", "--db", str(tmp_path / "after.db"))
    assert code == 0 and len(json.loads(out)) == 1
