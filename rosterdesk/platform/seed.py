"""The demo seed: on an empty database, one institution and three users with one-time passwords."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from rosterdesk.platform.auth.passwords import hash_password
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.tenants.tables import Institution, Membership


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str


DEMO_USERS = (
    ("superadmin", "superadmin@rosterdesk.example", "Demo Superadmin"),
    ("helpdesk", "helpdesk@rosterdesk.example", "Demo Helpdesk"),
    ("admin", "beheer@demo-hogeschool.example", "Demo Beheerder"),
)


async def database_is_empty() -> bool:
    return not await User.exists().run() and not await Institution.exists().run()


async def seed_demo(profile_slugs: list[str]) -> list[DemoAccount]:
    """Create the demo data; returns the accounts with their one-time passwords (shown once)."""
    institution = Institution(name="Demo Hogeschool", kind="HO", brin="99ZZ", locations=["99ZZ00"],
                              profiles=profile_slugs, two_factor_required=True)
    await institution.save().run()
    accounts = []
    for role, email, name in DEMO_USERS:
        password = secrets.token_urlsafe(12)
        user = User(email=email, name=name, password_hash=await hash_password(password), must_change_password=True,
                    staff_role=role if role in ("superadmin", "helpdesk") else "")
        await user.save().run()
        if role == "admin":
            await Membership.insert(Membership(user=user.id, institution=institution.id, role="admin")).run()
        accounts.append(DemoAccount(role=role, email=email, password=password))
    return accounts
