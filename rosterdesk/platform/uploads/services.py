"""The uploads' API for the web: receive a file, preview it, check it, confirm or discard it.

Every function that takes an id also takes the (already scoped) institution and filters by it, so
another institution's version answers exactly like a missing one: ``NotFoundException`` (A10).
Every upload, confirmation, discard and download goes to the audit log. Database steps that
decide a transition run in a write transaction with the row locked (``uploads.db``); files are
stored before their row exists and deleted after their row lets go of them, so no row ever
points to a missing file (R11).
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import anyio.to_thread
from litestar.exceptions import NotFoundException
from piccolo.query.functions.aggregate import Max

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.exports.annotated import annotated_copy
from rosterdesk.importers.exports.issue_list import issues_csv, issues_xlsx
from rosterdesk.importers.exports.overview import text_overview
from rosterdesk.importers.issues import Report
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.sandbox import run_in_sandbox
from rosterdesk.importers.validate import Request, check_options, validate_file
from rosterdesk.platform import clock
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.roster.mapping_store import version_mapping
from rosterdesk.platform.submission.tables import Submission
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.completeness import require_reasons
from rosterdesk.platform.uploads.db import write_transaction
from rosterdesk.platform.uploads.errors import UploadRefused, WrongState, render_message
from rosterdesk.platform.uploads.period import ensure_open
from rosterdesk.platform.uploads.preview import sample_rows
from rosterdesk.platform.uploads.runtime import Runtime, current
from rosterdesk.platform.uploads.storage import StoredFile
from rosterdesk.platform.uploads.sweeper import queue_check
from rosterdesk.platform.uploads.tables import STATES, UNFINISHED, Version
from rosterdesk.platform.uploads.tasks import build_request, unusable_report

log = logging.getLogger("rosterdesk.uploads")

__all__ = ["STATES", "ExportKind", "HistoryEntry", "Preview", "Progress", "UploadRefused", "WrongState", "confirm",
           "discard", "export", "failure_message", "get_version", "history", "open_version", "preview_rows",
           "progress", "receive", "report_of", "start_check"]

ExportKind = Literal["overview", "csv", "xlsx", "annotated"]
OPEN_STATES = ("received", "previewed", "checking", "invalid", "valid", "failed")
"""What ``open_version`` brings a user back to after logging in again."""
NUMBER_TRIES = 5
NAME_LIMIT = 255


@dataclass(frozen=True)
class Preview:
    """Step 3: the headers and randomly chosen data rows as (row number as in Excel, cell texts)."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    total: int


@dataclass(frozen=True)
class Progress:
    """Step 4's progress bar: the row's state and rows checked of total."""

    state: str
    done: int
    total: int | None
    attempts: int
    delayed: bool
    """Asked for, but not yet handed to the broker (it was down): show "check delayed" (R4)."""

    @property
    def finished(self) -> bool:
        return self.state not in ("received", "previewed", "checking")

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return max(0, min(100, round(100 * self.done / self.total)))


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the history page (no reports loaded): the version's fields, who, and the counts."""

    id: int
    number: int
    profile: str
    state: str
    created_at: datetime
    original_name: str
    size: int
    sha256: str
    row_count: int | None
    uploader_email: str
    confirmed_at: datetime | None
    confirmed_by_email: str
    errors: int | None
    warnings: int | None


# -- step 1 and 2: receive ---------------------------------------------------------------------------------------


