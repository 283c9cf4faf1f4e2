"""``invite``: give each chosen CJP record an activation code, mark it Uitgenodigd and mail the invitation.

- A record without a code gets a new one (``codes.new_code``); a record that already has one
  keeps it (a re-invitation sends the same code again: the first mail may already be in use, and
  two valid codes for one person would be one too many).
- Status ``Nieuw`` (or anything else) becomes ``Uitgenodigd``, with a ``RecordRevision``
  ``{"status": [old, "Uitgenodigd"]}``; the code itself is never written into a revision or the
  audit log. A re-invited record's status does not change, so it gets no revision.
- Codes, statuses and revisions are written in one transaction, with one audit event
  ``cjp.invited`` (counts only). The mails go after the commit: a failing mail server must not
  take the codes back, and each mail row records whether it went.
- A mail goes only to a record with an e-mail address that was not uploaded anonymously
  (option ``anonymous=J``: the school said it hands out the codes itself, seed 002).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from piccolo.engine.postgres import PostgresEngine

from rosterdesk.importers.profile import Profile
from rosterdesk.platform import clock
from rosterdesk.platform.audit import record as audit
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.cjp.codes import new_code
from rosterdesk.platform.cjp.selection import Selection, chosen_records
from rosterdesk.platform.cjp.statuses import INVITED
from rosterdesk.platform.cjp.tables import ActivationCode
from rosterdesk.platform.mail.services import Mailer
from rosterdesk.platform.records.tables import Record, RecordRevision
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.db import write_transaction

log = logging.getLogger("rosterdesk.cjp")

MAIL_KIND = "cjp-invitation"


@dataclass(frozen=True)
class InviteResult:
    """What one "Verstuur uitnodiging" did."""

    mailed: int = 0
    unmailed: int = 0
    """Invited (code made or kept) but not mailed: no e-mail address, or uploaded anonymously."""
    new_codes: int = 0
    reinvited: int = 0
    """Already invited before: the same code again."""

    @property
    def invited(self) -> int:
        return self.mailed + self.unmailed

    def as_dict(self) -> dict[str, int]:
        return {"invited": self.invited, "mailed": self.mailed, "unmailed": self.unmailed,
                "new_codes": self.new_codes, "reinvited": self.reinvited}


def mail_address(row: dict[str, Any]) -> str:
    """Where the invitation goes: the record's e-mail, unless it has none or was uploaded anonymously."""
    if str(row["options"].get("anonymous", "N")) == "J":
        return ""
    return str(row["data"].get("email") or "").strip()


async def _fresh_codes(count: int) -> list[str]:
    """``count`` new codes that no record has yet (the unique index guards the moment after this check)."""
    codes: list[str] = []
    while len(codes) < count:
        batch = list(dict.fromkeys(new_code() for _ in range(count - len(codes))))
        taken = {row["code"] for row in await ActivationCode.select(ActivationCode.code).where(
            ActivationCode.code.is_in(batch)).run()}
        codes.extend(code for code in batch if code not in taken and code not in codes)
    return codes


async def invite(institution: Institution, profile: Profile, selection: Selection, user: User, *, mailer: Mailer,
                 lang: str) -> InviteResult:
    """Invite the chosen records (see the module); mails in ``lang``."""
    now = clock.now()
    outgoing: list[tuple[str, str, str]] = []  # (address, first name, code)
    mailed = unmailed = made = again = 0
    async with write_transaction(lock=False):
        rows = await chosen_records(institution, profile, selection)
        if not rows:
            return InviteResult()
        ids = [int(row["id"]) for row in rows]
        if isinstance(Record._meta.db, PostgresEngine):  # two invitations at once wait for each other
            await Record.select(Record.id).where(Record.id.is_in(ids)).lock_rows().run()
        existing = {int(row["record"]): row for row in await ActivationCode.select(
            ActivationCode.id, ActivationCode.record, ActivationCode.code).where(
            ActivationCode.record.is_in(ids)).run()}
        fresh = iter(await _fresh_codes(sum(1 for record_id in ids if record_id not in existing)))
        new_rows: list[ActivationCode] = []
        revisions: list[RecordRevision] = []
        for row in rows:
            record_id = int(row["id"])
            address = mail_address(row)
            held = existing.get(record_id)
            if held is None:
                code = next(fresh)
                made += 1
                new_rows.append(ActivationCode(record=record_id, institution=institution.id, code=code,
                                               created_at=now, created_by=user.id, invited_at=now, invitations=1,
                                               mailed_at=now if address else None))
            else:
                code = str(held["code"])
                again += 1
                await ActivationCode.update({
                    ActivationCode.invited_at: now, ActivationCode.invitations: ActivationCode.invitations + 1,
                    **({ActivationCode.mailed_at: now} if address else {}),
                }).where(ActivationCode.id == held["id"]).run()
            if row["status"] != INVITED:
                revisions.append(RecordRevision(record=record_id, institution=institution.id, action="change",
                                                changes={"status": [row["status"], INVITED]}, source="manual",
                                                version=None, user=user.id, at=now))
            if address:
                mailed += 1
                outgoing.append((address, str(row["data"].get("voornaam") or ""), code))
            else:
                unmailed += 1
        if new_rows:
            await ActivationCode.insert(*new_rows).run()
        changed = [int(row["id"]) for row in rows if row["status"] != INVITED]
        if changed:
            await Record.update({Record.status: INVITED, Record.updated_at: now}).where(
                Record.id.is_in(changed)).run()
            await RecordRevision.insert(*revisions).run()
        result = InviteResult(mailed=mailed, unmailed=unmailed, new_codes=made, reinvited=again)
        await audit(user, "cjp.invited", int(institution.id), target=f"records:{profile.slug}",
                    details={"profile": profile.slug, "all": selection.everything, **result.as_dict()})
    for address, name, code in outgoing:
        await mailer.send(address, MAIL_KIND, lang, name=name, institution=str(institution.name), code=code)
    log.info("cjp invitations for institution %s: %s", institution.id, result.as_dict())
    return result


async def codes_of(institution: Institution, record_ids: list[int]) -> dict[int, str]:
    """record id -> its activation code, for the institution's records among ``record_ids``."""
    if not record_ids:
        return {}
    rows = await ActivationCode.select(ActivationCode.record, ActivationCode.code).where(
        (ActivationCode.institution == institution.id) & ActivationCode.record.is_in(record_ids)).run()
    return {int(row["record"]): str(row["code"]) for row in rows}
