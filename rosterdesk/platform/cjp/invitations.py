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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

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
BATCH = 500
"""Ids per ``IN (...)`` list: SQLite's and PostgreSQL's limits on bound values stay far away."""
INSERT_BATCH = 200
"""Rows per INSERT (each row binds about ten values)."""
T = TypeVar("T")


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


def chunks(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


async def _fresh_codes(count: int) -> list[str]:
    """``count`` new codes that no record has yet (the unique index guards the moment after this check)."""
    codes: list[str] = []
    while len(codes) < count:
        batch = list(dict.fromkeys(new_code() for _ in range(min(count - len(codes), BATCH))))
        taken = {row["code"] for row in await ActivationCode.select(ActivationCode.code).where(
            ActivationCode.code.is_in(batch)).run()}
        codes.extend(code for code in batch if code not in taken and code not in codes)
    return codes


async def _held_codes(ids: list[int]) -> dict[int, dict[str, Any]]:
    """record id -> its code row, for the records among ``ids`` that have one."""
    held: dict[int, dict[str, Any]] = {}
    for batch in chunks(ids):
        for row in await ActivationCode.select(ActivationCode.id, ActivationCode.record, ActivationCode.code).where(
                ActivationCode.record.is_in(list(batch))).run():
            held[int(row["record"])] = row
    return held


async def invite(institution: Institution, profile: Profile, selection: Selection, user: User, *, mailer: Mailer,
                 lang: str, activate_url: str) -> InviteResult:
    """Invite the chosen records (see the module); mails in ``lang``, sending people to ``activate_url``."""
    now = clock.now()
    outgoing: list[tuple[str, str, str]] = []  # (address, first name, code)
    async with write_transaction(lock=False):
        rows = await chosen_records(institution, profile, selection)
        if not rows:
            return InviteResult()
        ids = [int(row["id"]) for row in rows]
        if isinstance(Record._meta.db, PostgresEngine):  # two invitations at once wait for each other
            for batch in chunks(ids):
                await Record.select(Record.id).where(Record.id.is_in(list(batch))).lock_rows().run()
        held = await _held_codes(ids)
        fresh = iter(await _fresh_codes(sum(1 for record_id in ids if record_id not in held)))
        new_rows: list[ActivationCode] = []
        again_mailed: list[int] = []
        again_unmailed: list[int] = []
        for row in rows:
            record_id = int(row["id"])
            address = mail_address(row)
            if record_id in held:
                code = str(held[record_id]["code"])
                (again_mailed if address else again_unmailed).append(int(held[record_id]["id"]))
            else:
                code = next(fresh)
                new_rows.append(ActivationCode(record=record_id, institution=institution.id, code=code,
                                               created_at=now, created_by=user.id, invited_at=now, invitations=1,
                                               mailed_at=now if address else None))
            if address:
                outgoing.append((address, str(row["data"].get("voornaam") or ""), code))
        for new_batch in chunks(new_rows, INSERT_BATCH):
            await ActivationCode.insert(*new_batch).run()
        for code_ids, mailed_now in ((again_mailed, True), (again_unmailed, False)):
            for batch in chunks(code_ids):
                await ActivationCode.update({
                    ActivationCode.invited_at: now, ActivationCode.invitations: ActivationCode.invitations + 1,
                    **({ActivationCode.mailed_at: now} if mailed_now else {}),
                }).where(ActivationCode.id.is_in(list(batch))).run()
        changed = [row for row in rows if row["status"] != INVITED]
        for row_batch in chunks(changed, INSERT_BATCH):
            await Record.update({Record.status: INVITED, Record.updated_at: now}).where(
                Record.id.is_in([int(row["id"]) for row in row_batch])).run()
            await RecordRevision.insert(*[RecordRevision(
                record=row["id"], institution=institution.id, action="change",
                changes={"status": [row["status"], INVITED]}, source="manual", version=None, user=user.id, at=now)
                for row in row_batch]).run()
        result = InviteResult(mailed=len(outgoing), unmailed=len(rows) - len(outgoing), new_codes=len(new_rows),
                              reinvited=len(again_mailed) + len(again_unmailed))
        await audit(user, "cjp.invited", int(institution.id), target=f"records:{profile.slug}",
                    details={"profile": profile.slug, "all": selection.everything, **result.as_dict()})
    for address, name, code in outgoing:
        await mailer.send(address, MAIL_KIND, lang, name=name, institution=str(institution.name), code=code,
                          activate_url=activate_url)
    log.info("cjp invitations for institution %s: %s", institution.id, result.as_dict())
    return result


async def codes_of(institution: Institution, record_ids: list[int]) -> dict[int, str]:
    """record id -> its activation code, for the institution's records among ``record_ids``."""
    if not record_ids:
        return {}
    found: dict[int, str] = {}
    for batch in chunks(record_ids):
        for row in await ActivationCode.select(ActivationCode.record, ActivationCode.code).where(
                (ActivationCode.institution == institution.id) & ActivationCode.record.is_in(list(batch))).run():
            found[int(row["record"])] = str(row["code"])
    return found
