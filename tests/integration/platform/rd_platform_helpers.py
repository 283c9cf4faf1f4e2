"""Helpers for the platform tests: a Site (app + test client) and Browsers with their own cookies."""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
import pyotp
from litestar import Litestar
from litestar.testing import TestClient

from rosterdesk.platform.app import CSRF_COOKIE
from rosterdesk.platform.audit.tables import AuditEvent
from rosterdesk.platform.auth.passwords import hash_password
from rosterdesk.platform.auth.sessions import COOKIE
from rosterdesk.platform.auth.tables import PasswordToken, RecoveryCode, Throttle, User
from rosterdesk.platform.mail.tables import OutboxMail
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.tenants.tables import Institution, Membership

T = TypeVar("T")
PASSWORD = "a sensible long password"
ALL_PROFILES = ["nse", "cjp-students", "cjp-teachers", "intergrip", "roster-csv"]


@dataclass
class Site:
    app: Litestar
    client: TestClient[Any]
    settings: Settings
    clock: Any
    browsers: list[Browser] = field(default_factory=list)

    def run(self, fn: Callable[..., Coroutine[Any, Any, T]], *args: Any, **kwargs: Any) -> T:
        with self.client.portal() as portal:
            return portal.call(lambda: fn(*args, **kwargs))

    @staticmethod
    async def empty_tables() -> None:
        for table in (AuditEvent, OutboxMail, Membership, RecoveryCode, PasswordToken, Throttle, User, Institution):
            await table.delete(force=True).run()

    def browser(self) -> Browser:
        return Browser(self)

    def institution(self, name: str = "Het Testcollege", profiles: list[str] | None = None,
                    two_factor: bool = True, kind: str = "VO") -> int:
        async def make() -> int:
            row = Institution(name=name, kind=kind, brin="12AB", locations=["12AB00"],
                              profiles=ALL_PROFILES if profiles is None else profiles,
                              two_factor_required=two_factor)
            await row.save().run()
            return int(row.id)

        return self.run(make)

    def user(self, email: str, *, password: str = PASSWORD, staff: str = "", totp: bool = True,
             memberships: tuple[tuple[int, str], ...] = (), active: bool = True, name: str = "") -> Account:
        async def make() -> Account:
            secret = pyotp.random_base32() if totp else ""
            row = User(email=email, name=name or email.split("@", maxsplit=1)[0].title(), staff_role=staff,
                       active=active, password_hash=await hash_password(password) if password else "",
                       totp_secret=secret)
            await row.save().run()
            for institution_id, role in memberships:
                await Membership.insert(Membership(user=row.id, institution=institution_id, role=role)).run()
            return Account(id=int(row.id), email=email, password=password, secret=secret)

        return self.run(make)

    def mails(self, to: str | None = None) -> list[dict[str, Any]]:
        async def fetch() -> list[dict[str, Any]]:
            query = OutboxMail.select().order_by(OutboxMail.id)
            if to:
                query = query.where(OutboxMail.recipient == to)
            return list(await query.run())

        return self.run(fetch)

    def audit(self, action: str | None = None) -> list[dict[str, Any]]:
        async def fetch() -> list[dict[str, Any]]:
            query = AuditEvent.select().order_by(AuditEvent.id)
            if action:
                query = query.where(AuditEvent.action == action)
            return list(await query.run())

        return self.run(fetch)

    def code(self, secret: str, offset: float = 0) -> str:
        """The TOTP code at the site's (fake) time plus ``offset`` seconds."""
        return str(pyotp.TOTP(secret).at(self.clock.now + offset))

    def next_step(self) -> None:
        """Move the clock to the next 30-second step, so a fresh code exists."""
        self.clock.advance(30)


@dataclass
class Account:
    id: int
    email: str
    password: str
    secret: str


LINK = re.compile(r"http://testserver\.local(/password/set/[A-Za-z0-9_\-]+)")


class Browser:
    """One visitor with their own cookie jar, on the site's shared test client."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.cookies = httpx.Cookies()

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        client = self.site.client
        client.cookies = self.cookies
        kwargs.setdefault("follow_redirects", False)
        try:
            return client.request(method, path, **kwargs)
        finally:
            self.cookies = httpx.Cookies(client.cookies)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    @property
    def csrf(self) -> str:
        if CSRF_COOKIE not in self.cookies:
            self.get("/login")
        return str(self.cookies[CSRF_COOKIE])

    @property
    def session_id(self) -> str | None:
        value = self.cookies.get(COOKIE)
        return None if value in (None, "null") else str(value)

    def post(self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True,
             **kwargs: Any) -> httpx.Response:
        form = dict(data or {})
        if csrf:
            form.setdefault("_csrf_token", self.csrf)
        return self.request("POST", path, data=form, **kwargs)

    def password_step(self, account: Account, password: str | None = None) -> httpx.Response:
        return self.post("/login", {"email": account.email, "password": password or account.password})

    def login(self, account: Account) -> httpx.Response:
        """Password and TOTP; asserts the login succeeded."""
        response = self.password_step(account)
        assert response.status_code == 303, response.text
        assert response.headers["location"] == "/login/code"
        self.site.next_step()
        response = self.post("/login/code", {"code": self.site.code(account.secret)})
        assert response.status_code == 303, response.text
        assert response.headers["location"] == "/"
        return response

    def link_from_mail(self, to: str) -> str:
        mails = self.site.mails(to)
        assert mails, f"no mail to {to}"
        match = LINK.search(mails[-1]["body"])
        assert match, mails[-1]["body"]
        return match.group(1)
