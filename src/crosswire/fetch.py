"""Fetching URLs with limits, and reading RSS/Atom feeds.

``HttpFetcher`` only speaks http/https, refuses loopback/private/link-local addresses unless told
otherwise (checked again on every redirect), stops after ``fetch_timeout`` seconds and
``fetch_max_bytes`` bytes, and identifies itself with a polite User-Agent. Tests swap in any object
with a ``fetch(url) -> Page`` method (see ``Fetcher``).
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from crosswire.errors import FetchError
from crosswire.settings import Settings


@dataclass(frozen=True)
class Page:
    url: str  # final URL after redirects
    body: bytes
    content_type: str = ""


@dataclass(frozen=True)
class FeedItem:
    link: str | None
    title: str | None
    published: str | None


class Fetcher(Protocol):
    def fetch(self, url: str) -> Page: ...


def is_url(value: str) -> bool:
    return urlsplit(value).scheme.lower() in {"http", "https", "ftp", "file", "data"} and "://" in value


def check_url(url: str, *, allow_private: bool) -> None:
    """Refuse non-http(s) URLs and, unless allowed, hosts that resolve to non-public addresses.

    Raises:
        FetchError: with the reason.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise FetchError(url, f"only http and https URLs are fetched, not {parts.scheme}:")
    if not parts.hostname:
        raise FetchError(url, "URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as e:
        raise FetchError(url, f"cannot resolve host {parts.hostname} ({e.strerror})") from e
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(
                url, f"refused: {parts.hostname} is a private or loopback address ({address}); use --allow-private"
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check_url(newurl, allow_private=self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpFetcher:
    """Fetch with the standard library, within the limits in ``Settings``."""

    def __init__(self, *, settings: Settings, allow_private: bool = False) -> None:
        self.settings = settings
        self.allow_private = allow_private
        self._opener = urllib.request.build_opener(_CheckedRedirects(allow_private))

    def fetch(self, url: str) -> Page:
        """GET ``url``.

        Raises:
            FetchError: refused address, timeout, HTTP error status, or body over the size cap.
        """
        check_url(url, allow_private=self.allow_private)
        request = urllib.request.Request(url, headers={"User-Agent": self.settings.user_agent})
        limit = self.settings.fetch_max_bytes
        try:
            with self._opener.open(request, timeout=self.settings.fetch_timeout) as response:
                body = response.read(limit + 1)
                if len(body) > limit:
                    raise FetchError(url, f"response over the {limit:,}-byte limit (fetch_max_bytes)")
                return Page(response.geturl(), body, response.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as e:
            raise FetchError(url, f"HTTP {e.code} {e.reason}") from e
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, FetchError):
                raise reason from e
            raise FetchError(url, f"cannot fetch ({reason})") from e
        except TimeoutError as e:
            raise FetchError(url, f"timed out after {self.settings.fetch_timeout:g} s (fetch_timeout)") from e
        except OSError as e:
            raise FetchError(url, f"cannot fetch ({e})") from e


def parse_feed(body: bytes, *, url: str, content_type: str = "") -> list[FeedItem] | None:
    """The items of an RSS/Atom feed, or None when the body is not a feed."""
    head = body[:512].lstrip().lower()
    looks_like_feed = (
        any(t in content_type for t in ("rss", "atom", "xml"))
        or head.startswith(b"<?xml")
        or b"<rss" in head
        or b"<feed" in head
    )
    if not looks_like_feed or b"<html" in head:
        return None
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        return None
    return [
        FeedItem(
            link=entry.get("link"), title=entry.get("title"), published=entry.get("published") or entry.get("updated")
        )
        for entry in parsed.entries
    ]