async def receive(institution: Institution, user: User | None, profile: Profile, filename: str,  # noqa: PLR0917
                  data: AsyncIterator[bytes] | bytes, options: Mapping[str, str], *,
                  discard_unfinished: bool = True, bind: Callable[[int], Awaitable[None]] | None = None) -> Version:
    """Store an upload as a new version and check its structure (steps 1 and 2).

    The version is ``received`` when the headers are right, ``structure-failed`` when they are not
    or the file cannot be read at all (the engine's reason is the structure report's one issue).
    Raises ``UploadRefused`` (too large, disk full, bad option) with nothing stored. ``user`` None and
    ``discard_unfinished`` False: a visitor of a submission link, whose upload leaves the school's own
    unfinished versions alone (submission.services); ``bind`` is called with the new version's id in
    the transaction that inserts it (the link's ``rd_submission`` row), so no moment exists in which
    the school's own upload could take the visitor's version for its own. The school's upload never
    discards a version made through a link (``_own_versions``).
    """
    runtime = current()
    if profile.slug not in institution.profile_slugs():
        raise NotFoundException()
    try:
        chosen = check_options(profile, options)
    except UnusableFile as exc:
        raise UploadRefused(exc.type, **exc.params) from None
    name = clean_name(filename)
    # Only what was unfinished when this upload began is discarded by it: two uploads at the same
    # moment both become versions (R8), the newer one is what open_version() shows.
    earlier = [row["id"] for row in await Version.select(Version.id).where(
        (Version.institution == institution.id) & (Version.profile == profile.slug)
        & Version.state.is_in(list(UNFINISHED)) & _own_versions()).run()] if discard_unfinished else []
    stored = await runtime.store.save(data, runtime.limits.max_bytes)
    try:
        request = build_request(runtime, profile, str(institution.brin or ""), chosen, name, structure_only=True)
        state, structure = await anyio.to_thread.run_sync(_check_structure, runtime, stored, request)
        upload = _NewVersion(institution=institution, user=user, profile=profile, stored=stored, name=name,
                             options=chosen, state=state, structure=structure, bind=bind)
        version, discarded = await _insert(upload, earlier)
    except BaseException:
        await runtime.store.delete(stored.file_id)
        raise
    for old_id, old_number, old_file in discarded:
        await runtime.store.delete(old_file)
        await record(user, "upload.discarded", institution.id, target=f"version:{old_id}",
                     details={"profile": profile.slug, "number": old_number, "reason": "new-upload"})
    await record(user, "upload.received", institution.id, target=f"version:{version.id}",
                 details={"profile": profile.slug, "number": version.number, "name": name, "size": stored.size,
                          "sha256": stored.sha256, "state": state})
    return version


def clean_name(filename: str) -> str:
    """The user's file name for display only: no folders, no control or bidi characters, NFC, bounded."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    text = unicodedata.normalize("NFC", base)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    text = text.strip()[:NAME_LIMIT]
    return text or "upload"


def _check_structure(runtime: Runtime, stored: StoredFile, request: Request) -> tuple[str, dict[str, Any]]:
    """The header check in the sandbox (a worker thread of the web process waits for it)."""
    try:
        report = validate_file(runtime.store.path(stored.file_id), request)
    except UnusableFile as exc:
        return "structure-failed", unusable_report(request.profile.slug, exc).to_storage()
    # A profile whose user labels the columns: the headers are judged at that step (roster.mapping_services).
    labelled_next = request.profile.column_mapping
    return ("received" if report.valid or labelled_next else "structure-failed"), report.to_storage()


@dataclass(frozen=True)
class _NewVersion:
    institution: Institution
    user: User | None
    profile: Profile
    stored: StoredFile
    name: str
    options: dict[str, str]
    state: str
    structure: dict[str, Any]
    bind: Callable[[int], Awaitable[None]] | None = None


def _own_versions() -> Any:
    """Versions not made through a submission link: the school's own flow (its start page, the discard of
    its unfinished versions) never reaches a link visitor's version (docs/submission-links.md)."""
    return Version.id.not_in(Submission.select(Submission.version).where(
        Submission.link.is_not_null() & Submission.version.is_not_null()))


async def _insert(new: _NewVersion, earlier: list[int]) -> tuple[Version, list[tuple[int, int, str | None]]]:
    """The new row with the next number; ``earlier`` versions still unfinished are discarded in the same transaction.

    Two uploads at the same moment (R8): on SQLite the immediate transaction orders them; on
    PostgreSQL the unique index refuses the second number and the insert is tried again.
    """
    scope = (Version.institution == new.institution.id) & (Version.profile == new.profile.slug)
    for attempt in range(NUMBER_TRIES):
        try:
            async with write_transaction():
                old = await Version.select(Version.id, Version.number, Version.file_id).where(
                    scope & Version.state.is_in(list(UNFINISHED)) & Version.id.is_in(earlier or [0])).run()
                now = clock.now()
                if old:
                    await Version.update({Version.state: "discarded", Version.file_id: None, Version.claim: "",
                                          Version.updated_at: now}).where(
                        Version.id.is_in([row["id"] for row in old])).run()
                top = await Version.select(Max(Version.number).as_alias("top")).where(scope).first().run()
                number = int((top or {}).get("top") or 0) + 1
                version = Version(institution=new.institution.id, profile=new.profile.slug, number=number,
                                  state=new.state, uploader=new.user.id if new.user else None, created_at=now,
                                  updated_at=now,
                                  original_name=new.name, file_id=new.stored.file_id, sha256=new.stored.sha256,
                                  size=new.stored.size, options=new.options, structure_report=new.structure,
                                  failure=_intake_failure(new.structure))
                await version.save().run()
                if new.bind is not None:
                    await new.bind(int(version.id))
            return version, [(int(row["id"]), int(row["number"]), row["file_id"]) for row in old]
        except Exception as exc:
            if not _is_unique_violation(exc) or attempt == NUMBER_TRIES - 1:
                raise
            log.info("version number taken by a simultaneous upload; trying again")
    raise AssertionError("unreachable")


