"""The roster CSV in real Chromium against ``rosterdesk serve`` (issue 7, item 4): a file with semicolons and
Dutch headers is labelled by hand on "Kolommen koppelen" (the delimiter switched through htmx and back),
checked, confirmed; a second file, with the headers in other capitals and spacing, comes back with the
labels remembered and is applied in synchronise mode. The server's database is prepared before it
starts (a VO school with the roster profile and an admin without a second factor). Waits only bound a
broken run; nothing asserts on time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.rd_e2e import Account, login, open_page, served, shot

EMAIL = "rooster@vo-school.example"
PASSWORD = "a long e2e roster password"
WAIT_MS = 60_000
NAMES = ["Jan;Dijk", "Els;Vries, de", "Piet;Bakker", "Ans;Smit", "Kees;Jansen", "Fatima;El Amrani", "Daan;Visser",
         "Sanne;Mulder", "Noah;Bos", "Lotte;Meijer", "Sem;Peters", "Emma;Hendriks", "Finn;Dekker", "Julia;Brouwer",
         "Lucas;Wit, de", "Mila;Kok", "Levi;Vos", "Tess;Maas", "Bram;Smits", "Zoë;Post"]
FIRST = "Leerlingnummer;Roepnaam;Achternaam;Klas;Mentor\n" + "".join(
    f"{200001 + n};{name};2A;mevr. Smit\n" for n, name in enumerate(NAMES))
SECOND = " leerling nummer ;ROEPNAAM;achter naam;KLAS;mentor\n" + "".join(
    f"{200001 + n};{name};{'3A' if n == 0 else '2A'};mevr. Smit\n" for n, name in enumerate(NAMES[:-1])) + (
    "200099;Nieuw;Leerling;1A;dhr. Bos\n")
"""20 students; then one moved to another class, one gone, one new: a change small enough not to wait for the
helpdesk (RD_REVIEW_CHANGE_SHARE), so synchronising applies at once."""
BY_HAND = {"#column-0": "code", "#column-1": "roepnaam", "#column-2": "achternaam", "#column-3": "klas",
           "#column-4": "-"}

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``rosterdesk serve`` with a VO school that has the roster profile, and its admin."""
    school = {"name": "Scholengemeenschap De Duinen", "kind": "VO", "brin": "12AB", "locations": ["12AB00"],
              "profiles": ["roster-csv"], "two_factor_required": False}
    with served(tmp_path_factory.mktemp("rd-e2e-mapping"), school,
                [Account(EMAIL, PASSWORD, "Roostermaker", role="admin")]) as found:
        yield found


def _upload(page: Any, start: str, folder: Path, name: str, content: str) -> None:
    """Step 1 with ``content`` as the file; ends on the mapping step."""
    path = folder / name
    path.write_text(content, encoding="utf-8")
    page.goto(start)
    page.wait_for_selector("h2:has-text('Stap 1: Bestand kiezen')")
    page.set_input_files("#file", str(path))
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.wait_for_selector("h2:has-text('Stap 3: Kolommen koppelen')")


def _confirm(page: Any, mode: str) -> None:
    """From the check's result through step 5 under ``mode`` to the confirmed version."""
    page.wait_for_selector(".verdict:has-text('Het bestand is goedgekeurd')")
    page.get_by_role("link", name="Verder naar bevestigen").click()
    page.wait_for_selector("#fates")
    page.check(f"#mode-{mode}")
    if mode == "sync":
        page.wait_for_selector("#fates:has-text('wordt verwijderd')")  # the preview asked again for this mode
    page.get_by_role("button", name="Ja, bevestigen").click()
    page.wait_for_selector("h2:has-text('Je bestand is succesvol geüpload')")


def test_semicolons_labelled_by_hand_then_remembered_and_synchronised(server: dict[str, Any], browser: Any,
                                                                      tmp_path: Path) -> None:
    base, institution = server["base"], server["institution"]
    start = f"{base}/i/{institution}/uploads/roster-csv"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    errors: list[str] = []
    page = login(open_page(context, errors, WAIT_MS), base, EMAIL, PASSWORD)

    _upload(page, start, tmp_path, "leerlingen.csv", FIRST)
    assert page.input_value("#delimiter") == "semicolon"  # recognised and preselected
    assert page.input_value("#column-0") == "-" and page.input_value("#column-2") == "achternaam"  # by name
    page.select_option("#delimiter", "comma")  # htmx reads the file again: one column, no commas in it
    page.wait_for_selector("#column-1", state="detached")
    page.select_option("#delimiter", "semicolon")
    page.wait_for_selector("#column-4")
    for selector, value in BY_HAND.items():
        page.select_option(selector, value)
    page.check("#switch-add_as_student")
    shot(page, "roster-columns.png")
    page.get_by_role("button", name="Koppeling opslaan en controleren").click()
    _confirm(page, "new")

    _upload(page, start, tmp_path, "leerlingen-nieuw.csv", SECOND)
    remembered = {selector: page.input_value(selector) for selector in BY_HAND}
    assert remembered == BY_HAND  # other capitals and spaces, the same labels
    assert page.locator("text=vorige keer").count() == len(BY_HAND)
    page.check("#switch-add_as_student")
    page.get_by_role("button", name="Koppeling opslaan en controleren").click()
    _confirm(page, "sync")
    counts = page.inner_text("#applied-counts")
    assert re.search(r"nieuw: 1", counts) and re.search(r"gewijzigd: 1", counts), counts
    assert re.search(r"wordt verwijderd: 1", counts), counts
    assert not [e for e in errors if "Content Security Policy" in e], errors
    context.close()
