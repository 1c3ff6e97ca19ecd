"""`stories`, `watch`, `diff` and multi-story `brief` through the command line, with the real embedder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crosswire.cli import cli
from crosswire.cli import stories as cli_stories
from crosswire.store import Store

ROOT = Path(__file__).resolve().parents[2]
SECOND = ROOT / "examples" / "second-story"

pytestmark = pytest.mark.slow

FIRE = """---
title: Warehouse fire in Oderby injures {n} workers
source: {source}
date: 2026-05-0{day}T10:00:00Z
---
A fire at the Kestrel Logistics warehouse in Oderby injured {n} workers on Monday, the Oderby fire
service said. Fire chief Marta Lindqvist said crews from three stations fought the blaze for six hours
before it was brought under control. The warehouse, on the Oderby ring road, stores furniture and
paper goods. {n} workers were taken to Oderby General Hospital with burns and smoke inhalation.
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def stories_json(db: str) -> list[dict[str, Any]]:
    code, out, _ = invoke("--db", db, "stories", "--json")
    assert code == 0
    return json.loads(out)


def article_id(db: str, path: Path) -> str:
    """The id of the article ingested from ``path``."""
    with Store.open(db) as store:
        [article] = store.find_articles(str(path))
    return article.id


def test_demo_corpus_is_two_stories_as_the_answer_keys_say(tmp_path: Path, demo_dir: Path) -> None:
    db = str(tmp_path / "x.db")
    assert invoke("--db", db, "ingest", str(demo_dir), str(SECOND))[0] == 0
    expected = []
    for folder in (demo_dir, SECOND):
        key = json.loads((folder / "_answer_key.json").read_text("utf-8"))
        expected.append(sorted(article_id(db, folder / name) for name in key["articles"]))
    found = sorted(sorted(row["article_ids"]) for row in stories_json(db))
    assert found == sorted(expected)


def test_seeds_are_one_story(tmp_path: Path, seeds_dir: Path) -> None:
    db = str(tmp_path / "x.db")
    invoke("--db", db, "ingest", str(seeds_dir))
    [row] = stories_json(db)
    assert row["articles"] == 5
    assert row["notes"] == ["5 of 5 articles have no date; clustered on content alone"]


def test_stories_json_lists_counts_and_stays_stable(tmp_path: Path, demo_dir: Path) -> None:
    db = str(tmp_path / "x.db")
    invoke("--db", db, "ingest", str(demo_dir))
    [row] = stories_json(db)
    assert row["articles"] == 10
    assert row["independent_sources"] == 9  # 04 is a syndicated copy of 02
    assert row["first_published"] == "2026-03-03T09:15:00Z"
    assert row["last_published"] == "2026-03-05T12:30:00Z"
    assert row["disputed_facts"] is None  # not cross-checked yet
    invoke("--db", db, "ingest", str(demo_dir))  # the same items again
    assert stories_json(db) == [row]