def _intake_failure(structure: dict[str, Any]) -> str | None:
    """The engine's reason when the file could not be read at all (the UI shows it in nl or en)."""
    if structure.get("stage") == "intake" and structure.get("issues"):
        return str(structure["issues"][0]["type"])
    return None


def _is_unique_violation(exc: Exception) -> bool:
    name = type(exc).__name__
    return name in ("UniqueViolationError", "IntegrityError") or "UNIQUE constraint failed" in str(exc)


# -- lookups -----------------------------------------------------------------------------------------------------


async def get_version(institution: Institution, version_id: int) -> Version:
    """The institution's version ``version_id``; another institution's or a missing id is a 404 (A10)."""
    version = await Version.objects().get((Version.id == version_id) & (Version.institution == institution.id))
    if version is None:
        raise NotFoundException()
    return version


async def open_version(institution: Institution, profile_slug: str) -> Version | None:
    """The school's own unfinished version to bring the user back to (the newest), if any.

    A version made through a submission link is the link visitor's, never the school's to continue.
    """
    version: Version | None = await Version.objects().where(
        (Version.institution == institution.id) & (Version.profile == profile_slug)
        & Version.state.is_in(list(OPEN_STATES)) & _own_versions()).order_by(Version.number, ascending=False).first()
    return version


async def progress(version_id: int) -> Progress:
    """State and rows checked of total, for the progress bar (call with a version you got from ``get_version``)."""
    row = await Version.select(Version.state, Version.progress_done, Version.progress_total, Version.attempts,
                               Version.queued_at).where(Version.id == version_id).first().run()
    if row is None:
        raise NotFoundException()
    return Progress(state=row["state"], done=int(row["progress_done"] or 0), total=row["progress_total"],
                    attempts=int(row["attempts"] or 0),
                    delayed=row["state"] == "previewed" and row["queued_at"] is None)


async def history(institution: Institution, profile_slug: str) -> list[HistoryEntry]:
    """Every version of the profile, newest first, with who uploaded and confirmed it and the counts."""
    rows = await Version.select(
        Version.id, Version.number, Version.profile, Version.state, Version.created_at, Version.original_name,
        Version.size, Version.sha256, Version.row_count, Version.confirmed_at,
        Version.uploader.email.as_alias("uploader_email"), Version.confirmed_by.email.as_alias("confirmed_by_email"),
        Version.report, Version.structure_report,
    ).where((Version.institution == institution.id) & (Version.profile == profile_slug)).order_by(
        Version.number, ascending=False).run()
    entries = []
    for row in rows:
        stats = (_loads(row["report"]) or _loads(row["structure_report"]) or {}).get("stats") or {}
        entries.append(HistoryEntry(
            id=row["id"], number=row["number"], profile=row["profile"], state=row["state"],
            created_at=row["created_at"], original_name=row["original_name"], size=int(row["size"] or 0),
            sha256=row["sha256"], row_count=row["row_count"], uploader_email=row["uploader_email"] or "",
            confirmed_at=row["confirmed_at"], confirmed_by_email=row["confirmed_by_email"] or "",
            errors=stats.get("errors"), warnings=stats.get("warnings")))
    return entries


def report_of(version: Version) -> Report:
    """The version's report: the full check's once it ran, else the structure check's."""
    data = _loads(version.report) or _loads(version.structure_report)
    if not data:
        raise NotFoundException()
    return Report.from_storage(data)


