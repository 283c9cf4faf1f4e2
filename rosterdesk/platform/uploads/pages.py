"""The wizard's building blocks shared by its controllers: addresses, the scoped version lookup, and
the pages that several handlers render (step 1, the version at its step, the refusals).

Every version a page shows comes from ``wizard_for``/``scoped_version``: the institution through
``TenantScope`` (404 for a foreign or missing one, 403 for a missing role), then
``services.get_version`` scoped to it, so another institution's version answers exactly like a
missing one (A10) and the attempt is logged and audited.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from litestar import Request
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.response import Template

from rosterdesk.importers.errors import UnknownProfile
from rosterdesk.importers.issues import column_letter
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.review.pages import review_context
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.tenants.controllers import provide_scope
from rosterdesk.platform.tenants.scope import TenantScope
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads import completeness, services
from rosterdesk.platform.uploads.errors import WrongState
from rosterdesk.platform.uploads.tables import UNFINISHED, Version
from rosterdesk.platform.uploads.views import (
    DOWNLOAD_KINDS,
    accept_attribute,
    formats_text,
    issue_rows,
    option_fields,
    result_view,
    safe_name,
    size_text,
    steps,
    stored_report,
)
from rosterdesk.platform.web.templating import lang_of, page, text

log = logging.getLogger("rosterdesk.uploads")

MB = 1024 * 1024
UPLOAD_ROLES = ("admin", "uploader")
NO_STAFF: tuple[str, ...] = ()
"""Staff may look at a school's versions but never upload or confirm for it."""
PREVIEW_ROWS = 10
UPLOAD_PATH = "file"
"""Step 1's form posts to ``/i/<id>/uploads/<profile>/file`` (its own route, with its own body limit)."""
DEPENDENCIES = {"tenancy": Provide(provide_scope, sync_to_thread=False)}
STEP_OF_STATE = {"received": 2, "structure-failed": 2, "previewed": 4, "checking": 4, "invalid": 4, "valid": 4,
                 "failed": 4, "confirmed": 6, "superseded": 6, "discarded": 0, "submitted": 6, "rejected": 6}
"""The step a version's state puts the user at (6: every step done; 0: none, it was thrown away)."""
WAITING = ("previewed", "checking")
COUNTED = ("confirmed", "superseded", "submitted")
"""States whose page shows the students per programme (groups under five as "< 5"), for profiles that count."""


def is_htmx(request: Request[Any, Any, Any]) -> bool:
    """An htmx request for a fragment (a boosted link or form wants the whole page)."""
    return request.headers.get("hx-request") == "true" and request.headers.get("hx-boosted") != "true"


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def profile_of(institution: Institution, slug: str) -> Profile:
    """The profile if this institution has it switched on; otherwise a 404 like any unknown path."""
    if slug not in institution.profile_slugs():
        raise NotFoundException()
    try:
        return get_profile(slug)
    except UnknownProfile:
        raise NotFoundException() from None


def version_profile(version: Version) -> Profile:
    try:
        return get_profile(str(version.profile))
    except UnknownProfile:
        raise NotFoundException() from None


def urls(institution_id: int, slug: str, version_id: int | None = None) -> dict[str, str]:
    """Every address the wizard's templates link to, built in one place."""
    start = f"/i/{institution_id}/uploads/{slug}"
    result = {"start": start, "upload": f"{start}/{UPLOAD_PATH}", "template": f"{start}/template",
              "history": f"{start}/history", "compare": f"{start}/compare"}
    if version_id is not None:
        base = f"/i/{institution_id}/versions/{version_id}"
        result.update(version=base, preview=f"{base}/preview", progress=f"{base}/progress", issues=f"{base}/issues",
                      complete=f"{base}/complete", check=f"{base}/check", confirm=f"{base}/confirm",
                      discard=f"{base}/discard", download=f"{base}/download/")
    return result


async def may_upload(tenancy: TenantScope, institution: Institution) -> bool:
    if tenancy.user.staff_role:
        return False
    return await tenancy.role_in(int(institution.id)) in UPLOAD_ROLES


@dataclass
class Wizard:
    """One request's view of one version: who asks, for which institution, which profile."""

    institution: Institution
    profile: Profile
    version: Version
    can_upload: bool

    @property
    def urls(self) -> dict[str, str]:
        return urls(int(self.institution.id), self.profile.slug, int(self.version.id))

    def context(self, request: Request[Any, Any, Any], current: int | None = None) -> dict[str, Any]:
        """What every version page needs: the header, the steps, the buttons' addresses."""
        step = STEP_OF_STATE.get(str(self.version.state), 2) if current is None else current
        return {"institution": self.institution, "profile": self.profile, "version": self.version,
                "filename": safe_name(str(self.version.original_name)), "can_upload": self.can_upload,
                "urls": self.urls, "steps": steps(self.profile, step), "current_step": max(min(step, 5), 1),
                "open_states": UNFINISHED, "has_file": bool(self.version.file_id),
                "download_kinds": DOWNLOAD_KINDS}


async def wizard_for(tenancy: TenantScope, institution_id: int, version_id: int, *, act: bool = False) -> Wizard:
    """The version through the scoped accessor: a foreign institution or version id is a 404 (A10)."""
    if act:
        institution = await tenancy.institution(institution_id, roles=UPLOAD_ROLES, staff=NO_STAFF)
    else:
        institution = await tenancy.institution(institution_id)
    version = await scoped_version(tenancy, institution, version_id)
    return Wizard(institution=institution, profile=version_profile(version), version=version,
                  can_upload=act or await may_upload(tenancy, institution))


