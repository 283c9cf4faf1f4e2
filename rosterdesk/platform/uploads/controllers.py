"""The upload wizard's pages (seed 000, steps 1-5), its partials, downloads and the version history.

HTTP only: every read of a version goes through ``services`` with an institution that
``TenantScope`` already granted, so another institution's id answers 404 on every page, partial
and download (A10), and every step that changes something is a POST under the app's CSRF check
(A9; htmx sends the token from ``hx-headers``). Viewers may look; uploaders and admins may upload,
confirm and start again. Platform staff may look, never act for a school.

The upload itself is a separate controller (``receive.py``) mounted in a ``Router`` whose body limit
comes from the setting ``RD_UPLOAD_MAX_MB``: Litestar refuses a larger body (413) before buffering
it, and the file store stops at the same limit while the file streams to disk (F3). The pages that
several handlers render, and the scoped version lookup, are in ``pages.py``.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.exceptions.http_exceptions import RequestEntityTooLarge
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from rosterdesk.importers.profile import Profile
from rosterdesk.importers.template import template_bytes, template_filename
from rosterdesk.platform import clock
from rosterdesk.platform.periods.services import period_state
from rosterdesk.platform.roster.mapping_controllers import columns_url, needs_columns
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.submission.pages import details_context
from rosterdesk.platform.submission.services import fixed_options, parse_details, save_details
from rosterdesk.platform.tenants.controllers import ScopeDep
from rosterdesk.platform.tenants.scope import TenantScope
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads import completeness, services
from rosterdesk.platform.uploads.compare import CompareView, compare_versions
from rosterdesk.platform.uploads.completeness import ReasonsMissing
from rosterdesk.platform.uploads.errors import UploadRefused, WrongState
from rosterdesk.platform.uploads.pages import (
    DEPENDENCIES,
    MB,
    PREVIEW_ROWS,
    WAITING,
    is_htmx,
    may_upload,
    profile_of,
    scoped_version,
    start_page,
    urls,
    version_error,
    version_page,
    version_url,
    when,
    wizard_for,
    wrong_step,
)
from rosterdesk.platform.uploads.period import PeriodClosed, ensure_open
from rosterdesk.platform.uploads.receive import MULTIPART_SLACK, ReceiveController, too_large
from rosterdesk.platform.uploads.step5 import step5_page
from rosterdesk.platform.uploads.views import (
    DOWNLOAD_KINDS,
    content_disposition,
    preview_view,
    result_view,
    safe_name,
)
from rosterdesk.platform.web.forms import form_fields
from rosterdesk.platform.web.i18n import translate
from rosterdesk.platform.web.templating import lang_of, page


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
        chosen = profile_of(institution, profile)
        unfinished = await services.open_version(institution, chosen.slug)
        if unfinished is not None:
            return Redirect(path=urls(institution_id, chosen.slug, int(unfinished.id))["version"], status_code=303)
        period = await period_state(chosen.slug, clock.now())  # outside the upload period: say so, no chooser
        can_upload = period.open and await may_upload(tenancy, institution)
        return start_page(request, institution, chosen, can_upload=can_upload,
                          error_text=None if period.open else period.message(lang_of(request)),
                          fixed=await fixed_options(tenancy.user, institution, chosen))

    @get("/uploads/{profile:str}/template")
    async def template(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                       tenancy: ScopeDep) -> Response[bytes]:
        """The profile's Excel template, written from the same declaration the checks read."""
        institution = await tenancy.institution(institution_id)
        chosen = profile_of(institution, profile)
        lang = lang_of(request)
        return Response(content=template_bytes(chosen, lang), media_type=services.MEDIA["xlsx"],
                        headers={"Content-Disposition": content_disposition(template_filename(chosen, lang))})

    # -- steps 2 and 4 (and the outcome) ----------------------------------------------------------------------

    @get("/versions/{version_id:int}")
    async def version(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                      version_id: FromPath[int], tenancy: ScopeDep) -> Template | Redirect:
        """The version at the step its state puts it: structure result, progress, or the check's result."""
        wizard = await wizard_for(tenancy, institution_id, version_id)
        if needs_columns(wizard):  # a profile whose user labels the columns first (roster.mapping_controllers)
            return Redirect(path=columns_url(wizard), status_code=303)
        return await version_page(request, wizard)

    @get("/versions/{version_id:int}/progress")
    async def progress(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                       version_id: FromPath[int], tenancy: ScopeDep) -> Template | Response[str] | Redirect:
        """Step 4's polled partial; once the check is done the page reloads itself to show the result."""
        wizard = await wizard_for(tenancy, institution_id, version_id)
        if not is_htmx(request):
            return Redirect(path=version_url(wizard), status_code=303)
        state = await services.progress(int(wizard.version.id))
        if state.state not in WAITING:
            return Response(content="", status_code=200, headers={"HX-Refresh": "true"})
        return page(request, "uploads/_progress.html", **wizard.context(request), progress=state)

    @get("/versions/{version_id:int}/issues")
    async def issues(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                     version_id: FromPath[int], tenancy: ScopeDep) -> Template | Redirect:
        """The issues filtered by type and column: a partial for htmx, else the page with the filters."""
        wizard = await wizard_for(tenancy, institution_id, version_id)
        if not is_htmx(request):
            query = request.url.query
            return Redirect(path=version_url(wizard) + (f"?{query}" if query else "") + "#issues", status_code=303)
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
        wizard = await wizard_for(tenancy, institution_id, version_id)
        if wizard.version.state != "received" or needs_columns(wizard):  # the labels step replaces step 3
            return Redirect(path=version_url(wizard), status_code=303)
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
        wizard = await wizard_for(tenancy, institution_id, version_id)
        previewable = ("valid", "invalid") if wizard.profile.import_modes else ("valid",)  # fates: errors too
        if not (wizard.profile.completeness or wizard.profile.import_modes) or wizard.version.state not in previewable:
            return Redirect(path=version_url(wizard), status_code=303)
        return await step5_page(request, wizard)

    # -- actions ----------------------------------------------------------------------------------------------

    @post("/versions/{version_id:int}/check")
    async def check(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                    version_id: FromPath[int], tenancy: ScopeDep) -> Redirect | Template:
        """"Ja, ga verder": queue the content check (after the commit; a broker that is down delays it, R4)."""
        wizard = await wizard_for(tenancy, institution_id, version_id, act=True)
        try:
            await services.start_check(wizard.version, request.state.user)
        except WrongState as exc:
            return await wrong_step(request, tenancy, wizard, exc)
        return Redirect(path=version_url(wizard), status_code=303)

    @post("/versions/{version_id:int}/confirm")
    async def confirm(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                      version_id: FromPath[int], tenancy: ScopeDep) -> Redirect | Template:
        """"Ja, bevestigen": this version becomes the active one; the previous one is superseded."""
        wizard = await wizard_for(tenancy, institution_id, version_id, act=True)
        details = None
        if wizard.profile.review and wizard.version.state == "valid":  # instantie, name, e-mail (seed 003)
            details = parse_details(await request.form(), wizard.institution, request.state.user)
            if details.errors:
                return await version_page(request, wizard, status_code=422, extra=details_context(details))
        mode: str | None = None
        try:
            if wizard.profile.completeness:  # step 5's reasons: stored first, or the form again (422)
                await ensure_open(wizard.profile.slug)
                await completeness.accept(wizard.version, wizard.institution, await request.form(),
                                          request.state.user)
            fields = await form_fields(request)
            mode = fields.get("mode") if wizard.profile.import_modes else None  # roster.fates.resolve_mode
            await services.confirm(wizard.version, request.state.user, remark=fields.get("remark", ""), mode=mode)
            if details is not None:
                await save_details(int(wizard.version.id), details)
        except UploadRefused as exc:  # an unknown import mode, or rows with errors: nothing changed (422)
            if not wizard.profile.import_modes:
                raise
            return await step5_page(request, wizard, status_code=422, error_text=exc.message(lang_of(request)),
                                    mode=mode)
        except ReasonsMissing as exc:
            return await step5_page(request, wizard, status_code=422, errors=exc.errors, values=exc.values)
        except PeriodClosed as exc:  # after the upload period nothing changes (409, said plainly)
            if wizard.profile.completeness and wizard.version.state == "valid":
                return await step5_page(request, wizard, status_code=409, error_text=exc.message(lang_of(request)))
            return await version_page(request, wizard, status_code=409, error_text=exc.message(lang_of(request)))
        except WrongState as exc:
            if exc.state == "confirmed":  # a second click: it is done, show it
                return Redirect(path=version_url(wizard), status_code=303)
            return await wrong_step(request, tenancy, wizard, exc)
        return Redirect(path=version_url(wizard), status_code=303)

    @post("/versions/{version_id:int}/discard")
    async def discard(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                      version_id: FromPath[int], tenancy: ScopeDep) -> Redirect | Template:
        """"Opnieuw beginnen": the unfinished version and its file go; back to step 1."""
        wizard = await wizard_for(tenancy, institution_id, version_id, act=True)
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
        wizard = await wizard_for(tenancy, institution_id, version_id)
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
        chosen = profile_of(institution, profile)
        entries = await services.history(institution, chosen.slug)
        lang = lang_of(request)
        reasons = await completeness.reasons_of([e.id for e in entries], lang)
        versions = [{"id": e.id, "number": e.number, "who": e.uploader_email, "when": when(e.created_at),
                     "name": safe_name(e.original_name), "state": e.state,
                     "rows": "" if e.row_count is None else e.row_count,
                     "errors": "" if e.errors is None else e.errors,
                     "warnings": "" if e.warnings is None else e.warnings,
                     "url": urls(institution_id, chosen.slug, e.id)["version"],
                     "reasons": reasons.get(e.id, [])} for e in entries]
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
        chosen = profile_of(institution, profile)
        a, b = _ids(request)
        if not is_htmx(request):
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


def upload_routes(settings: Settings) -> list[ControllerRouterHandler]:
    """The wizard's handlers for ``create_app``; the upload's body limit is this app's setting."""
    receiving = Router(path="/", route_handlers=[ReceiveController],
                       request_max_body_size=settings.uploads.max_mb * MB + MULTIPART_SLACK,
                       exception_handlers={RequestEntityTooLarge: too_large})
    return [WizardController, receiving]
