"""URLs and feeds against a real HTTP server on 127.0.0.1 (hence --allow-private)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crosswire.errors import FetchError
from crosswire.fetch import HttpFetcher, check_url
from crosswire.ingest import Ingested, load_inputs
from crosswire.model import Article, Rejected
from crosswire.settings import Settings

PARAGRAPH = "Officials in Veltmar said the east harbour would stay closed while crews pumped out the solvent. "


def page(title: str) -> bytes:
    body = "".join(f"<p>{PARAGRAPH}{title} update {i}.</p>" for i in range(4))
    head = f"<head><title>{title}</title></head>"
    return f"<html>{head}<body><article><h1>{title}</h1>{body}</article></body></html>".encode()


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/redirect-out":
            self.send_response(302)
            self.send_header("Location", "ftp://example.org/x")
            self.end_headers()
            return
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    feed = (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        f"<item><title>One</title><link>{base}/one</link><pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate></item>"
        f"<item><title>Broken</title><link>{base}/missing</link></item>"
        f"<item><title>No link</title></item>"
        f"<item><title>Two</title><link>{base}/two</link></item></channel></rss>"
    ).encode()
    Handler.routes = {
        "/one": (200, "text/html", page("First report")),
        "/two": (200, "text/html", page("Second report")),
        "/feed.xml": (200, "application/rss+xml", feed),
        "/big": (200, "text/html", page("Big") * 400),
        "/slow": (200, "text/html", page("Slow")),
        "/binary": (200, "application/octet-stream", bytes(range(256)) * 10),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def run(urls: list[str], settings: Settings, **kwargs: object) -> list[Article | Rejected]:
    results = load_inputs(urls, settings=settings, **kwargs)  # type: ignore[arg-type]
    return [r.article if isinstance(r, Ingested) else r for r in results]


def test_page_is_fetched_and_extracted(server: str, settings: Settings) -> None:
    [article] = run([f"{server}/one"], settings, allow_private=True)
    assert isinstance(article, Article)
    assert article.title == "First report"
    assert "east harbour" in article.text
    assert article.url == f"{server}/one"


def test_feed_items_are_fetched_and_broken_items_reported(server: str, settings: Settings) -> None:
    results = run([f"{server}/feed.xml"], settings, allow_private=True)
    articles = [r for r in results if isinstance(r, Article)]
    rejected = [r for r in results if isinstance(r, Rejected)]
    assert [a.title for a in articles] == ["First report", "Second report"]
    assert articles[0].published_at == "2026-03-03T08:00:00Z"
    assert sorted(r.reason for r in rejected) == ["HTTP 404 Not Found", "feed item has no link"]


@pytest.mark.parametrize(
    ("path", "change", "reason"),
    [
        ("/missing", {}, "HTTP 404"),
        ("/big", {"fetch_max_bytes": 10_000}, "over the 10,000-byte limit"),
        ("/slow", {"fetch_timeout": 0.5}, "timed out"),
        ("/redirect-out", {}, "only http and https"),
        ("/binary", {}, "page is not text"),
    ],
)
def test_bad_urls_are_rejected(
    server: str, settings: Settings, path: str, change: dict[str, object], reason: str
) -> None:
    [rejected] = run([server + path], replace(settings, **change), allow_private=True)
    assert isinstance(rejected, Rejected)
    assert rejected.input == server + path
    assert reason in rejected.reason


def test_loopback_is_refused_without_allow_private(server: str, settings: Settings) -> None:
    [rejected] = run([f"{server}/one"], settings)
    assert isinstance(rejected, Rejected)
    assert "private or loopback" in rejected.reason and "--allow-private" in rejected.reason


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "http:///nohost"])
def test_only_http_urls_with_a_host(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url, allow_private=True)


def test_user_agent_is_sent(server: str, settings: Settings) -> None:
    seen: list[str] = []
    original = Handler.do_GET

    def spy(self: Handler) -> None:
        seen.append(self.headers.get("User-Agent", ""))
        original(self)

    Handler.do_GET = spy  # type: ignore[method-assign]
    try:
        HttpFetcher(settings=settings, allow_private=True).fetch(f"{server}/one")
    finally:
        Handler.do_GET = original  # type: ignore[method-assign]
    assert seen == [settings.user_agent]
