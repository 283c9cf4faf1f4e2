"""Mail: every message the platform sends."""

from __future__ import annotations

from piccolo.columns import Boolean, Serial, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class OutboxMail(Table, tablename="rd_outbox_mail"):
    """A sent mail. Embedded: the whole text (the outbox page); with SMTP: only who, what and whether it went."""

    id: Serial

    recipient = Varchar(length=254)
    subject = Varchar(length=300)
    body = Text(default="", help_text="Full text in embedded mode; empty when sent through SMTP (links are secrets).")
    kind = Varchar(length=40, default="", help_text="Which mail: reset, invite, password-changed, ...")
    transport = Varchar(length=10, default="outbox", help_text="'outbox' (embedded) or 'smtp'.")
    delivered = Boolean(default=True, help_text="False when the SMTP server refused or was unreachable.")
    error = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
