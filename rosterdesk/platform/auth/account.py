"""The user menu (top right): account overview, language, password, authenticator app, recovery codes."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template

from rosterdesk.platform.auth import sessions
from rosterdesk.platform.auth.controllers import DEPENDENCIES, PUBLIC, AuthDep, TwoFactorDep, enrol_page
from rosterdesk.platform.auth.passwords import MIN_LENGTH, verify_password
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.errors import FormError
from rosterdesk.platform.tenants.tables import Membership
from rosterdesk.platform.web.forms import form_fields, safe_next
from rosterdesk.platform.web.i18n import LANGUAGES
from rosterdesk.platform.web.templating import page


class AccountController(Controller):
    path = "/account"
    dependencies = DEPENDENCIES

    @get("")
    async def overview(self, request: Request[Any, Any, Any]) -> Template:
        user: User = request.state.user
        memberships = await Membership.select(Membership.role, Membership.institution.name).where(
            Membership.user == user.id).order_by(Membership.institution.name).run()
        return page(request, "account/index.html", memberships=memberships)

    @post("/language", opt=PUBLIC)
    async def language(self, request: Request[Any, Any, Any]) -> Redirect:
        """Anybody can switch; a logged-in user keeps the choice (also for e-mails)."""
        data = await form_fields(request)
        lang = data.get("lang", "")
        if lang in LANGUAGES:
            request.set_session({**request.session, "lang": lang})
            if request.state.user is not None and request.state.stage == "full":
                await User.update({User.language: lang}).where(User.id == request.state.user.id).run()
        return Redirect(path=safe_next(data.get("next")), status_code=303)

    @get("/password")
    async def password_form(self, request: Request[Any, Any, Any]) -> Template:
        return page(request, "account/password.html", minimum=MIN_LENGTH)

    @post("/password")
    async def password(self, request: Request[Any, Any, Any], auth: AuthDep) -> Template:
        data = await form_fields(request)
        try:
            user = await auth.change_password(request.state.user, data.get("current", ""), data.get("password", ""),
                                              data.get("confirm", ""))
        except FormError as exc:
            return page(request, "account/password.html", status_code=422, minimum=MIN_LENGTH, error_key=exc.key,
                        error_params=exc.params)
        # Other sessions end (the epoch moved on); this one continues under a new id.
        sessions.begin(request, user, "full")
        request.state.user = user
        return page(request, "account/password.html", minimum=MIN_LENGTH, done=True)

    @get("/two-factor")
    async def two_factor_form(self, request: Request[Any, Any, Any]) -> Template:
        return enrol_page(request, action="/account/two-factor", ask_password=True)

    @post("/two-factor")
    async def two_factor(self, request: Request[Any, Any, Any], two_factor: TwoFactorDep) -> Template:
        user: User = request.state.user
        data = await form_fields(request)
        if not await verify_password(user.password_hash, data.get("password", "")):
            return enrol_page(request, action="/account/two-factor", ask_password=True, status_code=422,
                              error_key="password.current-wrong")
        try:
            codes = await two_factor.enrol(user, str(request.session.get("pending_totp", "")), data.get("code", ""))
        except FormError as exc:
            return enrol_page(request, action="/account/two-factor", ask_password=True, status_code=422,
                              error_key=exc.key)
        request.session.pop("pending_totp", None)
        return page(request, "auth/recovery_codes.html", codes=codes)

    @get("/recovery-codes")
    async def recovery_form(self, request: Request[Any, Any, Any], two_factor: TwoFactorDep) -> Template:
        return page(request, "account/recovery.html", left=await two_factor.codes_left(request.state.user))

    @post("/recovery-codes")
    async def recovery(self, request: Request[Any, Any, Any], two_factor: TwoFactorDep) -> Template:
        user: User = request.state.user
        data = await form_fields(request)
        if not await verify_password(user.password_hash, data.get("password", "")):
            return page(request, "account/recovery.html", status_code=422, left=await two_factor.codes_left(user),
                        error_key="password.current-wrong")
        codes = await two_factor.regenerate(user)
        return page(request, "auth/recovery_codes.html", codes=codes)
