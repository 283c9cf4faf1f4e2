"""The demo seed: on an empty database, the bundled reference sample as the first reference import,
the demo institution of that sample and three users with one-time passwords.

The demo institution is the sample's Universiteit Duinstad (99DU, HBO and WO programmes at four
locations), so an NSE upload of the bundled demo file checks out against its RIO data.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from rosterdesk.platform.auth.passwords import hash_password
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.reference.services import import_directory
from rosterdesk.platform.tenants.tables import Institution, Membership
from rosterdesk.samples import DEMO_INSTITUTION, DUO_SAMPLE_DIR


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str


DEMO_USERS = (
    ("superadmin", "superadmin@rosterdesk.example", "Demo Superadmin"),
    ("helpdesk", "helpdesk@rosterdesk.example", "Demo Helpdesk"),
    ("admin", "beheer@duinstad.example", "Demo Beheerder"),
)


async def database_is_empty() -> bool:
    return not await User.exists().run() and not await Institution.exists().run()


DEMO_NAME = "Universiteit Duinstad"


async def seed_demo(profile_slugs: list[str], data_dir: Path | None = None) -> list[DemoAccount]:
    """Create the demo data; returns the accounts with their one-time passwords (shown once).

    With ``data_dir`` the bundled DUO sample becomes the first reference import (kept there).
    """
    locations = [f"{DEMO_INSTITUTION}{number:02d}" for number in range(4)]
    if data_dir is not None:
        result = await import_directory(data_dir, DUO_SAMPLE_DIR, actor=None, origin="seed")
        locations = [DEMO_INSTITUTION + item.number for item in result.reference.locations_of(DEMO_INSTITUTION)]
    institution = Institution(name=DEMO_NAME, kind="HO", brin=DEMO_INSTITUTION, locations=locations,
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
