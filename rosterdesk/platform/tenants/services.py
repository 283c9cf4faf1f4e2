"""Institutions and memberships: creating, inviting, changing roles. Audited, scoped by the caller."""

from __future__ import annotations

import re
from typing import Any

from rosterdesk.importers.plugins import all_profiles
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.services import AuthService, valid_email
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.errors import FormError
from rosterdesk.platform.tenants.scope import ROLES
from rosterdesk.platform.tenants.tables import SCHOOL_TYPES, Institution, Membership
from rosterdesk.platform.web.i18n import translate

KINDS = ("VO", "MBO", "HO")
BRIN = re.compile(r"^[0-9]{2}[A-Z0-9]{2}$")
LOCATION = re.compile(r"^[0-9]{2}[A-Z0-9]{2}[0-9]{2}$")


def profile_choices() -> list[tuple[str, str, str]]:
    """(slug, Dutch title, English title) of every installed profile."""
    return [(p.slug, p.title("nl"), p.title("en")) for p in all_profiles()]


def parse_institution(data: dict[str, str], profiles: list[str]) -> dict[str, Any]:
    """Form fields to column values; FormError names the first thing to fix."""
    name = " ".join(data.get("name", "").split())[:200]
    if not name:
        raise FormError("inst.name-missing", "name")
    kind = data.get("kind", "")
    if kind not in KINDS:
        raise FormError("inst.kind-invalid", "kind")
    brin = data.get("brin", "").strip().upper()
    if brin and not BRIN.match(brin):
        raise FormError("inst.brin-invalid", "brin")
    locations = [code.strip().upper() for code in data.get("locations", "").replace(";", ",").split(",")
                 if code.strip()]
    for code in locations:
        if not LOCATION.match(code):
            raise FormError("inst.location-invalid", "locations", code=code[:20])
    known = {slug for slug, _, _ in profile_choices()}
    return {"name": name, "kind": kind, "brin": brin, "locations": locations,
            "profiles": [slug for slug in profiles if slug in known],
            "two_factor_required": data.get("two_factor_required") == "on"}


class TenantService:
    def __init__(self, auth: AuthService) -> None:
        self.auth = auth

    async def create(self, actor: User, values: dict[str, Any]) -> Institution:
        institution = Institution(**values)
        await institution.save().run()
        await record(actor, "institution.created", institution=institution.id, target=institution.name)
        return institution

    async def update(self, actor: User, institution: Institution, values: dict[str, Any]) -> None:
        changes: dict[Any, Any] = dict(values)
        await Institution.update(changes).where(Institution.id == institution.id).run()
        await record(actor, "institution.changed", institution=institution.id, target=values["name"],
                     details={k: v for k, v in values.items() if k != "name"})

    async def invite(self, actor: User, institution: Institution, *, email_text: str, name: str, role: str,
                     lang: str) -> str:
        """'invited' (new account, link mailed), 'added' (existing account) or 'already'."""
        email = valid_email(email_text)
        if role not in ROLES:
            raise FormError("members.role-invalid", "role")
        name = " ".join(name.split())[:200]
        user = await User.objects().get(User.email == email)
        created = False
        if user is None:
            user = User(email=email, name=name, language=lang)
            await user.save().run()
            created = True
        elif await Membership.exists().where((Membership.user == user.id)
                                              & (Membership.institution == institution.id)):
            return "already"
        await Membership.insert(Membership(user=user.id, institution=institution.id, role=role)).run()
        await record(actor, "membership.created", institution=institution.id, target=email, details={"role": role})
        params = {"institution": institution.name, "inviter": actor.name or actor.email, "name": user.name or email,
                  "role": translate(f"role.{role}", user.language)}
        if created or not user.password_hash:
            token = await self.auth.issue_token(user, "invite")
            await record(actor, "invitation.sent", institution=institution.id, target=email)
            await self.auth.mailer.send(email, "invite", user.language, link=self.auth.link(token),
                                        hours=self.auth.settings.security.invite_hours, **params)
            return "invited"
        await self.auth.mailer.send(email, "membership-added", user.language, **params)
        return "added"

    async def change_role(self, actor: User, institution: Institution, membership: Membership, role: str) -> None:
        if role not in ROLES:
            raise FormError("members.role-invalid", "role")
        if membership.role == "admin" and role != "admin":
            await self._keep_an_admin(institution)
        await Membership.update({Membership.role: role}).where(Membership.id == membership.id).run()
        target = await User.select(User.email).where(User.id == membership.user).first().run()
        await record(actor, "membership.role-changed", institution=institution.id,
                     target=target["email"] if target else "", details={"from": membership.role, "to": role})

    async def change_school_type(self, actor: User, institution: Institution, membership: Membership,
                                 school_type: str) -> None:
        """VO or MBO beheerder (seed 003), or '' for none: step 1 of an Intergrip upload is filled from it."""
        if school_type not in ("", *SCHOOL_TYPES):
            raise FormError("members.school-type-invalid", "school_type")
        await Membership.update({Membership.school_type: school_type or None}).where(
            Membership.id == membership.id).run()
        target = await User.select(User.email).where(User.id == membership.user).first().run()
        await record(actor, "membership.school-type-changed", institution=institution.id,
                     target=target["email"] if target else "",
                     details={"from": membership.school_type or "", "to": school_type})

    async def remove(self, actor: User, institution: Institution, membership: Membership) -> None:
        if membership.role == "admin":
            await self._keep_an_admin(institution)
        target = await User.select(User.email).where(User.id == membership.user).first().run()
        await Membership.delete().where(Membership.id == membership.id).run()
        await record(actor, "membership.removed", institution=institution.id,
                     target=target["email"] if target else "", details={"role": membership.role})

    async def _keep_an_admin(self, institution: Institution) -> None:
        admins = await Membership.count().where((Membership.institution == institution.id)
                                                & (Membership.role == "admin"))
        if admins <= 1:
            raise FormError("members.last-admin", "role")