def failure_message(version: Version, lang: str) -> str | None:
    """Why the version failed (or could not be read at all), in ``lang``; None when it did not."""
    if not version.failure:
        return None
    params = _loads(version.failure_params) or {}
    if version.state == "structure-failed":
        return report_of(version).issues[0].message(lang)
    text = render_message(str(version.failure), lang, params)
    cause = params.get("cause")
    if version.failure == "check-failed" and cause:
        text += " (" + render_message(str(cause), lang, dict(params.get("cause_params") or {})) + ")"
    return text


def _loads(value: Any) -> dict[str, Any] | None:
    if isinstance(value, str):
        value = json.loads(value) if value else None
    return value if isinstance(value, dict) else None


# -- step 3 and 4 ------------------------------------------------------------------------------------------------


async def preview_rows(version: Version, count: int = 10) -> Preview:
    """Step 3: ``count`` randomly chosen data rows, read in the sandbox."""
    runtime = current()
    if version.state not in ("received", "previewed", "submitted"):  # submitted: the helpdesk's sample
        raise WrongState(str(version.state), "preview")
    if not version.file_id:
        raise UploadRefused("file-gone")
    profile = get_profile(str(version.profile))
    path = str(runtime.store.path(str(version.file_id)))
    mapped = await version_mapping(int(version.id))  # the delimiter chosen at the mapping step, if any
    delimiter = mapped.delimiter if mapped else None
    data = await anyio.to_thread.run_sync(lambda: run_in_sandbox(
        sample_rows, path, profile, filename=str(version.original_name), read_limits=runtime.limits, count=count,
        delimiter=delimiter, limits=runtime.limits))
    return Preview(headers=list(data["headers"]), rows=[(int(n), list(cells)) for n, cells in data["rows"]],
                   total=int(data["total"]))


async def start_check(version: Version, user: User | None) -> None:
    """Step 3's "Ja, ga verder": ``received`` -> ``previewed``, committed, then the message (R4).

    Asking again for a check that is already queued, running or done changes nothing. When the
    broker is down the row stays ``previewed`` without ``queued_at``: ``progress().delayed``.
    """
    runtime = current()
    async with write_transaction() as lock:
        row = await lock(Version.select(Version.state).where(
            (Version.id == version.id) & (Version.institution == version.institution))).first().run()
        if row is None:
            raise NotFoundException()
        if row["state"] in ("previewed", "checking", "invalid", "valid", "failed"):
            return
        if row["state"] != "received":
            raise WrongState(row["state"], "check")
        await Version.update({Version.state: "previewed", Version.queued_at: None, Version.attempts: 0,
                              Version.updated_at: clock.now()}).where(Version.id == version.id).run()
    await record(user, "upload.check-requested", _institution_id(version), target=f"version:{version.id}",
                 details={"profile": version.profile, "number": version.number})
    await queue_check(runtime, int(version.id))


# -- confirm, discard --------------------------------------------------------------------------------------------


async def confirm(version: Version, user: User, remark: str = "", mode: str | None = None) -> Version:
    """"Ja, bevestigen": a ``valid`` version becomes the one in force; the previous one ``superseded``.

    Refused outside the upload period (``PeriodClosed``) and, for a profile with a completeness
    step, while a missing programme has no reason (``ReasonsMissing``): nothing changes then.
    A profile with import modes applies the version under ``mode`` (``roster.apply``; None: the
    complete list where the profile offers ``sync``); a plan with error rows raises ``RowErrors``.
    """
    await ensure_open(str(version.profile))
    await require_reasons(version)
    from rosterdesk.platform.review.services import hold_for_review  # noqa: PLC0415 - review imports this module

    mode = _import_mode(version, mode)
    held = await hold_for_review(version, user, remark, mode=mode)  # review=True, or too large a change: held
    if held is not None:
        return held
    from rosterdesk.platform.records.services import apply_prepared, load_version_records  # noqa: PLC0415

    institution_id = _institution_id(version)
    scope = (Version.institution == institution_id) & (Version.profile == version.profile)
    records = await load_version_records(version) if version.state == "valid" else None  # read before the lock
    async with write_transaction() as lock:
        rows = await lock(Version.select(Version.id, Version.state).where(
            scope & ((Version.id == version.id) | (Version.state == "confirmed")))).run()
        states = {int(row["id"]): row["state"] for row in rows}
        if int(version.id) not in states:
            raise NotFoundException()
        if states[int(version.id)] != "valid":
            raise WrongState(states[int(version.id)], "confirm")
        previous = [vid for vid, state in states.items() if state == "confirmed"]
        now = clock.now()
        if previous:
            await Version.update({Version.state: "superseded", Version.updated_at: now}).where(
                Version.id.is_in(previous)).run()
        await Version.update({Version.state: "confirmed", Version.confirmed_at: now, Version.confirmed_by: user.id,
                              Version.updated_at: now}).where(Version.id == version.id).run()
        # The version in force and the institution's records change together (records.services).
        prepared = records if records is not None else await load_version_records(version)
        if mode is None:
            await apply_prepared(prepared, user)
        else:
            from rosterdesk.platform.roster.apply import apply_in_mode  # noqa: PLC0415 - roster imports records

            await apply_in_mode(prepared, user, mode)
    await record(user, "upload.confirmed", institution_id, target=f"version:{version.id}",
                 details={"profile": version.profile, "number": version.number, "superseded": previous})
    return await _reload(version)


