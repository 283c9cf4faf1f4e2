"""The upload wizard's pages (seed 000, steps 1-5), its partials, downloads and the version history.

HTTP only: every read of a version goes through ``services`` with an institution that
``TenantScope`` already granted, so another institution's id answers 404 on every page, partial
and download (A10), and every step that changes something is a POST under the app's CSRF check
(A9; htmx sends the token from ``hx-headers``). Viewers may look; uploaders and admins may upload,
confirm and start again. Platform staff may look, never act for a school.

The upload itself is a separate controller mounted in a ``Router`` whose body limit comes from the
setting ``RD_UPLOAD_MAX_MB``: Litestar refuses a larger body (413) before buffering it, and the file
store stops at the same limit while the file streams to disk (F3).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from litestar import Controller, Request, Response, Router, get, post
from litestar.datastructures import UploadFile
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.exceptions.http_exceptions import RequestEntityTooLarge
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from rosterdesk.importers.errors import UnknownProfile
from rosterdesk.importers.issues import column_letter
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.template import template_bytes, template_filename
from rosterdesk.platform import clock
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.periods.services import period_state
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.tenants.controllers import ScopeDep, provide_scope
from rosterdesk.platform.tenants.scope import TenantScope
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads import services
from rosterdesk.platform.uploads.compare import CompareView, compare_versions
from rosterdesk.platform.uploads.errors import UploadRefused, WrongState
from rosterdesk.platform.uploads.tables import UNFINISHED, Version
from rosterdesk.platform.uploads.views import (
    DOWNLOAD_KINDS,
    accept_attribute,
    content_disposition,
    formats_text,
    issue_rows,
    option_fields,
    preview_view,
    read_options,
    result_view,
    safe_name,
    size_text,
    steps,
    stored_report,
)
from rosterdesk.platform.web.i18n import translate
from rosterdesk.platform.web.templating import TEMPLATES, lang_of, page, text

log = logging.getLogger("rosterdesk.uploads")

MB = 1024 * 1024
MULTIPART_SLACK = 64 * 1024
"""Room for the multipart boundaries and the small form fields around the file."""
UPLOAD_ROLES = ("admin", "uploader")
NO_STAFF: tuple[str, ...] = ()
"""Staff may look at a school's versions but never upload or confirm for it."""
CHUNK = MB
PREVIEW_ROWS = 10
UPLOAD_PATH = "file"
"""Step 1's form posts to ``/i/<id>/uploads/<profile>/file`` (its own route, with its own body limit)."""
DEPENDENCIES = {"tenancy": Provide(provide_scope, sync_to_thread=False)}
STEP_OF_STATE = {"received": 2, "structure-failed": 2, "previewed": 4, "checking": 4, "invalid": 4, "valid": 4,
                 "failed": 4, "confirmed": 6, "superseded": 6, "discarded": 0}
"""The step a version's state puts the user at (6: every step done; 0: none, it was thrown away)."""
WAITING = ("previewed", "checking")


def _is_htmx(request: Request[Any, Any, Any]) -> bool:
    """An htmx request for a fragment (a boosted link or form wants the whole page)."""
    return request.headers.get("hx-request") == "true" and request.headers.get("hx-boosted") != "true"


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def _profile(institution: Institution, slug: str) -> Profile:
    """The profile if this institution has it switched on; otherwise a 404 like any unknown path."""
    if slug not in institution.profile_slugs():
        raise NotFoundException()
    try:
        return get_profile(slug)
    except UnknownProfile:
        raise NotFoundException() from None


def _version_profile(version: Version) -> Profile:
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


async def _can_upload(tenancy: TenantScope, institution: Institution) -> bool:
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


async def _wizard(tenancy: TenantScope, institution_id: int, version_id: int, *, act: bool = False) -> Wizard:
    """The version through the scoped accessor: a foreign institution or version id is a 404 (A10)."""
    if act:
        institution = await tenancy.institution(institution_id, roles=UPLOAD_ROLES, staff=NO_STAFF)
    else:
        institution = await tenancy.institution(institution_id)
    version = await scoped_version(tenancy, institution, version_id)
    return Wizard(institution=institution, profile=_version_profile(version), version=version,
                  can_upload=act or await _can_upload(tenancy, institution))


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


