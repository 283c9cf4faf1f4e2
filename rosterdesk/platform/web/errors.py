"""One place that turns exceptions into pages: friendly, translated, never a stack trace (logged instead)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, PermissionDeniedException
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from rosterdesk.platform.auth.guards import LoginRequired
from rosterdesk.platform.web.templating import page

log = logging.getLogger("rosterdesk.errors")

STAGE_PAGES = {"change": "/password/change", "totp": "/login/code", "enrol": "/two-factor/enrol"}


def _is_htmx(request: Request[Any, Any, Any]) -> bool:
    return request.headers.get("hx-request") == "true" and request.headers.get("hx-boosted") != "true"


def login_required(request: Request[Any, Any, Any], exc: NotAuthorizedException) -> Response[Any]:
    """A7: never data; the browser goes to the step its session is at (or the login page)."""
    stage = exc.stage if isinstance(exc, LoginRequired) else None
    expired = exc.expired if isinstance(exc, LoginRequired) else False
    target = STAGE_PAGES.get(stage or "", "/login")
    if target == "/login":
        target += "?notice=expired" if expired else "?notice=login-first"
    if request.headers.get("hx-request") == "true":
        return Response(content="", status_code=401, headers={"HX-Redirect": target})
    return Redirect(path=target, status_code=303)


def http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any] | Template:
    status = exc.status_code
    if isinstance(exc, PermissionDeniedException) and "CSRF" in str(exc.detail):
        key = "error.csrf"
    elif status in (400, 403, 404, 405, 413):
        key = f"error.{status}"
    elif status >= 500:
        log.error("HTTP %s on %s %s: %s", status, request.method, request.url.path, exc.detail)
        key = "error.500"
    else:
        key = "error.400"
    try:
        return page(request, "errors/error.html", status_code=status, message_key=key, path="/")
    except Exception:  # the error page itself must never fail
        log.exception("error page failed")
        return Response(content="Error", status_code=status, media_type=MediaType.TEXT)


def server_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any] | Template:
    log.exception("unhandled error on %s %s", request.method, quote(request.url.path), exc_info=exc)
    try:
        return page(request, "errors/error.html", status_code=HTTP_500_INTERNAL_SERVER_ERROR, message_key="error.500",
                    path="/")
    except Exception:
        log.exception("error page failed")
        return Response(content="Internal error", status_code=500, media_type=MediaType.TEXT)


def exception_handlers() -> dict[Any, Any]:
    return {NotAuthorizedException: login_required, HTTPException: http_error, Exception: server_error}
