"""Helpers for the review tests: valid Intergrip and roster files, a school's wizard, a helpdesk browser."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rd_platform_helpers import Browser, Site
from rd_uploads_helpers import Tenant, Uploads
from rd_wizard_helpers import Wizard, logged_in
from stdnum.nl import bsn

from rosterdesk.importers.plugins import get_profile
from rosterdesk.platform.uploads.tables import Version
from rosterdesk.platform.uploads.views import as_dict

ROSTER_HEADERS = ["code", "roepnaam", "achternaam", "email", "klas", "type"]
INTERGRIP = {"school_type": "VO"}


def valid_bsns(count: int, start: int = 111_222_000) -> list[str]:
    found: list[str] = []
    number = start
    while len(found) < count:
        text = f"{number:09d}"
        if bsn.is_valid(text):
            found.append(text)
        number += 1
    return found


def _csv(headers: Sequence[str], rows: Sequence[Mapping[str, Any]], delimiter: str = ";") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(name, "") for name in headers])
    return out.getvalue().encode("utf-8")


def intergrip_csv(count: int = 12, *, klas: str = "4H2") -> bytes:
    """A valid Intergrip list of ``count`` learners (VO, HAVO), semicolon-separated."""
    headers = list(get_profile("intergrip").headers)
    rows = [{"Leerlingnummer": str(200001 + n), "BSN": number, "Voorletters": "J.", "Voornaam": f"Jan{n}",
             "Achternaam": "Berg", "Geboortedatum": "14-03-2011", "E-mailadres": f"jan{n}@example.nl", "Klas": klas,
             "Leerjaar": "4", "Niveau": "HAVO"} for n, number in enumerate(valid_bsns(count))]
    return _csv(headers, rows)


def roster_csv(count: int = 10, *, changed: int = 0) -> bytes:
    """A roster CSV of ``count`` people; the first ``changed`` of them in another class."""
    rows = [{"code": str(1000 + n), "roepnaam": "Sanne", "achternaam": f"Jansen{n}", "email": f"l{n}@school.nl",
             "klas": "2B" if n < changed else "1A", "type": "leerling"} for n in range(count)]
    return _csv(ROSTER_HEADERS, rows, delimiter="\t")


@dataclass
class School:
    tenant: Tenant
    wizard: Wizard

    @property
    def id(self) -> int:
        return self.tenant.institution_id


def school(uploads: Uploads, profile: str, brin: str = "99DU", name: str = "Het Testcollege") -> School:
    tenant = uploads.tenant(brin, name)
    return School(tenant, Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id, profile))


def checked(school: School, content: bytes, name: str, options: dict[str, str] | None = None) -> int:
    """Upload, ask for the check and wait for its result; the version id."""
    version_id = school.wizard.upload_version(content, name, options=options)
    response = school.wizard.post(version_id, "check")
    assert response.status_code == 303, response.text
    school.wizard.wait_for_result(version_id)
    return version_id


def confirm(school: School, version_id: int, remark: str = "") -> Any:
    response = school.wizard.browser.post(school.wizard.url(version_id, "/confirm"), {"remark": remark})
    assert response.status_code == 303, response.text
    return response


def helpdesk(site: Site, email: str = "help@rosterdesk.example", staff: str = "helpdesk") -> Browser:
    account = site.user(email, staff=staff)
    return logged_in(site, account)


def state(uploads: Uploads, version_id: int) -> str:
    version: Version = uploads.get(version_id)
    return str(version.state)


def records_of(site: Site, institution_id: int, profile: str) -> list[dict[str, Any]]:
    from rosterdesk.platform.records.tables import Record

    async def fetch() -> list[dict[str, Any]]:
        rows = await Record.select().where((Record.institution == institution_id) & (Record.profile == profile)
                                           & (Record.deleted == False)).run()  # noqa: E712
        return [{**row, "data": as_dict(row["data"])} for row in rows]

    return site.run(fetch)
