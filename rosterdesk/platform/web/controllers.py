"""The start page with a tile per enabled profile (seed 000), an institution's start page, health."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.di import Provide
from litestar.params import FromPath
from litestar.response import Template

from rosterdesk.importers.plugins import all_profiles
from rosterdesk.platform.tenants.controllers import ScopeDep, provide_scope
from rosterdesk.platform.tenants.scope import TenantScope
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.pages import unfinished_versions
from rosterdesk.platform.web.templating import lang_of, page


def tiles(institution: Institution | None, lang: str) -> list[dict[str, str]]:
    """One tile per profile the institution has switched on, in the installed profiles' order."""
    if institution is None:
        return []
    enabled = set(institution.profile_slugs())
    return [{"slug": p.slug, "label": (p.tile_en if lang == "en" else p.tile_nl) or p.title(lang),
             "title": p.title(lang), "description": p.description(lang)}
            for p in all_profiles() if p.slug in enabled]


DEPENDENCIES = {"tenancy": Provide(provide_scope, sync_to_thread=False)}


class HomeController(Controller):
    path = ""
    dependencies = DEPENDENCIES

    @get("/")
    async def home(self, request: Request[Any, Any, Any], tenancy: ScopeDep) -> Template:
        institutions = await tenancy.institutions() if not tenancy.staff else []
        current_id = request.session.get("iid")
        institution = None
        if institutions:
            ids = [row["id"] for row in institutions]
            chosen = current_id if current_id in ids else ids[0]
            institution = await tenancy.institution(int(str(chosen)))
        return await self._start(request, tenancy, institution, institutions)

    @get("/i/{institution_id:int}")
    async def institution_home(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                               tenancy: ScopeDep) -> Template:
        institution = await tenancy.institution(institution_id)
        request.session["iid"] = institution.id
        institutions = await tenancy.institutions() if not tenancy.staff else []
        return await self._start(request, tenancy, institution, institutions)

    async def _start(self, request: Request[Any, Any, Any], tenancy: TenantScope, institution: Institution | None,
                     institutions: list[dict[str, Any]]) -> Template:
        unfinished = await unfinished_versions(institution) if institution is not None else {}
        return page(request, "home/start.html", institution=institution, institutions=institutions,
                    tiles=tiles(institution, lang_of(request)), staff=tenancy.user.staff_role, unfinished=unfinished)

    @get("/health", opt={"public": True, "skip_session": True}, sync_to_thread=False)
    def health(self) -> dict[str, str]:
        return {"status": "ok"}
