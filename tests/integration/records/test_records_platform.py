"""Records: versions applied to the records in force, the records page, the manual forms (issue 6, items 1, 2, 5)."""

from __future__ import annotations

import re
from typing import Any

import httpx
from rd_platform_helpers import Browser, Site
from rd_uploads_helpers import ROSTER_HEADERS, Tenant, Uploads
from rd_wizard_helpers import HX, logged_in
from stdnum.nl import bsn

from rosterdesk.platform.records import services as records
from rosterdesk.platform.records.tables import Record, RecordRevision
from rosterdesk.platform.uploads import services as upload_services

VALID_BSN = "111222333"
INVALID_BSN = "123456789"
LEARNER = {"field_leerlingnummer": "200001", "field_bsn": VALID_BSN, "field_voorletters": "J.P.",
           "field_voornaam": "Jan", "field_tussenvoegsel": "van der", "field_achternaam": "Berg",
           "field_geboortedatum": "2011-03-14", "field_klas": "4H2", "field_leerjaar": "4", "field_niveau": "HAVO",
           "option_school_type": "VO", "option_learner_kind": "potentiele-overstapper"}


def roster(rows: list[tuple[str, str, str]]) -> bytes:
    """A roster CSV (tab-separated) with (code, achternaam, klas) per person, all students."""
    lines = ["\t".join(ROSTER_HEADERS)]
    lines += ["\t".join([code, "Sanne", "", "", name, f"{code}@school.example.nl", klas, "leerling"])
              for code, name, klas in rows]
    return ("\n".join(lines) + "\n").encode()


def checked(uploads: Uploads, tenant: Tenant, content: bytes) -> Any:
    version = uploads.receive(tenant, content, profile="roster-csv", name="rooster.csv")
    assert version.state == "received", version.structure_report
    uploads.start(tenant, version)
    return uploads.wait(version.id, "valid")


def rows_of(site: Site, institution_id: int, profile: str = "roster-csv") -> dict[str, dict[str, Any]]:
    async def fetch() -> dict[str, dict[str, Any]]:
        found = await Record.select().where((Record.institution == institution_id) & (Record.profile == profile)).run()
        return {row["record_key"]: {**row, "data": records.as_dict(row["data"])} for row in found}

    return site.run(fetch)


def revisions_of(site: Site, record_id: int) -> list[dict[str, Any]]:
    async def fetch() -> list[dict[str, Any]]:
        return list(await RecordRevision.select().where(RecordRevision.record == record_id).order_by(
            RecordRevision.id).run())

    return site.run(fetch)


def school(uploads: Uploads, brin: str = "12AB") -> tuple[Tenant, Browser]:
    tenant = uploads.tenant(brin=brin, name=f"School {brin}")
    return tenant, logged_in(uploads.site, tenant.admin)


def add(browser: Browser, institution_id: int, profile: str, form: dict[str, str]) -> httpx.Response:
    return browser.post(f"/i/{institution_id}/records/{profile}/new", form)


def record_id_from(response: httpx.Response) -> int:
    assert response.status_code == 303, response.text
    match = re.search(r"/records/[\w-]+/(\d+)\?saved=1$", response.headers["location"])
    assert match, response.headers["location"]
    return int(match.group(1))


# -- applying versions -------------------------------------------------------------------------------------------


