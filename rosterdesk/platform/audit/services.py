"""Writing and reading the audit log."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from rosterdesk.platform.audit.tables import AuditEvent
from rosterdesk.platform.auth.tables import User

log = logging.getLogger("rosterdesk.audit")

ACTIONS: tuple[str, ...] = (
    "login.succeeded", "login.failed", "login.throttled", "logout",
    "password.requested", "password.set", "password.changed",
    "two-factor.enrolled", "two-factor.failed", "two-factor.recovery-used", "recovery-codes.regenerated",
    "institution.created", "institution.changed",
    "invitation.sent", "membership.created", "membership.role-changed", "membership.removed",
    "tenant.access-denied",
    "reference.imported", "reference.refused", "period.changed",
    "upload.received", "upload.check-requested", "upload.confirmed", "upload.discarded", "upload.downloaded",
    "records.applied", "record.added", "record.changed", "record.removed", "roster.applied",
    "upload.reasons-given", "privacy.erased",
    "review.submitted", "review.viewed", "review.approved", "review.rejected",
    "validation-tool.used",
    "membership.school-type-changed", "submission-link.created", "submission-link.revoked", "submission-link.used",
    "roster.columns-mapped",
    "cjp.invited", "cjp.exported",
)
PAGE_SIZE = 100


async def record(actor: User | None, action: str, institution: int | None = None, target: str = "",
                 details: dict[str, Any] | None = None, *, actor_email: str = "") -> None:
    """Add one event. ``actor`` None means a stranger (``actor_email`` as typed, if any)."""
    await AuditEvent.insert(AuditEvent(
        actor=actor.id if actor is not None else None,
        actor_email=(actor.email if actor is not None else actor_email)[:254],
        action=action, institution=institution, target=target[:300], details=details or {},
    )).run()
    log.info("audit %s actor=%s institution=%s target=%s", action, actor.id if actor else "-", institution, target)


@dataclass(frozen=True)
class AuditFilter:
    """What the audit page filters on; every field optional."""

    user: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None
    before: int | None = None  # keyset paging: only events with a smaller id (older ones)

    @classmethod
    def parse(cls, user: str | None, action: str | None, since: str | None, until: str | None,
              before: str | None = None) -> AuditFilter:
        return cls(user=(user or "").strip().lower()[:254],
                   action=action if action in ACTIONS else "",
                   since=_date(since), until=_date(until),
                   before=int(before) if before and before.isdigit() and len(before) < 19 else None)

    def query_string(self, **changes: Any) -> str:
        """This filter as a URL query, with ``changes`` applied (e.g. ``before=123``)."""
        values = {"user": self.user, "action": self.action, "since": self.since or "", "until": self.until or "",
                  "before": self.before or ""}
        values.update(changes)
        return urlencode({key: str(value) for key, value in values.items() if value not in ("", None)})


@dataclass(frozen=True)
class EventPage:
    """One page of events, newest first, and the id to continue from when there are older ones."""

    rows: list[dict[str, Any]]
    older: int | None


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


async def events(flt: AuditFilter, institution: int | None) -> EventPage:
    """Newest first, one page; ``institution`` None means all institutions (superadmin only)."""
    query = AuditEvent.select(*AuditEvent.all_columns(), AuditEvent.institution.name.as_alias("institution_name"))
    if institution is not None:
        query = query.where(AuditEvent.institution == institution)
    if flt.user:
        query = query.where(AuditEvent.actor_email.like(f"%{flt.user}%"))
    if flt.action:
        query = query.where(AuditEvent.action == flt.action)
    if flt.since:
        query = query.where(AuditEvent.created_at >= datetime.combine(flt.since, time.min, tzinfo=UTC))
    if flt.until:
        query = query.where(AuditEvent.created_at < datetime.combine(flt.until + timedelta(days=1), time.min,
                                                                     tzinfo=UTC))
    if flt.before:
        query = query.where(AuditEvent.id < flt.before)
    rows: list[dict[str, Any]] = await query.order_by(AuditEvent.id, ascending=False).limit(PAGE_SIZE + 1).run()
    older = int(rows[PAGE_SIZE - 1]["id"]) if len(rows) > PAGE_SIZE else None
    return EventPage(rows=rows[:PAGE_SIZE], older=older)
