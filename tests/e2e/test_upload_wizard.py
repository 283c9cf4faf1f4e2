"""The upload wizard in real Chromium against ``rosterdesk serve``: a wrong file, a good file all the way
to "Ja, bevestigen", an invalid file with its result and filters, and leaving at step 4 and coming
back. Saves screenshots of the steps into docs/screenshots/ for README and docs/uploads.md.

The server's database is prepared before it starts (an institution with BRIN 99DU, the demo
institution of the bundled DUO sample, and one uploader without a second factor), so the test
does not depend on the demo seed's accounts. Nothing here asserts on time; waits only bound a
broken run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rosterdesk.importers.plugins import get_profile
from rosterdesk.samples import NSE_DEMO_INVALID, NSE_DEMO_VALID
from tests.e2e.rd_e2e import Account, login, open_page, served, shot

EMAIL = "uploader@duinstad.example"
PASSWORD = "a long e2e uploader password"
WAIT_MS = 120_000
BIG_ROWS = 300_000
"""Rows of the CSV that is still being checked when the browser leaves."""
PROFILES = ["nse", "cjp-students", "cjp-teachers", "intergrip", "roster-csv"]
OTHER_PROFILES = [slug for slug in PROFILES if slug != "nse"]
OPTIONS = {"intergrip": {"#option-school_type": "VO"}}


def _choose(page: Any, selector: str, value: str) -> None:
    """Pick ``value``, or, where the school fixes the option (seed 003), see that it is that value."""
    if page.locator(f"select{selector}").count():
        page.select_option(selector, value)
    else:
        assert value in page.inner_text(selector)
ROSTER_CSV = "code\troepnaam\tachternaam\temail\tklas\ttype\n" + "".join(
    f"{1000 + n}\tSanne\tJansen\tl{n}@school.nl\t1A\tleerling\n" for n in range(50))

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``rosterdesk serve`` with the DUO sample as reference data (the demo seed does the same) and the demo
    institution of the bundled DUO sample with every profile under test, and its admin (no second factor)."""
    university = {"name": "Universiteit Duinstad", "kind": "HO", "brin": "99DU", "locations": ["99DU00"],
                  "profiles": PROFILES, "two_factor_required": False}
    with served(tmp_path_factory.mktemp("rd-e2e-wizard"), university,
                [Account(EMAIL, PASSWORD, "Uploader Duinstad", role="admin")], reference=True) as found:
        yield found


def _login(context: Any, base: str, errors: list[str] | None = None) -> Any:
    """A logged-in page on the start page; console errors (a CSP violation, say) are collected into ``errors``."""
    page = login(open_page(context, errors, WAIT_MS), base, EMAIL, PASSWORD)
    page.wait_for_selector("#tile-nse")
    return page


