"""Issue #11, items 4 and 5: one bad input is one error line and the batch goes on; feeds are bounded."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from crosswire.fetch import Page
from crosswire.ingest import Ingested, load_inputs
from crosswire.model import Rejected
from crosswire.settings import Settings

BODY = "The harbour of Veltmar was closed on Tuesday after a tanker leaked solvent into the east basin. " * 4
GOOD = json.dumps({"title": "Good", "text": BODY})


def results(inputs: list[str], settings: Settings, **kwargs: object) -> list[Ingested | Rejected]:
    return list(load_inputs(inputs, settings=settings, **kwargs))  # type: ignore[arg-type]


def assert_one_line(rejected: Rejected) -> None:
    assert "\n" not in rejected.reason and "Traceback" not in rejected.reason and len(rejected.reason) < 300


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        ("digits.json", '{"text": ' + "9" * 5000 + "}"),
        ("deepobj.json", '{"a":' * 50_000 + "1" + "}" * 50_000),
    ],
)
def test_hostile_json_is_one_rejection_and_the_next_file_is_read(
    tmp_path: Path, settings: Settings, name: str, content: str
) -> None:
    (tmp_path / name).write_text(content)
    (tmp_path / "z.json").write_text(GOOD)
    found = results([str(tmp_path / name), str(tmp_path / "z.json")], settings)
    assert [type(r).__name__ for r in found] == ["Rejected", "Ingested"]
    assert_one_line(found[0])  # type: ignore[arg-type]


def test_a_deep_jsonl_line_does_not_stop_the_good_lines_after_it(tmp_path: Path, settings: Settings) -> None:
    lines = [GOOD, "[" * 50_000 + "]" * 50_000, '{"text": ' + "7" * 5000 + "}", GOOD.replace("Good", "Also")]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    found = results([str(tmp_path / "feed.jsonl")], settings)
    assert [type(r).__name__ for r in found] == ["Ingested", "Rejected", "Rejected", "Ingested"]
    assert found[1].input.endswith(":2") and found[2].input.endswith(":3")  # type: ignore[union-attr]


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/", "http://h:abc/", "http://[::1/", "http://[zz]/"])
def test_a_malformed_url_is_one_rejection_and_the_next_input_is_read(
    tmp_path: Path, settings: Settings, url: str
) -> None:
    (tmp_path / "a.json").write_text(GOOD)
    found = results([url, str(tmp_path / "a.json")], settings, allow_private=True)
    assert [type(r).__name__ for r in found] == ["Rejected", "Ingested"]
    assert found[0].input == url and "URL" in found[0].reason  # type: ignore[union-attr]


class Canned:
    """A fetcher over a dict of URL -> (content type, body); counts fetches."""

    def __init__(self, pages: dict[str, tuple[str, bytes]]) -> None:
        self.pages = pages
        self.fetched: list[str] = []

    def fetch(self, url: str) -> Page:
        self.fetched.append(url)
        ctype, body = self.pages[url]
        return Page(url, body, ctype)


def html(title: str) -> bytes:
    head = f"<head><title>{title}</title></head>"
    return f"<html>{head}<body><article><p>{BODY}{title}</p></article></body></html>".encode()


def rss(*links: str) -> bytes:
    items = "".join(f"<item><title>i</title><link>{link}</link></item>" for link in links)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{items}</channel></rss>".encode()


def test_a_broken_feed_is_one_rejection_and_the_next_url_is_read(settings: Settings) -> None:
    fetcher = Canned(
        {
            "https://e.org/bad": ("application/atom+xml", b"<feed <entry<link</item</link>"),
            "https://e.org/page": ("text/html", html("Page")),
        }
    )
    found = results(["https://e.org/bad", "https://e.org/page"], settings, fetcher=fetcher)
    assert [type(r).__name__ for r in found] == ["Rejected", "Ingested"]
    assert found[0] == Rejected("https://e.org/bad", "ingest", "malformed feed (KeyError)")


def test_a_feed_linking_to_itself_is_fetched_once(settings: Settings) -> None:
    fetcher = Canned(
        {
            "https://e.org/feed": ("application/rss+xml", rss("https://e.org/feed", "https://e.org/a")),
            "https://e.org/a": ("text/html", html("A")),
        }
    )
    found = results(["https://e.org/feed"], settings, fetcher=fetcher)
    assert fetcher.fetched == ["https://e.org/feed", "https://e.org/a"]
    assert [type(r).__name__ for r in found] == ["Rejected", "Ingested"]
    assert "already fetched" in found[0].reason  # type: ignore[union-attr]


def test_feeds_nested_past_the_depth_limit_are_not_followed(settings: Settings) -> None:
    pages = {f"https://e.org/f{i}": ("application/rss+xml", rss(f"https://e.org/f{i + 1}")) for i in range(10)}
    fetcher = Canned(pages)
    found = results(["https://e.org/f0"], replace(settings, feed_max_depth=3), fetcher=fetcher)
    assert len(fetcher.fetched) == 4
    assert [r.reason for r in found if isinstance(r, Rejected)] == [
        "a feed inside a feed more than 3 deep (feed_max_depth)"
    ]


def test_a_long_feed_is_capped_at_feed_max_items(settings: Settings) -> None:
    links = [f"https://e.org/a{i}" for i in range(2000)]
    fetcher = Canned(
        {
            "https://e.org/feed": ("application/rss+xml", rss(*links)),
            **{link: ("text/html", html(link)) for link in links},
        }
    )
    found = results(["https://e.org/feed"], replace(settings, feed_max_items=5), fetcher=fetcher)
    assert len(fetcher.fetched) == 6
    assert sum(isinstance(r, Ingested) for r in found) == 5
    assert "1995 more feed items not read" in found[-1].reason  # type: ignore[union-attr]


def test_an_unexpected_exception_in_one_record_is_one_rejection(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crosswire import ingest

    original = ingest.draft_from_record

    def flaky(record, **kwargs):  # noqa: ANN001, ANN202
        if record.get("title") == "Bad":
            raise KeyError("boom")
        return original(record, **kwargs)

    monkeypatch.setattr(ingest, "draft_from_record", flaky)
    (tmp_path / "a.jsonl").write_text("\n".join([GOOD.replace("Good", "Bad"), GOOD]))
    found = results([str(tmp_path / "a.jsonl")], settings)
    assert [type(r).__name__ for r in found] == ["Rejected", "Ingested"]
    assert found[0].reason == "unexpected error: KeyError: 'boom'"  # type: ignore[union-attr]
