"""The column mapping's tables: the labels a version was checked with, and the labels an institution used last.

``VersionMapping`` is the mapping of one version (the delimiter and header -> field), stored when the
user submits the "Kolommen koppelen" step and read by the worker for the content check, so the check
reads exactly the columns the user labelled. ``ColumnMapping`` remembers, per institution and
profile, the field last chosen for each header (under ``structure.header_key``: capitals and spaces
do not count), so the next upload's page is filled in already (seed 004). Headers and field names
only: no person's data, so nothing here is touched by the privacy erasure.
"""

from __future__ import annotations

from piccolo.columns import JSON, ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.tables import Version

KEY_LENGTH = 255


class ColumnMapping(Table, tablename="rd_column_mapping"):
    """The field an institution last gave a header in a profile's mapping step ('' = negeren)."""

    id: Serial

    institution = ForeignKey(Institution, on_delete=OnDelete.cascade, index=True)
    profile = Varchar(length=40, help_text="Slug of the import profile, e.g. roster-csv.")
    header_key = Varchar(length=KEY_LENGTH, help_text="structure.header_key of the header: casefolded, no spaces.")
    header = Varchar(length=KEY_LENGTH, default="", help_text="The header as last written in a file (for people).")
    field = Varchar(length=40, default="", help_text="The profile field chosen; empty: the column is ignored.")
    updated_at = Timestamptz(default=TimestamptzNow())
    # (institution, profile, header_key) is unique: an index made in the migration with add_raw.


class VersionMapping(Table, tablename="rd_version_mapping"):
    """The delimiter and column labels one version is checked with."""

    id: Serial

    version = ForeignKey(Version, on_delete=OnDelete.cascade, unique=True, index=True)
    delimiter = Varchar(length=1, default="", help_text="The CSV delimiter the user chose: tab, ';' or ','.")
    columns = JSON(default="{}", help_text="Header as written in the file -> profile field, or null (negeren).")
    created_at = Timestamptz(default=TimestamptzNow())
