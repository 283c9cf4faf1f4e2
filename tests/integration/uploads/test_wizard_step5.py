"""Step 5 for NSE (seed 000): missing RIO programmes with a reason each, the counts after confirming,
confirming after the upload period closed, and OIE_CODE against the logged-in institution.

Runs on SQLite and PostgreSQL with the embedded worker, through HTTP as a browser would. The
tenant is the demo institution 99DU of the bundled DUO sample (imported as reference data).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rd_nse_files import counted, without_programmes
from rd_uploads_helpers import Uploads
from rd_wizard_helpers import Wizard, logged_in, with_reference

from rosterdesk.platform.periods.tables import UploadPeriod
from rosterdesk.platform.uploads import services
from rosterdesk.platform.uploads.completeness import ReasonsMissing
from rosterdesk.platform.uploads.tables import Completeness
from rosterdesk.samples import NSE_DEMO_VALID

MISSING = ("90103", "96102")


def _wizard(uploads: Uploads, brin: str = "99DU") -> Wizard:
    with_reference(uploads.site)
    tenant = uploads.tenant(brin=brin)
    return Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id)


def _checked(wizard: Wizard, content: Path | bytes) -> int:
    version_id = wizard.upload_version(content)
    assert wizard.post(version_id, "check").status_code == 303
    result = wizard.wait_for_result(version_id)
    assert "Het bestand is goedgekeurd" in result.text, result.text
    return version_id


@pytest.fixture
def no_period(uploads: Uploads) -> Iterator[None]:
    """Tests here may set NSE's upload period; it must not outlive them (the database is shared)."""
    uploads.site.run(UploadPeriod.delete().where(UploadPeriod.profile == "nse").run)
    yield
    uploads.site.run(UploadPeriod.delete().where(UploadPeriod.profile == "nse").run)


def test_missing_programmes_are_listed_and_confirming_needs_a_reason_for_each(uploads: Uploads, tmp_path: Path
                                                                             ) -> None:
    wizard = _wizard(uploads)
    version_id = _checked(wizard, without_programmes(tmp_path / "nse-zonder-twee.xlsx", MISSING))

    step5 = wizard.page(version_id, "/complete")
    assert step5.status_code == 200
    assert "Opleidingen die niet in het bestand staan" in step5.text
    for code, name in (("90103", "Ad Ondernemen"), ("96102", "M Rechtsgeleerdheid")):
        assert f'id="programme-{code}"' in step5.text and name in step5.text
        assert f'<label for="reason-{code}">' in step5.text and f'<label for="other-{code}">' in step5.text
    assert step5.text.count('id="programme-') == 2  # the file's own programmes are not listed
    for reason in ("Er zijn nog geen studenten", "Er zijn geen studenten meer, maar de opleiding bestaat nog wel",
                   "Het is geen opleiding met openbare inschrijving", "De opleiding wordt niet in Nederland gegeven",
                   "Andere reden"):
        assert reason in step5.text
    assert "Ja, bevestigen" in step5.text and "Nee, opnieuw beginnen" in step5.text
    assert 'form="confirm-form"' in step5.text and 'id="confirm-form"' in step5.text

    # No reasons: refused, the message at each programme, nothing changed.
    none = wizard.browser.post(wizard.url(version_id, "/confirm"), {})
    assert none.status_code == 422
    assert "bij 2 opleiding(en) ontbreekt nog een reden" in none.text
    assert 'id="reason-90103-error"' in none.text and 'id="reason-96102-error"' in none.text
    assert 'aria-invalid="true"' in none.text
    assert uploads.get(version_id).state == "valid"

    # "Andere reden" without its text: refused at that programme only, the other choice kept.
    half = wizard.browser.post(wizard.url(version_id, "/confirm"),
                               {"reason_90103": "no-students-yet", "reason_96102": "other", "other_96102": "  "})
    assert half.status_code == 422
    assert 'id="reason-96102-error"' in half.text and 'id="reason-90103-error"' not in half.text
    assert "schrijf in het tekstveld wat de reden is" in half.text
    assert '<option value="no-students-yet" selected>' in half.text
    assert uploads.get(version_id).state == "valid"

    # A reason that is not one of the five counts as none.
    bogus = wizard.browser.post(wizard.url(version_id, "/confirm"),
                                {"reason_90103": "because", "reason_96102": "not-in-netherlands"})
    assert bogus.status_code == 422 and 'id="reason-90103-error"' in bogus.text

    done = wizard.browser.post(wizard.url(version_id, "/confirm"),
                               {"reason_90103": "no-students-yet", "reason_96102": "other",
                                "other_96102": "Wordt vanaf 2026 gezamenlijk met Zeestad gegeven"})
    assert done.status_code == 303, done.text
    assert uploads.get(version_id).state == "confirmed"
    stored = uploads.site.run(Completeness.select(Completeness.reasons).where(
        Completeness.version == version_id).first().run)
    assert stored is not None
    assert any(event["action"] == "upload.reasons-given" for event in uploads.site.audit())

    history = wizard.browser.get(f"{wizard.start_url}/history")
    assert "Redenen voor ontbrekende opleidingen (2)" in history.text
    assert "90103 Ad Ondernemen: Er zijn nog geen studenten" in history.text
    assert "96102 M Rechtsgeleerdheid: Andere reden: Wordt vanaf 2026 gezamenlijk met Zeestad gegeven" in history.text


