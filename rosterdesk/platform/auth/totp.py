"""TOTP (RFC 6238) with pyotp: enrolment QR code as inline SVG, verification with replay protection.

Only the current and the previous 30-second step pass; the step of the last accepted code is
stored on the user and a code is accepted only for a later step, with one conditional UPDATE,
so the same code from two browsers at once passes once.
"""

from __future__ import annotations

import hmac

import pyotp
import segno

from rosterdesk.platform import clock
from rosterdesk.platform.auth.tables import User

ISSUER = "rosterdesk"
STEP = 30


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code as an inline <svg> element (no script, no external image)."""
    svg: str = segno.make(uri, error="m").svg_inline(scale=5, dark="#111", light="#fff", title="QR-code")
    return svg


def grouped(secret: str) -> str:
    """The key in groups of four for typing it over."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def current_step(now: float | None = None) -> int:
    return int((clock.timestamp() if now is None else now) // STEP)


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The step (current or previous) whose code equals ``code``, else None."""
    code = "".join(ch for ch in code if not ch.isspace())
    if len(code) != 6 or not code.isdigit() or not secret:
        return None
    totp = pyotp.TOTP(secret)
    step = current_step(now)
    for candidate in (step, step - 1):
        if hmac.compare_digest(totp.generate_otp(candidate), code):
            return candidate
    return None


async def claim_step(user_id: int, step: int) -> bool:
    """Store ``step`` as the last accepted one, only if it is later than the stored one (atomic)."""
    rows = await User.update({User.totp_last_step: step}).where(
        (User.id == user_id) & ((User.totp_last_step.is_null()) | (User.totp_last_step < step))
    ).returning(User.id).run()
    return bool(rows)


async def verify(user: User, code: str, now: float | None = None) -> bool:
    """A fresh, not yet used code for the user's enrolled secret."""
    step = matching_step(user.totp_secret, code, now)
    return step is not None and await claim_step(user.id, step)
