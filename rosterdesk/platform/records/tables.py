"""Records and their revisions.

One ``Record`` per person (record key) per institution and profile: the values as the version's
records file has them (``importers.records``: normalised by the columns' kinds), whatever a
manual form changed since, and a status. A record that a newer version no longer lists, or that
was deleted by hand, keeps its row with ``deleted`` set, so its revisions stay readable and the
same key coming back continues the same history. ``(institution, profile, record_key)`` is
unique (an index made in the migration with ``add_raw``, as for the versions' numbers).
"""

from __future__ import annotations

from piccolo.columns import JSON, Boolean, ForeignKey, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.cjp.statuses import INITIAL_STATUS
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.tables import Version

DEFAULT_STATUS = "actief"
ACTIONS = ("add", "change", "remove")
SOURCES = ("version", "manual")


def initial_status(profile_slug: str) -> str:
    """The status a new record starts with: its profile's own first state (CJP: Nieuw), else ``actief``."""
    return INITIAL_STATUS.get(profile_slug, DEFAULT_STATUS)


class Record(Table, tablename="rd_record"):
    """One record of an institution's list for one profile."""

    id: Serial

    institution = ForeignKey(Institution, on_delete=OnDelete.cascade, index=True)
    profile = Varchar(length=40, index=True, help_text="Slug of the import profile, e.g. intergrip.")
    record_key = Varchar(length=1000, help_text="The record key as text (records.key_text): JSON of the key "
                         "fields' values as keys compare (case-folded), '#row:N' or '#manual:...' without one.")
    data = JSON(default="{}", help_text="field -> value, as the records file of a version holds it.")
    options = JSON(default="{}", help_text="The profile options the values were checked with (e.g. learner_kind).")
    status = Varchar(length=20, default=DEFAULT_STATUS, index=True,
                     help_text="actief, or a profile's own states later (CJP: Nieuw, Uitgenodigd, ...).")
    search = Text(default="", help_text="Lower-cased text of the non-sensitive values, for the list's search.")
    deleted = Boolean(default=False, index=True, help_text="Removed by a newer version or by hand; history kept.")
    version = ForeignKey(Version, null=True, on_delete=OnDelete.set_null,
                         help_text="The confirmed version that last set the values (empty: a manual change).")
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


class RecordRevision(Table, tablename="rd_record_revision"):
    """One change of one record: what changed (field -> [old, new]), from which version or by hand, who, when."""

    id: Serial

    record = ForeignKey(Record, on_delete=OnDelete.cascade, index=True)
    institution = ForeignKey(Institution, on_delete=OnDelete.cascade, index=True)
    action = Varchar(length=10, help_text="add, change or remove.")
    changes = JSON(default="{}", help_text="field -> [old, new]; status changes under the name 'status'.")
    source = Varchar(length=10, default="manual", help_text="version or manual.")
    version = ForeignKey(Version, null=True, on_delete=OnDelete.set_null)
    user = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    at = Timestamptz(default=TimestamptzNow())