def test_confirming_a_version_loads_its_records_and_a_second_version_adds_changes_and_removes(
        uploads: Uploads) -> None:
    tenant = uploads.tenant()
    user = uploads.user(tenant)
    first = checked(uploads, tenant, roster([("1001", "Jansen", "1A"), ("1002", "Bakker", "1A"),
                                             ("1003", "Visser", "1B")]))
    uploads.site.run(upload_services.confirm, first, user)
    loaded = rows_of(uploads.site, tenant.institution_id)
    assert sorted(row["data"]["code"] for row in loaded.values()) == ["1001", "1002", "1003"]
    assert all(row["status"] == "actief" and not row["deleted"] for row in loaded.values())
    assert len(uploads.site.audit("records.applied")) == 1

    second = checked(uploads, tenant, roster([("1001", "Jansen", "2A"), ("1002", "Bakker", "1A"),
                                              ("1004", "Smit", "1C")]))
    result = uploads.site.run(records.apply_version, second, user)
    assert result.as_dict() == {"added": 1, "changed": 1, "removed": 1, "unchanged": 1}
    after = rows_of(uploads.site, tenant.institution_id)
    by_code = {row["data"]["code"]: row for row in after.values()}
    assert by_code["1001"]["data"]["klas"] == "2A" and by_code["1001"]["version"] == second.id
    assert by_code["1003"]["deleted"] and not by_code["1004"]["deleted"]
    changed = revisions_of(uploads.site, by_code["1001"]["id"])
    assert [r["action"] for r in changed] == ["add", "change"]
    assert records.as_dict(changed[-1]["changes"]) == {"klas": ["1A", "2A"]}
    assert changed[-1]["source"] == "version" and changed[-1]["version"] == second.id
    assert [r["action"] for r in revisions_of(uploads.site, by_code["1003"]["id"])] == ["add", "remove"]
    assert records.as_dict(revisions_of(uploads.site, by_code["1003"]["id"])[-1]["changes"])["code"] == ["1003", None]

    # the same key back: the removed record returns with its history
    third = checked(uploads, tenant, roster([("1001", "Jansen", "2A"), ("1002", "Bakker", "1A"),
                                             ("1003", "Visser", "1B"), ("1004", "Smit", "1C")]))
    again = uploads.site.run(records.apply_version, third, user)
    assert again.as_dict() == {"added": 1, "changed": 0, "removed": 0, "unchanged": 3}
    assert [r["action"] for r in revisions_of(uploads.site, by_code["1003"]["id"])] == ["add", "remove", "add"]


def test_current_records_is_a_records_file_the_diff_reads(uploads: Uploads) -> None:
    from rosterdesk.importers.diff import diff_records
    from rosterdesk.importers.records import read_records

    tenant = uploads.tenant()
    user = uploads.user(tenant)
    institution = uploads.institution(tenant)
    assert uploads.site.run(records.current_records, institution, "roster-csv") is None
    version = checked(uploads, tenant, roster([("1001", "Jansen", "1A"), ("1002", "Bakker", "1A")]))
    uploads.site.run(records.apply_version, version, user)
    current = uploads.site.run(records.current_records, institution, "roster-csv")
    assert current is not None and len(current) == 2
    stored = uploads.site.run(records.load_version_records, version)
    assert len(stored.rows) == 2
    runtime_path = current.path
    path = uploads.site.settings.app.data_dir / "upload-records" / f"{version.file_id}.jsonl.gz"
    assert path.is_file()  # the worker wrote the version's records next to the upload
    assert not diff_records(current, read_records(path))  # the records in force are the version's
    runtime_path.unlink()


# -- the records page --------------------------------------------------------------------------------------------


def test_records_page_searches_sorts_filters_and_pages_on_the_server(uploads: Uploads) -> None:
    tenant, browser = school(uploads)
    people = [(str(2000 + n), name, f"{1 + n % 3}A") for n, name in enumerate(
        ["Jansen", "Bakker", "Visser", "Smit", "de Vries", "Mulder"] * 5)]
    version = checked(uploads, tenant, roster(people))
    uploads.site.run(records.apply_version, version, uploads.user(tenant))
    url = f"/i/{tenant.institution_id}/records/roster-csv"
    full = browser.get(url)
    assert full.status_code == 200 and "30 record(s)" in full.text and "<main" in full.text
    assert "Pagina 1 van 2" in full.text
    second = browser.get(f"{url}?page=2", headers=HX)
    assert second.text.lstrip().startswith('<div id="records-results"') and "Pagina 2 van 2" in second.text
    found = browser.get(f"{url}?q=vries", headers=HX)
    assert "5 record(s)" in found.text and "Jansen" not in found.text
    ordered = browser.get(f"{url}?sort=code&dir=desc", headers=HX)
    codes = re.findall(r'>(20\d\d)<span class="visually-hidden">', ordered.text)
    assert codes[:3] == ["2029", "2028", "2027"]
    by_klas = browser.get(f"{url}?sort=klas", headers=HX)
    assert 'aria-sort="ascending"' in by_klas.text
    assert "5 record(s)" in browser.get(f"{url}?q=vries&status=actief", headers=HX).text
    assert "0 record(s)" in browser.get(f"{url}?status=Nieuw", headers=HX).text
    assert browser.get(f"{url}?sort=bogus&page=abc&dir=x").status_code == 200  # nonsense falls back


