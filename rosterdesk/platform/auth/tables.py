"""Accounts: users, their recovery codes, password links and login throttles."""

from __future__ import annotations

from piccolo.columns import BigInt, Boolean, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class User(Table, tablename="rd_user"):
    """A person who logs in: school staff (through memberships) or platform staff."""

    id: Serial

    email = Varchar(length=254, unique=True, index=True, help_text="Lower-case e-mail address; the login name.")
    name = Varchar(length=200, default="")
    password_hash = Text(default="", help_text="argon2 hash; empty until the user sets a password.")
    staff_role = Varchar(length=20, default="",
                         help_text="Platform role: '' (none), 'helpdesk' or 'superadmin'.")
    active = Boolean(default=True, help_text="A disabled user cannot log in or request a password.")
    language = Varchar(length=2, default="nl", help_text="Language of pages and e-mails: nl or en.")
    totp_secret = Varchar(length=64, default="", help_text="Base32 TOTP secret; empty until enrolled.")
    totp_last_step = BigInt(null=True, default=None,
                            help_text="Last accepted TOTP time step (unix time // 30); a code is never accepted twice.")
    must_change_password = Boolean(default=False, help_text="True for one-time passwords printed by the demo seed.")
    session_epoch = Integer(default=0, help_text="Raised when the password is reset: older sessions end.")
    created_at = Timestamptz(default=TimestamptzNow())


class RecoveryCode(Table, tablename="rd_recovery_code"):
    """A single-use two-factor recovery code, stored as a keyed hash."""

    id: Serial

    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    code_hash = Varchar(length=64, help_text="HMAC-SHA256 of the code with the secret key.")
    used_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class PasswordToken(Table, tablename="rd_password_token"):
    """A 'set your password' link (reset or invitation), stored hashed, single use."""

    id: Serial

    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    token_hash = Varchar(length=64, unique=True, help_text="SHA-256 of the token in the link.")
    purpose = Varchar(length=10, default="reset", help_text="'reset' or 'invite'.")
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class Throttle(Table, tablename="rd_throttle"):
    """Failure counter with back-off per account and purpose (login, totp, reset mail)."""

    id: Serial

    key = Varchar(length=64, unique=True, help_text="HMAC of purpose and e-mail address; known or not.")
    failures = Integer(default=0)
    blocked_until = Timestamptz(null=True, default=None, help_text="No attempt is checked before this moment.")
    window_start = Timestamptz(default=TimestamptzNow(), help_text="Start of the counting window (reset mails).")
