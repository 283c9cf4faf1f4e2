"""The audit log pages: everything for the superadmin, one institution for its admin."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.di import Provide
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from rosterdesk.platform.audit.services import ACTIONS, PAGE_SIZE, AuditFilter, EventPage, events
from rosterdesk.platform.tenants.controllers import ScopeDep, provide_scope
from rosterdesk.platform.web.templating import page


def _render(request: Request[Any, Any, Any], flt: AuditFilter, found: EventPage, action_url: str,
            **context: Any) -> Template:
    partial = request.headers.get("hx-request") == "true" and request.headers.get("hx-boosted") != "true"
    return page(request, "audit/_results.html" if partial else "audit/log.html", filter=flt, rows=found.rows,
                older=found.older, actions=ACTIONS, action_url=action_url, page_size=PAGE_SIZE, **context)


DEPENDENCIES = {"tenancy": Provide(provide_scope, sync_to_thread=False)}


class AuditController(Controller):
    path = ""
    dependencies = DEPENDENCIES

    @get("/admin/audit", opt={"staff": ("superadmin",)})
    async def all_events(self, request: Request[Any, Any, Any],
                         *, user: FromQuery[str | None] = None, action: FromQuery[str | None] = None,
                         since: FromQuery[str | None] = None, until: FromQuery[str | None] = None,
                         before: FromQuery[str | None] = None) -> Template:
        flt = AuditFilter.parse(user, action, since, until, before)
        return _render(request, flt, await events(flt, None), "/admin/audit", institution=None)

    @get("/i/{institution_id:int}/audit")
    async def institution_events(self, request: Request[Any, Any, Any],
                                 *, institution_id: FromPath[int], tenancy: ScopeDep,
                                 user: FromQuery[str | None] = None, action: FromQuery[str | None] = None,
                                 since: FromQuery[str | None] = None,
                                 until: FromQuery[str | None] = None,
                                 before: FromQuery[str | None] = None) -> Template:
        institution = await tenancy.institution(institution_id, roles=("admin",), staff=("superadmin",))
        flt = AuditFilter.parse(user, action, since, until, before)
        return _render(request, flt, await events(flt, institution.id), f"/i/{institution.id}/audit",
                       institution=institution)