def test_the_service_refuses_to_confirm_without_reasons(uploads: Uploads, tmp_path: Path) -> None:
    """The server checks, not the form: a confirmation straight through the service is refused too."""
    wizard = _wizard(uploads)
    version_id = _checked(wizard, without_programmes(tmp_path / "nse.xlsx", MISSING))
    tenant_user = uploads.site.run(_user_of, wizard.institution_id)
    with pytest.raises(ReasonsMissing) as refused:
        uploads.site.run(services.confirm, uploads.get(version_id), tenant_user)
    assert sorted(refused.value.errors) == list(MISSING)
    assert uploads.get(version_id).state == "valid"


async def _user_of(institution_id: int) -> object:
    from rosterdesk.platform.auth.tables import User
    from rosterdesk.platform.tenants.tables import Membership

    row = await Membership.select(Membership.user).where(Membership.institution == institution_id).first().run()
    assert row is not None
    return await User.objects().get(User.id == row["user"])


def test_no_start_again_at_step_5_goes_back_to_step_1(uploads: Uploads, tmp_path: Path) -> None:
    wizard = _wizard(uploads)
    version_id = _checked(wizard, without_programmes(tmp_path / "nse.xlsx", MISSING))
    back = wizard.post(version_id, "discard")
    assert back.status_code == 303 and back.headers["location"] == wizard.start_url
    assert uploads.get(version_id).state == "discarded"
    assert "Kies bestand" in wizard.browser.get(wizard.start_url).text


def test_a_file_with_every_programme_says_so_and_step_5_is_in_english_for_an_english_user(uploads: Uploads) -> None:
    from rosterdesk.platform.auth.tables import User

    with_reference(uploads.site)
    tenant = uploads.tenant()
    uploads.site.run(User.update({User.language: "en"}).where(User.id == tenant.admin.id).run)
    wizard = Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id)
    version_id = wizard.upload_version(NSE_DEMO_VALID)
    wizard.post(version_id, "check")
    wizard.wait_for_result(version_id)
    step5 = wizard.page(version_id, "/complete")
    assert "Every programme of your institution in RIO is in the file." in step5.text
    assert "Yes, confirm" in step5.text
    assert wizard.post(version_id, "confirm").status_code == 303
    confirmed = wizard.page(version_id)
    assert "Number of students per programme" in confirmed.text and "&lt; 5" in confirmed.text


def test_without_reference_data_step_5_says_it_could_not_check(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    wizard = Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id)
    from rosterdesk.platform.reference.tables import ReferenceImport

    # Tests that need reference data import it themselves; this one needs none in force.
    uploads.site.run(ReferenceImport.delete(force=True).run)
    version_id = wizard.upload_version(NSE_DEMO_VALID)
    wizard.post(version_id, "check")
    wizard.wait_for_result(version_id)
    assert "niet gecontroleerd of er opleidingen ontbreken" in wizard.page(version_id, "/complete").text
    assert wizard.post(version_id, "confirm").status_code == 303


# -- counts after confirming -------------------------------------------------------------------------------------

SPEC = {("90101", "00"): 9, ("90101", "02"): 3, ("90102", "00"): 7, ("96103", "00"): 6, ("96103", "01"): 6,
        ("96104", "00"): 2}
"""90101 has 12 students: 9 at location 00 and 3 at 02. Shown beside the per-programme count, the 9 would
give the 3 away by subtraction (12 - 9); and 96104's 2 would follow from the total minus the others."""


def _cells(page: str) -> dict[str, str]:
    """Every count on the page by its row id (count-<code>, count-<code>-<location>, count-total)."""
    return {match.group(1): match.group(2) for match in re.finditer(
        r'<tr [^>]*id="(count-[^"]+)"[^>]*>.*?<td class="number">([^<]*)</td></tr>', page, re.S)}


