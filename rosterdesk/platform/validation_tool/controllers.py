"""``/i/<id>/check/<profile>``: the validation tool's page and its POST (seed 002).

Any profile the institution has switched on (``profile_of``: another profile is a 404, and so is
another institution's id, through ``TenantScope``). Every member may use it, viewers too, and the
helpdesk and superadmin: it stores nothing, so there is nothing a viewer could change. It works
outside the upload period for the same reason.

The POST is mounted in a ``Router`` whose body limit is the uploads' ``RD_UPLOAD_MAX_MB`` (plus
room for the multipart envelope): Litestar refuses a larger body (413) before buffering it, and
the copy to the temporary file stops at the same limit (``services.TooLarge``).
"""

from __future__ import annotations

import logging
from typing import Any

from litestar import Controller, Request, Router, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions.http_exceptions import RequestEntityTooLarge
from litestar.params import FromPath
from litestar.response import Template
from litestar.types import ControllerRouterHandler

from rosterdesk.importers.errors import UnknownProfile
from rosterdesk.importers.issues import column_letter
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.tenants.controllers import ScopeDep
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.pages import DEPENDENCIES, MB, is_htmx, profile_of
from rosterdesk.platform.uploads.pages import urls as wizard_urls
from rosterdesk.platform.uploads.receive import MULTIPART_SLACK, upload_chunks
from rosterdesk.platform.uploads.views import (
    accept_attribute,
    formats_text,
    option_fields,
    read_options,
    result_view,
    safe_name,
    size_text,
)
from rosterdesk.platform.validation_tool import services
from rosterdesk.platform.validation_tool.services import Outcome, TooLarge
from rosterdesk.platform.web.templating import lang_of, page, text

log = logging.getLogger("rosterdesk.validation_tool")

CHUNK = MB
SHOW_ALL = 1_000_000
"""Every issue the report kept is listed (the report itself caps each type; the page says so)."""


def check_url(institution_id: int, slug: str) -> str:
    return f"/i/{institution_id}/check/{slug}"


def companions(institution: Institution, profile: Profile) -> list[Profile]:
    """The profile and its siblings that this institution has switched on (same family: the slug's part
    before the first '-', so ``cjp-students`` brings ``cjp-teachers``): the seed's page offers the
    students' and the teachers' template side by side."""
    family = profile.slug.split("-", 1)[0]
    found = []
    for slug in institution.profile_slugs():
        if slug == profile.slug or slug.split("-", 1)[0] == family:
            try:
                found.append(get_profile(slug))
            except UnknownProfile:
                continue
    found.sort(key=lambda p: p.slug != profile.slug)  # this page's profile first
    return found


def result_context(outcome: Outcome, lang: str, filename: str) -> dict[str, Any]:
    """The verdict and the issues, errors apart from warnings, each type with its exact count."""
    report = outcome.report
    view = result_view(report, lang, per_type=SHOW_ALL)
    stats = report.stats
    return {"usable": outcome.usable, "valid": report.valid, "rows": int(stats.get("rows", 0) or 0),
            "errors": int(stats.get("errors", 0) or 0), "warnings": int(stats.get("warnings", 0) or 0),
            "types": view.types, "error_groups": [g for g in view.groups if g.severity == "error"],
            "warning_groups": [g for g in view.groups if g.severity != "error"], "filename": safe_name(filename)}


