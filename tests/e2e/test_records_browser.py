"""A manual add in real Chromium against ``rosterdesk serve`` (issue 6, item 6): an Intergrip learner typed
with an invalid BSN gets the message beside the field as the field is left, is corrected to a valid BSN,
and is saved; the record page shows the BSN masked. The server's database is prepared before it starts
(a VO school with the Intergrip profile and an admin without a second factor). Waits only bound a
broken run; nothing asserts on time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from stdnum.nl import bsn

from tests.e2e.rd_e2e import Account, login, open_page, served

EMAIL = "beheer@vo-school.example"
PASSWORD = "a long e2e records password"
WAIT_MS = 60_000
VALID_BSN = "111222333"
INVALID_BSN = "123456789"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``rosterdesk serve`` with a VO school that has the Intergrip and roster profiles, and its admin."""
    school = {"name": "Scholengemeenschap De Duinen", "kind": "VO", "brin": "12AB", "locations": ["12AB00"],
              "profiles": ["intergrip", "roster-csv"], "two_factor_required": False}
    with served(tmp_path_factory.mktemp("rd-e2e-records"), school,
                [Account(EMAIL, PASSWORD, "Beheer De Duinen", role="admin")]) as found:
        yield found


def test_a_manual_add_with_an_invalid_bsn_corrected_to_a_valid_one(server: dict[str, Any], browser: Any) -> None:
    assert not bsn.is_valid(INVALID_BSN) and bsn.is_valid(VALID_BSN)
    base, institution = server["base"], server["institution"]
    context = browser.new_context(locale="nl-NL")
    errors: list[str] = []
    page = login(open_page(context, errors, WAIT_MS), base, EMAIL, PASSWORD)
    page.wait_for_url(re.compile(r".*/$"))

    page.goto(f"{base}/i/{institution}/records/intergrip")
    page.click("text=Nieuw record toevoegen")
    page.wait_for_selector("#in-leerlingnummer")
    assert page.input_value("#option-school_type") == "VO"  # filled in from the school (seed 003)
    page.select_option("#option-learner_kind", "potentiele-overstapper")
    page.fill("#in-leerlingnummer", "200001")
    page.fill("#in-bsn", INVALID_BSN)
    page.keyboard.press("Tab")  # leaving the field checks it with the whole row
    page.wait_for_selector("#err-bsn .error-text")
    assert "geen geldig burgerservicenummer" in page.inner_text("#err-bsn")
    assert page.get_attribute("#in-bsn", "aria-invalid") == "true"

    page.fill("#in-bsn", VALID_BSN)
    page.keyboard.press("Tab")
    page.wait_for_function("() => !document.querySelector('#err-bsn .error-text')")
    assert page.get_attribute("#in-bsn", "aria-invalid") is None
    for field, value in (("voorletters", "J.P."), ("voornaam", "Jan"), ("tussenvoegsel", "van der"),
                         ("achternaam", "Berg"), ("geboortedatum", "2011-03-14"), ("klas", "4H2")):
        page.fill(f"#in-{field}", value)
    page.select_option("#in-leerjaar", "4")
    page.select_option("#in-niveau", "HAVO")
    page.click("main button[type=submit] >> text=Opslaan")
    page.wait_for_selector("text=Opgeslagen.")
    assert re.search(r"/records/intergrip/\d+", page.url)
    content = page.inner_text("main")
    assert "*****2333" in content and VALID_BSN not in page.content()
    assert "met de hand" in content and "Berg" in content
    page.goto(f"{base}/i/{institution}/records/intergrip")
    assert "1 record(s)" in page.inner_text("#records-results")
    assert errors == [], errors  # no CSP violation, no script error
    context.close()