def write_fire(folder: Path, name: str, *, injured: int, day: int, source: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(FIRE.format(n=injured, day=day, source=source), "utf-8")


def test_diff_reports_a_changed_figure_and_who_said_it_first(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    inbox = tmp_path / "inbox"
    write_fire(inbox, "a.md", injured=4, day=4, source="Oderby Post")
    assert invoke("--db", db, "brief", str(inbox), "--out", str(tmp_path / "b1"), "--format", "json")[0] == 0
    write_fire(inbox, "b.md", injured=6, day=5, source="Ring Road News")
    invoke("--db", db, "ingest", str(inbox))
    [row] = stories_json(db)
    code, out, _ = invoke(
        "--db", db, "diff", "--story", row["id"], "--since", str(tmp_path / "b1" / "brief.json"), "--json"
    )
    assert code == 0
    developments = json.loads(out)
    assert developments["sources_added"] == ["Ring Road News"]
    assert {"unit": "workers", "before": [4.0], "now": [4.0, 6.0]} in developments["changed_figures"]
    firsts = {(d["value"], d["first_source"]) for d in developments["drift"]}
    assert ("6", "Ring Road News") in firsts or not developments["drift"]


def test_diff_since_a_time_before_everything_lists_all_as_new(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    write_fire(tmp_path / "inbox", "a.md", injured=4, day=4, source="Oderby Post")
    invoke("--db", db, "ingest", str(tmp_path / "inbox"))
    [row] = stories_json(db)
    code, out, _ = invoke("--db", db, "diff", "--story", row["id"], "--since", "2000-01-01T00:00:00Z")
    assert code == 0
    assert "New facts" in out and "Oderby Post" in out


def test_diff_unknown_story_is_an_error(tmp_path: Path) -> None:
    code, _, err = invoke("--db", str(tmp_path / "x.db"), "diff", "--story", "nope", "--since", "2020-01-01")
    assert code == 1 and "no such story" in err


def test_watch_runs_a_bounded_number_of_times(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "x.db")
    inbox = tmp_path / "inbox"
    write_fire(inbox, "a.md", injured=4, day=4, source="Oderby Post")
    sleeps: list[float] = []

    def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        write_fire(inbox, "b.md", injured=6, day=5, source="Ring Road News")

    monkeypatch.setattr(cli_stories.time, "sleep", fake_sleep)
    code, _, err = invoke("--db", db, "watch", str(inbox), "--every", "15m", "--max-runs", "2")
    assert code == 0
    assert sleeps == [900.0]
    assert "run 1: 1 new" in err and "run 2: 1 new, 1 seen before" in err
    assert stories_json(db)[0]["articles"] == 2


def test_watch_stops_cleanly_on_ctrl_c(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "x.db")
    write_fire(tmp_path / "inbox", "a.md", injured=4, day=4, source="Oderby Post")

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_stories.time, "sleep", interrupt)
    code, _, err = invoke("--db", db, "watch", str(tmp_path / "inbox"), "--every", "1s")
    assert code == 0
    assert "stopped after 1 run(s)" in err
    assert stories_json(db)[0]["articles"] == 1


@pytest.mark.parametrize("every", ["soon", "15x", ""])
def test_watch_rejects_a_bad_interval(tmp_path: Path, every: str) -> None:
    code, _, err = invoke("--db", str(tmp_path / "x.db"), "watch", str(tmp_path), "--every", every)
    assert code == 2 and "--every" in err


def test_brief_on_a_multi_story_corpus_writes_one_folder_per_story_and_an_index(tmp_path: Path, demo_dir: Path) -> None:
    db = str(tmp_path / "x.db")
    invoke("--db", db, "ingest", str(demo_dir), str(SECOND))
    out_dir = tmp_path / "out"
    code, _, err = invoke("--db", db, "brief", "--out", str(out_dir), "--format", "json,html")
    assert code == 0, err
    rows = stories_json(db)
    assert len(rows) == 2
    for row in rows:
        data = json.loads((out_dir / row["id"] / "brief.json").read_text("utf-8"))
        assert data["stories"][0]["id"] == row["id"]
        assert row["disputed_facts"] is not None
    index = (out_dir / "index.html").read_text("utf-8")
    assert all(f"{row['id']}/brief.html" in index for row in rows)
    one = rows[0]["id"]
    code, _, _ = invoke("--db", db, "brief", "--story", one, "--out", str(tmp_path / "one"), "--format", "json")
    assert code == 0
    assert json.loads((tmp_path / "one" / "brief.json").read_text("utf-8"))["stories"][0]["id"] == one


def test_brief_again_after_new_articles_checks_only_the_story_they_joined(tmp_path: Path, demo_dir: Path) -> None:
    db, out_dir = str(tmp_path / "x.db"), tmp_path / "out"
    invoke("--db", db, "ingest", str(demo_dir))
    for n, day in ((4, 4), (5, 5)):
        (tmp_path / f"fire-{n}.md").write_text(FIRE.format(n=n, source=f"Paper {n}", day=day))
    invoke("--db", db, "ingest", str(tmp_path / "fire-4.md"))
    code, _, err = invoke("--db", db, "brief", "--out", str(out_dir), "--format", "json,html")
    assert code == 0 and "2 stories: 2 briefed, 0 re-written, 0 unchanged, 0 failed" in err, err
    code, _, err = invoke("--db", db, "brief", "--out", str(out_dir), "--format", "json,html")
    assert code == 0 and "2 stories: 0 briefed, 0 re-written, 2 unchanged, 0 failed" in err, err
    invoke("--db", db, "ingest", str(tmp_path / "fire-5.md"))
    code, _, err = invoke("--db", db, "brief", "--out", str(out_dir), "--format", "json,html")
    assert code == 0 and "2 stories: 1 briefed, 0 re-written, 1 unchanged, 0 failed" in err, err
    fire = next(row for row in stories_json(db) if row["articles"] == 2 and "fire" in row["headline"].lower())
    assert json.loads((out_dir / fire["id"] / "brief.json").read_text("utf-8"))["stories"][0]["id"] == fire["id"]


def test_stories_check_checks_every_story(tmp_path: Path, demo_dir: Path) -> None:
    db = str(tmp_path / "x.db")
    invoke("--db", db, "ingest", str(demo_dir), str(SECOND))
    assert all(row["disputed_facts"] is None for row in stories_json(db))
    code, out, _ = invoke("--db", db, "stories", "--check", "--json")
    assert code == 0
    assert all(row["disputed_facts"] is not None for row in json.loads(out))
