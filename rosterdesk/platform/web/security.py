"""Security headers on every response (A16): CSP without inline script, nosniff, Referrer-Policy,
frame-ancestors 'none', and HSTS when the site is served over https.

A ``before_send`` hook rather than a middleware, so that responses made outside the route stack
(404 for unknown paths, 405) get the headers too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


def security_headers(https: bool) -> Callable[[Message, Scope], Awaitable[None]]:
    async def add_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        headers["Content-Security-Policy"] = CSP
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if https:
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if "cache-control" not in headers:
            headers["Cache-Control"] = "no-store"

    return add_headers
