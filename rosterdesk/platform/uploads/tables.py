"""Versions: every upload of a roster file is one row, the truth about its check.

The broker only triggers work; state, progress, attempts and the report live here, so a lost
message, a killed worker or a restarted broker never loses a check (the sweeper finds it again).
"""

from __future__ import annotations

from piccolo.columns import JSON, BigInt, ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.tenants.tables import Institution

STATES = ("received", "structure-failed", "previewed", "checking", "invalid", "valid", "confirmed", "superseded",
          "discarded", "failed", "submitted", "rejected")
"""received: stored, headers right; structure-failed: headers wrong or file unusable; previewed: the user
saw the sample rows and asked for the check (queued); checking: a worker holds it; invalid/valid: checked;
confirmed: the version in force; superseded: confirmed earlier; discarded: thrown away, file deleted;
failed: could not be processed after the allowed attempts; submitted: confirmed by the user but held for the
helpdesk (a ``review=True`` profile, or a change larger than RD_REVIEW_CHANGE_SHARE), not applied, the version
in force stays in force; approval makes it ``confirmed`` (and the previous one ``superseded``), rejection makes it
``rejected`` (final, nothing applied). A newer submission or confirmation of the same list discards a version
still ``submitted``. See docs/review.md."""

UNFINISHED = ("received", "structure-failed", "previewed", "checking", "invalid", "valid", "failed")
"""States a user can still continue from or discard; a new upload of the same profile discards them."""

WAITING = ("previewed", "checking")
"""States the sweeper watches: queued or running checks."""


class Version(Table, tablename="rd_upload_version"):
    """One uploaded file of one institution for one profile: v1, v2, ... with its check."""

    id: Serial

    institution = ForeignKey(Institution, on_delete=OnDelete.cascade, index=True)
    profile = Varchar(length=40, index=True, help_text="Slug of the import profile, e.g. nse.")
    number = Integer(help_text="1, 2, ... per institution and profile; never reused, also not after a discard.")
    state = Varchar(length=20, default="received", index=True, help_text="One of uploads.tables.STATES.")
    uploader = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow(),
                             help_text="Last change; while checking also the worker's heartbeat.")
    original_name = Varchar(length=255, default="", help_text="File name as the user's browser sent it; shown "
                            "escaped, never used as a path.")
    file_id = Varchar(length=64, null=True, default=None,
                      help_text="Generated name of the stored file in RD_DATA_DIR/uploads; empty once deleted.")
    sha256 = Varchar(length=64, default="")
    size = BigInt(default=0, help_text="Bytes as uploaded.")
    row_count = Integer(null=True, default=None, help_text="Data rows, known after the content check.")
    options = JSON(default="{}", help_text="Profile options chosen at upload (key -> value).")
    structure_report = JSON(null=True, default=None,
                            help_text="Report.to_storage() of the header check (or of the unusable file).")
    report = JSON(null=True, default=None, help_text="Report.to_storage() of the full content check.")
    progress_done = Integer(default=0, help_text="Rows checked so far.")
    progress_total = Integer(null=True, default=None, help_text="Rows to check, when the reader knows it.")
    attempts = Integer(default=0, help_text="Times a worker started the content check.")
    failure = Varchar(length=64, null=True, default=None, help_text="Message type of the last failed attempt.")
    failure_params = JSON(default="{}", help_text="Parameters of that message.")
    queued_at = Timestamptz(null=True, default=None,
                            help_text="When a check message was last handed to the broker; empty: not yet (delayed).")
    claim = Varchar(length=32, default="", help_text="Token of the attempt that holds the check; its results only.")
    confirmed_at = Timestamptz(null=True, default=None)
    confirmed_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    # (institution, profile, number) is unique: a unique index made in the migration with add_raw,
    # because Piccolo adds a table's Unique constraint with ALTER TABLE, which SQLite cannot do.


class Completeness(Table, tablename="rd_upload_completeness"):
    """Step 5 of a version whose profile has a completeness step (NSE: missing programmes).

    Counts and codes only, never a person's values: it stays when the privacy job erases the
    e-mail addresses (docs/privacy.md), so the counts after confirming stay too.
    """

    id: Serial

    version = ForeignKey(Version, on_delete=OnDelete.cascade, unique=True, index=True)
    hook = Varchar(length=40, default="", help_text="Profile.completeness of the version's profile.")
    missing = JSON(default="[]", help_text="Groups the file lacks: [{code, name, level}] (RIO programmes for NSE).")
    counts = JSON(default="{}", help_text="Rows per group and per group and part (programme, programme/location), "
                  "with names for the pages; see uploads.completeness.Survey.")
    reasons = JSON(default="{}", help_text="Group code -> {reason, text}: why it is missing (seed 000, step 5).")
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())
