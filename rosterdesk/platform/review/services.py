"""The helpdesk review: hold a confirmed version, list the queue, approve or reject (seed 003, docs/review.md).

``hold_for_review`` is called by ``uploads.services.confirm`` before it applies anything: a
profile declared with ``review=True`` (Intergrip), or a confirmation that would remove or change
more than ``RD_REVIEW_CHANGE_SHARE`` percent of the records in force, makes the version
``submitted`` instead: nothing is applied, the version in force stays in force, and the
submitter gets a mail. The helpdesk decides on the queue page:

- approve: the version becomes ``confirmed`` (the previous one ``superseded``) and its records
  are loaded (``records.services.apply_version``), all in one transaction;
- reject, with a reason: the version becomes ``rejected``; nothing is loaded.

Either way the submitter gets a mail and the decision is audited. Two helpdesk users deciding
at once (R9): the decision is a conditional ``UPDATE ... WHERE state = 'submitted'`` whose row
count says who won; on PostgreSQL the second update waits for the first's row lock and then
finds the state changed, on SQLite the immediate transaction serialises them. The loser gets
``AlreadyDecided`` and changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from litestar.exceptions import NotFoundException

from rosterdesk.importers.errors import UnknownProfile
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.platform import clock
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.mail.services import Mailer
from rosterdesk.platform.review.change import ChangeCounts, change_counts
from rosterdesk.platform.review.errors import AlreadyDecided, ReasonRequired
from rosterdesk.platform.review.tables import Review
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.submission.tables import Submission
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.db import write_transaction
from rosterdesk.platform.uploads.errors import UploadRefused, WrongState
from rosterdesk.platform.uploads.runtime import current
from rosterdesk.platform.uploads.tables import Version
from rosterdesk.platform.uploads.views import as_dict

log = logging.getLogger("rosterdesk.review")

REMARK_LIMIT = 2000
REASON_LIMIT = 2000


@dataclass(frozen=True)
class QueueEntry:
    """One line of the helpdesk queue."""

    version_id: int
    institution_id: int
    institution: str
    profile: str
    number: int
    submitter: str
    submitted_at: datetime
    reason: str
    rows: int | None
    errors: int | None
    warnings: int | None
    share: float | None


@dataclass(frozen=True)
class Held:
    """A version waiting for (or past) the helpdesk: the version, its institution, profile and review row."""

    version: Version
    institution: Institution
    profile: Profile
    review: Review


def _institution_id(version: Version) -> int:
    value = version.institution
    return int(value.id if isinstance(value, Institution) else value)


def _clean(text: str, limit: int) -> str:
    """A remark or reason as typed, without control characters (newlines kept), bounded."""
    kept = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    return kept.replace("\r", "").strip()[:limit]


def share_of(review: Review) -> float | None:
    """The share (percent) of the records in force the held version would remove or change, if known."""
    change = as_dict(review.change)
    return float(change["share"]) if "share" in change else None


async def review_of(version: Version) -> Review | None:
    """The newest review row of ``version`` (for the wizard's submitted and rejected pages)."""
    found: Review | None = await Review.objects().where(Review.version == version.id).order_by(
        Review.id, ascending=False).first()
    return found


# -- holding a confirmation --------------------------------------------------------------------------------------


async def hold_for_review(version: Version, user: User | None, remark: str = "", *, email: str = "",
                          lang: str = "", mode: str | None = None) -> Version | None:
    """Called by ``confirm`` first: the version ``submitted`` (held), or None when it may be applied now.

    Only a ``valid`` version is looked at (anything else is left to ``confirm``'s own refusal). A
    version that is applied now discards any earlier version of the same list still waiting for
    the helpdesk: the newer list is what the school means. ``user`` None: a visitor of a submission
    link (submission.services), known by the ``email`` and ``lang`` given instead. An import ``mode``
    that never removes (``new``, ``update``: ``platform.roster``) is not held for its share of change:
    the complete-list diff would count every record the file leaves out as removed, and the user saw
    every row's fate before confirming.
    """
    if version.state != "valid":
        return None
    try:
        profile = get_profile(str(version.profile))
    except UnknownProfile:
        return None
    institution = await Institution.objects().get(Institution.id == _institution_id(version))
    if institution is None:
        raise NotFoundException()
    counts = await change_counts(institution, version, profile) if mode in (None, "sync") else None
    threshold = current().settings.uploads.review_change_share
    if profile.review:
        reason = "profile"
    elif counts is not None and counts.share > threshold:
        reason = "change-share"
    else:
        await _withdraw_earlier(version, user, keep=int(version.id))
        return None
    return await submit(version, user, reason=reason, counts=counts, remark=remark, email=email, lang=lang)


async def submit(version: Version, user: User | None, *, reason: str, counts: ChangeCounts | None,
                 remark: str = "", email: str = "", lang: str = "") -> Version:
    """``valid`` -> ``submitted`` with its review row, an audit event and the submitter's mail."""
    institution_id = _institution_id(version)
    scope = (Version.institution == institution_id) & (Version.profile == version.profile)
    now = clock.now()
    async with write_transaction() as lock:
        rows = await lock(Version.select(Version.id, Version.state, Version.file_id, Version.number).where(
            scope & ((Version.id == version.id) | (Version.state == "submitted")))).run()
        states = {int(row["id"]): row["state"] for row in rows}
        if int(version.id) not in states:
            raise NotFoundException()
        if states[int(version.id)] != "valid":
            raise WrongState(states[int(version.id)], "confirm")
        earlier = [row for row in rows if row["state"] == "submitted"]
        await _discard_rows(earlier, now)
        await Version.update({Version.state: "submitted", Version.updated_at: now}).where(
            Version.id == version.id).run()
        await Review.insert(Review(version=version.id, institution=institution_id, profile=version.profile,
                                   reason=reason, submitted_by=user.id if user else None,
                                   submitted_email=user.email if user else email, submitted_at=now,
                                   remark=_clean(remark, REMARK_LIMIT),
                                   change=counts.to_json() if counts is not None else {})).run()
    await _after_discard(earlier, version, user)
    await record(user, "review.submitted", institution_id, target=f"version:{version.id}",
                 details={"profile": version.profile, "number": version.number, "reason": reason,
                          "change": counts.to_json() if counts is not None else None}, actor_email=email)
    held = await _reload(int(version.id))
    to, lang = (user.email, user.language) if user else (email, lang)
    await _mail_submitter(held, to, lang, await _mail_kind(held, "submitted"), why=_why(reason, counts, lang))
    return held


def _why(reason: str, counts: ChangeCounts | None, lang: str) -> str:
    if reason == "profile":
        return ("Deze lijst wordt altijd eerst door de helpdesk gecontroleerd." if lang != "en"
                else "This list is always checked by the helpdesk first.")
    share = f"{counts.share:.0f}" if counts is not None else "?"
    return (f"De lijst zou {share}% van de bestaande gegevens wijzigen of verwijderen; daarom controleert de "
            "helpdesk hem eerst." if lang != "en" else
            f"The list would change or remove {share}% of the existing data, so the helpdesk checks it first.")


async def _discard_rows(rows: list[dict[str, Any]], now: datetime) -> None:
    """Earlier versions still waiting: ``discarded`` (their files go after the commit), review withdrawn."""
    if not rows:
        return
    ids = [int(row["id"]) for row in rows]
    await Version.update({Version.state: "discarded", Version.file_id: None, Version.claim: "",
                          Version.updated_at: now}).where(Version.id.is_in(ids) & (Version.state == "submitted")).run()
    await Review.update({Review.decision: "withdrawn", Review.decided_at: now}).where(
        Review.version.is_in(ids) & (Review.decision == "")).run()


async def _after_discard(rows: list[dict[str, Any]], version: Version, user: User | None) -> None:
    runtime = current()
    for row in rows:
        await runtime.store.delete(row["file_id"])
        await record(user, "upload.discarded", _institution_id(version), target=f"version:{row['id']}",
                     details={"profile": version.profile, "number": row["number"], "reason": "new-submission"})


async def _withdraw_earlier(version: Version, user: User | None, *, keep: int) -> None:
    """Before a direct confirmation: discard earlier versions of the list still waiting for the helpdesk."""
    scope = (Version.institution == _institution_id(version)) & (Version.profile == version.profile)
    async with write_transaction() as lock:
        rows = await lock(Version.select(Version.id, Version.state, Version.file_id, Version.number).where(
            scope & (Version.state == "submitted") & (Version.id != keep))).run()
        await _discard_rows(rows, clock.now())
    await _after_discard(rows, version, user)


# -- the queue ---------------------------------------------------------------------------------------------------


async def queue() -> list[QueueEntry]:
    """Every version waiting for the helpdesk, across all institutions, oldest first."""
    rows = await Review.select(
        Review.version.id.as_alias("version_id"), Review.institution.id.as_alias("institution_id"),
        Review.institution.name.as_alias("institution_name"), Review.profile, Review.version.number.as_alias("number"),
        Review.submitted_email, Review.submitted_at, Review.reason, Review.change,
        Review.version.report.as_alias("report"), Review.version.row_count.as_alias("row_count"),
    ).where((Review.decision == "") & (Review.version.state == "submitted")).order_by(Review.submitted_at).order_by(
        Review.id).run()
    entries = []
    for row in rows:
        stats = dict(as_dict(row["report"]).get("stats") or {})
        change = as_dict(row["change"])
        entries.append(QueueEntry(
            version_id=int(row["version_id"]), institution_id=int(row["institution_id"]),
            institution=str(row["institution_name"] or ""), profile=str(row["profile"]), number=int(row["number"]),
            submitter=str(row["submitted_email"] or ""), submitted_at=row["submitted_at"], reason=str(row["reason"]),
            rows=row["row_count"], errors=stats.get("errors"), warnings=stats.get("warnings"),
            share=float(change["share"]) if "share" in change else None))
    return entries


async def held(version_id: int) -> Held:
    """A held version (waiting or decided) with its review; a version that was never held is a 404."""
    review = await Review.objects().where(Review.version == version_id).order_by(Review.id, ascending=False).first()
    if review is None:
        raise NotFoundException()
    version = await Version.objects().get(Version.id == version_id)
    if version is None:
        raise NotFoundException()
    institution = await Institution.objects().get(Institution.id == _institution_id(version))
    if institution is None:
        raise NotFoundException()
    try:
        profile = get_profile(str(version.profile))
    except UnknownProfile:
        raise NotFoundException() from None
    return Held(version=version, institution=institution, profile=profile, review=review)


# -- the decision ------------------------------------------------------------------------------------------------


async def approve(version_id: int, user: User) -> Held:
    """The helpdesk approves: ``submitted`` -> ``confirmed``, the previous ``superseded``, records loaded.

    One transaction; raises ``AlreadyDecided`` when another decision came first (R9), and
    ``roster.apply.RowErrors`` (nothing changes) when a profile's row check refuses rows now.
    """
    from rosterdesk.platform.records.services import load_version_records  # noqa: PLC0415
    from rosterdesk.platform.roster.apply import apply_default  # noqa: PLC0415

    item = await held(version_id)
    version = item.version
    if version.state != "submitted":
        raise AlreadyDecided(str(version.state))
    try:  # read before the transaction: reading a file must not hold the database's write lock
        prepared = await load_version_records(version)
    except UploadRefused:
        raise AlreadyDecided(await _state_of(version_id)) from None
    scope = (Version.institution == int(item.institution.id)) & (Version.profile == version.profile)
    now = clock.now()
    async with write_transaction():
        won = await Version.update({Version.state: "confirmed", Version.confirmed_at: now,
                                    Version.confirmed_by: item.review.submitted_by, Version.updated_at: now}).where(
            (Version.id == version_id) & (Version.state == "submitted")).returning(Version.id).run()
        if not won:
            raise AlreadyDecided(await _state_of(version_id))
        previous = [int(row["id"]) for row in await Version.update(
            {Version.state: "superseded", Version.updated_at: now}).where(
            scope & (Version.state == "confirmed") & (Version.id != version_id)).returning(Version.id).run()]
        await Review.update({Review.decision: "approved", Review.decided_by: user.id, Review.decided_email: user.email,
                             Review.decided_at: now}).where(Review.id == item.review.id).run()
        result = await apply_default(prepared, user)  # roster.apply: the profile's default import mode, if any
    await record(user, "review.approved", int(item.institution.id), target=f"version:{version_id}",
                 details={"profile": version.profile, "number": version.number, "superseded": previous,
                          "submitter": item.review.submitted_email, "applied": result.as_dict()})
    await _mail_decision(item, "review-approved")
    return await held(version_id)


async def reject(version_id: int, user: User, reason: str) -> Held:
    """The helpdesk rejects with a reason: ``submitted`` -> ``rejected``; nothing is loaded."""
    text = _clean(reason, REASON_LIMIT)
    if not text:
        raise ReasonRequired()
    item = await held(version_id)
    now = clock.now()
    async with write_transaction():
        won = await Version.update({Version.state: "rejected", Version.updated_at: now}).where(
            (Version.id == version_id) & (Version.state == "submitted")).returning(Version.id).run()
        if not won:
            raise AlreadyDecided(await _state_of(version_id))
        await Review.update({Review.decision: "rejected", Review.decided_by: user.id, Review.decided_email: user.email,
                             Review.decided_at: now, Review.decision_reason: text}).where(
            Review.id == item.review.id).run()
    await record(user, "review.rejected", int(item.institution.id), target=f"version:{version_id}",
                 details={"profile": item.version.profile, "number": item.version.number,
                          "submitter": item.review.submitted_email})
    await _mail_decision(item, "review-rejected", reason=text)
    return await held(version_id)


async def _state_of(version_id: int) -> str:
    row = await Version.select(Version.state).where(Version.id == version_id).first().run()
    return str(row["state"]) if row else "gone"


async def _reload(version_id: int) -> Version:
    version = await Version.objects().get(Version.id == version_id)
    if version is None:
        raise NotFoundException()
    return version


# -- mails -------------------------------------------------------------------------------------------------------


def _mail_params(version: Version, institution_name: str, lang: str) -> dict[str, Any]:
    try:
        title = get_profile(str(version.profile)).title(lang)
    except UnknownProfile:
        title = str(version.profile)
    return {"profile": title, "profile_slug": version.profile, "number": version.number,
            "filename": str(version.original_name), "institution": institution_name,
            "institution_id": _institution_id(version), "version_id": version.id}


async def _mail_submitter(version: Version, to: str, lang: str, kind: str, **extra: Any) -> None:
    """A mail to the submitter; a failure is logged, never the user's problem (the decision stands)."""
    if not to:
        return
    settings: Settings = current().settings
    lang = lang if lang in ("nl", "en") else settings.app.language
    try:
        row = await Institution.select(Institution.name).where(
            Institution.id == _institution_id(version)).first().run()
        params = _mail_params(version, str((row or {}).get("name") or ""), lang)
        await Mailer(settings).send(to, kind, lang, **params, **extra)
    except Exception:
        log.exception("mail %s about version %s could not be sent", kind, version.id)


async def _mail_decision(item: Held, kind: str, **extra: Any) -> None:
    """The decision mail in the submitter's language: the account's, or for a link's visitor (no account) the
    language stored with the submitted details; empty means the site's default (``_mail_submitter``)."""
    lang = ""
    if item.review.submitted_by:
        row = await User.select(User.language).where(User.id == item.review.submitted_by).first().run()
        lang = str((row or {}).get("language") or "")
    else:
        row = await Submission.select(Submission.language).where(
            Submission.version == item.version.id).first().run()
        lang = str((row or {}).get("language") or "")
    version = await _reload(int(item.version.id))
    await _mail_submitter(version, str(item.review.submitted_email), lang, await _mail_kind(version, kind), **extra)


async def _mail_kind(version: Version, kind: str) -> str:
    """``review-<event>``, or ``link-<event>`` for a list sent through a submission link: its visitor has no
    account, so that mail does not link to the school's portal (docs/submission-links.md)."""
    event = kind.removeprefix("review-")
    through_link = await Submission.exists().where(
        (Submission.version == version.id) & Submission.link.is_not_null()).run()
    return f"link-{event}" if through_link else f"review-{event}"
