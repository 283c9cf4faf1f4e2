"""Login, second factor, logout and password links (seed 000: 'vraag hier je wachtwoord aan')."""

from __future__ import annotations

import math
from typing import Any, TypeAlias

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from rosterdesk.platform.audit import record
from rosterdesk.platform.auth import sessions, totp
from rosterdesk.platform.auth.passwords import MIN_LENGTH
from rosterdesk.platform.auth.services import AuthService, next_stage
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.auth.two_factor import TwoFactorService
from rosterdesk.platform.errors import FormError, Throttled
from rosterdesk.platform.web.forms import form_fields
from rosterdesk.platform.web.templating import page

PUBLIC = {"public": True}
NOTICES = ("expired", "logged-out", "password-set", "login-first")
STAGE_TARGETS = {"change": "/password/change", "totp": "/login/code", "enrol": "/two-factor/enrol", "full": "/"}


def provide_auth(request: Request[Any, Any, Any]) -> AuthService:
    return AuthService(request.app.state.settings, request.app.state.mailer)


def provide_two_factor(request: Request[Any, Any, Any]) -> TwoFactorService:
    return TwoFactorService(request.app.state.settings, request.app.state.mailer)


AuthDep: TypeAlias = NamedDependency[AuthService]
TwoFactorDep: TypeAlias = NamedDependency[TwoFactorService]
DEPENDENCIES = {"auth": Provide(provide_auth, sync_to_thread=False),
                "two_factor": Provide(provide_two_factor, sync_to_thread=False)}


def _minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


async def advance(request: Request[Any, Any, Any], user: User) -> Redirect:
    """Move a session whose password step is done to its next stage, with a new session id."""
    stage = await next_stage(user)
    sessions.begin(request, user, stage)
    if stage == "full":
        await record(user, "login.succeeded", details={"second_factor": "not-required"})
    return Redirect(path=STAGE_TARGETS[stage], status_code=303)


class LoginController(Controller):
    """The login page, the code step and logout."""

    path = ""
    dependencies = DEPENDENCIES

    @get("/login", opt=PUBLIC)
    async def login_form(self, request: Request[Any, Any, Any],
                         notice: FromQuery[str | None] = None) -> Template | Redirect:
        if request.state.user is not None and request.state.stage == "full":
            return Redirect(path="/", status_code=303)
        return page(request, "auth/login.html", notice=notice if notice in NOTICES else None, email="")

    @post("/login", opt=PUBLIC)
    async def login(self, request: Request[Any, Any, Any], auth: AuthDep) -> Template | Redirect:
        data = await form_fields(request)
        email = data.get("email", "")
        try:
            user = await auth.login(email, data.get("password", ""))
        except Throttled as exc:
            return page(request, "auth/login.html", status_code=429, email=email, error_key="login.throttled",
                        error_params={"minutes": _minutes(exc.seconds)})
        except FormError as exc:
            return page(request, "auth/login.html", status_code=422, email=email, error_key=exc.key)
        return await advance(request, user)

    @get("/login/code", opt={"stage": "totp"})
    async def code_form(self, request: Request[Any, Any, Any]) -> Template:
        return page(request, "auth/code.html")

    @post("/login/code", opt={"stage": "totp"})
    async def code(self, request: Request[Any, Any, Any], two_factor: TwoFactorDep) -> Template | Redirect:
        user: User = request.state.user
        data = await form_fields(request)
        try:
            method = await two_factor.check_login_code(user, data.get("code", ""))
        except Throttled as exc:
            return page(request, "auth/code.html", status_code=429, error_key="login.throttled",
                        error_params={"minutes": _minutes(exc.seconds)})
        except FormError as exc:
            return page(request, "auth/code.html", status_code=422, error_key=exc.key)
        sessions.begin(request, user, "full")
        await record(user, "login.succeeded", details={"second_factor": method})
        return Redirect(path="/", status_code=303)

    @post("/logout", opt=PUBLIC)
    async def logout(self, request: Request[Any, Any, Any]) -> Redirect:
        if request.state.user is not None:
            await record(request.state.user, "logout")
        sessions.end(request)
        return Redirect(path="/login?notice=logged-out", status_code=303)


