"""Issue #11, item 1: article text, paths and feed titles are printed as text, never as console markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from crosswire.cli import cli
from crosswire.model import Article, Extraction
from crosswire.report.article import render_article
from crosswire.text import one_line

BODY = "The harbour of Veltmar was closed on Tuesday after a tanker leaked solvent into the east basin. " * 4


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("title", ["A [/x] B", "[bold]loud[/bold] [/]", "x [link=javascript:alert(1)]y[/link]"])
def test_markup_in_a_title_is_printed_as_text_by_sources(tmp_path: Path, title: str) -> None:
    (tmp_path / "a.txt").write_text(f"{title}\n\n{BODY}")
    db = str(tmp_path / "x.db")
    assert invoke("--db", db, "ingest", str(tmp_path / "a.txt"))[0] == 0
    code, out, _ = invoke("--db", db, "sources")
    assert code == 0
    assert title.split()[0] in " ".join(out.split())


def test_show_prints_a_markup_title_as_text(tmp_path: Path) -> None:
    article = Article(id="abc", text=BODY, title="A [/x] B", source="[red]S[/]", published_at="[/]")
    console = Console(record=True, width=200)
    render_article(article, Extraction(article_id="abc", version="v", language="en"), console)
    shown = console.export_text()
    assert "A [/x] B" in shown and "[red]S[/]" in shown


@pytest.mark.parametrize(
    ("name", "expected"),
    [("markup[bold]y[/].txt", "markup[bold]y[/].txt"), ("bad[/x].txt", "bad[/x].txt")],
)
def test_a_failed_file_with_markup_in_its_name_is_reported_by_its_real_name(
    tmp_path: Path, name: str, expected: str
) -> None:
    (tmp_path / name).parent.mkdir(exist_ok=True)  # "[/]" is a folder "…[" holding "].txt"
    (tmp_path / name).write_text("")
    code, _, err = invoke("--db", str(tmp_path / "x.db"), "ingest", str(tmp_path / name))
    assert code == 1
    assert expected in err and "empty input" in err


def test_escape_codes_and_newlines_in_a_file_name_do_not_reach_the_terminal(tmp_path: Path) -> None:
    name = "evil\x1b[31mred\x1b]8;;http:x\x07link\nsecond.txt"
    (tmp_path / name).write_text("")
    code, _, err = invoke("--db", str(tmp_path / "x.db"), "ingest", str(tmp_path / name))
    assert code == 1
    assert "\x1b" not in err and "\x07" not in err
    [line] = [line for line in err.splitlines() if line.startswith("error:")]
    assert "second.txt: empty input" in line


def test_a_feed_item_title_with_markup_is_one_plain_error_line(tmp_path: Path) -> None:
    from crosswire.fetch import Page

    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>[/x]</title></item></channel></rss>"
    )

    class Canned:
        def fetch(self, url: str) -> Page:
            return Page(url, feed, "application/rss+xml")

    from crosswire import pipeline
    from crosswire.settings import load_settings
    from crosswire.store import Store

    with Store.open(tmp_path / "x.db") as store:
        [outcome] = list(
            pipeline.run_ingest(store, ["https://example.org/feed"], settings=load_settings(), fetcher=Canned())
        )
    assert outcome.status == "rejected" and "[/x]" in outcome.input
    from crosswire.cli import reject_line

    console = Console(record=True, width=300)
    console.print(reject_line(outcome.input, outcome.detail))
    assert "[/x]" in console.export_text()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\nb", "a b"),
        ("a\x1b[31mb\x1b[0m", "a b"),
        ("x\x1b]8;;http://e\x07y", "x y"),
        ("r\u202eevil", "r evil"),
        ("plain [text]", "plain [text]"),
        ("c1\x9b31m", "c1"),
    ],
)
def test_one_line_strips_escapes_and_breaks(raw: str, clean: str) -> None:
    assert one_line(raw) == clean


def test_stories_and_check_print_a_markup_headline_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crosswire import pipeline
    from crosswire.model import CheckResult, Contradiction, Side, Story

    story = Story("s1", "A [/x] B \x1b[31m", ("abc",), "[/]", "[bold]", notes=("[/y] note",))
    monkeypatch.setattr(pipeline, "run_stories", lambda store, **kwargs: [story])
    code, out, _ = invoke("--db", str(tmp_path / "x.db"), "stories")
    assert code == 0 and "A [/x] B" in out and "[/y] note" in out and "\x1b[31m" not in out

    (tmp_path / "a.txt").write_text(f"A [/x] B\n\n{BODY}")
    side = Side(value="[/z]", evidence=())
    contradiction = Contradiction("c1", "number", "[/s]", "high", 0.9, "[/e]", (side, side))  # type: ignore[arg-type]
    monkeypatch.setattr(pipeline, "run_extract", lambda *args, **kwargs: 0)
    monkeypatch.setattr(
        pipeline,
        "run_check",
        lambda store, story, **kwargs: CheckResult(story.id, story.article_ids, contradictions=(contradiction,)),
    )
    code, out, _ = invoke("--db", str(tmp_path / "x.db"), "check", str(tmp_path / "a.txt"))
    assert code == 0 and "A [/x] B" in out and "[/s]" in out and "[/e]" in out
