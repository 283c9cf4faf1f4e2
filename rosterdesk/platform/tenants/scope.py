"""The one scoped accessor: every read of institution data goes through ``TenantScope``.

An institution id that is not yours answers exactly like an id that does not exist (404), and the
attempt is logged and audited (A10). Platform staff (helpdesk, superadmin) see every institution.
"""

from __future__ import annotations

import logging
from typing import Any

from litestar.exceptions import NotFoundException, PermissionDeniedException

from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.tenants.tables import Institution, Membership

log = logging.getLogger("rosterdesk.tenants")

ROLES = ("admin", "uploader", "viewer")
STAFF_ROLES = ("helpdesk", "superadmin")


class TenantScope:
    """What ``user`` may see, one institution at a time."""

    def __init__(self, user: User) -> None:
        self.user = user

    @property
    def staff(self) -> bool:
        return self.user.staff_role in STAFF_ROLES

    async def role_in(self, institution_id: int) -> str | None:
        row = await Membership.select(Membership.role).where(
            (Membership.user == self.user.id) & (Membership.institution == institution_id)).first().run()
        return None if row is None else str(row["role"])

    async def institution(self, institution_id: int, *, roles: tuple[str, ...] = ROLES,
                          staff: tuple[str, ...] = STAFF_ROLES) -> Institution:
        """The institution if the user may act in it with one of ``roles`` (or a ``staff`` role).

        Not a member (or no such id): 404, the same answer. A member without the role: 403.
        """
        institution = await Institution.objects().get(Institution.id == institution_id)
        if institution is None:
            raise NotFoundException()
        if self.user.staff_role:
            if self.user.staff_role in staff:
                return institution
            raise PermissionDeniedException()
        role = await self.role_in(institution_id)
        if role is None:
            log.warning("user %s asked for institution %s without membership", self.user.id, institution_id)
            await record(self.user, "tenant.access-denied", institution=None, target=f"institution:{institution_id}")
            raise NotFoundException()
        if role not in roles:
            raise PermissionDeniedException()
        return institution

    async def membership(self, institution: Institution, membership_id: int) -> Membership:
        """A membership of ``institution`` (already scoped); another institution's id is a 404."""
        membership = await Membership.objects().get(
            (Membership.id == membership_id) & (Membership.institution == institution.id))
        if membership is None:
            raise NotFoundException()
        return membership

    async def members(self, institution: Institution) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = await Membership.select(
            Membership.id, Membership.role, Membership.school_type, Membership.user.email.as_alias("email"),
            Membership.user.name.as_alias("name"), Membership.user.id.as_alias("user_id"),
        ).where(Membership.institution == institution.id).order_by(Membership.user.email).run()
        return rows

    async def institutions(self) -> list[dict[str, Any]]:
        """Every institution the user may open (all for staff)."""
        if self.staff:
            rows: list[dict[str, Any]] = await Institution.select().order_by(Institution.name).run()
            return rows
        ids = [row["institution"] for row in await Membership.select(Membership.institution).where(
            Membership.user == self.user.id).run()]
        if not ids:
            return []
        return list(await Institution.select().where(Institution.id.is_in(ids)).order_by(Institution.name).run())
