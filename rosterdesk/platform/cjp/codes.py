"""Activation codes: 12 characters from a readable alphabet, grouped ``XXXX-XXXX-XXXX``.

The alphabet leaves out 0, O, 1 and I, which people mix up when they type a code from paper or a
screen; 32 symbols, so a code carries 60 bits from ``secrets`` — unguessable, and the database's
unique index makes a (practically impossible) repeat fail loudly instead of sharing a code.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
GROUPS = 3
GROUP_LENGTH = 4
LENGTH = GROUPS * GROUP_LENGTH
PATTERN = re.compile(rf"^[{ALPHABET}]{{{GROUP_LENGTH}}}(?:-[{ALPHABET}]{{{GROUP_LENGTH}}}){{{GROUPS - 1}}}$")


def new_code() -> str:
    """A fresh random code, e.g. ``7KQM-X2PA-9DWE``."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(symbols[start:start + GROUP_LENGTH] for start in range(0, LENGTH, GROUP_LENGTH))


def is_code(text: str) -> bool:
    """True when ``text`` has the form of an activation code."""
    return bool(PATTERN.match(text))
