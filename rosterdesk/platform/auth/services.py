"""Login, password links, password changes: the rules, without HTTP."""

from __future__ import annotations

import logging
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email

from rosterdesk.platform import clock
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth import throttle
from rosterdesk.platform.auth.passwords import check_new_password, hash_password, verify_password
from rosterdesk.platform.auth.tables import PasswordToken, User
from rosterdesk.platform.auth.tokens import new_token, token_hash
from rosterdesk.platform.errors import FormError, Throttled
from rosterdesk.platform.mail.services import Mailer
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.tenants.tables import Membership

log = logging.getLogger(__name__)


def normalise_email(text: str) -> str:
    return text.strip().lower()[:254]


def valid_email(text: str) -> str:
    """The normalised address, or FormError telling what to fix."""
    try:
        return validate_email(text.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise FormError("email.invalid", "email") from None


async def two_factor_required(user: User) -> bool:
    """Staff always; school users unless every institution they belong to has switched it off."""
    if user.staff_role:
        return True
    rows = await Membership.select(Membership.institution.two_factor_required).where(
        Membership.user == user.id).run()
    if not rows:
        return True
    return any(row["institution.two_factor_required"] for row in rows)


async def next_stage(user: User) -> str:
    if user.must_change_password:
        return "change"
    if user.totp_secret:
        return "totp"
    if await two_factor_required(user):
        return "enrol"
    return "full"


async def reload(user: User) -> User:
    fresh = await User.objects().get(User.id == user.id)
    if fresh is None:
        raise RuntimeError(f"user {user.id} vanished")
    return fresh


class AuthService:
    """The account rules; controllers call these and turn errors into messages."""

    def __init__(self, settings: Settings, mailer: Mailer) -> None:
        self.settings = settings
        self.mailer = mailer

    async def login(self, email_text: str, password: str) -> User:
        """The user for correct credentials. Unknown, wrong and disabled look the same (A1)."""
        email = normalise_email(email_text)
        key = throttle.key(self.settings, "login", email)
        wait = await throttle.wait_seconds(key)
        if wait:
            await record(None, "login.throttled", actor_email=email)
            raise Throttled(wait)
        user = await User.objects().get(User.email == email)
        ok = await verify_password(user.password_hash if user is not None else "", password)
        if user is None or not ok or not user.active:
            await throttle.failed(self.settings, key)
            await record(user if user is not None else None, "login.failed", actor_email=email)
            raise FormError("login.failed")
        await throttle.clear(key)
        return user

    async def second_factor_key(self, user: User) -> str:
        """The throttle key for codes of this user; Throttled while waiting."""
        key = throttle.key(self.settings, "totp", str(user.id))
        wait = await throttle.wait_seconds(key)
        if wait:
            raise Throttled(wait)
        return key

    async def request_password(self, email_text: str) -> None:
        """Mail a link if the address belongs to an active user; silently nothing otherwise (A1)."""
        email = normalise_email(email_text)
        user = await User.objects().get(User.email == email)
        allowed = await throttle.allow_in_window(throttle.key(self.settings, "reset-mail", email),
                                                 self.settings.security.reset_mails_per_hour, timedelta(hours=1))
        if user is None or not user.active or not allowed:
            await record(None, "password.requested", actor_email=email,
                         details={"sent": False})
            return
        token = await self.issue_token(user, "reset")
        await record(user, "password.requested", details={"sent": True})
        await self.mailer.send(user.email, "reset", user.language, link=self.link(token),
                               minutes=self.settings.security.reset_minutes)

    def link(self, token: str) -> str:
        return f"{self.settings.base_url}/password/set/{token}"

    async def issue_token(self, user: User, purpose: str) -> str:
        token = new_token()
        lifetime = (timedelta(hours=self.settings.security.invite_hours) if purpose == "invite"
                    else timedelta(minutes=self.settings.security.reset_minutes))
        await PasswordToken.insert(PasswordToken(user=user.id, token_hash=token_hash(token), purpose=purpose,
                                                 expires_at=clock.now() + lifetime)).run()
        return token

    async def token_user(self, token: str) -> User | None:
        """The user a still valid, unused link belongs to."""
        row = await PasswordToken.select(PasswordToken.user, PasswordToken.expires_at, PasswordToken.used_at).where(
            PasswordToken.token_hash == token_hash(token)).first().run()
        if row is None or row["used_at"] is not None:
            return None
        expires = throttle.aware(row["expires_at"])
        if expires is None or expires <= clock.now():
            return None
        user = await User.objects().get(User.id == row["user"])
        return user if user is not None and user.active else None

    async def set_password(self, token: str, password: str, confirm: str) -> User:
        """Use a link once: new password, other sessions and links ended, throttles cleared (A2)."""
        user = await self.token_user(token)
        if user is None:
            raise FormError("link.invalid")
        check_new_password(password, confirm, user.email)
        claimed = await PasswordToken.update({PasswordToken.used_at: clock.now()}).where(
            (PasswordToken.token_hash == token_hash(token)) & PasswordToken.used_at.is_null()
        ).returning(PasswordToken.id).run()
        if not claimed:
            raise FormError("link.invalid")
        await PasswordToken.update({PasswordToken.used_at: clock.now()}).where(
            (PasswordToken.user == user.id) & PasswordToken.used_at.is_null()).run()
        await User.update({User.password_hash: await hash_password(password), User.must_change_password: False,
                           User.session_epoch: User.session_epoch + 1}).where(User.id == user.id).run()
        await throttle.clear(throttle.key(self.settings, "login", user.email))
        await throttle.clear(throttle.key(self.settings, "totp", str(user.id)))
        await record(user, "password.set")
        return await reload(user)

    async def change_password(self, user: User, current: str, password: str, confirm: str,
                              *, check_current: bool = True) -> User:
        if check_current and not await verify_password(user.password_hash, current):
            raise FormError("password.current-wrong", "current")
        check_new_password(password, confirm, user.email)
        await User.update({User.password_hash: await hash_password(password), User.must_change_password: False,
                           User.session_epoch: User.session_epoch + 1}).where(User.id == user.id).run()
        await record(user, "password.changed")
        await self.mailer.send(user.email, "password-changed", user.language)
        return await reload(user)


__all__ = ["AuthService", "next_stage", "normalise_email", "two_factor_required", "valid_email"]