# -- manual forms ------------------------------------------------------------------------------------------------


def test_manual_add_with_an_invalid_bsn_is_corrected_then_saved_audited_and_masked(uploads: Uploads) -> None:
    assert not bsn.is_valid(INVALID_BSN) and bsn.is_valid(VALID_BSN)
    tenant, browser = school(uploads)
    base = f"/i/{tenant.institution_id}/records/intergrip"
    form = browser.get(f"{base}/new")
    assert form.status_code == 200
    for label in ("Leerlingnummer", "BSN", "Onderwijsnummer", "Voorletters", "Voornaam", "Tussenvoegsel"):
        assert f'>{label}' in form.text
    assert form.text.index(">Leerlingnummer") < form.text.index(">BSN") < form.text.index(">Onderwijsnummer") \
        < form.text.index(">Voorletters") < form.text.index(">Voornaam") < form.text.index(">Tussenvoegsel")
    assert 'hx-post="' + base + '/check?field=bsn"' in form.text and 'name="field_niveau"' in form.text
    assert '<select id="in-niveau"' in form.text and '<select id="option-learner_kind"' in form.text
    assert "Verplicht indien BSN niet beschikbaar is" in form.text

    wrong = {**LEARNER, "field_bsn": INVALID_BSN}
    nl = browser.post(f"{base}/check?field=bsn", wrong, headers=HX)
    assert nl.status_code == 200 and 'id="field-bsn"' in nl.text and "geen geldig burgerservicenummer" in nl.text
    assert "*****6789 is geen geldig" in nl.text  # the message masks the value typed (the input keeps it to fix)
    browser.post("/account/language", {"lang": "en", "next": "/"})
    en = browser.post(f"{base}/check?field=bsn", wrong, headers=HX)
    assert "not a valid citizen service number" in en.text and 'aria-invalid="true"' in en.text
    refused = add(browser, tenant.institution_id, "intergrip", wrong)
    assert refused.status_code == 422 and "not a valid citizen service number" in refused.text
    assert rows_of(uploads.site, tenant.institution_id, "intergrip") == {}
    browser.post("/account/language", {"lang": "nl", "next": "/"})

    fine = browser.post(f"{base}/check?field=bsn", LEARNER, headers=HX)
    assert 'aria-invalid' not in fine.text and "burgerservicenummer" not in fine.text.split('class="field-error"')[1]
    record_id = record_id_from(add(browser, tenant.institution_id, "intergrip", LEARNER))
    saved = rows_of(uploads.site, tenant.institution_id, "intergrip")
    [row] = saved.values()
    assert row["data"]["bsn"] == VALID_BSN and row["data"]["geboortedatum"] == "2011-03-14"
    assert row["data"]["leerjaar"] == 4 and records.as_dict(row["options"])["learner_kind"] == "potentiele-overstapper"
    assert [event["target"] for event in uploads.site.audit("record.added")] == [f"record:{record_id}"]
    assert [r["source"] for r in revisions_of(uploads.site, record_id)] == ["manual"]
    page = browser.get(f"{base}/{record_id}?saved=1")
    assert "*****2333" in page.text and VALID_BSN not in page.text and "met de hand" in page.text
    listing = browser.get(base)
    assert "*****2333" in listing.text and VALID_BSN not in listing.text
    again = add(browser, tenant.institution_id, "intergrip", LEARNER)
    assert again.status_code == 422 and "Er staat al een record met dit Leerlingnummer" in again.text
    other = add(browser, tenant.institution_id, "intergrip", {**LEARNER, "field_leerlingnummer": "200002"})
    assert other.status_code == 422 and "staat al bij een ander record" in other.text  # BSN is unique


