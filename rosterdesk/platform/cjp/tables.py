"""The activation code of a CJP record (seed 002: "er verschijnt in een aparte kolom de activatiecode").

A table of its own rather than a column of ``rd_record``: only CJP records have codes, and the
code stays out of the record's values, its revisions and its search text. The school must be
able to see and export the code, so it is stored as it was given out (not hashed). One code per
record (``record`` unique) and every code once (``code`` unique): both are unique indexes.
"""

from __future__ import annotations

from piccolo.columns import ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.records.tables import Record
from rosterdesk.platform.tenants.tables import Institution


class ActivationCode(Table, tablename="rd_cjp_code"):
    """A record's activation code and when it was (last) sent."""

    id: Serial

    record = ForeignKey(Record, on_delete=OnDelete.cascade, unique=True, index=True,
                        help_text="The CJP record the code belongs to; kept as long as the record's row.")
    institution = ForeignKey(Institution, on_delete=OnDelete.cascade, index=True)
    code = Varchar(length=14, unique=True, index=True, help_text="XXXX-XXXX-XXXX (cjp.codes).")
    created_at = Timestamptz(default=TimestamptzNow())
    created_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    invited_at = Timestamptz(default=TimestamptzNow(), help_text="The last invitation (a re-invitation moves it).")
    invitations = Integer(default=1, help_text="How often the record was invited with this code.")
    mailed_at = Timestamptz(null=True, default=None, help_text="The last invitation mail; empty: never mailed.")