def _version_url(wizard: Wizard) -> str:
    return wizard.urls["version"]


class WizardController(Controller):
    """Steps 1-5, the partials that poll and filter, the downloads and the history."""

    path = "/i/{institution_id:int}"
    dependencies = DEPENDENCIES

    # -- step 1 ---------------------------------------------------------------------------------------------

    @get("/uploads/{profile:str}")
    async def start(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                    tenancy: ScopeDep) -> Template | Redirect:
        """Step 1; an unfinished version brings the user back to where they were (seed 000, step 4)."""
        institution = await tenancy.institution(institution_id)
        chosen = _profile(institution, profile)
        unfinished = await services.open_version(institution, chosen.slug)
        if unfinished is not None:
            return Redirect(path=urls(institution_id, chosen.slug, int(unfinished.id))["version"], status_code=303)
        period = await period_state(chosen.slug, clock.now())  # outside the upload period: say so, no chooser
        can_upload = period.open and await _can_upload(tenancy, institution)
        return start_page(request, institution, chosen, can_upload=can_upload,
                          error_text=None if period.open else period.message(lang_of(request)))

    @get("/uploads/{profile:str}/template")
    async def template(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                       tenancy: ScopeDep) -> Response[bytes]:
        """The profile's Excel template, written from the same declaration the checks read."""
        institution = await tenancy.institution(institution_id)
        chosen = _profile(institution, profile)
        lang = lang_of(request)
        return Response(content=template_bytes(chosen, lang), media_type=services.MEDIA["xlsx"],
                        headers={"Content-Disposition": content_disposition(template_filename(chosen, lang))})

    # -- steps 2 and 4 (and the outcome) ----------------------------------------------------------------------

    @get("/versions/{version_id:int}")
    async def version(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                      version_id: FromPath[int], tenancy: ScopeDep) -> Template:
        """The version at the step its state puts it: structure result, progress, or the check's result."""
        wizard = await _wizard(tenancy, institution_id, version_id)
        return await version_page(request, wizard)

    @get("/versions/{version_id:int}/progress")
    async def progress(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                       version_id: FromPath[int], tenancy: ScopeDep) -> Template | Response[str] | Redirect:
        """Step 4's polled partial; once the check is done the page reloads itself to show the result."""
        wizard = await _wizard(tenancy, institution_id, version_id)
        if not _is_htmx(request):
            return Redirect(path=_version_url(wizard), status_code=303)
        state = await services.progress(int(wizard.version.id))
        if state.state not in WAITING:
            return Response(content="", status_code=200, headers={"HX-Refresh": "true"})
        return page(request, "uploads/_progress.html", **wizard.context(request), progress=state)

    @get("/versions/{version_id:int}/issues")
    async def issues(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                     version_id: FromPath[int], tenancy: ScopeDep) -> Template | Redirect:
        """The issues filtered by type and column: a partial for htmx, else the page with the filters."""
        wizard = await _wizard(tenancy, institution_id, version_id)
        if not _is_htmx(request):
            query = request.url.query
            return Redirect(path=_version_url(wizard) + (f"?{query}" if query else "") + "#issues", status_code=303)
        report = services.report_of(wizard.version) if wizard.version.report is not None else None
        if report is None:
            raise NotFoundException()
        result = result_view(report, lang_of(request), chosen_type=request.query_params.get("type", ""),
                             chosen_column=request.query_params.get("column", ""))
        return page(request, "uploads/_issues.html", **wizard.context(request), result=result)

    # -- step 3 ---------------------------------------------------------------------------------------------

    @get("/versions/{version_id:int}/preview")
    async def preview(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                      version_id: FromPath[int], tenancy: ScopeDep) -> Template | Redirect:
        """Ten randomly chosen rows in their columns, to check by eye (seed 000, step 3)."""
        wizard = await _wizard(tenancy, institution_id, version_id)
        if wizard.version.state != "received":
            return Redirect(path=_version_url(wizard), status_code=303)
        try:
            rows = await services.preview_rows(wizard.version, PREVIEW_ROWS)
        except UploadRefused as exc:
            return version_error(request, wizard, exc.message(lang_of(request)))
        return page(request, "uploads/preview.html", **wizard.context(request, 3), preview=preview_view(rows))

    # -- step 5 ---------------------------------------------------------------------------------------------

    @get("/versions/{version_id:int}/complete")
    async def complete(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                       version_id: FromPath[int], tenancy: ScopeDep) -> Template | Redirect:
        """The profile's completeness step, then "Ja, bevestigen" (only profiles that declare one)."""
        wizard = await _wizard(tenancy, institution_id, version_id)
        if not wizard.profile.completeness or wizard.version.state != "valid":
            return Redirect(path=_version_url(wizard), status_code=303)
        name = f"uploads/completeness/{wizard.profile.completeness}.html"
        return page(request, "uploads/confirm.html", **wizard.context(request, 5),
                    completeness_template=name if (TEMPLATES / name).is_file() else None)

    # -- actions ----------------------------------------------------------------------------------------------

    @post("/versions/{version_id:int}/check")
    async def check(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                    version_id: FromPath[int], tenancy: ScopeDep) -> Redirect | Template:
        """"Ja, ga verder": queue the content check (after the commit; a broker that is down delays it, R4)."""
        wizard = await _wizard(tenancy, institution_id, version_id, act=True)
        try:
            await services.start_check(wizard.version, request.state.user)
        except WrongState as exc:
            return await wrong_step(request, tenancy, wizard, exc)
        return Redirect(path=_version_url(wizard), status_code=303)

    @post("/versions/{version_id:int}/confirm")
    async def confirm(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                      version_id: FromPath[int], tenancy: ScopeDep) -> Redirect | Template:
        """"Ja, bevestigen": this version becomes the active one; the previous one is superseded."""
        wizard = await _wizard(tenancy, institution_id, version_id, act=True)
        try:
            await services.confirm(wizard.version, request.state.user)
        except WrongState as exc:
            if exc.state == "confirmed":  # a second click: it is done, show it
                return Redirect(path=_version_url(wizard), status_code=303)
            return await wrong_step(request, tenancy, wizard, exc)
        return Redirect(path=_version_url(wizard), status_code=303)

    @post("/versions/{version_id:int}/discard")
    async def discard(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                      version_id: FromPath[int], tenancy: ScopeDep) -> Redirect | Template:
        """"Opnieuw beginnen": the unfinished version and its file go; back to step 1."""
        wizard = await _wizard(tenancy, institution_id, version_id, act=True)
        try:
            await services.discard(wizard.version, request.state.user)
        except WrongState as exc:
            return await wrong_step(request, tenancy, wizard, exc)
        return Redirect(path=wizard.urls["start"], status_code=303)

    # -- downloads --------------------------------------------------------------------------------------------

    @get("/versions/{version_id:int}/download/{kind:str}")
    async def download(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                       version_id: FromPath[int], kind: FromPath[str], tenancy: ScopeDep
                       ) -> Response[bytes] | Template:
        """Text overview, CSV, XLSX or the annotated original; audited by the service."""
        wizard = await _wizard(tenancy, institution_id, version_id)
        if kind not in DOWNLOAD_KINDS:
            raise NotFoundException()
        try:
            content, name, media_type = await services.export(wizard.version, kind, lang_of(request),  # type: ignore[arg-type]
                                                              request.state.user)
        except UploadRefused as exc:
            return version_error(request, wizard, exc.message(lang_of(request)), status_code=410)
        return Response(content=content, media_type=media_type,
                        headers={"Content-Disposition": content_disposition(name)})

    # -- history ----------------------------------------------------------------------------------------------

    @get("/uploads/{profile:str}/history")
    async def history(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                      tenancy: ScopeDep) -> Template:
        """Every version with who, when, state and counts; two chosen versions compared (query a, b)."""
        institution = await tenancy.institution(institution_id)
        chosen = _profile(institution, profile)
        entries = await services.history(institution, chosen.slug)
        lang = lang_of(request)
        versions = [{"id": e.id, "number": e.number, "who": e.uploader_email, "when": _when(e.created_at),
                     "name": safe_name(e.original_name), "state": e.state,
                     "rows": "" if e.row_count is None else e.row_count,
                     "errors": "" if e.errors is None else e.errors,
                     "warnings": "" if e.warnings is None else e.warnings,
                     "url": urls(institution_id, chosen.slug, e.id)["version"]} for e in entries]
        a, b = _ids(request)
        diff, diff_error = await _compare(tenancy, institution, chosen, (a, b), lang) if a or b else (None, None)
        if not (a or b) and len(entries) > 1:  # preselect the newest two, older first; compare on request
            a, b = entries[1].id, entries[0].id
        return page(request, "uploads/history.html", institution=institution, profile=chosen,
                    urls=urls(institution_id, chosen.slug), versions=versions, chosen_a=a, chosen_b=b, diff=diff,
                    diff_error=diff_error)

    @get("/uploads/{profile:str}/compare")
    async def compare(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                      tenancy: ScopeDep) -> Template | Redirect:
        """The difference between versions ``a`` and ``b`` (a partial; the page for a plain request)."""
        institution = await tenancy.institution(institution_id)
        chosen = _profile(institution, profile)
        a, b = _ids(request)
        if not _is_htmx(request):
            return Redirect(path=f"{urls(institution_id, chosen.slug)['history']}?a={a}&b={b}#diff", status_code=303)
        diff, diff_error = await _compare(tenancy, institution, chosen, (a, b), lang_of(request))
        return page(request, "uploads/_diff.html", diff=diff, diff_error=diff_error)