async def scoped_version(tenancy: TenantScope, institution: Institution, version_id: int) -> Version:
    """``services.get_version``, and when the id exists elsewhere the attempt is logged and audited (A10).

    The answer stays the plain 404 of a missing id; only the log tells the two apart.
    """
    try:
        return await services.get_version(institution, version_id)
    except NotFoundException:
        if await Version.exists().where(Version.id == version_id).run():
            log.warning("user %s asked for version %s through institution %s", tenancy.user.id, version_id,
                        institution.id)
            await record(tenancy.user, "tenant.access-denied", institution=int(institution.id),
                         target=f"version:{version_id}")
        raise


def version_url(wizard: Wizard) -> str:
    return wizard.urls["version"]


def start_page(request: Request[Any, Any, Any], institution: Institution, profile: Profile, *, can_upload: bool,
               error_text: str | None = None, chosen: dict[str, str] | None = None, status_code: int = 200,
               fixed: dict[str, str] | None = None, extra: dict[str, Any] | None = None) -> Template:
    """Step 1: the profile, its instructions and columns, the template, the file chooser."""
    lang = lang_of(request)
    settings: Settings = request.app.state.settings
    max_bytes = settings.uploads.max_mb * MB
    columns = [{"letter": column_letter(index), "header": column.header, "required": column.required,
                "help": column.help(lang), "rule": column.rule(lang)} for index, column in enumerate(profile.columns)]
    return page(request, "uploads/start.html", status_code=status_code, institution=institution, profile=profile,
                urls=urls(int(institution.id), profile.slug), steps=steps(profile, 1), version=None,
                can_upload=can_upload, columns=columns, formats=formats_text(profile, lang),
                accept=accept_attribute(profile), options=option_fields(profile, lang, chosen, fixed,
                                                                   leave_out=profile.mapping_switches),
                max_bytes=max_bytes, max_size=size_text(max_bytes, lang), error_text=error_text, **(extra or {}))


async def version_page(request: Request[Any, Any, Any], wizard: Wizard, *, status_code: int = 200,
                       error_text: str | None = None, extra: dict[str, Any] | None = None) -> Template:
    """The version at its step (see ``STEP_OF_STATE``), with whatever that step shows."""
    lang = lang_of(request)
    version = wizard.version
    state = str(version.state)
    context: dict[str, Any] = wizard.context(request)
    structure = stored_report(version.structure_report)
    context["structure_rows"] = issue_rows(structure, lang)
    context["columns_found"] = int((structure.stats if structure else {}).get("columns") or len(wizard.profile.columns))
    context["failure"] = services.failure_message(version, lang) or ""
    context["error_text"] = error_text
    if state in WAITING:
        context["progress"] = await services.progress(int(version.id))
    result = None
    if version.report is not None and state not in WAITING:
        report = services.report_of(version)
        result = result_view(report, lang, chosen_type=request.query_params.get("type", ""),
                             chosen_column=request.query_params.get("column", ""))
    context["result"] = result
    context["confirmed_at"] = when(version.confirmed_at)
    context["counts"] = await completeness.counts_of(version, lang) if state in COUNTED else None
    context["confirmed_by"] = await _email_of(version.confirmed_by)
    if wizard.profile.import_modes and state in COUNTED:  # the count per fate applied, as step 5 showed them
        from rosterdesk.platform.roster.pages import applied_counts  # noqa: PLC0415 - roster imports this module

        context["applied"] = await applied_counts(version, lang)
    if state in ("submitted", "rejected"):  # held for the helpdesk: the review's remark, reason and dates
        context.update(await review_context(version))
    context.update(extra or {})  # the submit form's details and their errors (submission.pages)
    return page(request, "uploads/version.html", status_code=status_code, **context)


async def _email_of(user_id: Any) -> str:
    if not user_id:
        return ""
    row = await User.select(User.email).where(User.id == user_id).first().run()
    return str(row["email"]) if row else ""


async def wrong_step(request: Request[Any, Any, Any], tenancy: TenantScope, wizard: Wizard, exc: WrongState
                     ) -> Template:
    """A step the version's state no longer (or not yet) allows: 409 with the version as it is now and
    why, instead of an error page (a second tab, a double click, an invalid file's "confirm")."""
    fresh = await wizard_for(tenancy, int(wizard.institution.id), int(wizard.version.id))
    if exc.action == "confirm" and exc.state == "invalid":
        message = text(request, "step5.not-valid", reason=text(request, "step5.has-errors"))
    else:
        message = text(request, "wizard.wrong-step", number=fresh.version.number,
                       state=text(request, f"state.{exc.state}"))
    return await version_page(request, fresh, status_code=409, error_text=message)


def version_error(request: Request[Any, Any, Any], wizard: Wizard, message: str, *, status_code: int = 422
                  ) -> Template:
    """A step that cannot go on (the file is gone, say): the message, and the way back."""
    return page(request, "uploads/refused.html", status_code=status_code, **wizard.context(request), message=message,
                back=version_url(wizard))


async def unfinished_versions(institution: Institution) -> dict[str, dict[str, Any]]:
    """Per profile, the unfinished version to come back to (the start page's tiles link to it): after
    logging in again the user is one click from the step they left (seed 000, step 4)."""
    rows = await Version.select(Version.id, Version.profile, Version.number, Version.state).where(
        (Version.institution == institution.id) & Version.state.is_in(list(services.OPEN_STATES))).order_by(
        Version.number, ascending=False).run()
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        slug = str(row["profile"])
        if slug not in found:
            found[slug] = {"number": row["number"], "state": row["state"],
                           "url": urls(int(institution.id), slug, int(row["id"]))["version"]}
    return found
