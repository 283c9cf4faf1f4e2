"""Applying a version under an import mode, inside the confirm transaction (``uploads.services.confirm``).

The fates are planned again from the records read inside the transaction (the preview may be
minutes old, another version or a manual change may have come in between), with the same
function the preview uses, so what is applied is what the plan says and the counts after applying
are the plan's. A plan with an error row raises ``RowErrors``: the transaction, the version's state
change included, rolls back and nothing changes (all or nothing). The rows the mode leaves alone
(skipped) are not handed to ``records.services.apply_prepared``; it removes the missing records in
``sync`` only. ``roster.applied`` is audited with the mode and the count per fate. ``apply_default``
is the same for a caller that has no mode to offer (the review's approval).
"""

from __future__ import annotations

import dataclasses
import logging

from rosterdesk.platform.audit import record as audit
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.records.services import ApplyResult, VersionRecords, apply_prepared
from rosterdesk.platform.records.tables import Record
from rosterdesk.platform.roster.fates import Current, FatePlan, Incoming, plan_fates, resolve_mode
from rosterdesk.platform.roster.students import row_errors
from rosterdesk.platform.uploads.db import write_transaction
from rosterdesk.platform.uploads.errors import UploadRefused
from rosterdesk.platform.uploads.views import as_dict

log = logging.getLogger("rosterdesk.roster")


class RowErrors(UploadRefused):
    """The plan has error rows; nothing was applied (a refusal with its message, nl and en)."""

    def __init__(self, count: int) -> None:
        super().__init__("row-errors", count=count)
        self.count = count


async def records_in_force(institution_id: int, profile_slug: str) -> dict[str, Current]:
    """key -> the institution's record of the profile (removed ones too: their key coming back is new)."""
    rows = await Record.select(Record.record_key, Record.data, Record.deleted).where(
        (Record.institution == institution_id) & (Record.profile == profile_slug)).run()
    return {str(row["record_key"]): Current(str(row["record_key"]), as_dict(row["data"]), bool(row["deleted"]))
            for row in rows}


async def apply_in_mode(prepared: VersionRecords, user: User | None, mode: str) -> FatePlan:
    """Apply ``prepared`` under ``mode`` (see the module); joins the open transaction."""
    profile = prepared.profile
    async with write_transaction(lock=False):
        current = await records_in_force(prepared.institution_id, profile.slug)
        incoming = [Incoming(key, values) for key, values in prepared.rows]
        errors = await row_errors(profile.slug, prepared.institution_id, incoming)
        plan = plan_fates(incoming, current, mode, errors_by_key=errors)
        if plan.blocked:
            raise RowErrors(plan.counts["error"])
        result = await apply_prepared(dataclasses.replace(prepared, rows=plan.rows_to_apply()), user,
                                      remove_missing=mode == "sync")
        expected = {"added": plan.counts["new"], "changed": plan.counts["changed"],
                    "removed": plan.counts["removed"], "unchanged": plan.counts["unchanged"]}
        if result.as_dict() != expected:  # the same transaction read both: this would be a bug, so say so loudly
            raise RuntimeError(f"import mode {mode}: applied {result.as_dict()}, planned {expected}")
        await audit(user, "roster.applied", prepared.institution_id, target=f"version:{prepared.version_id}",
                    details={"profile": profile.slug, "number": prepared.number, "mode": mode, **plan.counts})
    log.info("version %s applied in mode %s: %s", prepared.version_id, mode, plan.counts)
    return plan


async def apply_default(prepared: VersionRecords, user: User | None) -> ApplyResult:
    """Apply where nobody chose a mode (the helpdesk approving a held list): the profile's default mode
    (``fates.resolve_mode``: ``sync`` where offered, i.e. the complete list; department participations
    ``new``, with their student check), or the complete list for a profile without modes."""
    mode = resolve_mode(prepared.profile.import_modes, None)
    if mode is None:
        return await apply_prepared(prepared, user)
    plan = await apply_in_mode(prepared, user, mode)
    return ApplyResult(added=plan.counts["new"], changed=plan.counts["changed"], removed=plan.counts["removed"],
                       unchanged=plan.counts["unchanged"])
