"""Submission links: the institution admin's pages, and the public pages ``/s/<token>`` (seed 003, leerlinglijst).

The public pages run the wizard's own steps and templates (structure check, preview, content check
in the worker, submit to the helpdesk) for someone without an account. They are ``public`` for the
access guard, but CSRF still applies to every POST. A link reaches one institution and one profile,
and only the versions made through it in the visitor's own session: any other version id answers
the plain 404 of a missing one. An unknown, expired or revoked token answers one page with 404, the
same for all three. POSTs are rate-limited per client address and uploads also per link.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Controller, Request, Response, Router, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import NotFoundException
from litestar.exceptions.http_exceptions import RequestEntityTooLarge
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler, ExceptionHandlersMap

from rosterdesk.importers.errors import UnknownProfile
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.template import template_bytes, template_filename
from rosterdesk.platform import clock
from rosterdesk.platform.auth import throttle
from rosterdesk.platform.errors import FormError
from rosterdesk.platform.periods.services import period_state
from rosterdesk.platform.review.services import hold_for_review
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.submission import services
from rosterdesk.platform.submission.pages import LinkWizard, details_context, link_urls
from rosterdesk.platform.submission.services import OpenLink
from rosterdesk.platform.tenants.controllers import ScopeDep
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads import services as uploads
from rosterdesk.platform.uploads.errors import UploadRefused, WrongState
from rosterdesk.platform.uploads.pages import (
    DEPENDENCIES,
    MB,
    PREVIEW_ROWS,
    WAITING,
    is_htmx,
    start_page,
    version_error,
    version_page,
)
from rosterdesk.platform.uploads.receive import MULTIPART_SLACK, too_large, upload_chunks
from rosterdesk.platform.uploads.views import (
    DOWNLOAD_KINDS,
    content_disposition,
    preview_view,
    read_options,
    result_view,
)
from rosterdesk.platform.web.forms import form_fields
from rosterdesk.platform.web.templating import lang_of, page, text

ADMIN_ROLES = ("admin",)
NO_STAFF: tuple[str, ...] = ()
PUBLIC = {"public": True}
WINDOW = timedelta(hours=1)
LINK_UPLOADS_PER_HOUR = 30
"""Files received through one link per hour (all its visitors together)."""
ADDRESS_ACTIONS_PER_HOUR = 60
"""POSTs (upload, check, submit, start again) from one client address per hour, over all links."""
SESSION_KEY = "rd_link_versions"


# -- the institution admin's pages ----------------------------------------------------------------------------------


def _profiles(institution: Institution) -> list[Profile]:
    found = []
    for slug in institution.profile_slugs():
        try:
            profile = get_profile(slug)
        except UnknownProfile:
            continue
        if profile.review:
            found.append(profile)
    return found


class LinkAdminController(Controller):
    """``/i/<id>/submission-links``: list, make (the link shown once) and revoke; institution admins only."""

    path = "/i/{institution_id:int}/submission-links"
    dependencies = DEPENDENCIES

    async def _page(self, request: Request[Any, Any, Any], institution: Institution, *, status_code: int = 200,
                    **context: Any) -> Template:
        rows = await services.links_of(institution)
        lang = lang_of(request)
        links = [{"id": row.id, "label": row.label, "profile": _title(row.profile, lang),
                  "created": row.created_at.strftime("%Y-%m-%d"), "by": row.created_by,
                  "expires": row.expires_at.strftime("%Y-%m-%d %H:%M"), "uses": row.uses,
                  "status": "revoked" if row.revoked_at is not None else ("active" if row.active else "expired")}
                 for row in rows]
        return page(request, "submission/links.html", status_code=status_code, institution=institution,
                    links=links, profiles=_profiles(institution), default_days=services.DEFAULT_DAYS,
                    max_days=services.MAX_DAYS, **context)

    @get("")
    async def index(self, request: Request[Any, Any, Any], institution_id: FromPath[int], tenancy: ScopeDep
                    ) -> Template:
        institution = await tenancy.institution(institution_id, roles=ADMIN_ROLES, staff=NO_STAFF)
        return await self._page(request, institution)

    @post("")
    async def create(self, request: Request[Any, Any, Any], institution_id: FromPath[int], tenancy: ScopeDep
                     ) -> Template:
        institution = await tenancy.institution(institution_id, roles=ADMIN_ROLES, staff=NO_STAFF)
        data = await form_fields(request)
        try:
            profile = get_profile(data.get("profile", ""))
        except UnknownProfile:
            profile = None
        settings: Settings = request.app.state.settings
        try:
            if profile is None:
                raise FormError("links.profile-invalid", "profile")
            _, token = await services.create_link(settings, request.state.user, institution, profile,
                                                  days_text=data.get("days", ""), label=data.get("label", ""))
        except FormError as exc:
            return await self._page(request, institution, status_code=422, error_key=exc.key,
                                    error_params=exc.params, form=data)
        return await self._page(request, institution, status_code=201,
                                new_url=f"{settings.base_url.rstrip('/')}/s/{token}")

    @post("/{link_id:int}/revoke")
    async def revoke(self, request: Request[Any, Any, Any], institution_id: FromPath[int], link_id: FromPath[int],
                     tenancy: ScopeDep) -> Template:
        institution = await tenancy.institution(institution_id, roles=ADMIN_ROLES, staff=NO_STAFF)
        await services.revoke_link(request.state.user, institution, link_id)
        return await self._page(request, institution, notice_key="links.revoked-notice")


def _title(slug: str, lang: str) -> str:
    try:
        return get_profile(slug).title(lang)
    except UnknownProfile:
        return slug


# -- the public pages -------------------------------------------------------------------------------------------------


class LinkUnusable(NotFoundException):
    """An unknown, expired or revoked token: one answer for all three (no enumeration)."""


class Throttled(Exception):
    """Too many POSTs from this address, or uploads through this link, in the last hour."""


def unusable_page(request: Request[Any, Any, Any], exc: Exception) -> Template:
    return page(request, "submission/invalid.html", status_code=404)


def throttled_page(request: Request[Any, Any, Any], exc: Exception) -> Template:
    return page(request, "submission/invalid.html", status_code=429, throttled=True)


async def _open(request: Request[Any, Any, Any], token: str) -> OpenLink:
    found = await services.resolve(request.app.state.settings, token)
    if found is None:
        raise LinkUnusable()
    return found


def _profile(found: OpenLink) -> Profile:
    try:
        return get_profile(str(found.link.profile))
    except UnknownProfile:
        raise LinkUnusable() from None


def _client(request: Request[Any, Any, Any]) -> str:
    """The address the connection came from (X-Forwarded-For is not trusted)."""
    return request.client.host if request.client is not None else "unknown"


async def _allow(request: Request[Any, Any, Any], found: OpenLink, *, upload: bool = False) -> None:
    settings: Settings = request.app.state.settings
    if not await throttle.allow_in_window(throttle.key(settings, "link-address", _client(request)),
                                          ADDRESS_ACTIONS_PER_HOUR, WINDOW):
        raise Throttled()
    if upload and not await throttle.allow_in_window(throttle.key(settings, "link-upload", str(found.link.id)),
                                                     LINK_UPLOADS_PER_HOUR, WINDOW):
        raise Throttled()


def _mine(request: Request[Any, Any, Any], found: OpenLink) -> list[int]:
    kept = request.session.get(SESSION_KEY) or {}
    return [int(v) for v in kept.get(str(found.link.id), [])] if isinstance(kept, dict) else []


def _remember(request: Request[Any, Any, Any], found: OpenLink, version_id: int) -> None:
    kept = request.session.get(SESSION_KEY) or {}
    kept = dict(kept) if isinstance(kept, dict) else {}
    kept[str(found.link.id)] = [*_mine(request, found), version_id][-20:]
    request.session[SESSION_KEY] = kept


async def _wizard(request: Request[Any, Any, Any], token: str, version_id: int) -> tuple[OpenLink, LinkWizard]:
    """The link, and the version if it was made through it in this session; else the 404 of a missing id."""
    found = await _open(request, token)
    if version_id not in _mine(request, found):
        raise NotFoundException()
    version = await services.link_version(found.link, version_id)
    return found, LinkWizard(institution=found.institution, profile=_profile(found), version=version,
                             can_upload=True, token=token)


def _start(request: Request[Any, Any, Any], found: OpenLink, token: str, *, status_code: int = 200,
           error_text: str | None = None, chosen: dict[str, str] | None = None) -> Template:
    template = start_page(request, found.institution, _profile(found), can_upload=True, error_text=error_text,
                          chosen=chosen, status_code=status_code, extra={"public": True})
    template.context["urls"] = link_urls(token)
    return template


HANDLERS: ExceptionHandlersMap = {LinkUnusable: unusable_page, Throttled: throttled_page}


class PublicLinkController(Controller):
    """``/s/<token>``: the wizard for a visitor without an account."""

    path = "/s/{token:str}"
    opt = PUBLIC
    exception_handlers = HANDLERS

    @get("")
    async def start(self, request: Request[Any, Any, Any], token: FromPath[str]) -> Template:
        found = await _open(request, token)
        period = await period_state(str(found.link.profile), clock.now())
        if not period.open:
            return _start(request, found, token, error_text=period.message(lang_of(request)))
        return _start(request, found, token)

    @get("/template")
    async def template(self, request: Request[Any, Any, Any], token: FromPath[str]) -> Response[bytes]:
        found = await _open(request, token)
        profile, lang = _profile(found), lang_of(request)
        return Response(content=template_bytes(profile, lang), media_type=uploads.MEDIA["xlsx"],
                        headers={"Content-Disposition": content_disposition(template_filename(profile, lang))})

    @get("/v/{version_id:int}")
    async def version(self, request: Request[Any, Any, Any], token: FromPath[str], version_id: FromPath[int]
                      ) -> Template:
        _, wizard = await _wizard(request, token, version_id)
        return await version_page(request, wizard)

    @get("/v/{version_id:int}/preview")
    async def preview(self, request: Request[Any, Any, Any], token: FromPath[str], version_id: FromPath[int]
                      ) -> Template | Redirect:
        _, wizard = await _wizard(request, token, version_id)
        if wizard.version.state != "received":
            return Redirect(path=wizard.urls["version"], status_code=303)
        try:
            rows = await uploads.preview_rows(wizard.version, PREVIEW_ROWS)
        except UploadRefused as exc:
            return version_error(request, wizard, exc.message(lang_of(request)))
        return page(request, "uploads/preview.html", **wizard.context(request, 3), preview=preview_view(rows))

    @get("/v/{version_id:int}/progress")
    async def progress(self, request: Request[Any, Any, Any], token: FromPath[str], version_id: FromPath[int]
                       ) -> Template | Response[str] | Redirect:
        _, wizard = await _wizard(request, token, version_id)
        if not is_htmx(request):
            return Redirect(path=wizard.urls["version"], status_code=303)
        state = await uploads.progress(int(wizard.version.id))
        if state.state not in WAITING:
            return Response(content="", status_code=200, headers={"HX-Refresh": "true"})
        return page(request, "uploads/_progress.html", **wizard.context(request), progress=state)

    @get("/v/{version_id:int}/issues")
    async def issues(self, request: Request[Any, Any, Any], token: FromPath[str], version_id: FromPath[int]
                     ) -> Template | Redirect:
        _, wizard = await _wizard(request, token, version_id)
        if not is_htmx(request) or wizard.version.report is None:
            return Redirect(path=wizard.urls["version"] + "#issues", status_code=303)
        result = result_view(uploads.report_of(wizard.version), lang_of(request),
                             chosen_type=request.query_params.get("type", ""),
                             chosen_column=request.query_params.get("column", ""))
        return page(request, "uploads/_issues.html", **wizard.context(request), result=result)

    @get("/v/{version_id:int}/download/{kind:str}")
    async def download(self, request: Request[Any, Any, Any], token: FromPath[str], version_id: FromPath[int],
                       kind: FromPath[str]) -> Response[bytes] | Template:
        _, wizard = await _wizard(request, token, version_id)
        if kind not in DOWNLOAD_KINDS:
            raise NotFoundException()
        try:
            content, name, media_type = await uploads.export(wizard.version, kind, lang_of(request))  # type: ignore[arg-type]
        except UploadRefused as exc:
            return version_error(request, wizard, exc.message(lang_of(request)), status_code=410)
        return Response(content=content, media_type=media_type,
                        headers={"Content-Disposition": content_disposition(name)})

    @post("/v/{version_id:int}/check")
    async def check(self, request: Request[Any, Any, Any], token: FromPath[str], version_id: FromPath[int]
                    ) -> Redirect | Template:
        found, wizard = await _wizard(request, token, version_id)
        await _allow(request, found)
        try:
            await uploads.start_check(wizard.version, None)
        except WrongState:
            return await self._again(request, token, version_id, 409)
        return Redirect(path=wizard.urls["version"], status_code=303)

    @post("/v/{version_id:int}/discard")
    async def discard(self, request: Request[Any, Any, Any], token: FromPath[str], version_id: FromPath[int]
                      ) -> Redirect | Template:
        found, wizard = await _wizard(request, token, version_id)
        await _allow(request, found)
        try:
            await uploads.discard(wizard.version, None)
        except WrongState:
            return await self._again(request, token, version_id, 409)
        return Redirect(path=link_urls(token)["start"], status_code=303)

    @post("/v/{version_id:int}/submit")
    async def submit(self, request: Request[Any, Any, Any], token: FromPath[str], version_id: FromPath[int]
                     ) -> Redirect | Template:
        """Step 5: instantie, name and e-mail required, then always to the helpdesk (never applied here)."""
        found, wizard = await _wizard(request, token, version_id)
        await _allow(request, found)
        details = services.parse_details(await request.form(), found.institution)
        if details.errors:
            return await version_page(request, wizard, status_code=422, extra=details_context(details))
        try:
            held = await hold_for_review(wizard.version, None, details.remark, email=details.email,
                                         lang=lang_of(request))
        except WrongState:
            held = None
        if held is None:  # not (or no longer) valid: the page as it is now
            return await self._again(request, token, version_id, 409)
        await services.save_details(int(wizard.version.id), details, link_id=int(found.link.id),
                                    language=lang_of(request))
        await services.count_use(found.link, wizard.version, details)
        return Redirect(path=wizard.urls["version"], status_code=303)

    async def _again(self, request: Request[Any, Any, Any], token: str, version_id: int, status_code: int
                     ) -> Template:
        _, fresh = await _wizard(request, token, version_id)
        return await version_page(request, fresh, status_code=status_code,
                                  error_text=text(request, "wizard.wrong-step", number=fresh.version.number,
                                                  state=text(request, f"state.{fresh.version.state}")))



class PublicReceiveController(Controller):
    """Step 1's POST through a link: the same checks as the school's own upload, no account."""

    path = "/s/{token:str}"
    opt = PUBLIC
    exception_handlers = HANDLERS

    @post("/file")
    async def receive(self, request: Request[Any, Any, Any], token: FromPath[str]) -> Template | Redirect:
        found = await _open(request, token)
        profile = _profile(found)
        form = await request.form()
        try:
            await _allow(request, found, upload=True)
            upload = form.get("file")
            options, bad_option = read_options(profile, form)
            period = await period_state(profile.slug, clock.now())
            if not period.open:
                return _start(request, found, token, status_code=422, error_text=period.message(lang_of(request)))
            if not isinstance(upload, UploadFile) or not upload.filename:
                return _start(request, found, token, status_code=422, chosen=options,
                              error_text=text(request, "step1.no-file"))
            if bad_option is not None:
                option = profile.option(bad_option)
                label = (option.help_en if lang_of(request) == "en" else option.help_nl) if option else ""
                label = label or bad_option
                return _start(request, found, token, status_code=422, chosen=options,
                              error_text=text(request, "step1.option-missing", option=label))
            try:
                version = await uploads.receive(found.institution, None, profile, upload.filename,
                                                upload_chunks(upload), options, discard_unfinished=False,
                                                bind=lambda version_id: services.bind_version(found.link, version_id))
            except UploadRefused as exc:
                return _start(request, found, token, status_code=413 if exc.type == "upload-too-large" else 422,
                              chosen=options, error_text=text(request, "step1.refused",
                                                              reason=exc.message(lang_of(request))))
            _remember(request, found, int(version.id))
        finally:
            for value in form.values():
                if isinstance(value, UploadFile):
                    await value.close()
        return Redirect(path=link_urls(token, int(version.id))["version"], status_code=303)


def link_routes(settings: Settings) -> list[ControllerRouterHandler]:
    """The admin's and the public pages for ``create_app``; the public upload has the upload's body limit."""
    receiving = Router(path="/", route_handlers=[PublicReceiveController],
                       request_max_body_size=settings.uploads.max_mb * MB + MULTIPART_SLACK,
                       exception_handlers={RequestEntityTooLarge: too_large})
    return [LinkAdminController, PublicLinkController, receiving]