class PasswordController(Controller):
    """'Request your password', the link that sets it, and the forced change after a one-time password."""

    path = "/password"
    dependencies = DEPENDENCIES

    @get("/request", opt=PUBLIC)
    async def request_form(self, request: Request[Any, Any, Any]) -> Template:
        return page(request, "auth/request.html", sent=False, email="")

    @post("/request", opt=PUBLIC)
    async def request_password(self, request: Request[Any, Any, Any], auth: AuthDep) -> Template:
        data = await form_fields(request)
        await auth.request_password(data.get("email", ""))
        return page(request, "auth/request.html", sent=True, email="")

    @get("/set/{token:str}", opt=PUBLIC)
    async def set_form(self, request: Request[Any, Any, Any], token: FromPath[str], auth: AuthDep) -> Template:
        user = await auth.token_user(token)
        return page(request, "auth/set_password.html", token=token, valid=user is not None, minimum=MIN_LENGTH,
                    error_key=None if user is not None else "link.invalid")

    @post("/set/{token:str}", opt=PUBLIC)
    async def set_password(self, request: Request[Any, Any, Any], token: FromPath[str],
                           auth: AuthDep) -> Template | Redirect:
        data = await form_fields(request)
        try:
            await auth.set_password(token, data.get("password", ""), data.get("confirm", ""))
        except FormError as exc:
            return page(request, "auth/set_password.html", status_code=422, token=token,
                        valid=exc.key != "link.invalid", minimum=MIN_LENGTH, error_key=exc.key,
                        error_params=exc.params)
        sessions.end(request)
        return Redirect(path="/login?notice=password-set", status_code=303)

    @get("/change", opt={"stage": "change"})
    async def change_form(self, request: Request[Any, Any, Any]) -> Template:
        return page(request, "auth/change_required.html", minimum=MIN_LENGTH)

    @post("/change", opt={"stage": "change"})
    async def change(self, request: Request[Any, Any, Any], auth: AuthDep) -> Template | Redirect:
        data = await form_fields(request)
        try:
            user = await auth.change_password(request.state.user, "", data.get("password", ""),
                                              data.get("confirm", ""), check_current=False)
        except FormError as exc:
            return page(request, "auth/change_required.html", status_code=422, minimum=MIN_LENGTH,
                        error_key=exc.key, error_params=exc.params)
        return await advance(request, user)


class EnrolController(Controller):
    """First TOTP enrolment during login (stage 'enrol')."""

    path = "/two-factor"
    dependencies = DEPENDENCIES

    @get("/enrol", opt={"stage": "enrol"})
    async def enrol_form(self, request: Request[Any, Any, Any]) -> Template:
        return enrol_page(request, action="/two-factor/enrol", ask_password=False)

    @post("/enrol", opt={"stage": "enrol"})
    async def enrol(self, request: Request[Any, Any, Any], two_factor: TwoFactorDep) -> Template:
        user: User = request.state.user
        data = await form_fields(request)
        secret = str(request.session.get("pending_totp", ""))
        try:
            codes = await two_factor.enrol(user, secret, data.get("code", ""))
        except FormError as exc:
            return enrol_page(request, action="/two-factor/enrol", ask_password=False, status_code=422,
                              error_key=exc.key)
        sessions.begin(request, user, "full")
        request.state.stage = "full"
        await record(user, "login.succeeded", details={"second_factor": "enrolled"})
        return page(request, "auth/recovery_codes.html", codes=codes)


def enrol_page(request: Request[Any, Any, Any], action: str, ask_password: bool, status_code: int = 200,
               error_key: str | None = None) -> Template:
    """The QR code and key of a pending secret kept in the session until a code proves it."""
    user: User = request.state.user
    secret = request.session.get("pending_totp")
    if not secret:
        secret = totp.new_secret()
        request.session["pending_totp"] = secret
    uri = totp.provisioning_uri(str(secret), user.email)
    return page(request, "auth/enrol.html", status_code=status_code, action=action, ask_password=ask_password,
                qr=totp.qr_svg(uri), key=totp.grouped(str(secret)), error_key=error_key)
