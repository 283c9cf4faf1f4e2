"""Privacy: the runs of the erasure of a profile's e-mail addresses (docs/privacy.md)."""

from __future__ import annotations

from piccolo.columns import JSON, Date, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class Erasure(Table, tablename="rd_privacy_erasure"):
    """One run of the erasure for one profile: for which retention date, how it was started, what it erased.

    The scheduled job erases a profile once per retention date (a row for that date means done);
    ``rosterdesk privacy erase`` may run it again at any time (it finds nothing left the second time).
    """

    id: Serial

    profile = Varchar(length=40, index=True, help_text="Slug of the import profile, e.g. nse.")
    retention_on = Date(null=True, default=None, help_text="The retention date it ran for; empty: run by hand "
                        "before the date (rosterdesk privacy erase --ignore-date).")
    origin = Varchar(length=10, default="job", help_text="job (the scheduled job) or cli.")
    erased_at = Timestamptz(default=TimestamptzNow())
    details = JSON(default="{}", help_text="Counts only: files deleted, versions scrubbed, records blanked, ...")
