"""Writing and reading the audit log."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

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

    @classmethod
    def parse(cls, user: str | None, action: str | None, since: str | None, until: str | None) -> AuditFilter:
        return cls(user=(user or "").strip().lower()[:254],
                   action=action if action in ACTIONS else "",
                   since=_date(since), until=_date(until))


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


async def events(flt: AuditFilter, institution: int | None) -> list[dict[str, Any]]:
    """Newest first; ``institution`` None means all institutions (superadmin only)."""
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
    rows: list[dict[str, Any]] = await query.order_by(AuditEvent.id, ascending=False).limit(PAGE_SIZE).run()
    return rows