def _ids(request: Request[Any, Any, Any]) -> tuple[int, int]:
    """Versions ``a`` and ``b`` from the query; anything but a number is 0 (no such version)."""
    values = []
    for name in ("a", "b"):
        raw = request.query_params.get(name, "")
        values.append(int(raw) if raw.isdigit() and len(raw) < 12 else 0)
    return values[0], values[1]


async def _compare(tenancy: TenantScope, institution: Institution, profile: Profile, pair: tuple[int, int],
                   lang: str) -> tuple[CompareView | None, str | None]:
    """Both ids through the scoped service (a foreign one is a 404), then the records' diff."""
    a, b = pair
    old = await scoped_version(tenancy, institution, a)
    new = await scoped_version(tenancy, institution, b)
    if old.profile != profile.slug or new.profile != profile.slug:
        raise NotFoundException()
    if old.id == new.id:
        return None, translate("history.compare-same", lang)
    if int(old.number) > int(new.number):
        old, new = new, old
    return await compare_versions(institution, old, new, profile, lang)


# -- page builders (also used by the receiving controller and the error handler) -------------------------------


def start_page(request: Request[Any, Any, Any], institution: Institution, profile: Profile, *, can_upload: bool,
               error_text: str | None = None, chosen: dict[str, str] | None = None, status_code: int = 200
               ) -> Template:
    """Step 1: the profile, its instructions and columns, the template, the file chooser."""
    lang = lang_of(request)
    settings: Settings = request.app.state.settings
    max_bytes = settings.uploads.max_mb * MB
    columns = [{"letter": column_letter(index), "header": column.header, "required": column.required,
                "help": column.help(lang), "rule": column.rule(lang)} for index, column in enumerate(profile.columns)]
    return page(request, "uploads/start.html", status_code=status_code, institution=institution, profile=profile,
                urls=urls(int(institution.id), profile.slug), steps=steps(profile, 1), version=None,
                can_upload=can_upload, columns=columns, formats=formats_text(profile, lang),
                accept=accept_attribute(profile), options=option_fields(profile, lang, chosen),
                max_bytes=max_bytes, max_size=size_text(max_bytes, lang), error_text=error_text)


