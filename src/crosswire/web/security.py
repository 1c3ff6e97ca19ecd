"""The web app's guards, as one ASGI middleware: host, access token, CSRF, and security headers.

* Host: a request must name one of ``allowed_hosts`` (loopback names by default), so a page on
  another site cannot reach the app through DNS rebinding.
* Token: with ``token`` set (required when binding to anything but loopback), every request carries
  it, as ``Authorization: Bearer TOKEN``, as the ``crosswire_token`` cookie, or once as ``?token=``
  (a page visit with it sets the cookie, HttpOnly and SameSite=Strict, and redirects without it).
* CSRF: a POST must come from the app's own origin (``Origin``, else ``Referer``, must match the
  Host) and carry the app's CSRF token (form field ``csrf`` or header ``X-CSRF-Token``).
* Headers: a Content-Security-Policy allowing no inline script (nor any script at all), styles
  only from the app, no framing; ``X-Content-Type-Options: nosniff``; a referrer only to the app
  itself (with none, a browser's form POST would carry ``Origin: null`` and fail the CSRF check).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
TOKEN_COOKIE = "crosswire_token"
CSP = (
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
SAFE_METHODS = ("GET", "HEAD")


def is_loopback(host: str) -> bool:
    """True for a host name or address that only this machine can reach."""
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Guard:
    """ASGI middleware applying the host, token and CSRF checks, and adding the security headers."""

    def __init__(
        self, app: ASGIApp, *, csrf_token: str, token: str | None = None, allowed_hosts: Sequence[str] = LOOPBACK_HOSTS
    ) -> None:
        self.app = app
        self.csrf_token = csrf_token
        self.token = token
        self.allowed_hosts = tuple(allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refusal = self.refusal(request)
        if refusal is not None:
            await _with_headers(refusal)(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {name.lower() for name, _ in headers}
                headers.extend(
                    (k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present
                )
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def refusal(self, request: Request) -> Response | None:
        """The response refusing this request, or None when it may go on."""
        host = _host_name(request.headers.get("host", ""))
        if "*" not in self.allowed_hosts and host not in self.allowed_hosts:
            return PlainTextResponse(f"Host {host!r} is not served here.", status_code=400)
        if self.token is not None:
            refused = self._check_token(request)
            if refused is not None:
                return refused
        if request.method not in SAFE_METHODS:
            return self._check_csrf(request)
        return None

    def _check_token(self, request: Request) -> Response | None:
        given = _bearer(request.headers) or request.cookies.get(TOKEN_COOKIE)
        if given is not None and _same(given, self.token):
            return None
        in_query = request.query_params.get("token")
        if in_query is not None and _same(in_query, self.token) and request.method in SAFE_METHODS:
            rest = urlencode([(k, v) for k, v in parse_qsl(request.url.query) if k != "token"])
            path = "/" + request.url.path.lstrip("/")  # never "//host": that would leave the app
            response = RedirectResponse(path + (f"?{rest}" if rest else ""), status_code=303)
            response.set_cookie(
                TOKEN_COOKIE, self.token or "", httponly=True, samesite="strict", secure=request.url.scheme == "https"
            )
            return response
        return _refuse(
            request,
            401,
            "This crosswire needs its access token: open the address "
            "`crosswire serve` printed (with ?token=...), or send Authorization: Bearer.",
        )

    def _check_csrf(self, request: Request) -> Response | None:
        origin = request.headers.get("origin") or _origin_of(request.headers.get("referer", ""))
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if not origin or origin != own:
            return _refuse(request, 403, "Refused: this request did not come from a crosswire page.")
        given = request.headers.get("x-csrf-token")
        if given is not None and not _same(given, self.csrf_token):
            return _refuse(request, 403, "Refused: bad CSRF token.")
        return None  # a form's csrf field is checked by its endpoint (``csrf_ok``), which reads the body


def _same(given: str, wanted: str | None) -> bool:
    return wanted is not None and hmac.compare_digest(given.encode(), wanted.encode())


def _bearer(headers: Headers) -> str | None:
    scheme, _, value = headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def _refuse(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return PlainTextResponse(message, status_code=status)


def _with_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def csrf_ok(given: str | None, wanted: str) -> bool:
    """True when a form's ``csrf`` field is the app's CSRF token."""
    return given is not None and _same(given, wanted)
