"""The app-wide guard: who is asking, and may they reach this route?

Default deny: a route is reachable only with a fully logged-in session (password and, where
needed, the second factor) unless its ``opt`` says otherwise:

- ``opt={"public": True}``: anybody (login, password links, static files, health).
- ``opt={"stage": "totp"}`` (or ``"enrol"``, ``"change"``): the half-logged-in step of that name.
- ``opt={"staff": ("superadmin",)}``: platform staff with one of these roles, else 403.

The guard also ends idle sessions, sessions of disabled users and sessions from before a password
reset, and puts ``user``, ``stage`` and ``lang`` on ``connection.state``.
"""

from __future__ import annotations

import logging
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from rosterdesk.platform import clock
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.tenants.tables import Membership

log = logging.getLogger(__name__)


class LoginRequired(NotAuthorizedException):
    """No (complete) login for this route; ``stage`` tells where the session stands."""

    def __init__(self, stage: str | None = None, expired: bool = False) -> None:
        super().__init__(detail="login required")
        self.stage = stage
        self.expired = expired


async def load_user(connection: ASGIConnection[Any, Any, Any, Any]) -> None:
    """Put user, stage and language on the connection state (idempotent)."""
    state = connection.state
    if getattr(state, "rd_loaded", False):
        return
    state.rd_loaded = True
    settings: Settings = connection.app.state.settings
    state.user = None
    state.stage = None
    state.expired = False
    state.nav = None
    session: dict[str, Any] = connection.scope.get("session") or {}  # type: ignore[assignment]
    state.lang = session.get("lang") or settings.app.language
    uid = session.get("uid")
    if not uid:
        return
    now = clock.timestamp()
    if now - float(session.get("seen", 0)) > settings.session.idle_minutes * 60:
        connection.clear_session()
        state.expired = True
        return
    user = await User.objects().get(User.id == uid)
    if user is None or not user.active or user.session_epoch != session.get("epoch"):
        connection.clear_session()
        return
    session["seen"] = now
    state.user = user
    state.stage = session.get("stage")
    if state.stage == "full":
        state.lang = user.language or state.lang
        state.nav = {
            "staff": user.staff_role,
            "memberships": await Membership.select(
                Membership.institution.id.as_alias("id"), Membership.institution.name.as_alias("name"),
                Membership.role).where(Membership.user == user.id).order_by(Membership.institution.name).run(),
        }


async def access_guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    opt = handler.opt
    if opt.get("skip_session"):
        return
    await load_user(connection)
    if opt.get("public"):
        return
    state = connection.state
    needed = opt.get("stage", "full")
    if state.user is None or state.stage != needed:
        raise LoginRequired(stage=state.stage if state.user is not None else None, expired=state.expired)
    staff = opt.get("staff")
    if staff and state.user.staff_role not in staff:
        log.warning("user %s (%s) refused on staff route %s", state.user.id, state.user.staff_role or "-",
                    connection.url.path)
        raise PermissionDeniedException(detail="staff only")
