"""Upload periods: one row per profile that has one."""

from __future__ import annotations

from piccolo.columns import Date, ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from rosterdesk.platform.auth.tables import User


class UploadPeriod(Table, tablename="rd_upload_period"):
    """When a profile's uploads are open (dates inclusive, Dutch time) and when its e-mails are erased.

    A profile without a row (or with neither date) is always open.
    """

    id: Serial

    profile = Varchar(length=64, unique=True, help_text="Slug of the import profile, e.g. nse.")
    opens_on = Date(null=True, default=None, help_text="First day uploads are accepted; empty: open from the start.")
    closes_on = Date(null=True, default=None, help_text="Last day uploads are accepted; empty: no end.")
    retention_on = Date(null=True, default=None,
                        help_text="On this day the privacy job erases the profile's e-mail addresses.")
    updated_at = Timestamptz(default=TimestamptzNow())
    updated_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null, help_text="Who last changed the period.")
