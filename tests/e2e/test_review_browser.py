"""The helpdesk review in real Chromium against ``rosterdesk serve`` (seed 003, issue 6): an Intergrip list
submitted by a school, approved by the helpdesk and visible as records; another one rejected, with its
e-mail in the outbox. Waits only bound a broken run; nothing asserts on time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest

from tests.e2e.rd_e2e import Account, login, open_page, served


def intergrip_csv(count: int) -> bytes:
    """A valid Intergrip list of ``count`` learners (VO, HAVO), semicolon-separated."""
    from stdnum.nl import bsn

    from rosterdesk.importers.plugins import get_profile

    numbers = [f"{n:09d}" for n in range(111_222_000, 111_232_000) if bsn.is_valid(f"{n:09d}")][:count]
    lines = [";".join(get_profile("intergrip").headers)]
    for n, number in enumerate(numbers):
        values = {"Leerlingnummer": str(200001 + n), "BSN": number, "Voorletters": "J.", "Voornaam": f"Jan{n}",
                  "Achternaam": "Berg", "Geboortedatum": "14-03-2011", "Klas": "4H2", "Leerjaar": "4",
                  "Niveau": "HAVO"}
        lines.append(";".join(values.get(header, "") for header in get_profile("intergrip").headers))
    return ("\n".join(lines) + "\n").encode("utf-8")

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT_MS = 120_000
SCHOOL = ("school@duinstad.example", "a long e2e school password")
HELPDESK = ("help@rosterdesk.example", "a long e2e helpdesk password")
ROOT = ("root@rosterdesk.example", "a long e2e root password")
SECRET = pyotp.random_base32()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``rosterdesk serve`` with a VO school (Intergrip) and its admin, and the helpdesk and a superadmin (TOTP)."""
    lyceum = {"name": "Lyceum Duinstad", "kind": "VO", "brin": "99DU", "locations": ["99DU00"],
              "profiles": ["intergrip"], "two_factor_required": False}
    accounts = [Account(*SCHOOL, "Beheer Lyceum", role="admin")] + [
        Account(*account, role.title(), staff_role=role, totp_secret=SECRET)
        for account, role in ((HELPDESK, "helpdesk"), (ROOT, "superadmin"))]
    with served(tmp_path_factory.mktemp("rd-e2e-review"), lyceum, accounts) as found:
        yield found


def _login(browser: Any, base: str, account: tuple[str, str], errors: list[str], *, totp: bool = False) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = login(open_page(context, errors, WAIT_MS), base, *account, totp_secret=SECRET if totp else None)
    # The login page has an h1 too: login() waits until the browser has really left it (the session
    # cookie is set by then), or the next goto races the login and lands on "log in first".
    page.wait_for_selector("main h1")
    return page


def _submit(page: Any, base: str, institution: int, tmp_path: Path, *, name: str, count: int, remark: str) -> str:
    """The school's wizard up to "Opsturen"; the version page's address."""
    path = tmp_path / name
    path.write_bytes(intergrip_csv(count))
    page.goto(f"{base}/i/{institution}/uploads/intergrip")
    # Lyceum Duinstad is a VO school: the school type is filled in and fixed (seed 003).
    assert "VO" in page.inner_text("#option-school_type")
    page.set_input_files("#file", str(path))
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.get_by_role("link", name="Verder", exact=True).click()
    page.wait_for_selector(".preview-table")
    page.get_by_role("button", name="Ja, ga verder").click()
    page.wait_for_selector("#review-remark")
    page.fill("#review-remark", remark)
    page.get_by_role("button", name="Opsturen").click()
    page.wait_for_selector("#review-status:has-text('Lijst succesvol opgestuurd')")
    return str(page.url)


def test_an_intergrip_list_submitted_approved_by_the_helpdesk_and_visible_as_records(
        server: dict[str, Any], browser: Any, tmp_path: Path) -> None:
    base, institution = server["base"], server["institution"]
    errors: list[str] = []
    school = _login(browser, base, SCHOOL, errors)
    version_url = _submit(school, base, institution, tmp_path, name="leerlingen.csv", count=12,
                          remark="Graag voor vrijdag")
    version_id = version_url.rstrip("/").rsplit("/", 1)[-1]

    desk = _login(browser, base, HELPDESK, errors, totp=True)
    desk.click("nav >> text=Te controleren lijsten")
    desk.wait_for_selector("#review-queue")
    row = desk.locator("#review-queue tbody tr", has_text="Lyceum Duinstad")
    assert "12" in row.inner_text() and SCHOOL[0] in row.inner_text()
    row.get_by_role("link").click()
    desk.wait_for_selector("#decide")
    assert "Graag voor vrijdag" in desk.inner_text("main")
    assert desk.locator("#sample tbody tr").count() == 10
    desk.get_by_role("button", name="Goedkeuren en inladen").click()
    desk.wait_for_selector("#review-notice:has-text('Goedgekeurd en ingeladen')")

    school.goto(version_url)
    assert "bevestigd" in school.inner_text(".version-line")
    school.goto(f"{base}/i/{institution}/records/intergrip")
    school.wait_for_selector("main h1")
    text = school.inner_text("main")
    assert "200001" in text and "200012" in text, text[:500]  # the learners are records now
    assert "111222" not in text or "*****" in text  # a BSN never shown in full in the list
    assert f"/admin/reviews/{version_id}" not in school.content()
    assert not errors, errors


def test_a_rejection_with_its_email_in_the_outbox(server: dict[str, Any], browser: Any, tmp_path: Path) -> None:
    base, institution = server["base"], server["institution"]
    errors: list[str] = []
    school = _login(browser, base, SCHOOL, errors)
    version_url = _submit(school, base, institution, tmp_path, name="tweede.csv", count=5, remark="")
    desk = _login(browser, base, HELPDESK, errors, totp=True)
    desk.goto(base + "/admin/reviews")
    desk.locator("#review-queue tbody tr", has_text="Lyceum Duinstad").get_by_role("link").click()
    desk.wait_for_selector("#decide")
    desk.get_by_role("button", name="Afkeuren").click()  # without a reason: asked for one
    desk.wait_for_selector("#reason-error")
    desk.fill("#reject-reason", "Klas 4H2 bestaat niet meer; gebruik 4H3.")
    desk.get_by_role("button", name="Afkeuren").click()
    desk.wait_for_selector("#review-notice:has-text('Afgekeurd')")

    school.goto(version_url)
    assert "Klas 4H2 bestaat niet meer" in school.inner_text("#review-status")
    root = _login(browser, base, ROOT, errors, totp=True)
    root.goto(base + "/admin/outbox")
    outbox = root.inner_text("main")
    assert "Lijst afgekeurd" in outbox and SCHOOL[0] in outbox
    assert "Klas 4H2 bestaat niet meer; gebruik 4H3." in outbox
    # The refused decision without a reason answers 422 on purpose (the form comes back with its
    # message); Chromium logs every 4xx page load as a console error.
    assert not [e for e in errors if "status of 422" not in e], errors
