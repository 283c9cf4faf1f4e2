"""Pages for institutions (superadmin) and their users (institution admin)."""

from __future__ import annotations

from typing import Any, TypeAlias

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from rosterdesk.platform.auth.controllers import AuthDep, provide_auth
from rosterdesk.platform.errors import FormError
from rosterdesk.platform.reference.services import current_reference, institution_values
from rosterdesk.platform.tenants.scope import ROLES, TenantScope
from rosterdesk.platform.tenants.services import KINDS, TenantService, parse_institution, profile_choices
from rosterdesk.platform.tenants.tables import SCHOOL_TYPES, Institution
from rosterdesk.platform.web.forms import form_fields, form_list
from rosterdesk.platform.web.templating import page

SUPERADMIN = {"staff": ("superadmin",)}
ADMIN_ROLES = ("admin",)
ADMIN_STAFF = ("superadmin",)


def provide_scope(request: Request[Any, Any, Any]) -> TenantScope:
    return TenantScope(request.state.user)


def provide_tenants(auth: AuthDep) -> TenantService:
    return TenantService(auth)


ScopeDep: TypeAlias = NamedDependency[TenantScope]
TenantsDep: TypeAlias = NamedDependency[TenantService]
DEPENDENCIES = {"tenancy": Provide(provide_scope, sync_to_thread=False),
                "auth": Provide(provide_auth, sync_to_thread=False),
                "tenants": Provide(provide_tenants, sync_to_thread=False)}


def _form_values(institution: Institution | None) -> dict[str, Any]:
    if institution is None:
        return {"name": "", "kind": "HO", "brin": "", "locations": "", "profiles": [], "two_factor_required": True}
    return {"name": institution.name, "kind": institution.kind, "brin": institution.brin,
            "locations": ", ".join(institution.location_codes()), "profiles": institution.profile_slugs(),
            "two_factor_required": institution.two_factor_required}


class InstitutionAdminController(Controller):
    """Superadmin: list, create and edit institutions (helpdesk may look)."""

    path = "/admin/institutions"
    dependencies = DEPENDENCIES

    @get("", opt={"staff": ("superadmin", "helpdesk")})
    async def index(self, request: Request[Any, Any, Any], tenancy: ScopeDep) -> Template:
        return page(request, "tenants/institutions.html", institutions=await tenancy.institutions())

    @get("/new", opt=SUPERADMIN)
    async def new_form(self, request: Request[Any, Any, Any], rio: FromQuery[str | None] = None) -> Template:
        """The empty form, or with ``?rio=CODE`` filled in from the reference data in force."""
        values = _form_values(None)
        if not rio:
            return self._form(request, None, values)
        code = rio.strip().upper()[:8]
        reference = await current_reference(request.app.state.settings.app.data_dir)
        found = institution_values(reference, code) if reference is not None else None
        if found is None:
            return self._form(request, None, values, FormError("rio.not-found", "brin", code=code), status_code=404)
        return self._form(request, None, {**values, **found}, notice=("rio.prefilled", {"code": code}))

    @post("/new", opt=SUPERADMIN)
    async def create(self, request: Request[Any, Any, Any], tenants: TenantsDep) -> Template | Redirect:
        data = await form_fields(request)
        chosen = await form_list(request, "profiles")
        values = {**data, "profiles": chosen, "two_factor_required": data.get("two_factor_required") == "on"}
        try:
            parsed = parse_institution(data, chosen)
            institution = await tenants.create(request.state.user, parsed)
        except FormError as exc:
            return self._form(request, None, values, exc, status_code=422)
        first_admin = data.get("first_admin", "").strip()
        if first_admin:
            try:
                await tenants.invite(request.state.user, institution, email_text=first_admin, name="", role="admin",
                                     lang=request.app.state.settings.app.language)
            except FormError as exc:
                return self._form(request, institution, {**values, "first_admin": first_admin}, exc,
                                  status_code=422)
        return Redirect(path=f"/i/{institution.id}/members", status_code=303)

    @get("/{institution_id:int}", opt=SUPERADMIN)
    async def edit_form(self, request: Request[Any, Any, Any],
                        institution_id: FromPath[int], tenancy: ScopeDep) -> Template:
        institution = await tenancy.institution(institution_id)
        return self._form(request, institution, _form_values(institution))

    @post("/{institution_id:int}", opt=SUPERADMIN)
    async def update(self, request: Request[Any, Any, Any], institution_id: FromPath[int], tenancy: ScopeDep,
                     tenants: TenantsDep) -> Template:
        institution = await tenancy.institution(institution_id)
        data = await form_fields(request)
        chosen = await form_list(request, "profiles")
        values = {**data, "profiles": chosen, "two_factor_required": data.get("two_factor_required") == "on"}
        try:
            await tenants.update(request.state.user, institution, parse_institution(data, chosen))
        except FormError as exc:
            return self._form(request, institution, values, exc, status_code=422)
        institution = await tenancy.institution(institution_id)
        return self._form(request, institution, _form_values(institution), saved=True)

    def _form(self, request: Request[Any, Any, Any], institution: Institution | None, values: dict[str, Any],
              error: FormError | None = None, *, status_code: int = 200, saved: bool = False,
              notice: tuple[str, dict[str, Any]] | None = None) -> Template:
        return page(request, "tenants/institution_form.html", status_code=status_code, institution=institution,
                    values=values, kinds=KINDS, profiles=profile_choices(), saved=saved,
                    notice_key=notice[0] if notice else None, notice_params=notice[1] if notice else {},
                    error_key=error.key if error else None, error_params=error.params if error else {},
                    error_field=error.field if error else None)


