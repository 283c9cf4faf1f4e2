"""The states of a CJP record (seed 002: Nieuw, Uitgenodigd, Geactiveerd) and which profiles have them.

A module without imports from the platform, so ``records.tables`` can ask it which status a new
record of a profile starts with without importing the rest of the CJP package.
"""

from __future__ import annotations

PROFILES = ("cjp-students", "cjp-teachers")
NEW = "Nieuw"
"""Not invited yet: set when a version or a manual add brings the record in."""
INVITED = "Uitgenodigd"
"""Has an activation code and was invited (mailed where there is an address)."""
ACTIVATED = "Geactiveerd"
"""CJP's own state once a student activates the pass; CJP reports it, rosterdesk never sets it."""

INITIAL_STATUS: dict[str, str] = dict.fromkeys(PROFILES, NEW)
"""profile slug -> the status a new record of that profile starts with."""


def is_cjp(profile_slug: str) -> bool:
    return profile_slug in PROFILES
