"""Reference data: one row per import of DUO's files; the files themselves live in the data folder."""

from __future__ import annotations

from piccolo.columns import JSON, Boolean, ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from rosterdesk.platform.auth.tables import User


class ReferenceImport(Table, tablename="rd_reference_import"):
    """One accepted import of DUO's RIO/CROHO files. The newest complete one is in force.

    The files are kept in ``RD_DATA_DIR/reference/<id>/``; refused imports leave no row.
    """

    id: Serial

    created_at = Timestamptz(default=TimestamptzNow(), index=True)
    actor = ForeignKey(User, null=True, on_delete=OnDelete.set_null,
                       help_text="Who imported; empty for the command line and the demo seed.")
    actor_email = Varchar(length=254, default="", help_text="E-mail of who imported, kept if the user is deleted.")
    origin = Varchar(length=10, default="upload", help_text="How the files came in: upload, cli or seed.")
    counts = JSON(default="{}", help_text="Rows read per file (file name -> rows).")
    institutions = Integer(default=0, help_text="Institutions in Dec_instellingscode.asc.")
    programmes = Integer(default=0, help_text="Programmes (institution + opleidingscode) in Croho.asc.")
    locations = Integer(default=0, help_text="Locations (institution + vestigingsnummer) known after the import.")
    complete = Boolean(default=False, help_text="The files are in place; only complete imports are ever used.")
