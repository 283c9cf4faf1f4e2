"""The second factor: checking a code at login, enrolling an app, recovery codes."""

from __future__ import annotations

from rosterdesk.platform import clock
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth import throttle, totp
from rosterdesk.platform.auth.tables import RecoveryCode, User
from rosterdesk.platform.auth.tokens import keyed_hash, new_recovery_codes, normalise_recovery_code
from rosterdesk.platform.errors import FormError, Throttled
from rosterdesk.platform.mail.services import Mailer
from rosterdesk.platform.settings import Settings


class TwoFactorService:
    def __init__(self, settings: Settings, mailer: Mailer) -> None:
        self.settings = settings
        self.mailer = mailer

    def _hash(self, code: str) -> str:
        return keyed_hash(self.settings.secret(), "recovery:" + normalise_recovery_code(code))

    async def check_login_code(self, user: User, code: str) -> str:
        """'totp' or 'recovery' for a good code; FormError or Throttled otherwise (A3, A4, A5, A6)."""
        key = throttle.key(self.settings, "totp", str(user.id))
        wait = await throttle.wait_seconds(key)
        if wait:
            raise Throttled(wait)
        compact = "".join(code.split())
        if compact.isdigit():
            if await totp.verify(user, compact):
                await throttle.clear(key)
                return "totp"
        elif len(normalise_recovery_code(compact)) == 10 and await self._use_recovery_code(user, compact):
            await throttle.clear(key)
            return "recovery"
        await throttle.failed(self.settings, key)
        await record(user, "two-factor.failed")
        raise FormError("code.wrong", "code")

    async def _use_recovery_code(self, user: User, code: str) -> bool:
        used = await RecoveryCode.update({RecoveryCode.used_at: clock.now()}).where(
            (RecoveryCode.user == user.id) & (RecoveryCode.code_hash == self._hash(code))
            & RecoveryCode.used_at.is_null()
        ).returning(RecoveryCode.id).run()
        if not used:
            return False
        left = await RecoveryCode.count().where((RecoveryCode.user == user.id) & RecoveryCode.used_at.is_null())
        await record(user, "two-factor.recovery-used", details={"left": left})
        await self.mailer.send(user.email, "recovery-code-used", user.language, left=left)
        return True

    async def enrol(self, user: User, secret: str, code: str) -> list[str]:
        """Link a new app (its first code proves it) and return fresh recovery codes, shown once."""
        step = totp.matching_step(secret, code)
        if step is None:
            raise FormError("code.wrong-enrol", "code")
        await User.update({User.totp_secret: secret, User.totp_last_step: step}).where(User.id == user.id).run()
        codes = await self._replace_codes(user)
        await record(user, "two-factor.enrolled")
        await self.mailer.send(user.email, "two-factor-enrolled", user.language)
        return codes

    async def regenerate(self, user: User) -> list[str]:
        codes = await self._replace_codes(user)
        await record(user, "recovery-codes.regenerated")
        await self.mailer.send(user.email, "recovery-codes-regenerated", user.language)
        return codes

    async def _replace_codes(self, user: User) -> list[str]:
        codes = new_recovery_codes()
        await RecoveryCode.delete().where(RecoveryCode.user == user.id).run()
        await RecoveryCode.insert(*[RecoveryCode(user=user.id, code_hash=self._hash(code)) for code in codes]).run()
        return codes

    async def codes_left(self, user: User) -> int:
        count: int = await RecoveryCode.count().where((RecoveryCode.user == user.id) & RecoveryCode.used_at.is_null())
        return count
