"""The superadmin's page for upload periods (the helpdesk may look)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Template

from rosterdesk.importers.plugins import all_profiles
from rosterdesk.platform import clock
from rosterdesk.platform.errors import FormError
from rosterdesk.platform.periods import services
from rosterdesk.platform.web.forms import form_fields
from rosterdesk.platform.web.templating import lang_of, page

STAFF = {"staff": ("superadmin", "helpdesk")}
SUPERADMIN = {"staff": ("superadmin",)}


class PeriodsController(Controller):
    path = "/admin/periods"

    @get("", opt=STAFF)
    async def index(self, request: Request[Any, Any, Any]) -> Template:
        return await self._page(request)

    @post("/{profile:str}", opt=SUPERADMIN)
    async def save(self, request: Request[Any, Any, Any], profile: FromPath[str]) -> Template:
        profiles = {item.slug: item for item in all_profiles()}
        if profile not in profiles:
            raise NotFoundException()
        title = profiles[profile].title(lang_of(request))
        data = await form_fields(request)
        try:
            changed = await services.set_period(request.state.user, profile, services.parse_period(data))
        except FormError as exc:
            return await self._page(request, status_code=422, error_key=exc.key, error_field=exc.field,
                                    error_profile=profile, form=data)
        return await self._page(request, notice_key="period.saved" if changed else "period.unchanged",
                                notice_params={"profile": title})

    async def _page(self, request: Request[Any, Any, Any], status_code: int = 200, **context: Any) -> Template:
        lang = lang_of(request)
        stored = await services.periods()
        now = clock.now()
        rows = []
        for profile in all_profiles():
            period = stored.get(profile.slug, {})
            opens_on, closes_on = period.get("opens_on"), period.get("closes_on")
            rows.append({"slug": profile.slug, "title": profile.title(lang), "opens_on": opens_on,
                         "closes_on": closes_on, "retention_on": period.get("retention_on"),
                         "state": services.state_of(opens_on, closes_on, now).message(lang)})
        return page(request, "periods/periods.html", status_code=status_code, rows=rows, **context)
