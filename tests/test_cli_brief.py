"""`crosswire extract/show/check/brief` at the edges: no articles, one article, unrelated articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosswire.cli import cli

HARBOUR = (
    "Harbour Minister Ilse Marten said on Tuesday that 14 dock workers were taken to hospital after the tanker "
    'MV Corran Star leaked styrene at Pier 7 of Veltmar\'s east harbour. "The situation is under control," '
    "Marten said. The east harbour was closed to shipping while fire crews worked through the night."
)
TRAM = (
    "The Brennholm city council approved a new tram line on Wednesday by 31 votes to 12. Mayor Odile Farr said "
    "construction of the 9 km line would begin in the spring and cost an estimated 140 million euros. "
    '"This is a good day for the city," Farr told reporters after the vote in the town hall.'
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "t.db")


def test_brief_with_no_articles_is_a_clear_error(db: str, tmp_path: Path) -> None:
    code, _, err = invoke("--db", db, "brief", "--out", str(tmp_path / "b"))
    assert code == 1
    assert "no articles to brief" in err
    assert not (tmp_path / "b" / "brief.html").exists()


def test_brief_of_one_article_says_everything_is_single_source(db: str, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(HARBOUR)
    code, _, _ = invoke(
        "--db", db, "brief", str(tmp_path / "one.txt"), "--out", str(tmp_path / "b"), "--format", "json,md"
    )
    assert code == 0
    data = json.loads((tmp_path / "b" / "brief.json").read_text())
    [story] = data["stories"]
    assert story["facts"] and all(f["status"] == "single-source" for f in story["facts"])
    assert story["contradictions"] == []
    assert "single" in (tmp_path / "b" / "brief.md").read_text().lower()


def test_unrelated_articles_are_briefed_per_story_confirming_and_disputing_nothing(db: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(HARBOUR)
    (tmp_path / "b.txt").write_text(TRAM)
    code, _, _ = invoke(
        "--db",
        db,
        "brief",
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        "--out",
        str(tmp_path / "out"),
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads((tmp_path / "out" / "brief.json").read_text())
    assert len(data["stories"]) == 2 and len(data["articles"]) == 2  # two stories, as the store sorts them
    for story in data["stories"]:
        assert not [f for f in story["facts"] if f["status"] == "confirmed"]
        assert story["contradictions"] == []
        own = json.loads((tmp_path / "out" / story["id"] / "brief.json").read_text())
        assert own["stories"][0]["id"] == story["id"]
    assert (tmp_path / "out" / "index.html").exists()


def test_brief_still_writes_when_some_inputs_fail(db: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(HARBOUR)
    code, _, err = invoke(
        "--db",
        db,
        "brief",
        str(tmp_path / "a.txt"),
        str(tmp_path / "missing.txt"),
        "--out",
        str(tmp_path / "out"),
        "--format",
        "json",
    )
    assert code == 1
    assert "missing.txt: no such file or folder" in err
    assert (tmp_path / "out" / "brief.json").exists()


def test_bad_format_is_a_usage_error(db: str, tmp_path: Path) -> None:
    code, _, err = invoke("--db", db, "brief", "--format", "pdf")
    assert code == 2 and "choose from" in err


def test_extract_then_show_an_article(db: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(HARBOUR)
    assert invoke("--db", db, "ingest", str(tmp_path / "a.txt"))[0] == 0
    code, _, err = invoke("--db", db, "extract")
    assert code == 0 and "1 articles extracted" in err
    assert "already extracted" in invoke("--db", db, "extract")[2]
    code, out, _ = invoke("--db", db, "show", str(tmp_path / "a.txt"), "--json")
    assert code == 0
    data = json.loads(out)
    assert any(p["family"] == "Marten" for p in data["extraction"]["people"])
    code, out, _ = invoke("--db", db, "show", data["article"]["id"][:6])
    assert code == 0 and "Marten" in out and "People" in out


def test_show_lists_statuses(db: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(HARBOUR + " Trawler crews were told to observe the fishing ban in the bay.")
    assert invoke("--db", db, "ingest", str(tmp_path / "a.txt"))[0] == 0
    code, out, _ = invoke("--db", db, "show", str(tmp_path / "a.txt"))
    assert code == 0 and "Statuses" in out and "fishing ban" in out and "in force" in out


def test_show_unknown_article_is_a_clear_error(db: str) -> None:
    code, _, err = invoke("--db", db, "show", "nope")
    assert code == 1 and "nope: no stored article" in err


def test_check_json_lists_facts_and_contradictions(db: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(HARBOUR)
    (tmp_path / "b.txt").write_text(
        HARBOUR.replace("14 dock workers", "41 dock workers").replace("Tuesday", "Monday")
        + " Officials gave no further details."
    )
    code, out, _ = invoke("--db", db, "check", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--json")
    assert code == 0
    result = json.loads(out)
    assert {"number"} <= {c["kind"] for c in result["contradictions"]}
    assert all(c["sides"] and c["explanation"] for c in result["contradictions"])


@pytest.fixture
def judge_server():  # noqa: ANN201
    """A stub OpenAI-compatible chat endpoint on 127.0.0.1 that rejects every candidate."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    calls: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            calls.append(body["model"])
            content = '{"verdict": "reject", "explanation": "same figure, different rounding"}'
            payload = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", calls
    httpd.shutdown()
    httpd.server_close()


def test_judge_configured_in_settings_reviews_the_candidates(db: str, tmp_path: Path, judge_server) -> None:  # noqa: ANN001
    url, calls = judge_server
    (tmp_path / "a.txt").write_text(HARBOUR)
    (tmp_path / "b.txt").write_text(HARBOUR.replace("14 dock workers", "41 dock workers") + " No more details.")
    inputs = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    code, out, _ = invoke("--db", db, "check", *inputs, "--json")
    assert code == 0 and json.loads(out)["contradictions"], "without the judge the rule flags the figure"
    config = tmp_path / "judge.toml"
    config.write_text(f'judge_url = "{url}"\njudge_model = "stub-model"\n')
    code, out, _ = invoke("--db", db, "--config", str(config), "check", *inputs, "--json")
    assert code == 0
    assert json.loads(out)["contradictions"] == []
    assert calls and set(calls) == {"stub-model"}
