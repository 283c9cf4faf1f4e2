"""Submission links and the submitter's details of a list sent to the helpdesk (seed 003)."""

from __future__ import annotations

from piccolo.columns import ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.tables import Version


class SubmissionLink(Table, tablename="rd_submission_link"):
    """A link that lets someone without an account submit one institution's list of one profile.

    Only a keyed hash of the token is stored; the link itself is shown once, when it is made.
    """

    id: Serial

    institution = ForeignKey(Institution, on_delete=OnDelete.cascade, index=True)
    profile = Varchar(length=40, help_text="Slug of the profile the link submits (a review profile: intergrip).")
    token_hash = Varchar(length=64, unique=True, index=True, help_text="Keyed hash of the token (auth.tokens).")
    label = Varchar(length=200, default="", help_text="What the admin calls the link, e.g. who it was sent to.")
    expires_at = Timestamptz(help_text="After this moment the link answers like an unknown one.")
    created_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())
    revoked_at = Timestamptz(null=True, default=None, help_text="Set when an admin revoked the link.")
    revoked_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    uses = Integer(default=0, help_text="Lists submitted to the helpdesk through this link.")


class Submission(Table, tablename="rd_submission"):
    """Who submitted a version of a review profile, for which instantie, with which remark (seed 003, step 4).

    Made when a version is received through a link (``link`` set, details empty until submitted) or
    when a logged-in uploader submits; the review queue shows the details, and for a link the mails
    about the list go to ``email``, in ``language``.
    """

    id: Serial

    version = ForeignKey(Version, on_delete=OnDelete.cascade, unique=True, index=True)
    link = ForeignKey(SubmissionLink, null=True, on_delete=OnDelete.set_null,
                      help_text="The link the version came through; empty for a logged-in uploader. (No index: "
                      "SQLite would name it rd_submission_link, the links' table.)")
    instantie = Varchar(length=200, default="", help_text="The instantie chosen at submitting (seed 003).")
    name = Varchar(length=200, default="", help_text="The submitter's name as typed.")
    email = Varchar(length=254, default="", help_text="The submitter's e-mail address as typed.")
    remark = Text(default="", help_text="The submitter's remark for the helpdesk (also on the review).")
    submitted_at = Timestamptz(null=True, default=None)
    language = Varchar(length=2, default="", help_text="The language the submitter used when submitting (nl or en): "
                       "a link's visitor has no account, so the decision mails follow this; empty for older rows.")
