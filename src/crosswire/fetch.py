"""Fetching URLs with limits, and reading RSS/Atom feeds.

``HttpFetcher`` only speaks http/https, refuses loopback/private/link-local addresses unless told
otherwise (checked on every connection, redirects included, and the connection goes to the address
that was checked), stops after ``fetch_timeout`` seconds in all and ``fetch_max_bytes`` bytes, and
identifies itself with a polite User-Agent. Tests swap in any object with a ``fetch(url) -> Page``
method (see ``Fetcher``).
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import IO, Any, Protocol
from urllib.parse import urlsplit

import feedparser

from crosswire.errors import FetchError
from crosswire.settings import Settings
from crosswire.text import one_line


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


_SCHEMES = {"http", "https", "ftp", "file", "data"}


def is_url(value: str) -> bool:
    """Whether an input names a URL (even a malformed one, which fetching then rejects) rather than a path."""
    scheme, sep, _ = value.partition("://")
    return bool(sep) and scheme.lower() in _SCHEMES


def split_url(url: str) -> tuple[str, str, int]:
    """``(scheme, host, port)`` of an http(s) URL.

    Raises:
        FetchError: not http(s), no host, or a malformed host or port.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise FetchError(url, f"not a valid URL ({one_line(e)})") from e
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise FetchError(url, f"only http and https URLs are fetched, not {scheme}:")
    if not parts.hostname:
        raise FetchError(url, "URL has no host")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def check_url(url: str, *, allow_private: bool) -> list[str]:
    """Refuse non-http(s) URLs and, unless allowed, hosts that resolve to non-public addresses.

    Returns:
        The addresses the host resolved to, all checked: connect to one of these (``resolve``).

    Raises:
        FetchError: with the reason.
    """
    _, host, port = split_url(url)
    return resolve(host, port, url=url, allow_private=allow_private)


def resolve(host: str, port: int, *, url: str, allow_private: bool) -> list[str]:
    """Look ``host`` up once and check every address it has (unless ``allow_private``).

    Raises:
        FetchError: the host does not resolve, or one of its addresses is not public.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(url, f"cannot resolve host {host} ({getattr(e, 'strerror', None) or e})") from e
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for address in addresses:
        if not allow_private and not _is_public(address):
            raise FetchError(url, f"refused: {host} is a private or loopback address ({address}); use --allow-private")
    if not addresses:
        raise FetchError(url, f"cannot resolve host {host}")
    return addresses


def _is_public(address: str) -> bool:
    return ipaddress.ip_address(address.split("%")[0]).is_global


class _Attempt:
    """One fetch: its deadline, the sockets it opened (shut down when the deadline passes), its checks."""

    def __init__(self, *, timeout: float, allow_private: bool) -> None:
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.allow_private = allow_private
        self.sockets: list[socket.socket] = []
        self._timer = threading.Timer(timeout, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("fetch deadline passed")
        return left

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def connect(self, host: str, port: int, url: str) -> socket.socket:
        """Resolve and check ``host`` once, then connect to one of exactly those addresses."""
        error: OSError | None = None
        for address in resolve(host, port, url=url, allow_private=self.allow_private):
            try:
                sock = socket.create_connection((address, port), timeout=self.remaining())
            except OSError as e:
                error = e
                continue
            self.sockets.append(sock)
            return sock
        raise error or OSError(f"cannot connect to {host}")

    def _expire(self) -> None:
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._timer.cancel()


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to the address that was checked (the Host header still names the host)."""

    def __init__(self, host: str, *, attempt: _Attempt, url: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._attempt, self._url = attempt, url

    def connect(self) -> None:
        self.sock = self._attempt.connect(self.host, self.port, self._url)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection to the checked address, with SNI and certificate checks for the host name."""

    def __init__(self, host: str, *, attempt: _Attempt, url: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._attempt, self._url = attempt, url

    def connect(self) -> None:
        raw = self._attempt.connect(self.host, self.port, self._url)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]  # _context: set by HTTPSConnection, not in typeshed
        self._attempt.sockets.append(self.sock)


class _PinnedHandler(urllib.request.HTTPHandler, urllib.request.HTTPSHandler):
    def __init__(self, attempt: _Attempt) -> None:
        urllib.request.HTTPHandler.__init__(self)
        urllib.request.HTTPSHandler.__init__(self)
        self.attempt = attempt

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_PinnedHTTP, attempt=self.attempt, url=req.full_url), req)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_PinnedHTTPS, attempt=self.attempt, url=req.full_url)
        return self.do_open(connection, req, context=self._context)  # type: ignore[attr-defined]  # as above, HTTPSHandler


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Each hop must be http(s) with a host; its address is checked when it is connected to."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        split_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpFetcher:
    """Fetch with the standard library, within the limits in ``Settings``.

    Each host is looked up once per connection and the connection goes to an address that was
    checked (so a DNS answer that changes between check and connect cannot reach a private
    address), and the whole fetch, redirects and every read included, ends at ``fetch_timeout``.
    """

    def __init__(self, *, settings: Settings, allow_private: bool = False) -> None:
        self.settings = settings
        self.allow_private = allow_private

    def fetch(self, url: str) -> Page:
        """GET ``url``.

        Raises:
            FetchError: refused address, timeout, HTTP error status, or body over the size cap.
        """
        split_url(url)
        attempt = _Attempt(timeout=self.settings.fetch_timeout, allow_private=self.allow_private)
        try:
            return self._get(url, attempt)
        except FetchError:
            raise
        except Exception as e:
            if attempt.expired or isinstance(e, TimeoutError) or isinstance(getattr(e, "reason", None), TimeoutError):
                raise FetchError(url, f"timed out after {self.settings.fetch_timeout:g} s (fetch_timeout)") from e
            raise self._error(url, e) from e
        finally:
            attempt.close()
            for sock in attempt.sockets:
                sock.close()

    def _get(self, url: str, attempt: _Attempt) -> Page:
        opener = urllib.request.build_opener(_PinnedHandler(attempt), _CheckedRedirects())
        request = urllib.request.Request(url, headers={"User-Agent": self.settings.user_agent})
        limit = self.settings.fetch_max_bytes
        with opener.open(request, timeout=attempt.remaining()) as response:
            body = bytearray()
            while len(body) <= limit:
                chunk = response.read1(min(65536, limit + 1 - len(body)))
                if attempt.expired:
                    raise TimeoutError("fetch deadline passed")
                if not chunk:
                    break
                body += chunk
            if len(body) > limit:
                raise FetchError(url, f"response over the {limit:,}-byte limit (fetch_max_bytes)")
            return Page(response.geturl(), bytes(body), response.headers.get("Content-Type", ""))

    @staticmethod
    def _error(url: str, error: Exception) -> FetchError:
        if isinstance(error, urllib.error.HTTPError):
            return FetchError(url, f"HTTP {error.code} {one_line(error.reason)}")
        if isinstance(error, urllib.error.URLError):
            if isinstance(error.reason, FetchError):
                return error.reason
            return FetchError(url, f"cannot fetch ({one_line(error.reason)})")
        return FetchError(url, f"cannot fetch ({type(error).__name__}: {one_line(error)})")


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
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        return None
    return [
        FeedItem(
            link=entry.get("link"), title=entry.get("title"), published=entry.get("published") or entry.get("updated")
        )
        for entry in parsed.entries
    ]