def test_intergrip_onderwijsnummer_is_required_without_a_bsn_at_the_right_field(uploads: Uploads) -> None:
    """The profile's rule (RequiredUnless bsn, onderwijsnummer) speaks at BSN; leaving either field shows it."""
    tenant, browser = school(uploads)
    base = f"/i/{tenant.institution_id}/records/intergrip"
    without = {**LEARNER, "field_bsn": ""}
    rule = "BSN is verplicht als Onderwijsnummer leeg is"
    at_bsn = browser.post(f"{base}/check?field=bsn", without, headers=HX)
    assert rule in at_bsn.text.split('id="err-bsn"')[1].split("</p>")[0]
    at_number = browser.post(f"{base}/check?field=onderwijsnummer", without, headers=HX)
    assert at_number.text.lstrip().startswith('<div class="field record-field" id="field-onderwijsnummer"')
    oob = at_number.text.split('id="err-bsn"')[1].split("</p>")[0]
    assert 'hx-swap-oob="true"' in oob and rule in oob  # the tied field's message appears as the user leaves this one
    refused = add(browser, tenant.institution_id, "intergrip", without)
    field = refused.text.split('id="field-bsn"')[1].split('id="field-onderwijsnummer"')[0]
    assert refused.status_code == 422 and rule in field
    assert rule not in refused.text.split('id="field-onderwijsnummer"')[1]
    with_number = {**without, "field_onderwijsnummer": "101222331"}
    assert add(browser, tenant.institution_id, "intergrip", with_number).status_code == 303
    fixed = browser.post(f"{base}/check?field=onderwijsnummer", with_number, headers=HX)
    assert rule not in fixed.text


def test_roster_student_code_holds_digits_only_with_a_clear_message(uploads: Uploads) -> None:
    tenant, browser = school(uploads)
    base = f"/i/{tenant.institution_id}/records/roster-csv"
    person = {"field_code": "A123", "field_achternaam": "Dijk", "field_type": "leerling", "option_add_as_student": "N"}
    refused = add(browser, tenant.institution_id, "roster-csv", person)
    field = refused.text.split('id="field-code"')[1].split('id="field-roepnaam"')[0]
    assert refused.status_code == 422 and "alleen cijfers (dit is een leerling)" in field
    assert add(browser, tenant.institution_id, "roster-csv", {**person, "field_type": "medewerker"}).status_code == 303
    as_student = {**person, "field_code": "B7", "field_type": "", "option_add_as_student": "J"}
    assert "alleen cijfers" in add(browser, tenant.institution_id, "roster-csv", as_student).text
    checked_type = browser.post(f"{base}/check?field=type", person, headers=HX)
    assert "alleen cijfers" in checked_type.text.split('id="err-code"')[1]  # the tied field's message is refreshed


def test_edit_and_delete_become_revisions_and_are_audited(uploads: Uploads) -> None:
    tenant, browser = school(uploads)
    base = f"/i/{tenant.institution_id}/records/intergrip"
    record_id = record_id_from(add(browser, tenant.institution_id, "intergrip", LEARNER))
    form = browser.get(f"{base}/{record_id}/edit")
    assert form.status_code == 200 and VALID_BSN not in form.text and 'placeholder="*****2333"' in form.text
    edited = {**LEARNER, "field_bsn": "", "field_klas": "5H1"}  # an empty protected field keeps its value
    assert browser.post(f"{base}/{record_id}/edit", edited).status_code == 303
    [row] = rows_of(uploads.site, tenant.institution_id, "intergrip").values()
    assert row["data"]["klas"] == "5H1" and row["data"]["bsn"] == VALID_BSN
    history = revisions_of(uploads.site, record_id)
    assert [r["action"] for r in history] == ["add", "change"]
    assert records.as_dict(history[-1]["changes"]) == {"klas": ["4H2", "5H1"]}
    assert uploads.site.audit("record.changed")[0]["details"] in ({"profile": "intergrip", "fields": ["klas"]},
                                                                 '{"profile": "intergrip", "fields": ["klas"]}')
    page = browser.get(f"{base}/{record_id}")
    assert "gewijzigd" in page.text and "5H1" in page.text and "4H2" in page.text
    assert browser.get(f"{base}/{record_id}/delete").status_code == 200
    assert browser.post(f"{base}/{record_id}/delete").status_code == 303
    [row] = rows_of(uploads.site, tenant.institution_id, "intergrip").values()
    assert row["deleted"]
    assert [r["action"] for r in revisions_of(uploads.site, record_id)] == ["add", "change", "remove"]
    assert len(uploads.site.audit("record.removed")) == 1
    assert "0 record(s)" in browser.get(base).text
    assert "verwijderd" in browser.get(f"{base}/{record_id}").text
    assert browser.get(f"{base}/{record_id}/edit").status_code == 404