def _drop_file(page: Any, selector: str, path: Path) -> None:
    """Drag a file onto the drop zone the way a browser does: a drop event carrying a DataTransfer."""
    data = list(path.read_bytes())
    transfer = page.evaluate_handle(
        """([bytes, name]) => { const t = new DataTransfer();
             t.items.add(new File([new Uint8Array(bytes)], name,
               {type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}));
             return t; }""", [data, path.name])
    page.dispatch_event(selector, "dragenter", {"dataTransfer": transfer})
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def test_the_whole_wizard_with_a_wrong_a_good_and_an_invalid_file(server: dict[str, Any], browser: Any,
                                                                   tmp_path: Path) -> None:
    base = server["base"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    errors: list[str] = []
    page = _login(context, base, errors)

    # Step 1 from the start page's tile.
    page.click("#tile-nse h3 a")
    page.wait_for_selector("h2:has-text('Stap 1: Bestand kiezen')")
    assert page.locator(".wizard-step.is-current").inner_text().strip().startswith("1")
    shot(page, "upload-step1.png")

    # A wrong file (text renamed .xlsx): step 2 says what is wrong and how to fix it.
    wrong = tmp_path / "studenten.xlsx"
    wrong.write_text("naam;email\nJan;jan@example.nl\n", encoding="utf-8")
    page.set_input_files("#file", str(wrong))
    page.wait_for_selector("[data-chosen]:not([hidden])")
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.wait_for_selector(".verdict:has-text('De vorm van het bestand klopt niet')")
    assert "tekstbestand" in page.inner_text("main")
    shot(page, "upload-step2-error.png")
    with page.expect_download() as download:
        page.click("main a:has-text('Overzicht downloaden')")
    assert download.value.suggested_filename.endswith(".txt")
    page.get_by_role("button", name="Opnieuw beginnen").click()
    page.wait_for_selector("h2:has-text('Stap 1: Bestand kiezen')")

    # The good file, dropped onto the drop zone.
    _drop_file(page, "[data-dropzone]", NSE_DEMO_VALID)
    page.wait_for_selector("[data-chosen]:not([hidden])")
    assert "nse-demo-valid.xlsx" in page.inner_text("[data-chosen-name]")
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.wait_for_selector(".verdict:has-text('De vorm van het bestand klopt:')")
    shot(page, "upload-step2.png")
    page.get_by_role("link", name="Verder", exact=True).click()
    page.wait_for_selector(".preview-table")
    assert page.locator(".preview-table tbody tr").count() == 10
    shot(page, "upload-step3.png")
    page.get_by_role("button", name="Ja, ga verder").click()
    page.wait_for_selector(".verdict:has-text('Het bestand is goedgekeurd')")
    page.get_by_role("link", name="Verder naar bevestigen").click()
    page.wait_for_selector("h2:has-text('Stap 5: Bestand bevestigen')")
    page.get_by_role("button", name="Ja, bevestigen").click()
    page.wait_for_selector("h2:has-text('Je bestand is succesvol geüpload')")
    shot(page, "upload-confirmed.png")

    # An invalid file: errors by type with counts, filters (htmx partials), downloads.
    page.get_by_role("link", name="Nieuw bestand uploaden").click()
    page.wait_for_selector("h2:has-text('Stap 1: Bestand kiezen')")
    page.set_input_files("#file", str(NSE_DEMO_INVALID))
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.get_by_role("link", name="Verder", exact=True).click()
    page.get_by_role("button", name="Ja, ga verder").click()
    page.wait_for_selector(".verdict:has-text('Het bestand bevat 6 fouten')")
    shot(page, "upload-result.png")
    page.select_option("#filter-column", "LOCATIE")
    page.wait_for_function("() => !document.querySelector('#issues').innerText.includes('90109')")
    assert "Den Bosch" in page.inner_text("#issues")
    with page.expect_download() as annotated:
        page.click("main a:has-text('Je eigen bestand met de fouten gemarkeerd')")
    assert annotated.value.suggested_filename.endswith(".xlsx")

    # History: both versions, compared.
    page.goto(f"{base}/i/{server['institution']}/uploads/nse/history")
    page.wait_for_selector(".history-table")
    assert page.locator(".history-table tbody tr").count() == 3
    page.get_by_role("button", name="Vergelijken").click()  # the newest two are preselected: v2 and v3
    page.wait_for_selector("#diff h3")
    assert "Verschil tussen versie 2 en versie 3" in page.inner_text("#diff")
    shot(page, "upload-history.png")
    assert not [e for e in errors if "Content Security Policy" in e], errors
    context.close()


@pytest.mark.parametrize("slug", OTHER_PROFILES)
def test_every_other_profile_with_a_wrong_file_then_its_own_template(server: dict[str, Any], browser: Any,
                                                                     tmp_path: Path, slug: str) -> None:
    """Each profile's wizard: a PDF named .xlsx is refused at step 2; the profile's own template (the CSV
    profile: a small CSV) goes through steps 2-4 and is confirmed on the result page (no step 5)."""
    base = server["base"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    errors: list[str] = []
    page = _login(context, base, errors)
    page.click(f"#tile-{slug} h3 a")
    page.wait_for_selector("h2:has-text('Stap 1: Bestand kiezen')")
    for selector, value in OPTIONS.get(slug, {}).items():
        _choose(page, selector, value)
    page.set_input_files("#file", files=[{"name": "lijst.xlsx", "mimeType": "application/pdf",
                                          "buffer": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"}])
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.wait_for_selector(".verdict:has-text('De vorm van het bestand klopt niet')")
    assert "PDF" in page.inner_text(".structure-messages")
    page.get_by_role("button", name="Opnieuw beginnen").click()
    page.wait_for_selector("h2:has-text('Stap 1: Bestand kiezen')")

    if slug == "roster-csv":
        good = tmp_path / "klas.csv"
        good.write_text(ROSTER_CSV, encoding="utf-8")
    else:
        with page.expect_download() as download:
            page.get_by_role("link", name="Voorbeeldbestand downloaden").click()
        good = tmp_path / download.value.suggested_filename
        download.value.save_as(good)
    for selector, value in OPTIONS.get(slug, {}).items():
        _choose(page, selector, value)
    page.set_input_files("#file", str(good))
    page.get_by_role("button", name="Uploaden en controleren").click()
    if get_profile(slug).column_mapping:  # the roster CSV labels its columns; its headers are the field names
        page.wait_for_selector("h2:has-text('Stap 3: Kolommen koppelen')")
        page.get_by_role("button", name="Koppeling opslaan en controleren").click()
    else:
        page.wait_for_selector(".verdict:has-text('De vorm van het bestand klopt:')")
        page.get_by_role("link", name="Verder", exact=True).click()
        page.wait_for_selector(".preview-table")
        page.get_by_role("button", name="Ja, ga verder").click()
    page.wait_for_selector(".verdict:has-text('Het bestand is goedgekeurd')")
    if get_profile(slug).review:  # Intergrip: the list goes to the helpdesk first (seed 003)
        page.get_by_role("button", name="Opsturen").click()
        page.wait_for_selector("#review-status:has-text('Lijst succesvol opgestuurd')")
    else:
        if get_profile(slug).import_modes:  # the roster CSV: step 5 with the modes and every row's fate
            page.get_by_role("link", name="Verder naar bevestigen").click()
            page.wait_for_selector("#fates")
        page.get_by_role("button", name="Ja, bevestigen").click()
        page.wait_for_selector("h2:has-text('Je bestand is succesvol geüpload')")
    assert not [e for e in errors if "Content Security Policy" in e], errors
    context.close()


def test_leaving_at_step_4_and_logging_in_again_comes_back_to_the_check(server: dict[str, Any],
                                                                         browser: Any) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    base = server["base"]
    first = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = _login(first, base)
    page.goto(f"{base}/i/{server['institution']}/uploads/roster-csv")
    page.wait_for_selector("h2:has-text('Stap 1: Bestand kiezen')")
    big = "code\troepnaam\tachternaam\temail\tklas\ttype\n" + "".join(
        f"{100000 + n}\tSanne\tJansen\tl{n}@school.nl\t{n % 6 + 1}A\tleerling\n" for n in range(BIG_ROWS))
    page.set_input_files("#file", files=[{"name": "school.csv", "mimeType": "text/csv", "buffer": big.encode()}])
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.get_by_role("button", name="Koppeling opslaan en controleren").click()  # step 3 of the roster CSV
    page.wait_for_url(re.compile(r".*/versions/\d+$"))
    version_url = page.url
    try:  # the progress bar, if the check is still running (a picture for the docs, not a test of speed)
        page.wait_for_selector("#progress", timeout=5_000)
        shot(page, "upload-step4.png")
    except PlaywrightTimeout:
        pass
    first.close()  # the browser goes away during step 4

    again = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = _login(again, base)
    page.locator("#tile-roster-csv").get_by_role("link", name=re.compile(r"Verder met versie")).click()  # open version
    page.wait_for_url(version_url)
    page.wait_for_selector(".verdict:has-text('Het bestand is goedgekeurd')")
    shot(page, "upload-back-at-step4.png")
    again.close()