class MembersController(Controller):
    """An institution's users: the institution admin invites, changes roles, removes."""

    path = "/i/{institution_id:int}/members"
    dependencies = DEPENDENCIES

    async def _page(self, request: Request[Any, Any, Any], tenancy: TenantScope, institution: Institution,
                    status_code: int = 200, **context: Any) -> Template:
        template = "tenants/members.html"
        if request.headers.get("hx-request") == "true" and request.headers.get("hx-boosted") != "true":
            template = "tenants/_members.html"
        return page(request, template, status_code=status_code, institution=institution, roles=ROLES,
                    members=await tenancy.members(institution), school_types=SCHOOL_TYPES,
                    with_school_type="intergrip" in institution.profile_slugs(), **context)

    @get("")
    async def index(self, request: Request[Any, Any, Any],
                    institution_id: FromPath[int], tenancy: ScopeDep) -> Template:
        institution = await tenancy.institution(institution_id, roles=ADMIN_ROLES, staff=ADMIN_STAFF)
        return await self._page(request, tenancy, institution)

    @post("")
    async def invite(self, request: Request[Any, Any, Any], institution_id: FromPath[int], tenancy: ScopeDep,
                     tenants: TenantsDep) -> Template:
        institution = await tenancy.institution(institution_id, roles=ADMIN_ROLES, staff=ADMIN_STAFF)
        data = await form_fields(request)
        email = data.get("email", "")
        try:
            outcome = await tenants.invite(request.state.user, institution, email_text=email, name=data.get("name", ""),
                                           role=data.get("role", ""), lang=request.state.lang)
        except FormError as exc:
            return await self._page(request, tenancy, institution, status_code=422, error_key=exc.key,
                                    error_params=exc.params, form=data)
        notice = {"invited": "members.invited", "added": "members.added", "already": "members.already"}[outcome]
        return await self._page(request, tenancy, institution, notice_key=notice, notice_params={"email": email})

    @post("/{membership_id:int}/role")
    async def change_role(self, request: Request[Any, Any, Any],
                          institution_id: FromPath[int], membership_id: FromPath[int],
                          tenancy: ScopeDep, tenants: TenantsDep) -> Template:
        institution = await tenancy.institution(institution_id, roles=ADMIN_ROLES, staff=ADMIN_STAFF)
        membership = await tenancy.membership(institution, membership_id)
        data = await form_fields(request)
        try:
            await tenants.change_role(request.state.user, institution, membership, data.get("role", ""))
        except FormError as exc:
            return await self._page(request, tenancy, institution, status_code=422, error_key=exc.key,
                                    error_params=exc.params)
        return await self._page(request, tenancy, institution, notice_key="members.role-changed")

    @post("/{membership_id:int}/school-type")
    async def change_school_type(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                                 membership_id: FromPath[int], tenancy: ScopeDep, tenants: TenantsDep) -> Template:
        """VO or MBO beheerder (seed 003): the school type an Intergrip upload of this member is for."""
        institution = await tenancy.institution(institution_id, roles=ADMIN_ROLES, staff=ADMIN_STAFF)
        membership = await tenancy.membership(institution, membership_id)
        data = await form_fields(request)
        try:
            await tenants.change_school_type(request.state.user, institution, membership,
                                             data.get("school_type", ""))
        except FormError as exc:
            return await self._page(request, tenancy, institution, status_code=422, error_key=exc.key,
                                    error_params=exc.params)
        return await self._page(request, tenancy, institution, notice_key="members.school-type-changed")

    @post("/{membership_id:int}/remove")
    async def remove(self, request: Request[Any, Any, Any], institution_id: FromPath[int], membership_id: FromPath[int],
                     tenancy: ScopeDep, tenants: TenantsDep) -> Template:
        institution = await tenancy.institution(institution_id, roles=ADMIN_ROLES, staff=ADMIN_STAFF)
        membership = await tenancy.membership(institution, membership_id)
        try:
            await tenants.remove(request.state.user, institution, membership)
        except FormError as exc:
            return await self._page(request, tenancy, institution, status_code=422, error_key=exc.key,
                                    error_params=exc.params)
        return await self._page(request, tenancy, institution, notice_key="members.removed")
