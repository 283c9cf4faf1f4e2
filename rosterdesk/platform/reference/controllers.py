"""Pages for reference data: the superadmin's imports, searching RIO for a new institution, and an
institution's programmes and locations as RIO has them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Controller, Request, get, post
from litestar.datastructures import UploadFile
from litestar.di import Provide
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from rosterdesk.importers.duo import OPTIONAL_FILES, REQUIRED_FILES
from rosterdesk.platform.reference import services
from rosterdesk.platform.reference.errors import ReferenceRefused
from rosterdesk.platform.reference.unpack import MAX_UPLOAD_BYTES, MB, Incoming
from rosterdesk.platform.tenants.controllers import ScopeDep, provide_scope
from rosterdesk.platform.web.templating import lang_of, page

STAFF = {"staff": ("superadmin", "helpdesk")}
SUPERADMIN = {"staff": ("superadmin",)}
VIEW_ROLES = ("admin",)
VIEW_STAFF = ("superadmin", "helpdesk")
DEPENDENCIES = {"tenancy": Provide(provide_scope, sync_to_thread=False)}
MAX_FILES = 20
"""Form parts the import accepts (DUO's six files and the CSRF token, with room to spare)."""


def data_dir(request: Request[Any, Any, Any]) -> Path:
    path: Path = request.app.state.settings.app.data_dir
    return path


class ReferenceAdminController(Controller):
    """The superadmin imports DUO's files; the helpdesk may look at the imports."""

    path = "/admin/reference"

    @get("", opt=STAFF)
    async def index(self, request: Request[Any, Any, Any]) -> Template:
        return await self._page(request)

    @post("", opt=SUPERADMIN, request_max_body_size=MAX_UPLOAD_BYTES)
    async def upload(self, request: Request[Any, Any, Any]) -> Template:
        form = await request.form()
        uploads = [value for value in form.getall("files") if isinstance(value, UploadFile)] if "files" in form else []
        if len(uploads) > MAX_FILES:
            refused = ReferenceRefused("reference.refused-unknown", file=f"{len(uploads)} files",
                                       expected=", ".join(REQUIRED_FILES))
            return await self._page(request, refused=refused, status_code=422)
        incoming = [Incoming(filename=upload.filename or "", data=await upload.read()) for upload in uploads]
        try:
            result = await services.import_files(data_dir(request), incoming, actor=request.state.user,
                                                 origin="upload")
        except ReferenceRefused as exc:
            return await self._page(request, refused=exc, status_code=422)
        finally:
            for upload in uploads:
                await upload.close()
        row = result.row
        return await self._page(request, notice_key="reference.imported",
                                notice_params={"id": row.id, "institutions": row.institutions,
                                               "programmes": row.programmes, "locations": row.locations})

    async def _page(self, request: Request[Any, Any, Any], *, refused: ReferenceRefused | None = None,
                    status_code: int = 200, **context: Any) -> Template:
        return page(request, "reference/imports.html", status_code=status_code, imports=await services.imports(),
                    refused=refused.message(lang_of(request)) if refused else None,
                    required=", ".join(REQUIRED_FILES), optional=", ".join(OPTIONAL_FILES),
                    limit=MAX_UPLOAD_BYTES // MB, **context)


class RioSearchController(Controller):
    """The superadmin finds an institution in RIO to create it with name and code filled in."""

    path = "/admin/rio"

    @get("", opt=SUPERADMIN)
    async def search(self, request: Request[Any, Any, Any], q: FromQuery[str | None] = None) -> Template:
        query = (q or "").strip()[:100]
        reference = await services.current_reference(data_dir(request))
        results: list[dict[str, Any]] = []
        if reference is not None and query:
            results = services.search_institutions(reference, query, services.SEARCH_LIMIT + 1)
        existing = await services.existing_institutions([row["code"] for row in results])
        return page(request, "reference/rio_search.html", query=query, available=reference is not None,
                    results=results[:services.SEARCH_LIMIT], more=len(results) > services.SEARCH_LIMIT,
                    limit=services.SEARCH_LIMIT, existing=existing)


class InstitutionRioController(Controller):
    """An institution's programmes and locations as RIO has them (its admins and platform staff)."""

    path = "/i/{institution_id:int}/rio"
    dependencies = DEPENDENCIES

    @get("")
    async def show(self, request: Request[Any, Any, Any], institution_id: FromPath[int], tenancy: ScopeDep) -> Template:
        institution = await tenancy.institution(institution_id, roles=VIEW_ROLES, staff=VIEW_STAFF)
        row = await services.newest_import()
        view: dict[str, Any] | None = None
        if row is not None and institution.brin:
            view = services.institution_view(await services.reference_of(row, data_dir(request)), institution.brin)
        return page(request, "reference/institution.html", institution=institution, reference_import=row, view=view)
