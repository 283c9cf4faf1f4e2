"""argon2 password hashes, checked off the event loop, with a dummy hash for unknown users."""

from __future__ import annotations

import asyncio
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from rosterdesk.platform.errors import FormError

MIN_LENGTH = 10
MAX_LENGTH = 256


@lru_cache(maxsize=1)
def hasher() -> PasswordHasher:
    return PasswordHasher()


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A real argon2 hash of nothing anybody knows: unknown users cost the same time as known ones."""
    return hasher().hash("rosterdesk dummy password for timing")


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(hasher().hash, password)


def _verify(stored: str, password: str) -> bool:
    try:
        return hasher().verify(stored or dummy_hash(), password) and bool(stored)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def verify_password(stored: str, password: str) -> bool:
    """True when ``password`` matches ``stored``; an empty ``stored`` is checked against the dummy (and fails)."""
    return await asyncio.to_thread(_verify, stored, password)


def check_new_password(password: str, confirm: str, email: str) -> None:
    """Raise FormError when a new password is not acceptable."""
    if len(password) < MIN_LENGTH:
        raise FormError("password.too-short", "password", minimum=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise FormError("password.too-long", "password", maximum=MAX_LENGTH)
    if password.strip().lower() == email.strip().lower():
        raise FormError("password.is-email", "password")
    if password != confirm:
        raise FormError("password.mismatch", "confirm")
