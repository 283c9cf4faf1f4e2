"""The CJP validation tool (seed 002) in real Chromium against ``rosterdesk serve``: from the start page's
tile to the tool, the students' template downloaded, a file with errors (red bar, every error's place),
then the corrected file (green bar). Saves docs/screenshots/validation-tool-red.png and -green.png.

The server's database is prepared before it starts (one institution with the CJP profiles and one
uploader without a second factor). Nothing here asserts on time; waits only bound a broken run.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from tests.e2e.rd_e2e import Account, login, open_page, served, shot

EMAIL = "uploader@cjp-college.example"
PASSWORD = "a long e2e validation password"
WAIT_MS = 120_000
PROFILES = ["cjp-students", "cjp-teachers"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``rosterdesk serve`` with an MBO school that has the CJP profiles, and an uploader without a second factor."""
    college = {"name": "Het CJP-college", "kind": "MBO", "brin": "98CJ", "locations": ["98CJ00"], "profiles": PROFILES,
               "two_factor_required": False}
    with served(tmp_path_factory.mktemp("rd-e2e-tool"), college,
                [Account(EMAIL, PASSWORD, "Uploader CJP", role="uploader")]) as found:
        yield found


def _students(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    """A students file in the seed's layout: Verplicht/Optioneel, the hints, the header on row 3."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Studenten"
    ws.append(["Verplicht", "Verplicht", "Optioneel", "Verplicht", "Verplicht"])
    ws.append(["Vrije invoer", "Vrije invoer", "Geldig e-mail formaat (@ en punt)", "1,2,3,4,5 of 6", "Vrije invoer"])
    ws.append(["voornaam", "achternaam", "email", "leerjaar", "klasnaam"])
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def test_the_cjp_validation_tool_with_a_red_then_a_green_file(server: dict[str, Any], browser: Any,
                                                               tmp_path: Path) -> None:
    base = server["base"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    errors: list[str] = []
    page = login(open_page(context, errors, WAIT_MS), base, EMAIL, PASSWORD)
    page.wait_for_selector("#tile-cjp-students")

    # From the tile to the tool: the seed's promise, both templates.
    page.click("#tile-cjp-students a:has-text('Bestand controleren')")
    page.wait_for_selector("#nothing-stored")
    assert "In deze tool worden geen gegevens opgeslagen." in page.inner_text("#nothing-stored")
    with page.expect_download() as download:
        page.click("#template-cjp-students a:has-text('Download sjabloon')")
    template = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))["Studenten"]
    assert [c.value for c in template[3]][:5] == ["voornaam", "achternaam", "email", "leerjaar", "klasnaam"]
    assert page.locator("#template-cjp-teachers a:has-text('Download sjabloon')").count() == 1

    # A file with errors: the red bar and every error's row, column and cell.
    bad = _students(tmp_path / "studenten.xlsx", [["Sanne", "de Vries", "sanne@school.nl", 9, "3B"],
                                                  ["Jan", "Smit", "jan-at-school", 3, None]])
    page.set_input_files("#file", str(bad))
    page.wait_for_selector("[data-chosen]:not([hidden])")
    page.get_by_role("button", name="Bestand controleren").click()
    page.wait_for_selector(".verdict-red")
    assert "er zijn 3 fouten gevonden in 2 rijen" in page.inner_text(".verdict-red")
    cells = page.locator(".issue-table tbody tr td:nth-child(3)").all_inner_texts()
    assert sorted(cells) == ["C5", "D4", "E5"]
    shot(page, "validation-tool-red.png")

    # Fixed: the green bar, and the way to the upload.
    good = _students(tmp_path / "studenten.xlsx", [["Sanne", "de Vries", "sanne@school.nl", 4, "3B"],
                                                   ["Jan", "Smit", "jan@school.nl", 3, "3B"]])
    page.set_input_files("#file", str(good))
    page.get_by_role("button", name="Bestand controleren").click()
    page.wait_for_selector(".verdict-green")
    assert "Je bestand is in orde" in page.inner_text(".verdict-green")
    assert page.locator(".verdict-red").count() == 0
    assert page.locator("#tool-result a:has-text('Naar uploaden')").count() == 1
    shot(page, "validation-tool-green.png")

    # Nothing was kept on the server's disk: no upload, no file of ours.
    uploads = server["data"] / "uploads"
    assert not uploads.exists() or not any(uploads.iterdir())
    assert errors == [], errors
    context.close()
