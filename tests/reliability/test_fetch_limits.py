"""Issue #11, item 8: one deadline for the whole fetch; the connection goes to the address that was checked."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crosswire import fetch
from crosswire.errors import FetchError
from crosswire.fetch import HttpFetcher
from crosswire.settings import Settings

PAGE = b"<html><body><article><p>" + b"Officials in Veltmar said the harbour stays shut. " * 10 + b"</p></article>"


class Trickle(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        if self.path == "/trickle":
            for _ in range(40):
                self.wfile.write(b"<p>one more line</p>\n")
                self.wfile.flush()
                time.sleep(0.1)
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def port() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_a_trickling_server_is_cut_off_at_the_deadline(port: int, settings: Settings) -> None:
    fetcher = HttpFetcher(settings=replace(settings, fetch_timeout=1.0), allow_private=True)
    with pytest.raises(FetchError, match="timed out after 1 s"):
        fetcher.fetch(f"http://127.0.0.1:{port}/trickle")


def test_the_host_is_looked_up_once_and_the_checked_address_is_connected_to(
    port: int, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the first answer passes the check, every later answer is a private address."""
    answers = ["127.0.0.1"]
    lookups: list[str] = []

    def rebinding(host, port_, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if host[0].isdigit():  # an address literal (socket.create_connection looks it up too)
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (host, port_))]
        lookups.append(host)
        address = answers.pop(0) if answers else "10.255.255.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port_))]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(fetch, "_is_public", lambda address: address == "127.0.0.1")
    page = HttpFetcher(settings=replace(settings, fetch_timeout=3.0)).fetch(f"http://rebind.test:{port}/")
    assert b"harbour stays shut" in page.body
    assert lookups == ["rebind.test"]


def test_a_private_answer_is_refused_before_connecting(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def private(host, port_, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("192.168.1.1", port_))]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", private)
    with pytest.raises(FetchError, match="private or loopback"):
        HttpFetcher(settings=settings).fetch("http://inside.test/")
