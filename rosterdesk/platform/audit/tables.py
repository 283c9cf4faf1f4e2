"""Audit: who did what, where and when."""

from __future__ import annotations

from piccolo.columns import JSON, ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.tenants.tables import Institution


class AuditEvent(Table, tablename="rd_audit_event"):
    """One audited action. Rows are only ever added."""

    id: Serial

    created_at = Timestamptz(default=TimestamptzNow(), index=True)
    actor = ForeignKey(User, null=True, on_delete=OnDelete.set_null, help_text="Who did it; empty for strangers.")
    actor_email = Varchar(length=254, default="", help_text="E-mail as typed or known at the time (kept if the "
                          "user is deleted).")
    action = Varchar(length=64, index=True, help_text="Dotted code, e.g. login.failed, membership.role-changed.")
    institution = ForeignKey(Institution, null=True, on_delete=OnDelete.set_null,
                             help_text="The institution the action concerns, if any.")
    target = Varchar(length=300, default="", help_text="What it was done to, e.g. an e-mail address.")
    details = JSON(default="{}")
