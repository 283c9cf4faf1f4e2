"""Helpers for the CJP tests: a confirmed CJP list, the records as rows, the codes, the list's actions."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import httpx
from openpyxl import load_workbook
from rd_platform_helpers import Browser
from rd_tool_files import TEACHER_HEADERS, cjp_xlsx
from rd_uploads_helpers import Tenant, Uploads

from rosterdesk.platform.cjp.tables import ActivationCode
from rosterdesk.platform.records.tables import Record, RecordRevision
from rosterdesk.platform.uploads import services as upload_services
from rosterdesk.platform.uploads.views import as_dict

STUDENTS = "cjp-students"


def confirmed(uploads: Uploads, tenant: Tenant, folder: Path, rows: list[list[Any]], *, profile: str = STUDENTS,
              anonymous: str = "N", name: str = "studenten.xlsx") -> Any:
    """Upload ``rows`` as a CJP file in the seed's layout, check it, confirm it (its records are loaded)."""
    teachers = profile == "cjp-teachers"
    path = cjp_xlsx(folder / name, rows, **({"headers": TEACHER_HEADERS, "sheet": "Docenten"} if teachers else {}))
    version = uploads.receive(tenant, path, profile=profile, name=name, options={"anonymous": anonymous})
    assert version.state == "received", version.structure_report
    uploads.start(tenant, version)
    version = uploads.wait(version.id, "valid", "invalid", "failed")
    assert version.state == "valid", version.state
    return uploads.site.run(upload_services.confirm, version, uploads.user(tenant))


def records(uploads: Uploads, institution_id: int, profile: str = STUDENTS) -> list[dict[str, Any]]:
    """Every record in force, with its code (or None), oldest first."""
    async def fetch() -> list[dict[str, Any]]:
        rows = await Record.select().where((Record.institution == institution_id) & (Record.profile == profile)
                                           & (Record.deleted == False)).order_by(Record.id).run()  # noqa: E712
        codes = {row["record"]: row for row in await ActivationCode.select().run()}
        return [{**row, "data": as_dict(row["data"]), "code": codes[row["id"]]["code"] if row["id"] in codes else None,
                 "invitations": codes[row["id"]]["invitations"] if row["id"] in codes else 0} for row in rows]

    return uploads.site.run(fetch)


def by_name(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(row["data"]["voornaam"]): row for row in rows}


def revisions(uploads: Uploads, record_id: int) -> list[dict[str, Any]]:
    async def fetch() -> list[dict[str, Any]]:
        return list(await RecordRevision.select().where(RecordRevision.record == record_id).order_by(
            RecordRevision.id).run())

    return uploads.site.run(fetch)


def invite(browser: Browser, institution_id: int, ids: list[int] | None = None, *, profile: str = STUDENTS,
           **fields: str) -> httpx.Response:
    return browser.post(f"/i/{institution_id}/cjp/{profile}/invite", {"record": [str(i) for i in ids or []],
                                                                       **fields})


def export(browser: Browser, institution_id: int, ids: list[int] | None = None, *, profile: str = STUDENTS,
           **fields: str) -> httpx.Response:
    return browser.post(f"/i/{institution_id}/cjp/{profile}/export", {"record": [str(i) for i in ids or []],
                                                                       **fields})


def sheet_rows(response: httpx.Response) -> tuple[Any, list[list[Any]]]:
    """The export's sheet and its rows as values (header first)."""
    assert response.status_code == 200, response.status_code
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]