def test_counts_after_confirming_never_reveal_a_group_under_five_by_subtraction(uploads: Uploads, tmp_path: Path
                                                                               ) -> None:
    wizard = _wizard(uploads)
    path, _ = counted(tmp_path / "nse-telling.xlsx", SPEC)
    version_id = _checked(wizard, path)
    reasons = {f"reason_{code}": "no-students-yet" for code in ("90103", "90104", "96101", "96102")}
    assert wizard.browser.post(wizard.url(version_id, "/confirm"), reasons).status_code == 303
    page = wizard.page(version_id).text
    assert "Aantal studenten per opleiding" in page
    cells = _cells(page)
    assert cells["count-90101-02"] == "&lt; 5" and cells["count-96104"] == "&lt; 5"
    assert cells["count-96104-00"] == "&lt; 5"
    # the two overlapping views: 90101 as a whole and per location; one of 12 and 9 must be hidden too
    assert "&lt; 5" not in (cells["count-90101"], cells["count-90101-00"])
    assert "•" in (cells["count-90101"], cells["count-90101-00"]), cells
    assert "•" in (cells["count-total"], *[v for k, v in cells.items() if k.count("-") == 1 and k != "count-96104"])
    assert "verborgen, omdat anders een groep van minder dan vijf uit te rekenen zou zijn" in page
    _no_small_group_can_be_worked_out(cells)


def _no_small_group_can_be_worked_out(cells: dict[str, str]) -> None:
    """Every value the hidden cells could take (small: 0-4, hidden: 5 and up), against the shown numbers
    and both views' sums (total = programmes, programme = its locations): no small cell may be pinned
    down to one value. Per programme its combinations are tried, then the total ties them together."""
    groups = sorted({key.split("-")[1] for key in cells if key != "count-total"})
    parts = {code: sorted(key for key in cells if key.startswith(f"count-{code}-")) for code in groups}
    cap = sum(int(text) for text in cells.values() if text.isdigit()) + 10

    def values(key: str) -> range:
        text = cells[key]
        return range(int(text), int(text) + 1) if text.isdigit() else range(5) if text == "&lt; 5" else \
            range(5, cap)

    options: dict[str, list[dict[str, int]]] = {}
    for code in groups:
        found = []
        for combo in itertools.product(*(values(key) for key in parts[code])):
            total = sum(combo)
            if parts[code] and total not in values(f"count-{code}"):
                continue
            for own in ([total] if parts[code] else values(f"count-{code}")):
                found.append({f"count-{code}": own, **dict(zip(parts[code], combo, strict=True))})
        options[code] = found
    sums = {code: {option[f"count-{code}"] for option in found} for code, found in options.items()}
    possible: dict[str, set[int]] = {key: set() for key, text in cells.items() if text == "&lt; 5"}
    for code in groups:
        others = {0}
        for other in groups:
            if other != code:
                others = {a + b for a in others for b in sums[other] if a + b < cap * 2}
        for option in options[code]:
            if any(option[f"count-{code}"] + rest in values("count-total") for rest in others):
                for key, value in option.items():
                    if key in possible:
                        possible[key].add(value)
    if "count-total" in possible:
        possible["count-total"] = set(range(5))  # the total is a sum of every group: small only if all are
    for key, seen in possible.items():
        assert len(seen) > 1, (key, seen)


# -- the upload period ---------------------------------------------------------------------------------------------


def test_confirming_after_the_period_closed_is_refused_and_changes_nothing(uploads: Uploads, tmp_path: Path,
                                                                          no_period: None) -> None:
    wizard = _wizard(uploads)
    first = _checked(wizard, NSE_DEMO_VALID)
    assert wizard.post(first, "confirm").status_code == 303
    second = _checked(wizard, NSE_DEMO_VALID)
    yesterday = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=2)
    uploads.site.run(UploadPeriod.insert(UploadPeriod(profile="nse", opens_on=yesterday - dt.timedelta(days=30),
                                                      closes_on=yesterday)).run)
    step5 = wizard.page(second, "/complete")
    assert "Bevestigen kan niet meer" in step5.text and 'id="confirm-form"' not in step5.text
    refused = wizard.browser.post(wizard.url(second, "/confirm"), {})
    assert refused.status_code == 409
    assert "Bevestigen kan niet meer: De uploadperiode is gesloten" in refused.text
    assert "er is niets veranderd" in refused.text
    assert uploads.get(second).state == "valid" and uploads.get(first).state == "confirmed"
    # the period opens again (the superadmin moved it): the same confirmation goes through
    uploads.site.run(UploadPeriod.delete().where(UploadPeriod.profile == "nse").run)
    assert wizard.browser.post(wizard.url(second, "/confirm"), {}).status_code == 303
    assert uploads.get(second).state == "confirmed" and uploads.get(first).state == "superseded"


# -- OIE_CODE (issue 5, item 2) ------------------------------------------------------------------------------------


def test_a_file_of_another_institution_gets_wrong_institution(uploads: Uploads) -> None:
    """The worker hands the logged-in institution's code to the engine: 99DU's file under 99AB is refused."""
    wizard = _wizard(uploads, brin="99AB")
    version_id = wizard.upload_version(NSE_DEMO_VALID)
    wizard.post(version_id, "check")
    result = wizard.wait_for_result(version_id)
    version = uploads.get(version_id)
    assert version.state == "invalid"
    report = services.report_of(version)
    assert report.counts.get("wrong-institution") == 30
    assert "99AB" in result.text and "OIE_CODE" in result.text