def tool_page(request: Request[Any, Any, Any], institution: Institution, profile: Profile, *,
              result: dict[str, Any] | None = None, error_text: str | None = None,
              chosen: dict[str, str] | None = None, status_code: int = 200) -> Template:
    lang = lang_of(request)
    settings: Settings = request.app.state.settings
    max_bytes = settings.uploads.max_mb * MB
    institution_id = int(institution.id)
    templates = [{"slug": p.slug, "title": p.title(lang), "template": wizard_urls(institution_id, p.slug)["template"],
                  "check": check_url(institution_id, p.slug), "current": p.slug == profile.slug}
                 for p in companions(institution, profile)]
    columns = [{"letter": column_letter(index), "header": column.header, "required": column.required,
                "help": column.help(lang)} for index, column in enumerate(profile.columns)]
    context = {"institution": institution, "profile": profile, "templates": templates, "columns": columns,
               "action": check_url(institution_id, profile.slug),
               "upload_url": wizard_urls(institution_id, profile.slug)["start"],
               "formats": formats_text(profile, lang), "accept": accept_attribute(profile),
               "options": option_fields(profile, lang, chosen), "max_bytes": max_bytes,
               "max_size": size_text(max_bytes, lang), "result": result, "error_text": error_text}
    if is_htmx(request):
        return page(request, "validation_tool/_result.html", status_code=status_code, **context)
    return page(request, "validation_tool/check.html", status_code=status_code, **context)



class ValidationToolController(Controller):
    """The page (GET) and the check (POST); nothing is stored by either."""

    path = "/i/{institution_id:int}/check/{profile:str}"
    dependencies = DEPENDENCIES

    @get("")
    async def show(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                   tenancy: ScopeDep) -> Template:
        institution = await tenancy.institution(institution_id)
        return tool_page(request, institution, profile_of(institution, profile))

    @post("")
    async def check(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                    tenancy: ScopeDep) -> Template:
        institution = await tenancy.institution(institution_id)
        chosen = profile_of(institution, profile)
        form = await request.form()
        try:
            upload = form.get("file")
            options, bad_option = read_options(chosen, form)
            if not isinstance(upload, UploadFile) or not upload.filename:
                return tool_page(request, institution, chosen, chosen=options, status_code=422,
                                 error_text=text(request, "tool.no-file"))
            if bad_option is not None:
                label = next((o["label"] for o in option_fields(chosen, lang_of(request)) if o["key"] == bad_option),
                             bad_option)
                return tool_page(request, institution, chosen, chosen=options, status_code=422,
                                 error_text=text(request, "tool.option-missing", option=label))
            try:
                outcome = await services.check_upload(institution, request.state.user, chosen, upload.filename,
                                                      upload_chunks(upload), options)
            except TooLarge as exc:
                return tool_page(request, institution, chosen, chosen=options, status_code=413,
                                 error_text=text(request, "tool.too-large",
                                                 size=size_text(exc.limit_bytes, lang_of(request))))
            except Exception as exc:  # a plain sentence for the user; no value of the file in the log
                log.error("validation tool: the check of a %s file failed (%s)", chosen.slug, type(exc).__name__)
                return tool_page(request, institution, chosen, chosen=options, status_code=503,
                                 error_text=text(request, "tool.failed"))
            return tool_page(request, institution, chosen, chosen=options,
                             result=result_context(outcome, lang_of(request), upload.filename))
        finally:
            for value in form.values():
                if isinstance(value, UploadFile):
                    await value.close()


def too_large(request: Request[Any, Any, Any], exc: Exception) -> Template:
    """413 from the body limit, before anything was read: the tool's words and the way back."""
    settings: Settings = request.app.state.settings
    message = text(request, "tool.too-large", size=size_text(settings.uploads.max_mb * MB, lang_of(request)))
    if is_htmx(request):  # the form's target: the answer's place on the page
        return page(request, "validation_tool/_result.html", status_code=413, error_text=message, result=None)
    return page(request, "validation_tool/refused.html", status_code=413, message=message, back=request.url.path)


def tool_routes(settings: Settings) -> list[ControllerRouterHandler]:
    """The tool's handlers for ``create_app``, with the uploads' body limit."""
    return [Router(path="/", route_handlers=[ValidationToolController],
                   request_max_body_size=settings.uploads.max_mb * MB + MULTIPART_SLACK,
                   exception_handlers={RequestEntityTooLarge: too_large})]
