"""CJP on the records list (issue 7, item 1; seed 002): statuses, activation codes, invitations, the Excel export,
anonymous mode and the manual add. Every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from rd_cjp_helpers import STUDENTS, by_name, confirmed, export, invite, records, revisions, sheet_rows
from rd_uploads_helpers import Uploads
from rd_wizard_helpers import logged_in

from rosterdesk.platform.cjp.codes import ALPHABET, is_code
from rosterdesk.platform.cjp.tables import ActivationCode
from rosterdesk.platform.uploads.views import as_dict

CODE = re.compile(r"\b[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}\b")
JAN = ["Jan", "Smit", "jansmit@school.nl", 3, "3edc"]
SANNE = ["Sanne", "de Vries", "sanne@school.nl", 4, "4A"]
PIM = ["Pim", "Bos", None, 2, "2B"]


def test_a_confirmed_list_shows_the_seeds_columns_with_status_nieuw_and_no_code(uploads: Uploads,
                                                                                   tmp_path: Path) -> None:
    tenant = uploads.tenant()
    confirmed(uploads, tenant, tmp_path, [JAN, SANNE, PIM])
    rows = records(uploads, tenant.institution_id)
    assert [row["status"] for row in rows] == ["Nieuw"] * 3
    assert all(row["code"] is None for row in rows)
    browser = logged_in(uploads.site, tenant.admin)
    page = browser.get(f"/i/{tenant.institution_id}/records/{STUDENTS}")
    assert page.status_code == 200
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', page.text, re.S)
    shown = [re.sub(r"<[^>]+>|\s+", " ", re.sub(r'<span class="visually-hidden">.*?</span>', "", h)).strip()
             for h in headers]
    assert shown[1:8] == ["Voornaam", "Achternaam", "E-mail", "Leerjaar", "Klasnaam", "Status", "Activatiecode"]
    assert page.text.count(">---</code>") == 3 and page.text.count('<span class="state">Nieuw</span>') == 3
    assert "Verstuur uitnodiging" in page.text and "Exporteer naar Excel" in page.text
    assert f'href="/i/{tenant.institution_id}/records/{STUDENTS}/new">Student toevoegen</a>' in page.text
    english = browser.get(f"/i/{tenant.institution_id}/records/{STUDENTS}", headers={"Accept-Language": "en"})
    assert english.status_code == 200


def test_inviting_a_selection_gives_codes_status_revisions_and_mails_only_where_there_is_an_address(
        uploads: Uploads, tmp_path: Path) -> None:
    tenant = uploads.tenant()
    confirmed(uploads, tenant, tmp_path, [JAN, SANNE, PIM])
    people = by_name(records(uploads, tenant.institution_id))
    browser = logged_in(uploads.site, tenant.admin)
    chosen = [people["Jan"]["id"], people["Pim"]["id"]]
    response = invite(browser, tenant.institution_id, chosen)
    assert response.status_code == 303
    assert response.headers["location"] == f"/i/{tenant.institution_id}/records/{STUDENTS}"
    after = by_name(records(uploads, tenant.institution_id))
    assert after["Jan"]["status"] == after["Pim"]["status"] == "Uitgenodigd"
    assert after["Sanne"]["status"] == "Nieuw" and after["Sanne"]["code"] is None
    codes = [after["Jan"]["code"], after["Pim"]["code"]]
    assert all(is_code(code) and CODE.fullmatch(code) for code in codes) and codes[0] != codes[1]
    assert not set("01OI") & set("".join(codes))
    # the revision says what changed, never the code; the audit event holds counts only
    status_change = revisions(uploads, after["Jan"]["id"])[-1]
    assert status_change["action"] == "change" and status_change["source"] == "manual"
    assert as_dict(status_change["changes"]) == {"status": ["Nieuw", "Uitgenodigd"]}
    events = uploads.site.audit("cjp.invited")
    assert len(events) == 1 and codes[0] not in str(events[0]["details"]) and codes[1] not in str(events[0]["details"])
    # one mail, to Jan, with his code and what to do with it; none to Pim (no address) or Sanne (not chosen)
    mails = [mail for mail in uploads.site.mails() if mail["kind"] == "cjp-invitation"]
    assert [mail["recipient"] for mail in mails] == ["jansmit@school.nl"]
    assert codes[0] in mails[0]["body"] and codes[1] not in mails[0]["body"]
    assert "Hallo Jan" in mails[0]["body"] and "activeer" in mails[0]["body"]
    assert "Ga naar https://www.cjp.nl/activeren." in mails[0]["body"]  # RD_CJP_ACTIVATE_URL, the default
    # the list: the codes in their column and the result message
    page = browser.get(f"/i/{tenant.institution_id}/records/{STUDENTS}")
    assert "Uitnodigingen verstuurd: 1. Zonder e-mailadres: 1 (code aangemaakt, niet gemaild)." in page.text
    assert codes[0] in page.text and codes[1] in page.text
    assert page.text.count('<span class="state">Uitgenodigd</span>') == 2
    assert "Uitnodigingen verstuurd: 1." not in browser.get(f"/i/{tenant.institution_id}/records/{STUDENTS}").text
    # the record's own page: its code, and the status change in its history (who, by hand)
    record_page = browser.get(f"/i/{tenant.institution_id}/records/{STUDENTS}/{after['Pim']['id']}").text
    assert "Activatiecode" in record_page and codes[1] in record_page and "Voornaam" in record_page
    assert re.search(r"status.*Nieuw.*Uitgenodigd", record_page, re.S)

    # inviting again keeps the code, mails again, and changes no status (no new revision)
    count = len(revisions(uploads, after["Jan"]["id"]))
    invite(browser, tenant.institution_id, [people["Jan"]["id"]])
    again = by_name(records(uploads, tenant.institution_id))
    assert again["Jan"]["code"] == codes[0] and again["Jan"]["invitations"] == 2
    assert len(revisions(uploads, after["Jan"]["id"])) == count
    mails = [mail for mail in uploads.site.mails() if mail["kind"] == "cjp-invitation"]
    assert len(mails) == 2 and codes[0] in mails[-1]["body"]
    listed = browser.get(f"/i/{tenant.institution_id}/records/{STUDENTS}").text
    assert "Al eerder uitgenodigd: 1; zij houden hun code." in listed


def test_all_matching_the_search_and_nothing_chosen(uploads: Uploads, tmp_path: Path) -> None:
    tenant = uploads.tenant()
    confirmed(uploads, tenant, tmp_path, [JAN, SANNE, PIM, ["Jan", "Bakker", "jb@school.nl", 1, "1A"]])
    browser = logged_in(uploads.site, tenant.admin)
    nothing = invite(browser, tenant.institution_id, [])
    assert nothing.status_code == 303
    assert all(row["code"] is None for row in records(uploads, tenant.institution_id))
    assert "vink eerst de records aan" in browser.get(f"/i/{tenant.institution_id}/records/{STUDENTS}").text
    assert not uploads.site.audit("cjp.invited")

    response = invite(browser, tenant.institution_id, [], all="1", q="jan")
    assert response.headers["location"] == f"/i/{tenant.institution_id}/records/{STUDENTS}?q=jan"
    rows = records(uploads, tenant.institution_id)
    invited = sorted(row["data"]["achternaam"] for row in rows if row["code"])
    assert invited == ["Bakker", "Smit"]
    assert {row["status"] for row in rows if not row["code"]} == {"Nieuw"}
    # the status filter: everything still Nieuw
    invite(browser, tenant.institution_id, [], all="1", status="Nieuw")
    assert all(row["code"] for row in records(uploads, tenant.institution_id))
    assert len({row["code"] for row in records(uploads, tenant.institution_id)}) == 4


def test_the_export_holds_the_shown_columns_the_codes_and_is_safe_against_formulas(
        uploads: Uploads, tmp_path: Path) -> None:
    tenant = uploads.tenant(name="Het Testcollege")
    evil = ["=HYPERLINK(\"https://evil.example\",\"klik\")", "+Smit", "evil@school.nl", "5", "@SUM(1)"]
    confirmed(uploads, tenant, tmp_path, [JAN, SANNE, PIM])
    browser = logged_in(uploads.site, tenant.admin)
    added = browser.post(f"/i/{tenant.institution_id}/records/{STUDENTS}/new", {
        "field_voornaam": evil[0], "field_achternaam": evil[1], "field_email": evil[2], "field_leerjaar": evil[3],
        "field_klasnaam": evil[4], "option_anonymous": "N"})
    assert added.status_code == 303, added.text
    people = by_name(records(uploads, tenant.institution_id))
    invite(browser, tenant.institution_id, [people["Jan"]["id"], people["Pim"]["id"]])
    codes = {name: row["code"] for name, row in by_name(records(uploads, tenant.institution_id)).items()}

    selection = export(browser, tenant.institution_id, [people["Jan"]["id"], people["Sanne"]["id"]])
    disposition = selection.headers["content-disposition"]
    assert "Het Testcollege" in disposition and date.today().isoformat()[:4] in disposition
    assert disposition.endswith(".xlsx") or ".xlsx" in disposition
    _sheet, rows = sheet_rows(selection)
    assert rows[0] == ["Voornaam", "Achternaam", "E-mail", "Leerjaar", "Klasnaam", "Status", "Activatiecode"]
    assert sorted(rows[1:]) == sorted([["Jan", "Smit", "j***@school.nl", "3", "3edc", "Uitgenodigd", codes["Jan"]],
                                       ["Sanne", "de Vries", "s***@school.nl", "4", "4A", "Nieuw", None]])
    assert as_dict(uploads.site.audit("cjp.exported")[0]["details"])["records"] == 2

    # nothing ticked: the whole list; formulas stay text
    sheet, everything = sheet_rows(export(browser, tenant.institution_id, []))
    assert len(everything) == 5 and {row[6] for row in everything[1:]} == {codes["Jan"], codes["Pim"], None}
    evil_row = next(index for index, row in enumerate(everything, start=1) if row[1] == "+Smit")
    for column in (1, 2, 5):
        cell = sheet.cell(row=evil_row, column=column)
        assert cell.data_type == "s" and cell.quotePrefix, (column, cell.value)
    assert sheet.cell(row=evil_row, column=1).value == evil[0]
    # the GET link with a search exports what the list shows for it
    _sheet, searched = sheet_rows(browser.get(f"/i/{tenant.institution_id}/cjp/{STUDENTS}/export?q=sanne"))
    assert [row[0] for row in searched[1:]] == ["Sanne"]


def test_roles_and_tenants(uploads: Uploads, tmp_path: Path) -> None:
    school_a = uploads.tenant(brin="11AA", name="School A")
    school_b = uploads.tenant(brin="22BB", name="School B")
    confirmed(uploads, school_a, tmp_path, [JAN, SANNE])
    confirmed(uploads, school_b, tmp_path, [PIM], name="b.xlsx")
    a_ids = [row["id"] for row in records(uploads, school_a.institution_id)]
    b_admin = logged_in(uploads.site, school_b.admin)
    # another institution's list: 404 like a missing one, for inviting and exporting alike
    a_list = f"/i/{school_a.institution_id}/cjp/{STUDENTS}"
    for path in (f"{a_list}/invite", f"{a_list}/export", f"/i/999999/cjp/{STUDENTS}/invite"):
        assert b_admin.post(path, {"record": [str(i) for i in a_ids]}).status_code == 404, path
    assert b_admin.get(f"/i/{school_a.institution_id}/cjp/{STUDENTS}/export").status_code == 404
    # school A's record ids sent through school B's own list: not B's records, so nobody is invited
    invite(b_admin, school_b.institution_id, a_ids)
    assert all(row["code"] is None for row in records(uploads, school_a.institution_id))
    assert "School A" not in str(sheet_rows(export(b_admin, school_b.institution_id, a_ids))[1])
    # a profile that is not CJP's has no invitations
    assert b_admin.post(f"/i/{school_b.institution_id}/cjp/roster-csv/invite", {"all": "1"}).status_code == 404
    # a viewer sees and exports the list but may not invite
    viewer = uploads.site.user("kijker@school.example", totp=False, memberships=((school_a.institution_id, "viewer"),))
    browser = logged_in(uploads.site, viewer)
    page = browser.get(f"/i/{school_a.institution_id}/records/{STUDENTS}")
    assert page.status_code == 200 and "Verstuur uitnodiging" not in page.text and "Exporteer naar Excel" in page.text
    assert invite(browser, school_a.institution_id, a_ids).status_code == 403
    assert export(browser, school_a.institution_id, a_ids).status_code == 200
    assert all(row["code"] is None for row in records(uploads, school_a.institution_id))
    # without the CSRF token nothing happens
    admin = logged_in(uploads.site, school_a.admin)
    refused = admin.post(f"/i/{school_a.institution_id}/cjp/{STUDENTS}/invite", {"record": [str(a_ids[0])]},
                         csrf=False)
    assert refused.status_code == 403
    assert all(row["code"] is None for row in records(uploads, school_a.institution_id))


def test_a_new_version_with_the_same_people_keeps_their_codes_and_statuses(uploads: Uploads, tmp_path: Path) -> None:
    tenant = uploads.tenant()
    confirmed(uploads, tenant, tmp_path, [JAN, SANNE])
    browser = logged_in(uploads.site, tenant.admin)
    invite(browser, tenant.institution_id, [], all="1")
    before = by_name(records(uploads, tenant.institution_id))
    # Jan moves class and his address is typed in capitals (the same key), Sanne leaves, Eva is new
    confirmed(uploads, tenant, tmp_path, [["Jan", "Smit", "JanSmit@School.nl", 4, "4edc"],
                                          ["Eva", "Kok", "eva@school.nl", 1, "1C"]], name="v2.xlsx")
    after = by_name(records(uploads, tenant.institution_id))
    assert set(after) == {"Jan", "Eva"}
    assert after["Jan"]["id"] == before["Jan"]["id"] and after["Jan"]["code"] == before["Jan"]["code"]
    assert after["Jan"]["status"] == "Uitgenodigd" and after["Jan"]["data"]["klasnaam"] == "4edc"
    assert after["Eva"]["status"] == "Nieuw" and after["Eva"]["code"] is None
    # Sanne back in a third version: the same record, with her code and status
    confirmed(uploads, tenant, tmp_path, [JAN, SANNE], name="v3.xlsx")
    back = by_name(records(uploads, tenant.institution_id))
    assert back["Sanne"]["id"] == before["Sanne"]["id"] and back["Sanne"]["code"] == before["Sanne"]["code"]
    assert back["Sanne"]["status"] == "Uitgenodigd"


def test_anonymous_mode_gets_codes_without_mail_and_keeps_them_by_row(uploads: Uploads, tmp_path: Path) -> None:
    tenant = uploads.tenant()
    placeholders = [[f"Leerling{n}", f"Achternaam{n}", None, 1, "media"] for n in range(1, 4)]
    confirmed(uploads, tenant, tmp_path, placeholders, anonymous="J")
    rows = records(uploads, tenant.institution_id)
    assert [row["record_key"] for row in rows] == ["#row:4", "#row:5", "#row:6"]
    browser = logged_in(uploads.site, tenant.admin)
    invite(browser, tenant.institution_id, [], all="1")
    page = browser.get(f"/i/{tenant.institution_id}/records/{STUDENTS}")
    assert "Uitnodigingen verstuurd: 0. Zonder e-mailadres: 3 (code aangemaakt, niet gemaild)." in page.text
    assert not [mail for mail in uploads.site.mails() if mail["kind"] == "cjp-invitation"]
    codes = {row["data"]["voornaam"]: row["code"] for row in records(uploads, tenant.institution_id)}
    _sheet, exported = sheet_rows(export(browser, tenant.institution_id, [], all="1"))
    assert {row[0]: row[6] for row in exported[1:]} == codes
    # the same anonymous list again, one more at the end: the first three keep their codes
    confirmed(uploads, tenant, tmp_path, [*placeholders, ["Leerling4", "Achternaam4", None, 1, "media"]],
              anonymous="J", name="v2.xlsx")
    again = {row["data"]["voornaam"]: row["code"] for row in records(uploads, tenant.institution_id)}
    assert again == {**codes, "Leerling4": None}


def test_an_anonymous_row_with_an_address_is_not_mailed(uploads: Uploads, tmp_path: Path) -> None:
    tenant = uploads.tenant()
    confirmed(uploads, tenant, tmp_path, [JAN], anonymous="J")
    invite(logged_in(uploads.site, tenant.admin), tenant.institution_id, [], all="1")
    assert records(uploads, tenant.institution_id)[0]["code"]
    assert not [mail for mail in uploads.site.mails() if mail["kind"] == "cjp-invitation"]


def test_manual_add_of_a_student_and_a_teacher_starts_as_nieuw_under_the_same_rules(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    browser = logged_in(uploads.site, tenant.admin)
    teachers = browser.get(f"/i/{tenant.institution_id}/records/cjp-teachers")
    assert ">Docent toevoegen</a>" in teachers.text
    base = f"/i/{tenant.institution_id}/records/{STUDENTS}"
    form = {"field_voornaam": "Noor", "field_achternaam": "Jansen", "field_email": "noor@school.nl",
            "field_leerjaar": "7", "field_klasnaam": "1A", "option_anonymous": "N"}
    wrong = browser.post(f"{base}/new", form)
    assert wrong.status_code == 422 and 'aria-invalid="true"' in wrong.text
    saved = browser.post(f"{base}/new", {**form, "field_leerjaar": "1"})
    assert saved.status_code == 303, saved.text
    taken = browser.post(f"{base}/new", {**form, "field_leerjaar": "1", "field_voornaam": "Noortje"})
    assert taken.status_code in (409, 422)  # the same e-mail is the same person
    teacher = browser.post(f"/i/{tenant.institution_id}/records/cjp-teachers/new",
                           {"field_voornaam": "Els", "field_achternaam": "Vos", "field_email": "",
                            "option_anonymous": "J"})
    assert teacher.status_code == 303, teacher.text
    assert [row["status"] for row in records(uploads, tenant.institution_id)] == ["Nieuw"]
    assert [row["status"] for row in records(uploads, tenant.institution_id, "cjp-teachers")] == ["Nieuw"]
    noor = records(uploads, tenant.institution_id)[0]
    invite(browser, tenant.institution_id, [noor["id"]])
    assert records(uploads, tenant.institution_id)[0]["status"] == "Uitgenodigd"


def test_the_database_refuses_a_second_record_with_the_same_code(uploads: Uploads, tmp_path: Path) -> None:
    tenant = uploads.tenant()
    confirmed(uploads, tenant, tmp_path, [JAN, SANNE])
    invite(logged_in(uploads.site, tenant.admin), tenant.institution_id, [], all="1")
    rows = records(uploads, tenant.institution_id)
    assert all(set(row["code"].replace("-", "")) <= set(ALPHABET) for row in rows)

    async def copy_code() -> None:
        await ActivationCode.update({ActivationCode.code: rows[0]["code"]}).where(
            ActivationCode.record == rows[1]["id"]).run()

    try:
        uploads.site.run(copy_code)
    except Exception as exc:  # sqlite3.IntegrityError or asyncpg's UniqueViolationError
        assert "unique" in str(exc).lower() or "UNIQUE" in type(exc).__name__.upper()
    else:
        raise AssertionError("a second record got the same code")


def test_a_large_list_is_invited_and_exported_in_one_go(uploads: Uploads, tmp_path: Path) -> None:
    """4,000 records: more bound values than one statement may carry (SQLite, PostgreSQL), so the work is batched."""
    tenant = uploads.tenant()
    people = [[f"Leerling{n}", f"Achternaam{n}", f"l{n}@school.nl" if n % 2 else None, 1 + n % 6, "media"]
              for n in range(4000)]
    confirmed(uploads, tenant, tmp_path, people)
    browser = logged_in(uploads.site, tenant.admin)
    assert invite(browser, tenant.institution_id, [], all="1").status_code == 303
    rows = records(uploads, tenant.institution_id)
    assert len(rows) == 4000 and len({row["code"] for row in rows}) == 4000
    assert {row["status"] for row in rows} == {"Uitgenodigd"}
    assert "Uitnodigingen verstuurd: 2000. Zonder e-mailadres: 2000" in browser.get(
        f"/i/{tenant.institution_id}/records/{STUDENTS}").text
    assert len([mail for mail in uploads.site.mails() if mail["kind"] == "cjp-invitation"]) == 2000
    assert invite(browser, tenant.institution_id, [], all="1").status_code == 303  # again: the same codes
    assert {row["code"] for row in records(uploads, tenant.institution_id)} == {row["code"] for row in rows}
    _sheet, exported = sheet_rows(export(browser, tenant.institution_id, []))
    assert len(exported) == 4001 and {row[6] for row in exported[1:]} == {row["code"] for row in rows}


def test_in_english_the_list_the_message_the_mail_and_the_export_are_english(uploads: Uploads,
                                                                            tmp_path: Path) -> None:
    tenant = uploads.tenant()
    confirmed(uploads, tenant, tmp_path, [JAN, PIM])
    browser = logged_in(uploads.site, tenant.admin)
    assert browser.post("/account/language", {"lang": "en", "next": "/"}).status_code == 303
    page = browser.get(f"/i/{tenant.institution_id}/records/{STUDENTS}").text
    for text in ("First name", "Activation code", "Send invitation", "Export to Excel", "Add a student", ">New<"):
        assert text in page, text
    invite(browser, tenant.institution_id, [], all="1")
    page = browser.get(f"/i/{tenant.institution_id}/records/{STUDENTS}").text
    assert "Invitations sent: 1. Without an e-mail address: 1 (code made, not mailed)." in page
    assert '<span class="state">Invited</span>' in page
    mail = next(mail for mail in uploads.site.mails() if mail["kind"] == "cjp-invitation")
    assert mail["subject"].startswith("Your free CJP") and "activation code" in mail["body"]
    _sheet, rows = sheet_rows(export(browser, tenant.institution_id, []))
    assert rows[0] == ["First name", "Last name", "E-mail", "Year", "Class", "Status", "Activation code"]
    assert {row[5] for row in rows[1:]} == {"Invited"}
