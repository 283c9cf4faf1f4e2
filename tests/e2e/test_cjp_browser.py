"""CJP from start to finish in real Chromium against ``rosterdesk serve`` (issue 7, items 1 and 4; seed 002):
the validation tool with a red then a green file, the same file uploaded through the wizard and confirmed,
then on the records list two students ticked, "Verstuur uitnodiging" (codes and status Uitgenodigd), and
the selection exported to Excel, whose download holds exactly those codes. Saves
docs/screenshots/cjp-invited.png.

The server is the validation tool's browser test's fixture (one institution with the CJP profiles and an
uploader without a second factor). Waits only bound a broken run.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.e2e.rd_e2e import login, open_page, shot
from tests.e2e.test_validation_tool_browser import EMAIL, PASSWORD, WAIT_MS, _students, server

__all__ = ["server"]  # the validation tool's module fixture, used by name: its CJP college and uploader

CODE = re.compile(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _row(page: Any, name: str) -> Any:
    return page.locator("#records-results tbody tr", has_text=name)


def test_validate_upload_invite_and_export_a_cjp_list(server: dict[str, Any], browser: Any,
                                                     tmp_path: Path) -> None:
    base, institution = server["base"], server["institution"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    errors: list[str] = []
    page = login(open_page(context, errors, WAIT_MS), base, EMAIL, PASSWORD)

    # The validation tool: red, then green (nothing is stored).
    page.goto(f"{base}/i/{institution}/check/cjp-students")
    page.wait_for_selector("#nothing-stored")
    bad = _students(tmp_path / "studenten.xlsx", [["Sanne", "de Vries", "sanne@school.nl", 9, "3B"]])
    page.set_input_files("#file", str(bad))
    page.get_by_role("button", name="Bestand controleren").click()
    page.wait_for_selector(".verdict-red")
    good = _students(tmp_path / "studenten.xlsx", [["Sanne", "de Vries", "sanne@school.nl", 4, "4A"],
                                                   ["Jan", "Smit", "jansmit@school.nl", 3, "3edc"],
                                                   ["Pim", "Bos", None, 2, "2B"]])
    page.set_input_files("#file", str(good))
    page.get_by_role("button", name="Bestand controleren").click()
    page.wait_for_selector(".verdict-green")

    # The same file through the wizard, confirmed: the records list shows it as Nieuw, without codes.
    page.click("#tool-result a:has-text('Naar uploaden')")
    page.wait_for_selector("h2:has-text('Stap 1: Bestand kiezen')")
    page.set_input_files("#file", str(good))
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.wait_for_selector(".verdict:has-text('De vorm van het bestand klopt:')")
    page.get_by_role("link", name="Verder", exact=True).click()
    page.wait_for_selector(".preview-table")
    page.get_by_role("button", name="Ja, ga verder").click()
    page.wait_for_selector(".verdict:has-text('Het bestand is goedgekeurd')")
    page.get_by_role("button", name="Ja, bevestigen").click()
    page.wait_for_selector("h2:has-text('Je bestand is succesvol geüpload')")
    page.goto(f"{base}/i/{institution}/records/cjp-students")
    page.wait_for_selector("#records-results tbody tr")
    headers = page.locator("#records-results thead th").all_inner_texts()
    assert [h.split("\n")[0].strip() for h in headers[1:8]] == ["Voornaam", "Achternaam", "E-mail", "Leerjaar",
                                                                  "Klasnaam", "Status", "Activatiecode"]
    assert page.locator("#records-results tbody tr", has_text="Nieuw").count() == 3
    assert page.get_by_role("link", name="Student toevoegen").count() == 1

    # Two ticked, "Verstuur uitnodiging": codes, Uitgenodigd, and the counts.
    for name in ("Sanne", "Pim"):
        _row(page, name).locator("input[type=checkbox]").check()
    page.get_by_role("button", name="Verstuur uitnodiging").click()
    page.wait_for_selector("text=Uitnodigingen verstuurd: 1. Zonder e-mailadres: 1 (code aangemaakt, niet gemaild).")
    codes = {}
    for name in ("Sanne", "Pim"):
        text = _row(page, name).inner_text()
        assert "Uitgenodigd" in text
        found = CODE.search(text)
        assert found, text
        codes[name] = found.group()
    assert "Nieuw" in _row(page, "Jan").inner_text() and not CODE.search(_row(page, "Jan").inner_text())
    assert codes["Sanne"] != codes["Pim"]
    shot(page, "cjp-invited.png")

    # The selection exported: the download holds those two, with their codes.
    for name in ("Sanne", "Pim"):
        _row(page, name).locator("input[type=checkbox]").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporteer naar Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert "Het CJP-college" in download.value.suggested_filename
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Voornaam", "Achternaam", "E-mail", "Leerjaar", "Klasnaam", "Status", "Activatiecode"]
    assert sorted((row[0], row[5], row[6]) for row in rows[1:]) == [("Pim", "Uitgenodigd", codes["Pim"]),
                                                                   ("Sanne", "Uitgenodigd", codes["Sanne"])]
    assert errors == [], errors
    context.close()
