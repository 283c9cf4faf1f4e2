"""Server-side sessions with id renewal, and the session's login state.

Litestar's server-side backend keeps a session id as long as its cookie lives; ``renew_session_id``
makes the backend drop the old id from the store and issue a new one on the response (after the
password, after the second factor). The store is Redis in production and files in the data folder
in the embedded default.

Session keys: ``uid`` (user id), ``stage`` (``change`` | ``totp`` | ``enrol`` | ``full``), ``epoch``
(the user's session epoch at login), ``seen`` (unix time of the last request), ``lang``,
``iid`` (current institution), ``pending_totp`` (secret during enrolment).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, cast

from litestar.connection import ASGIConnection
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.stores.base import Store
from litestar.stores.file import FileStore
from litestar.stores.redis import RedisStore
from litestar.types import Empty, Message, ScopeSession

from rosterdesk.platform import clock
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.settings import Settings

COOKIE = "rd_session"
STORE_NAME = "sessions"
_RENEW = "rd.renew_session_id"

STAGES = ("change", "totp", "enrol", "full")


class RenewingBackend(ServerSideSessionBackend):
    """Server-side backend that can move a session to a fresh id and forget the old one."""

    def get_session_id(self, connection: ASGIConnection[Any, Any, Any, Any]) -> str:
        renewed = cast(dict[str, Any], connection.scope).get(_RENEW)
        if renewed:
            return str(renewed)
        return super().get_session_id(connection)

    async def store_in_message(self, scope_session: ScopeSession, message: Message,
                               connection: ASGIConnection[Any, Any, Any, Any]) -> None:
        renewed = cast(dict[str, Any], connection.scope).get(_RENEW)
        old = connection.cookies.get(self.config.key)
        if isinstance(scope_session, dict) and not scope_session:
            # Never keep an empty session: no id is created (or revived) for a visitor with nothing to store.
            if not old or old == "null":
                return
            scope_session = Empty
        if renewed and old and old != renewed:
            await self.delete(old, store=self.config.get_store_from_app(connection.scope["app"]))
        await super().store_in_message(scope_session, message, connection)


@dataclass
class SessionConfig(ServerSideSessionConfig):
    """ServerSideSessionConfig using the renewing backend."""

    _backend_class = RenewingBackend


def session_config(settings: Settings) -> SessionConfig:
    idle = settings.session.idle_minutes * 60
    return SessionConfig(key=COOKIE, max_age=idle, renew_on_access=True, secure=settings.app.https,
                         httponly=True, samesite="lax", store=STORE_NAME, exclude_opt_key="skip_session")


def session_store(settings: Settings) -> Store:
    if settings.session.redis_url:
        return RedisStore.with_client(url=settings.session.redis_url, namespace="rosterdesk-sessions")
    return FileStore(path=settings.app.data_dir / "sessions", create_directories=True)


def renew_session_id(connection: ASGIConnection[Any, Any, Any, Any]) -> None:
    cast(dict[str, Any], connection.scope)[_RENEW] = secrets.token_hex(32)


def begin(connection: ASGIConnection[Any, Any, Any, Any], user: User, stage: str) -> None:
    """Start (or advance) a login: a new session id, the user, the stage."""
    keep = {k: v for k, v in connection.session.items() if k == "lang"}
    connection.set_session({**keep, "uid": user.id, "stage": stage, "epoch": user.session_epoch,
                            "seen": clock.timestamp()})
    renew_session_id(connection)


def end(connection: ASGIConnection[Any, Any, Any, Any]) -> None:
    connection.clear_session()
