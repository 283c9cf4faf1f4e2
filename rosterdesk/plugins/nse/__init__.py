"""The NSE profile plugin."""

from __future__ import annotations

from rosterdesk.importers.hookspecs import hookimpl
from rosterdesk.importers.profile import Profile
from rosterdesk.plugins.nse.profile import PROFILE


@hookimpl
def register_profiles() -> list[Profile]:
    return [PROFILE]
