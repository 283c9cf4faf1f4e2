"""The "Kolommen koppelen" step of the roster CSV (seed 004), through HTTP on SQLite and PostgreSQL.

After the upload the wizard sends the user to the mapping page: the delimiter (the recognised one
preselected; another re-reads the table through htmx), a field or "negeren" above each column
(preselected from the institution's remembered labels, else from a header that is a field name),
and the switch "Toevoegen als leerling". Submitting remembers the labels, stores them with the
version and starts the check, which the worker runs with them.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
from rd_platform_helpers import Site
from rd_uploads_helpers import Tenant, Uploads
from rd_wizard_helpers import HX, Wizard, logged_in

from rosterdesk.platform.roster.mapping_tables import ColumnMapping, VersionMapping

DUTCH = ("Leerlingnummer;Roepnaam;Achternaam;Klas\n"
         "200001;Jan;Dijk;2A\n200002;Els;Vries, de;2B\n200003;Piet;Bakker;2A\n")
BY_HAND = {"column-0": "code", "column-1": "roepnaam", "column-2": "achternaam", "column-3": "klas"}
SELECTED = re.compile(r'<select name="column-(\d+)"[^>]*>(.*?)</select>', re.S)


def _wizard(uploads: Uploads, tenant: Tenant | None = None) -> Wizard:
    tenant = tenant or uploads.tenant()
    return Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id, "roster-csv")


def _columns_page(wizard: Wizard, content: str, name: str = "leerlingen.csv") -> tuple[int, httpx.Response]:
    """Upload ``content``; the version page sends the user on to the mapping step, which is returned."""
    version_id = wizard.upload_version(content.encode(), name)
    version_page = wizard.page(version_id)
    assert version_page.status_code == 303, version_page.text
    assert version_page.headers["location"] == wizard.url(version_id, "/columns")
    page = wizard.page(version_id, "/columns")
    assert page.status_code == 200, page.text
    return version_id, page


def selected(page: str) -> dict[int, str]:
    """Per column index the value preselected in its dropdown."""
    found = {}
    for index, body in SELECTED.findall(page):
        match = re.search(r'<option value="([^"]*)" selected', body)
        assert match, body
        found[int(index)] = match.group(1)
    return found


def submit(wizard: Wizard, version_id: int, fields: dict[str, str], *, delimiter: str = "semicolon",
           read_with: str | None = None, **extra: str) -> httpx.Response:
    data = {"delimiter": delimiter, "read_with": read_with or delimiter, **fields, **extra}
    return wizard.browser.post(wizard.url(version_id, "/columns"), data)


def _rows(site: Site, table: Any, **where: Any) -> list[dict[str, Any]]:
    async def fetch() -> list[dict[str, Any]]:
        query = table.select()
        for name, value in where.items():
            query = query.where(getattr(table, name) == value)
        return list(await query.run())

    return site.run(fetch)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


# -- the page -----------------------------------------------------------------------------------------------

def test_the_page_preselects_fields_from_headers_that_are_field_names(uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    content = "code\tRoep Naam\tACHTERNAAM\tMentor\n" + "".join(
        f"{1000 + n}\tSanne\tJansen\tmevr. K\n" for n in range(7))
    version_id, page = _columns_page(wizard, content, "klas.csv")
    assert "Stap 3: Kolommen koppelen" in page.text
    assert selected(page.text) == {0: "code", 1: "roepnaam", 2: "achternaam", 3: "-"}
    assert page.text.count("herkend aan de naam") == 3
    assert re.search(r'<option value="tab" selected>Tab \(herkend\)</option>', page.text)
    assert "1004" in page.text and "1005" not in page.text  # the first five data rows, no more
    assert "Toevoegen als leerling" in page.text and "zonder kolom &#39;type&#39;" in page.text
    assert '<option value="-"' in page.text and ">negeren<" in page.text
    assert uploads.get(version_id).state == "received"
    assert wizard.page(version_id, "/preview").headers["location"] == wizard.url(version_id)  # step 3 is this page


def test_semicolons_and_dutch_headers_mapped_by_hand_are_checked_with_the_mapping(uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    version_id, page = _columns_page(wizard, DUTCH)
    assert re.search(r'<option value="semicolon" selected>Puntkomma \(;\) \(herkend\)</option>', page.text)
    assert selected(page.text) == {0: "-", 1: "roepnaam", 2: "achternaam", 3: "klas"}
    response = submit(wizard, version_id, BY_HAND, option_add_as_student="J")
    assert response.status_code == 303, response.text
    assert response.headers["location"] == wizard.url(version_id)
    result = wizard.wait_for_result(version_id)
    assert "Het bestand is goedgekeurd" in result.text, result.text
    version = uploads.get(version_id)
    assert version.state == "valid" and version.row_count == 3
    assert _json(version.options) == {"add_as_student": "J"}
    assert _json(version.report)["stats"]["delimiter"] == ";"
    stored = _rows(uploads.site, VersionMapping, version=version_id)
    assert [(row["delimiter"], _json(row["columns"])) for row in stored] == [
        (";", {"Leerlingnummer": "code", "Roepnaam": "roepnaam", "Achternaam": "achternaam", "Klas": "klas"})]
    assert wizard.page(version_id, "/columns").headers["location"] == wizard.url(version_id)  # the step is done
    again = submit(wizard, version_id, BY_HAND)
    assert again.status_code == 409 and "Dit kan nu niet: versie 1" in again.text  # a second tab, an old form
    mapped = [e for e in uploads.site.audit("roster.columns-mapped") if e["target"] == f"version:{version_id}"]
    assert mapped and _json(mapped[0]["details"])["accepted"] is True
    assert any(e["action"] == "upload.check-requested" for e in uploads.site.audit())


def test_the_worker_reads_the_columns_as_labelled(uploads: Uploads) -> None:
    """With "Toevoegen als leerling" every code must be digits: the error is in the labelled column."""
    wizard = _wizard(uploads)
    version_id, _ = _columns_page(wizard, DUTCH.replace("200002;Els", "A2;Els"))
    assert submit(wizard, version_id, BY_HAND, option_add_as_student="J").status_code == 303
    wizard.wait_for_result(version_id)
    version = uploads.get(version_id)
    assert version.state == "invalid"
    issues = [(i["type"], i["column"], i["cell"]) for i in _json(version.report)["issues"]]
    assert issues == [("invalid-digits", "Leerlingnummer", "A3")]


def test_the_remembered_mapping_is_suggested_next_time_whatever_the_capitals_and_spaces(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    wizard = _wizard(uploads, tenant)
    version_id, _ = _columns_page(wizard, DUTCH.replace("Klas", "Mentor"))
    assert submit(wizard, version_id, {**BY_HAND, "column-3": "-"}).status_code == 303
    wizard.wait_for_result(version_id)
    remembered = {row["header_key"]: row["field"] for row in _rows(uploads.site, ColumnMapping,
                                                                   institution=tenant.institution_id)}
    assert remembered == {"leerlingnummer": "code", "roepnaam": "roepnaam", "achternaam": "achternaam", "mentor": ""}

    again = " leerling nummer ;ROEPNAAM;Achter naam;MENTOR\n300001;Ans;Smit;x\n"
    second, page = _columns_page(wizard, again, "nieuw.csv")
    assert selected(page.text) == {0: "code", 1: "roepnaam", 2: "achternaam", 3: "-"}
    assert page.text.count("vorige keer") == 4

    # another institution has its own memory: the same file gets only the by-name suggestions there
    other = _wizard(uploads, uploads.tenant("30GB", "Ander College"))
    _, elsewhere = _columns_page(other, again, "nieuw.csv")
    assert selected(elsewhere.text) == {0: "-", 1: "roepnaam", 2: "achternaam", 3: "-"}
    assert uploads.get(second).state == "received"


def test_another_delimiter_reads_the_table_again_through_htmx(uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    version_id, _ = _columns_page(wizard, DUTCH)
    partial = wizard.browser.get(wizard.url(version_id, "/columns") + "?delimiter=comma", headers=HX)
    assert partial.status_code == 200
    assert partial.text.lstrip().startswith('<div id="columns-table">')  # only the table, no layout
    assert '<input type="hidden" name="read_with" value="comma">' in partial.text
    assert "column-0" in partial.text and "column-1" not in partial.text  # one column: no commas in the header
    assert "Vries" in partial.text and "<html" not in partial.text
    back = wizard.browser.get(wizard.url(version_id, "/columns") + "?delimiter=semicolon", headers=HX)
    assert "column-3" in back.text
    # a form whose columns were read with another delimiter is shown again, not stored
    stale = submit(wizard, version_id, BY_HAND, delimiter="comma", read_with="semicolon")
    assert stale.status_code == 422
    assert "Het scheidingsteken is gewijzigd" in stale.text
    assert uploads.get(version_id).state == "received"
    assert _rows(uploads.site, VersionMapping, version=version_id) == []
    assert wizard.browser.get(wizard.url(version_id, "/columns") + "?delimiter=pipe").status_code == 400


def test_an_unknown_field_or_delimiter_is_refused_with_400_and_nothing_stored(uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    version_id, _ = _columns_page(wizard, DUTCH)
    bad = submit(wizard, version_id, {**BY_HAND, "column-0": "leerlingnummer"})
    assert bad.status_code == 400
    assert "Kolom &#39;Leerlingnummer&#39; is gekoppeld aan &#39;leerlingnummer&#39;" in bad.text
    assert "Kies een veld uit de lijst" in bad.text and "Traceback" not in bad.text
    assert submit(wizard, version_id, BY_HAND, delimiter="pipe").status_code == 400
    assert submit(wizard, version_id, BY_HAND, option_add_as_student="ja").status_code == 400
    assert uploads.get(version_id).state == "received"
    assert _rows(uploads.site, VersionMapping) == [] and _rows(uploads.site, ColumnMapping) == []


def test_a_required_field_left_unlabelled_shows_the_page_again_with_how_to_fix_it(uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    version_id, _ = _columns_page(wizard, DUTCH)
    response = submit(wizard, version_id, {**BY_HAND, "column-2": "-"})
    assert response.status_code == 422
    assert "Geen kolom is gekoppeld aan het verplichte veld &#39;achternaam&#39;" in response.text
    assert "Kies bij de kolom die deze gegevens bevat het veld &#39;achternaam&#39;" in response.text
    assert selected(response.text) == {0: "code", 1: "roepnaam", 2: "-", 3: "klas"}  # as the user left it
    twice = submit(wizard, version_id, {**BY_HAND, "column-1": "achternaam"})
    assert twice.status_code == 422 and "is gekoppeld aan meer dan één kolom" in twice.text
    assert uploads.get(version_id).state == "received"
    assert _rows(uploads.site, VersionMapping) == []
    events = [e for e in uploads.site.audit("roster.columns-mapped") if e["target"] == f"version:{version_id}"]
    assert len(events) == 2 and not any(_json(e["details"])["accepted"] for e in events)
    assert submit(wizard, version_id, BY_HAND).status_code == 303  # fixed: on to the check


def test_only_uploaders_and_admins_submit_and_only_with_the_csrf_token(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    wizard = _wizard(uploads, tenant)
    version_id, _ = _columns_page(wizard, DUTCH)
    viewer_account = uploads.site.user("kijker@school.example", totp=False,
                                       memberships=((tenant.institution_id, "viewer"),))
    viewer = Wizard(uploads.site, logged_in(uploads.site, viewer_account), tenant.institution_id, "roster-csv")
    look = viewer.page(version_id, "/columns")
    assert look.status_code == 200 and "Koppeling opslaan en controleren" not in look.text
    assert submit(viewer, version_id, BY_HAND).status_code == 403
    no_token = wizard.browser.post(wizard.url(version_id, "/columns"),
                                   {"delimiter": "semicolon", "read_with": "semicolon", **BY_HAND}, csrf=False)
    assert no_token.status_code == 403
    assert uploads.get(version_id).state == "received"


def test_another_institutions_version_is_a_404(uploads: Uploads) -> None:
    school_a, school_b = uploads.tenant("99DU", "School A"), uploads.tenant("30GB", "School B")
    a = _wizard(uploads, school_a)
    version_a, _ = _columns_page(a, DUTCH)
    b = _wizard(uploads, school_b)
    for institution_id in (school_b.institution_id, school_a.institution_id):
        path = f"/i/{institution_id}/versions/{version_a}/columns"
        assert b.browser.get(path).status_code == 404
        assert b.browser.get(path + "?delimiter=comma", headers=HX).status_code == 404
        assert b.browser.post(path, {"delimiter": "semicolon", "read_with": "semicolon", **BY_HAND}).status_code == 404
    assert uploads.get(version_a).state == "received"
    assert _rows(uploads.site, ColumnMapping) == []


def test_a_profile_without_the_mapping_step_has_no_columns_page(uploads: Uploads) -> None:
    from rosterdesk.samples import NSE_DEMO_VALID

    tenant = uploads.tenant()
    nse = Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id)
    version_id = nse.upload_version(NSE_DEMO_VALID)
    assert nse.page(version_id).status_code == 200
    assert nse.page(version_id, "/columns").status_code == 404
    assert nse.post(version_id, "columns").status_code == 404


def test_the_department_participations_get_the_same_step_from_the_profile_flag(uploads: Uploads) -> None:
    """``column_mapping=True`` is all the second roster import declares to get this step (no switch: no J/N option)."""
    tenant = uploads.tenant(profiles=["roster-csv", "roster-departments"])
    wizard = Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id, "roster-departments")
    version_id, page = _columns_page(wizard, "Leerling;Afdeling;Pr%\n200001;havo 4;80\n", "deelnames.csv")
    assert selected(page.text) == {0: "-", 1: "afdeling", 2: "-"}
    assert "leerlingcode (verplicht)" in page.text and "Toevoegen als leerling" not in page.text
    response = submit(wizard, version_id, {"column-0": "leerlingcode", "column-1": "afdeling", "column-2": "prognose"})
    assert response.status_code == 303, response.text
    wizard.wait_for_result(version_id)
    report = _json(uploads.get(version_id).report)
    assert report["stage"] != "structure" and report["stats"]["rows"] == 1
    assert [_json(row["columns"]) for row in _rows(uploads.site, VersionMapping, version=version_id)] == [
        {"Leerling": "leerlingcode", "Afdeling": "afdeling", "Pr%": "prognose"}]


def test_the_step_speaks_english_to_an_english_user(uploads: Uploads) -> None:
    from rosterdesk.platform.auth.tables import User

    tenant = uploads.tenant()
    uploads.site.run(User.update({User.language: "en"}).where(User.id == tenant.admin.id).run)
    wizard = _wizard(uploads, tenant)
    version_id, page = _columns_page(wizard, DUTCH)
    assert "Step 3: Label columns" in page.text and ">ignore<" in page.text
    assert "Semicolon (;) (recognised)" in page.text
    assert "Add as student" in page.text and "For a file without a &#39;type&#39; column" in page.text
    missing = submit(wizard, version_id, {**BY_HAND, "column-2": "-"})
    assert "No column is labelled with the required field &#39;achternaam&#39;" in missing.text
    bad = submit(wizard, version_id, {**BY_HAND, "column-0": "nummer"})
    assert bad.status_code == 400 and "Choose a field from the list or &#39;ignore&#39;" in bad.text


def test_the_helpdesk_sample_reads_the_file_with_the_chosen_delimiter(uploads: Uploads) -> None:
    """A held version's sample rows (``services.preview_rows``) use the delimiter stored with the version."""
    from rosterdesk.platform.uploads import services
    from rosterdesk.platform.uploads.tables import Version

    wizard = _wizard(uploads)
    version_id, _ = _columns_page(wizard, DUTCH)
    assert submit(wizard, version_id, BY_HAND).status_code == 303
    wizard.wait_for_result(version_id)
    uploads.site.run(Version.update({Version.state: "submitted"}).where(Version.id == version_id).run)
    sample = uploads.site.run(services.preview_rows, uploads.get(version_id), 10)
    assert sample.headers == ["Leerlingnummer", "Roepnaam", "Achternaam", "Klas"] and sample.total == 3
    # the stored choice, not the reader's detection, decides: stored as comma, the file is one column
    uploads.site.run(VersionMapping.update({VersionMapping.delimiter: ","}).where(
        VersionMapping.version == version_id).run)
    sample = uploads.site.run(services.preview_rows, uploads.get(version_id), 10)
    assert sample.headers == ["Leerlingnummer;Roepnaam;Achternaam;Klas"]
