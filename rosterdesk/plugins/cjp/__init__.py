"""The CJP student and teacher profiles plugin."""

from __future__ import annotations

from rosterdesk.importers.hookspecs import hookimpl
from rosterdesk.importers.profile import Profile
from rosterdesk.plugins.cjp.profile import PROFILES


@hookimpl
def register_profiles() -> list[Profile]:
    return list(PROFILES)