async def version_page(request: Request[Any, Any, Any], wizard: Wizard, *, status_code: int = 200,
                       error_text: str | None = None) -> Template:
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
    context["confirmed_at"] = _when(version.confirmed_at)
    context["confirmed_by"] = await _email_of(version.confirmed_by)
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
    fresh = await _wizard(tenancy, int(wizard.institution.id), int(wizard.version.id))
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
                back=_version_url(wizard))


# -- receiving the file ----------------------------------------------------------------------------------------


async def _chunks(upload: UploadFile) -> AsyncIterator[bytes]:
    """The uploaded file in 1 MB pieces, as the file store wants them (never all at once)."""
    while chunk := await upload.read(CHUNK):
        yield chunk


class ReceiveController(Controller):
    """POST of step 1: store the file as a new version and check its structure at once (step 2)."""

    path = "/i/{institution_id:int}/uploads/{profile:str}"
    dependencies = DEPENDENCIES

    @post(f"/{UPLOAD_PATH}")
    async def receive(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                      tenancy: ScopeDep) -> Template | Redirect:
        institution = await tenancy.institution(institution_id, roles=UPLOAD_ROLES, staff=NO_STAFF)
        chosen = _profile(institution, profile)
        form = await request.form()
        upload = form.get("file")
        options, bad_option = read_options(chosen, form)
        try:
            period = await period_state(chosen.slug, clock.now())
            if not period.open:  # the upload period (set by the superadmin) has not begun or has ended
                return start_page(request, institution, chosen, can_upload=False, status_code=422,
                                  error_text=period.message(lang_of(request)))
            if not isinstance(upload, UploadFile) or not upload.filename:
                return start_page(request, institution, chosen, can_upload=True, chosen=options, status_code=422,
                                  error_text=text(request, "step1.no-file"))
            if bad_option is not None:
                return start_page(request, institution, chosen, can_upload=True, chosen=options, status_code=422,
                                  error_text=text(request, "step1.option-missing", option=_option_label(
                                      chosen, bad_option, lang_of(request))))
            try:
                version = await services.receive(institution, request.state.user, chosen, upload.filename,
                                                 _chunks(upload), options)
            except UploadRefused as exc:
                status = 413 if exc.type == "upload-too-large" else 422
                return start_page(request, institution, chosen, can_upload=True, chosen=options, status_code=status,
                                  error_text=text(request, "step1.refused", reason=exc.message(lang_of(request))))
        finally:
            for value in form.values():
                if isinstance(value, UploadFile):
                    await value.close()
        return Redirect(path=urls(institution_id, chosen.slug, int(version.id))["version"], status_code=303)


def _option_label(profile: Profile, key: str, lang: str) -> str:
    option = profile.option(key)
    if option is None:
        return key
    return (option.help_en if lang == "en" else option.help_nl) or key


def too_large(request: Request[Any, Any, Any], exc: Exception) -> Template:
    """413 from the body limit: the same words as the file store's refusal, and the way back to step 1."""
    settings: Settings = request.app.state.settings
    size = size_text(settings.uploads.max_mb * MB, lang_of(request))
    return page(request, "uploads/refused.html", status_code=413, message=text(request, "step1.too-large", size=size),
                back=request.url.path.removesuffix(f"/{UPLOAD_PATH}"), institution=None, steps=None, version=None)


def upload_routes(settings: Settings) -> list[ControllerRouterHandler]:
    """The wizard's handlers for ``create_app``; the upload's body limit is this app's setting."""
    receiving = Router(path="/", route_handlers=[ReceiveController],
                       request_max_body_size=settings.uploads.max_mb * MB + MULTIPART_SLACK,
                       exception_handlers={RequestEntityTooLarge: too_large})
    return [WizardController, receiving]
