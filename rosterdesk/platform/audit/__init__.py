"""Audit log: ``record(actor, action, institution, target, details)`` and the pages that read it."""

from rosterdesk.platform.audit.services import record

__all__ = ["record"]
