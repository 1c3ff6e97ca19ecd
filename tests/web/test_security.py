"""The guards: escaping of hostile article strings, the CSP, the Host check, the access token, CSRF,
and the serve command's refusal to bind beyond loopback without a token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from crosswire.cli import cli
from crosswire.settings import Settings
from crosswire.web.security import CSP

from .conftest import CSRF, HOSTILE_PERSON, HOSTILE_SOURCE, make_client

PAGES = [
    "/",
    "/stories/s1",
    "/articles/a1",
    "/articles/a2",
    "/articles/a4",
    "/people/p-hale",
    "/people/p-reyes",
    "/search?q=disaster",
    "/search?q=chronicle",
    "/search?q=alert",
]
HOSTILE_TAGS = re.compile(r"<(script|img|b onmouseover)\b", re.IGNORECASE)


@pytest.mark.parametrize("url", PAGES)
def test_hostile_article_strings_are_escaped(hostile_client: TestClient, url: str) -> None:
    page = hostile_client.get(url)
    assert page.status_code == 200
    assert not HOSTILE_TAGS.search(page.text), HOSTILE_TAGS.search(page.text)


def test_hostile_strings_are_shown_escaped_not_dropped(hostile_client: TestClient) -> None:
    story = hostile_client.get("/stories/s1").text
    assert "Oil spill &lt;script&gt;alert(1)&lt;/script&gt;" in story
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;Bay Chronicle" in story
    assert "Tom &lt;b onmouseover=alert(3)&gt;Hale&lt;/b&gt;" in story
    assert "Dana Reyes &lt;script&gt;" in story and "harbourmaster &lt;script&gt;" in story
    snippet = hostile_client.get("/search", params={"q": "disaster"}).text
    assert "<mark>disaster</mark> &lt;script" in snippet


def test_a_javascript_url_is_never_a_link(hostile_client: TestClient) -> None:
    page = hostile_client.get("/articles/a1").text
    assert 'href="javascript:' not in page
    assert "javascript:alert(4)" in page  # shown as text


def test_hostile_strings_in_json_stay_data(hostile_client: TestClient) -> None:
    response = hostile_client.get("/api/stories/s1")
    assert response.headers["content-type"] == "application/json"
    assert any(a["source"] == HOSTILE_SOURCE for a in response.json()["articles"])
    assert hostile_client.get("/api/people/p-hale").json()["name"] == HOSTILE_PERSON


@pytest.mark.parametrize(
    "url", ["/", "/stories/s1", "/api/stories", "/stories/nope", "/static/style.css", "/search?q="]
)
def test_every_response_has_the_security_headers(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.headers["content-security-policy"] == CSP
    assert "script-src 'none'" in CSP and "unsafe-inline" not in CSP.split("style-src")[0]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"  # "no-referrer" makes a form's Origin null


def test_pages_have_no_script_and_no_inline_style(client: TestClient) -> None:
    for url in ["/", "/stories/s1", "/articles/a1", "/people/p-reyes", "/search?q=oil", "/sources"]:
        text = client.get(url).text
        assert "<script" not in text and "<style" not in text and " style=" not in text, url
        assert re.search(r"\son[a-z]+=", text) is None, url


def test_other_hosts_are_refused(web_db: Path, web_settings: Settings) -> None:
    with make_client(web_db, web_settings, allowed_hosts=("127.0.0.1", "localhost")) as client:
        assert client.get("/", headers={"host": "evil.example"}).status_code == 400
        assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200
        assert client.get("/", headers={"host": "127.0.0.1:8765"}).status_code == 200


TOKEN = "s3cret-token-for-tests-0123"


@pytest.fixture
def token_client(web_db: Path, web_settings: Settings) -> TestClient:
    with make_client(web_db, web_settings, token=TOKEN, allowed_hosts=("*",)) as client:
        yield client


@pytest.mark.parametrize("url", ["/", "/stories/s1", "/api/stories", "/static/style.css", "/nothing"])
def test_with_a_token_every_request_needs_it(token_client: TestClient, url: str) -> None:
    assert token_client.get(url).status_code == 401
    assert token_client.get(url, headers={"authorization": "Bearer wrong-token"}).status_code == 401
    assert token_client.get(url, headers={"authorization": f"Bearer {TOKEN}"}).status_code in (200, 404)


def test_the_token_in_the_address_becomes_a_cookie(token_client: TestClient) -> None:
    first = token_client.get(f"/stories/s1?token={TOKEN}")
    assert first.status_code == 303 and first.headers["location"] == "/stories/s1"
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert token_client.get("/stories/s1").status_code == 200  # the client keeps the cookie
    token_client.cookies.clear()
    assert token_client.get("/?token=wrong").status_code == 401
    assert token_client.get("/stories/s1").status_code == 401


def test_the_token_redirect_never_leaves_the_app() -> None:
    from starlette.requests import Request

    from crosswire.web.security import Guard

    scope = {
        "type": "http",
        "method": "GET",
        "path": "//evil.example/x",
        "raw_path": b"//evil.example/x",
        "query_string": f"token={TOKEN}&q=oil".encode(),
        "headers": [(b"host", b"localhost:8765")],
        "scheme": "http",
        "server": ("127.0.0.1", 8765),
    }
    guard = Guard(None, csrf_token=CSRF, token=TOKEN, allowed_hosts=("localhost",))  # type: ignore[arg-type]
    response = guard.refusal(Request(scope))
    assert response is not None and response.status_code == 303
    assert response.headers["location"] == "/evil.example/x?q=oil"


def _post(client: TestClient, **headers: str) -> int:
    return client.post(
        "/sources", data={"csrf": headers.pop("csrf", CSRF), "urls": "https://example.org/a"}, headers=headers
    ).status_code


def test_posts_need_the_same_origin_and_the_csrf_token(client: TestClient) -> None:
    assert _post(client) == 403  # no Origin, no Referer
    assert _post(client, origin="https://evil.example") == 403
    assert _post(client, referer="https://evil.example/page") == 403
    assert _post(client, origin="http://testserver", csrf="forged") == 403
    assert _post(client, origin="http://testserver") == 303
    assert _post(client, referer="http://testserver/sources") == 303


def test_api_posts_need_the_csrf_header(client: TestClient) -> None:
    urls = {"urls": ["https://example.org/a"]}
    origin = {"origin": "http://testserver"}
    assert client.post("/api/sources", json=urls, headers=origin).status_code == 403
    assert client.post("/api/sources", json=urls, headers={**origin, "x-csrf-token": "forged"}).status_code == 403
    assert client.post("/api/sources", json=urls, headers={**origin, "x-csrf-token": CSRF}).status_code == 202


def test_serve_refuses_other_addresses_without_a_token(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--token" in result.output
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "serve", "--host", "0.0.0.0", "--token", "short"])
    assert result.exit_code == 2 and "16 characters" in result.output
