"""A submission link in real Chromium against ``rosterdesk serve`` (seed 003, the leerlinglijst site, issue 7):
an institution admin makes a link; a visitor without an account opens it, uploads an Intergrip list, goes
through the steps, fills in name and e-mail and submits; the helpdesk finds the list in its queue. Waits
only bound a broken run; nothing asserts on time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.rd_e2e import open_page, shot
from tests.e2e.test_review_browser import HELPDESK, SCHOOL, _login, intergrip_csv, server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT_MS = 120_000
__all__ = ["server"]  # the review test's module fixture: its server (a VO school, helpdesk)


def test_a_visitor_without_an_account_submits_a_list_through_a_link_and_the_helpdesk_sees_it(
        server: dict[str, Any], browser: Any, tmp_path: Path) -> None:
    base, institution = server["base"], server["institution"]
    errors: list[str] = []
    admin = _login(browser, base, SCHOOL, errors)
    admin.goto(f"{base}/i/{institution}/submission-links")
    admin.wait_for_selector("main h1")
    admin.select_option("#link-profile", "intergrip")
    admin.fill("#link-label", "Mentor 4H2")
    admin.fill("#link-days", "7")
    admin.get_by_role("button", name="Link maken").click()
    admin.wait_for_selector("#new-link")
    link = admin.input_value("#new-link")
    assert f"{base}/s/" in link
    assert "Mentor 4H2" in admin.inner_text(".links-table")

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")  # no account, no cookie
    visitor = open_page(context, errors, WAIT_MS)
    visitor.goto(link)
    visitor.wait_for_selector("main h1")
    assert "Uitloggen" not in visitor.inner_text("body")  # nobody is logged in
    path = tmp_path / "leerlinglijst.csv"
    path.write_bytes(intergrip_csv(6))
    visitor.select_option("#option-school_type", "VO")
    visitor.select_option("#option-learner_kind", "potentiele-overstapper")
    visitor.set_input_files("#file", str(path))
    visitor.get_by_role("button", name="Uploaden en controleren").click()
    visitor.get_by_role("link", name="Verder", exact=True).click()
    visitor.wait_for_selector(".preview-table")
    visitor.get_by_role("button", name="Ja, ga verder").click()
    visitor.wait_for_selector("#submission-name")
    assert "/s/" in visitor.url and "/i/" not in visitor.url
    visitor.fill("#submission-name", "Mevr. Jansen")
    visitor.fill("#submission-email", "jansen@mentor.example")
    visitor.fill("#review-remark", "Via de link van de school")
    shot(visitor, "submission-link.png")
    visitor.get_by_role("button", name="Opsturen").click()
    visitor.wait_for_selector("#review-status:has-text('Lijst succesvol opgestuurd')")

    desk = _login(browser, base, HELPDESK, errors, totp=True)
    desk.goto(base + "/admin/reviews")
    desk.wait_for_selector("#review-queue")
    row = desk.locator("#review-queue tbody tr", has_text="jansen@mentor.example")
    assert "Lyceum Duinstad" in row.inner_text() and "6" in row.inner_text()
    row.get_by_role("link").click()
    desk.wait_for_selector("#decide")
    detail = desk.inner_text("main")
    assert "Mevr. Jansen" in detail and "Via de link van de school" in detail
    admin.goto(f"{base}/i/{institution}/submission-links")
    assert "Mentor 4H2" in admin.inner_text(".links-table")
    assert not errors, errors