def test_a_masked_optional_value_can_be_cleared_in_an_edit_and_the_rules_still_hold(uploads: Uploads) -> None:
    """Left empty, a masked field keeps its value; with its "wissen" box ticked it is emptied -- unless the
    profile's rule needs it (Intergrip: BSN or onderwijsnummer), which then speaks at the field."""
    tenant, browser = school(uploads)
    base = f"/i/{tenant.institution_id}/records/intergrip"
    record_id = record_id_from(add(browser, tenant.institution_id, "intergrip", LEARNER))
    form = browser.get(f"{base}/{record_id}/edit")
    assert 'name="clear_bsn"' in form.text and "Huidige waarde (*****2333) wissen" in form.text
    refused = browser.post(f"{base}/{record_id}/edit", {**LEARNER, "field_bsn": "", "clear_bsn": "1"})
    field = refused.text.split('id="field-bsn"')[1].split('id="field-onderwijsnummer"')[0]
    assert refused.status_code == 422 and "BSN is verplicht als Onderwijsnummer leeg is" in field
    assert 'name="clear_bsn" value="1" checked' in field  # the choice survives the refusal
    [row] = rows_of(uploads.site, tenant.institution_id, "intergrip").values()
    assert row["data"]["bsn"] == VALID_BSN
    with_number = {**LEARNER, "field_bsn": "", "clear_bsn": "1", "field_onderwijsnummer": "101222331"}
    assert browser.post(f"{base}/{record_id}/edit", with_number).status_code == 303
    [row] = rows_of(uploads.site, tenant.institution_id, "intergrip").values()
    assert row["data"].get("bsn") in (None, "") and row["data"]["onderwijsnummer"] == "101222331"
    change = records.as_dict(revisions_of(uploads.site, record_id)[-1]["changes"])
    assert set(change) == {"bsn", "onderwijsnummer"} and change["bsn"][1] in (None, "")
    assert 'name="clear_bsn"' not in browser.get(f"{base}/{record_id}/edit").text  # nothing left to clear


# -- access ------------------------------------------------------------------------------------------------------


def test_viewer_reads_but_cannot_edit_and_another_school_gets_404(uploads: Uploads) -> None:
    tenant, browser = school(uploads, "12AB")
    record_id = record_id_from(add(browser, tenant.institution_id, "intergrip", LEARNER))
    viewer = uploads.site.user("kijker@school.example", totp=False, memberships=((tenant.institution_id, "viewer"),))
    look = logged_in(uploads.site, viewer)
    base = f"/i/{tenant.institution_id}/records/intergrip"
    assert look.get(base).status_code == 200 and look.get(f"{base}/{record_id}").status_code == 200
    assert "Nieuw record toevoegen" not in look.get(base).text
    for method, path in (("GET", f"{base}/new"), ("POST", f"{base}/new"), ("POST", f"{base}/check?field=bsn"),
                         ("GET", f"{base}/{record_id}/edit"), ("POST", f"{base}/{record_id}/edit"),
                         ("POST", f"{base}/{record_id}/delete")):
        assert look.request(method, path, data={"_csrf_token": look.csrf, **LEARNER}).status_code == 403, path

    other, stranger = school(uploads, "34CD")
    for path in (base, f"{base}/{record_id}", f"{base}/{record_id}/edit"):
        assert stranger.get(path).status_code == 404
    through_own = stranger.get(f"/i/{other.institution_id}/records/intergrip/{record_id}")
    missing = stranger.get(f"/i/{other.institution_id}/records/intergrip/99999999")
    assert through_own.status_code == missing.status_code == 404 and through_own.text == missing.text
    assert any(event["target"] == f"record:{record_id}" for event in uploads.site.audit("tenant.access-denied"))
    assert stranger.post(f"/i/{other.institution_id}/records/intergrip/{record_id}/delete").status_code == 404
    assert not rows_of(uploads.site, tenant.institution_id, "intergrip")[next(iter(
        rows_of(uploads.site, tenant.institution_id, "intergrip")))]["deleted"]
