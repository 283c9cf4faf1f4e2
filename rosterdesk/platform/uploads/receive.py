"""Step 1's POST: the file (multipart) and the profile's options, stored as a new version.

Mounted by ``controllers.upload_routes`` in a ``Router`` whose body limit is ``RD_UPLOAD_MAX_MB``
plus room for the multipart envelope: Litestar answers a larger body with 413 before buffering it
(the router's handler turns that into the wizard's message), and the file store stops at the same
limit while the file streams to disk in 1 MB pieces (F3).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from litestar import Controller, Request, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath
from litestar.response import Redirect, Template

from rosterdesk.importers.profile import Profile
from rosterdesk.platform import clock
from rosterdesk.platform.periods.services import period_state
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.submission.services import fixed_options
from rosterdesk.platform.tenants.controllers import ScopeDep
from rosterdesk.platform.uploads import services
from rosterdesk.platform.uploads.errors import UploadRefused
from rosterdesk.platform.uploads.pages import (
    DEPENDENCIES,
    MB,
    NO_STAFF,
    UPLOAD_PATH,
    UPLOAD_ROLES,
    profile_of,
    start_page,
    urls,
)
from rosterdesk.platform.uploads.views import read_options, size_text
from rosterdesk.platform.web.templating import lang_of, page, text

CHUNK = MB
MULTIPART_SLACK = 64 * 1024
"""Room for the multipart boundaries and the small form fields around the file."""


async def upload_chunks(upload: UploadFile) -> AsyncIterator[bytes]:
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
        chosen = profile_of(institution, profile)
        form = await request.form()
        upload = form.get("file")
        fixed = await fixed_options(tenancy.user, institution, chosen)  # school type from the membership (A11)
        options, bad_option = read_options(chosen, form, fixed)
        try:
            period = await period_state(chosen.slug, clock.now())
            if not period.open:  # the upload period (set by the superadmin) has not begun or has ended
                return start_page(request, institution, chosen, can_upload=False, status_code=422,
                                  error_text=period.message(lang_of(request)))
            if not isinstance(upload, UploadFile) or not upload.filename:
                return start_page(request, institution, chosen, can_upload=True, chosen=options, fixed=fixed,
                                  status_code=422,
                                  error_text=text(request, "step1.no-file"))
            if bad_option is not None:
                return start_page(request, institution, chosen, can_upload=True, chosen=options, fixed=fixed,
                                  status_code=422,
                                  error_text=text(request, "step1.option-missing", option=_option_label(
                                      chosen, bad_option, lang_of(request))))
            try:
                version = await services.receive(institution, request.state.user, chosen, upload.filename,
                                                 upload_chunks(upload), options)
            except UploadRefused as exc:
                status = 413 if exc.type == "upload-too-large" else 422
                return start_page(request, institution, chosen, can_upload=True, chosen=options, fixed=fixed,
                                  status_code=status,
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
