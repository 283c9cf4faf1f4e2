"""Tenants: institutions and the memberships that give users a role in them."""

from __future__ import annotations

import json

from piccolo.columns import JSON, Boolean, ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from rosterdesk.platform.auth.tables import User


class Institution(Table, tablename="rd_institution"):
    """A school or university: the tenant every piece of roster data belongs to."""

    id: Serial

    name = Varchar(length=200)
    kind = Varchar(length=3, default="HO", help_text="School type: VO, MBO or HO.")
    brin = Varchar(length=8, default="", help_text="BRIN/OIE code of the institution (e.g. 21XY).")
    locations = JSON(default="[]", help_text="Location codes (BRIN + vestiging, e.g. 21XY00), a JSON list.")
    profiles = JSON(default="[]", help_text="Slugs of the import profiles this institution may use, a JSON list.")
    two_factor_required = Boolean(default=True, help_text="Members must log in with a TOTP code.")
    active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())

    def profile_slugs(self) -> list[str]:
        return json_list(self.profiles)

    def location_codes(self) -> list[str]:
        return json_list(self.locations)


def json_list(value: object) -> list[str]:
    """A JSON column's list, whether Piccolo hands it over decoded or as text."""
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return [str(item) for item in value] if isinstance(value, list) else []


SCHOOL_TYPES = ("VO", "MBO")
"""The school types a membership can carry (seed 003: the roles VO beheerder and MBO beheerder)."""


class Membership(Table, tablename="rd_membership"):
    """A user's role in one institution: admin, uploader or viewer."""

    id: Serial

    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    institution = ForeignKey(Institution, on_delete=OnDelete.cascade, index=True)
    role = Varchar(length=10, default="viewer", help_text="admin (manages users), uploader or viewer.")
    school_type = Varchar(length=3, null=True, default=None,
                          help_text="VO or MBO: the school type the member submits Intergrip lists for (seed 003: "
                          "VO beheerder, MBO beheerder); empty: not set.")
    created_at = Timestamptz(default=TimestamptzNow())
