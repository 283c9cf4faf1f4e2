"""Reviews: one row per version that was held for the helpdesk instead of being applied.

The version's state says where it stands (``submitted``, then ``confirmed`` or ``rejected``);
this row says why it was held, who submitted it with which remark, the size of the change at
that moment, and who decided what and why.
"""

from __future__ import annotations

from piccolo.columns import JSON, ForeignKey, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.tables import Version

REASONS = ("profile", "change-share")
"""profile: the profile is declared with ``review=True`` (Intergrip); change-share: the confirmation would
remove or change more than ``RD_REVIEW_CHANGE_SHARE`` percent of the records in force."""

DECISIONS = ("", "approved", "rejected", "withdrawn")
"""'': waiting; approved / rejected: decided by the helpdesk; withdrawn: a newer version of the same list
was submitted or confirmed before anybody decided (the version itself is then ``discarded``)."""


class Review(Table, tablename="rd_review"):
    """A version held for the helpdesk: why, by whom, the change, and the decision."""

    id: Serial

    version = ForeignKey(Version, on_delete=OnDelete.cascade, index=True, help_text="The held version (one review "
                         "per version).")
    institution = ForeignKey(Institution, on_delete=OnDelete.cascade, index=True)
    profile = Varchar(length=40, help_text="Slug of the version's profile (copied for the queue).")
    reason = Varchar(length=20, help_text="One of review.tables.REASONS.")
    submitted_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null,
                              help_text="The uploader who confirmed the version (the submitter).")
    submitted_email = Varchar(length=254, default="", help_text="The submitter's address at the time, for the "
                              "decision mail and the queue (kept if the user is deleted).")
    submitted_at = Timestamptz(default=TimestamptzNow(), index=True)
    remark = Text(default="", help_text="The submitter's optional remark for the helpdesk.")
    change = JSON(default="{}", help_text="Counts of the change against the records in force when it was held: "
                  "added, removed, changed, unchanged, old, new, share (percent).")
    decision = Varchar(length=20, default="", index=True, help_text="One of review.tables.DECISIONS.")
    decided_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    decided_email = Varchar(length=254, default="")
    decided_at = Timestamptz(null=True, default=None)
    decision_reason = Text(default="", help_text="Why it was rejected (required then), shown to the submitter.")