def _import_mode(version: Version, requested: str | None) -> str | None:
    """The import mode to apply (``roster.fates.resolve_mode``); None for a profile without modes."""
    modes = get_profile(str(version.profile)).import_modes
    if not modes:
        return None
    from rosterdesk.platform.roster.fates import resolve_mode  # noqa: PLC0415

    mode = resolve_mode(modes, requested)
    if mode is None:
        raise UploadRefused("unknown-mode")
    return mode


async def discard(version: Version, user: User | None) -> None:
    """"Opnieuw beginnen": an unfinished version becomes ``discarded`` and its file is deleted."""
    runtime = current()
    async with write_transaction() as lock:
        row = await lock(Version.select(Version.state, Version.file_id).where(
            (Version.id == version.id) & (Version.institution == version.institution))).first().run()
        if row is None:
            raise NotFoundException()
        if row["state"] == "discarded":
            return
        if row["state"] not in UNFINISHED:
            raise WrongState(row["state"], "discard")
        await Version.update({Version.state: "discarded", Version.file_id: None, Version.claim: "",
                              Version.updated_at: clock.now()}).where(Version.id == version.id).run()
    await runtime.store.delete(row["file_id"])
    await record(user, "upload.discarded", _institution_id(version), target=f"version:{version.id}",
                 details={"profile": version.profile, "number": version.number, "reason": "user"})


async def _reload(version: Version) -> Version:
    fresh = await Version.objects().get(Version.id == version.id)
    if fresh is None:
        raise NotFoundException()
    return fresh


def _institution_id(version: Version) -> int:
    value = version.institution
    return int(value.id if isinstance(value, Institution) else value)


# -- downloads ---------------------------------------------------------------------------------------------------

MEDIA = {"overview": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "annotated": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


async def export(version: Version, kind: ExportKind, lang: str, user: User | None = None
                 ) -> tuple[bytes, str, str]:
    """A download of the version's report: (content, file name, media type). Audited with ``user``.

    ``annotated`` is the original file with the problems marked, built in the sandbox (it opens
    the user's file); it needs the stored file and a report past the intake stage.
    """
    runtime = current()
    report = report_of(version)
    profile = get_profile(str(version.profile))
    stem = f"{profile.slug}-v{version.number}"
    if kind == "overview":
        text = text_overview(report, lang=lang, filename=str(version.original_name), profile_title=profile.title(lang))
        content, name = (text + "\n").encode("utf-8"), f"{stem}-{'overview' if lang == 'en' else 'overzicht'}.txt"
    elif kind == "csv":
        content, name = issues_csv(report, lang), f"{stem}-{'issues' if lang == 'en' else 'meldingen'}.csv"
    elif kind == "xlsx":
        content, name = issues_xlsx(report, lang), f"{stem}-{'issues' if lang == 'en' else 'meldingen'}.xlsx"
    elif kind == "annotated":
        if not version.file_id or report.stage == "intake":
            raise UploadRefused("file-gone")
        path = runtime.store.path(str(version.file_id))
        content = await anyio.to_thread.run_sync(lambda: run_in_sandbox(
            annotated_copy, path, report, profile, lang, limits=runtime.limits))
        name = f"{stem}-{'annotated' if lang == 'en' else 'gemarkeerd'}.xlsx"
    else:
        raise NotFoundException()
    await record(user, "upload.downloaded", _institution_id(version), target=f"version:{version.id}",
                 details={"profile": version.profile, "number": version.number, "kind": kind})
    return content, name, MEDIA[kind]
