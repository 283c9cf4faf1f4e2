"""The department participations profile plugin (seed 004, "Afdelingsdeelnames importeren")."""

from __future__ import annotations

from rosterdesk.importers.hookspecs import hookimpl
from rosterdesk.importers.profile import Profile
from rosterdesk.plugins.roster_departments.profile import PROFILE


@hookimpl
def register_profiles() -> list[Profile]:
    return [PROFILE]
