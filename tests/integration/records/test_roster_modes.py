"""Import modes, the per-row fate preview and department participations (issue 7, item 3; seed 004).

Through the wizard's pages where a user would act (step 5's preview and "Ja, bevestigen"), through
``uploads.services.confirm`` where a test forces a failure; on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from rd_platform_helpers import Browser
from rd_uploads_helpers import ROSTER_HEADERS, Tenant, Uploads
from rd_wizard_helpers import HX, logged_in

from rosterdesk.platform.records.tables import Record, RecordRevision
from rosterdesk.platform.roster.fates import FATES
from rosterdesk.platform.uploads import services as upload_services
from rosterdesk.platform.uploads.views import as_dict

PROFILES = ["roster-csv", "roster-departments"]
Person = tuple[str, str, str, str]  # code, achternaam, klas, type


def roster(people: list[Person]) -> bytes:
    lines = ["\t".join(ROSTER_HEADERS)]
    lines += ["\t".join([code, "Sanne", "", "", name, f"{code}@school.example.nl", klas, kind])
              for code, name, klas, kind in people]
    return ("\n".join(lines) + "\n").encode()


def departments(rows: list[tuple[str, str, str]]) -> bytes:
    """Semicolon-separated participations: leerlingcode, afdeling, prognose."""
    return ("leerlingcode;afdeling;prognose\n" + "".join(f"{c};{a};{p}\n" for c, a, p in rows)).encode()


def school(uploads: Uploads, brin: str = "12AB") -> tuple[Tenant, Browser]:
    tenant = uploads.tenant(brin=brin, name=f"School {brin}", profiles=PROFILES)
    return tenant, logged_in(uploads.site, tenant.admin)


def checked(uploads: Uploads, tenant: Tenant, content: bytes, profile: str = "roster-csv", *, state: str = "valid",
            options: dict[str, str] | None = None) -> Any:
    version = uploads.receive(tenant, content, profile=profile, name="lijst.csv", options=options)
    assert version.state == "received", version.structure_report
    uploads.start(tenant, version)
    return uploads.wait(version.id, state)


def live(uploads: Uploads, institution_id: int, profile: str = "roster-csv") -> dict[str, dict[str, Any]]:
    """Records in force by their first key field's value (and the second's, for participations)."""
    async def fetch() -> list[dict[str, Any]]:
        return list(await Record.select().where((Record.institution == institution_id) & (Record.profile == profile)
                                                & (Record.deleted == False)).run())  # noqa: E712

    found = {}
    for row in uploads.site.run(fetch):
        data = as_dict(row["data"])
        name = data.get("code") or f"{data.get('leerlingcode')}/{data.get('afdeling')}"
        found[str(name)] = {**row, "data": data}
    return found


def actions_of(uploads: Uploads, record_id: int) -> list[str]:
    async def fetch() -> list[str]:
        rows = await RecordRevision.select(RecordRevision.action).where(RecordRevision.record == record_id).order_by(
            RecordRevision.id).run()
        return [row["action"] for row in rows]

    return uploads.site.run(fetch)


def counts_on(page: str) -> dict[str, int]:
    """The counts at the top of the preview, by fate."""
    return {fate: int(count) for fate, count in re.findall(
        r'id="count-([a-z]+)">.*?<strong>(\d+)</strong>', page)}


def confirm(browser: Browser, tenant: Tenant, version_id: int, mode: str) -> httpx.Response:
    answer: httpx.Response = browser.post(f"/i/{tenant.institution_id}/versions/{version_id}/confirm", {"mode": mode})
    return answer


def step5(browser: Browser, tenant: Tenant, version_id: int, query: str = "", htmx: bool = False) -> httpx.Response:
    base = f"/i/{tenant.institution_id}/versions/{version_id}"
    url = f"{base}/fates?{query}" if htmx else f"{base}/complete?{query}"
    return browser.get(url, headers=HX if htmx else None)


OTHERS: list[Person] = [(str(2001 + n), "de Vries", "3C", "leerling") for n in range(9)]
"""People in every list: a sync that removes one of twelve stays under the review's share of change (20 %)."""
FIRST: list[Person] = [("1001", "Jansen", "1A", "leerling"), ("1002", "Bakker", "1A", "leerling"),
                       ("1003", "Visser", "1B", "leerling"), *OTHERS]
SECOND: list[Person] = [("1001", "Jansen", "2A", "leerling"), ("1002", "Bakker", "1A", "leerling"),
                        ("1004", "Smit", "1C", "leerling"), *OTHERS]
OTHER_CODES = {code: "3C" for code, _, _, _ in OTHERS}


def loaded(uploads: Uploads, tenant: Tenant) -> Any:
    first = checked(uploads, tenant, roster(FIRST))
    uploads.site.run(upload_services.confirm, first, uploads.user(tenant))  # no mode: the complete list, as before
    assert sorted(live(uploads, tenant.institution_id)) == ["1001", "1002", "1003", *OTHER_CODES]
    return checked(uploads, tenant, roster(SECOND))


# -- the modes, through step 5 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("mode", "expected", "counts"), [
    ("new", {"1001": "1A", "1002": "1A", "1003": "1B", "1004": "1C", **OTHER_CODES},
     {"new": 1, "skipped": 11, "error": 0}),
    ("update", {"1001": "2A", "1002": "1A", "1003": "1B", "1004": "1C", **OTHER_CODES},
     {"new": 1, "changed": 1, "unchanged": 10, "error": 0}),
    ("sync", {"1001": "2A", "1002": "1A", "1004": "1C", **OTHER_CODES},
     {"new": 1, "changed": 1, "unchanged": 10, "removed": 1, "error": 0}),
])
def test_each_mode_previews_every_row_then_applies_exactly_that(uploads: Uploads, mode: str,
                                                               expected: dict[str, str], counts: dict[str, int]
                                                               ) -> None:
    tenant, browser = school(uploads)
    second = loaded(uploads, tenant)
    version_page = browser.get(f"/i/{tenant.institution_id}/versions/{second.id}")
    assert f'href="/i/{tenant.institution_id}/versions/{second.id}/complete"' in version_page.text

    first_look = step5(browser, tenant, second.id)
    assert first_look.status_code == 200 and 'id="mode-new" value="new" checked' in first_look.text
    assert "Alleen nieuwe importeren" in first_look.text and "Synchroniseren" in first_look.text
    page = step5(browser, tenant, second.id, f"mode={mode}", htmx=True)  # what the radio's change asks for
    assert page.status_code == 200 and page.text.lstrip().startswith('<div id="fates"')
    assert counts_on(page.text) == counts
    assert f'name="mode" value="{mode}" form="confirm-form"' in page.text
    if mode == "update":
        assert re.search(r"klas: <del>1A</del> → <ins>2A</ins>", page.text) and "gewijzigd" in page.text
        only = step5(browser, tenant, second.id, "mode=update&fate=changed", htmx=True)  # a count as a filter
        assert only.text.count('class="fate-row') == 1 and ">1001<" in only.text and counts_on(only.text) == counts
        assert 'id="fates-all"' in only.text
    if mode == "sync":
        assert "wordt verwijderd" in page.text and "niet in het bestand" in page.text
    if mode == "new":
        assert "</span> overgeslagen</span>" in page.text and "</span> gewijzigd</span>" not in page.text

    done = confirm(browser, tenant, second.id, mode)
    assert done.status_code == 303, done.text
    after = live(uploads, tenant.institution_id)
    assert {code: row["data"]["klas"] for code, row in after.items()} == expected
    assert actions_of(uploads, after["1004"]["id"]) == ["add"]
    assert actions_of(uploads, after["1001"]["id"]) == (["add"] if mode == "new" else ["add", "change"])
    if mode != "sync":
        assert actions_of(uploads, after["1003"]["id"]) == ["add"]
    event = uploads.site.audit("roster.applied")[-1]
    assert event["target"] == f"version:{second.id}" and uploads.get(second.id).state == "confirmed"
    assert as_dict(event["details"])["mode"] == mode
    assert {fate: as_dict(event["details"])[fate] for fate in counts} == counts
    confirmed = browser.get(f"/i/{tenant.institution_id}/versions/{second.id}")
    shown = dict(re.findall(r'class="fate fate-([a-z]+)">.*?<strong>(\d+)</strong>',
                            confirmed.text.split('id="applied-counts"')[1].split("</p>")[0]))
    assert {fate: int(n) for fate, n in shown.items()} == {k: v for k, v in counts.items() if k != "error"}


def test_english_words_paging_on_the_server_and_an_unknown_mode_refused(uploads: Uploads) -> None:
    tenant, browser = school(uploads)
    people = [(str(3000 + n), "Jansen", "1A", "leerling") for n in range(120)]
    version = checked(uploads, tenant, roster(people))
    third = step5(browser, tenant, version.id, "mode=update&page=3", htmx=True)
    assert counts_on(third.text)["new"] == 120  # counts over every row, not the page
    assert "Pagina 3 van 3 (120 rijen)" in third.text and third.text.count('class="fate-row') == 20
    assert ">3119<" in third.text and ">3000<" not in third.text
    browser.post("/account/language", {"lang": "en", "next": "/"})
    english = step5(browser, tenant, version.id, "mode=sync")
    assert "Synchronise" in english.text and "new" in english.text and "Page 1 of 3 (120 rows)" in english.text
    refused = confirm(browser, tenant, version.id, "everything")
    assert refused.status_code == 422 and "Unknown import mode" not in refused.text
    assert "Choose how the records are imported" in refused.text
    assert live(uploads, tenant.institution_id) == {} and uploads.get(version.id).state == "valid"


def test_an_invalid_version_shows_its_error_rows_and_offers_no_confirm(uploads: Uploads) -> None:
    tenant, browser = school(uploads)
    bad = roster([("1001", "Jansen", "1A", "leerling"), ("10x2", "Bakker", "1A", "leerling")])  # digits only
    version = checked(uploads, tenant, bad, state="invalid")
    page = step5(browser, tenant, version.id, "mode=update")
    assert page.status_code == 200 and counts_on(page.text)["error"] == 1 and counts_on(page.text)["new"] == 1
    assert 'id="fates-blocked"' in page.text and "Rij 3" in page.text and 'id="confirm-form"' not in page.text


# -- all or nothing ------------------------------------------------------------------------------------------------


def _fail_removals(kind: str) -> list[str]:
    if kind == "sqlite":
        return ["CREATE TRIGGER rd_test_fail BEFORE INSERT ON rd_record_revision WHEN NEW.action = 'remove' "
                "BEGIN SELECT RAISE(ABORT, 'forced failure'); END"]
    return ["CREATE FUNCTION rd_test_fail() RETURNS trigger AS $f$ BEGIN IF NEW.action = 'remove' THEN "
            "RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $f$ LANGUAGE plpgsql",
            "CREATE TRIGGER rd_test_fail BEFORE INSERT ON rd_record_revision FOR EACH ROW EXECUTE FUNCTION "
            "rd_test_fail()"]


def _drop(kind: str) -> list[str]:
    if kind == "sqlite":
        return ["DROP TRIGGER rd_test_fail"]
    return ["DROP TRIGGER rd_test_fail ON rd_record_revision", "DROP FUNCTION rd_test_fail()"]


def test_a_failure_halfway_leaves_the_records_and_the_version_as_they_were(uploads: Uploads, kind: str) -> None:
    tenant, _ = school(uploads)
    second = loaded(uploads, tenant)
    before = live(uploads, tenant.institution_id)

    async def execute(statements: list[str]) -> None:
        for statement in statements:
            await Record.raw(statement).run()

    uploads.site.run(execute, _fail_removals(kind))  # the removals' revisions come last: the adds and changes ran
    try:
        with pytest.raises(Exception, match="forced failure"):
            uploads.site.run(upload_services.confirm, second, uploads.user(tenant), "", "sync")
    finally:
        uploads.site.run(execute, _drop(kind))
    after = live(uploads, tenant.institution_id)
    assert {code: row["data"] for code, row in after.items()} == {code: row["data"] for code, row in before.items()}
    assert uploads.get(second.id).state == "valid" and len(uploads.site.audit("roster.applied")) == 1
    assert all(actions_of(uploads, row["id"]) == ["add"] for row in after.values())
    uploads.site.run(upload_services.confirm, second, uploads.user(tenant), "", "sync")  # the same, without it
    assert sorted(live(uploads, tenant.institution_id)) == ["1001", "1002", "1004", *OTHER_CODES]


# -- department participations ---------------------------------------------------------------------------------


def test_participations_add_only_skip_existing_and_refuse_unknown_or_non_students(uploads: Uploads) -> None:
    tenant, browser = school(uploads)
    people = checked(uploads, tenant, roster([("1001", "Jansen", "1A", "leerling"),
                                              ("1002", "Bakker", "", "medewerker"),
                                              ("1003", "Visser", "1B", "leerling")]))
    uploads.site.run(upload_services.confirm, people, uploads.user(tenant))
    no_type = b"code\tachternaam\n1005\tSmit\n"  # a file without a type column, "Toevoegen als leerling"
    students = checked(uploads, tenant, no_type, options={"add_as_student": "J"})
    uploads.site.run(upload_services.confirm, students, uploads.user(tenant), "", "new")
    assert sorted(live(uploads, tenant.institution_id)) == ["1001", "1002", "1003", "1005"]

    wrong = checked(uploads, tenant, departments([("1001", "h4", "100"), ("1002", "h4", "80"), ("9999", "v5", "")]),
                    profile="roster-departments")
    page = step5(browser, tenant, wrong.id)
    assert counts_on(page.text) == {"new": 1, "skipped": 0, "error": 2}
    assert "Leerling 9999 bestaat niet in de roosterimport" in page.text
    assert "1002 staat in de roosterimport, maar niet als leerling" in page.text
    assert 'id="confirm-form"' not in page.text and "Synchroniseren" not in page.text
    refused = confirm(browser, tenant, wrong.id, "new")
    assert refused.status_code == 422 and "Er is niets geïmporteerd" in refused.text
    assert live(uploads, tenant.institution_id, "roster-departments") == {}
    assert uploads.get(wrong.id).state == "valid"
    browser.post("/account/language", {"lang": "en", "next": "/"})
    english = step5(browser, tenant, wrong.id)
    assert "Student 9999 does not exist in the roster import" in english.text
    browser.post("/account/language", {"lang": "nl", "next": "/"})

    first = checked(uploads, tenant, departments([("1001", "h4", "100"), ("1005", "v5", "60")]),
                    profile="roster-departments")
    assert confirm(browser, tenant, first.id, "new").status_code == 303
    assert sorted(live(uploads, tenant.institution_id, "roster-departments")) == ["1001/h4", "1005/v5"]
    again = checked(uploads, tenant, departments([("1001", "H4", "50"), ("1001", "a5", ""), ("1003", "h4", "")]),
                    profile="roster-departments")
    preview = step5(browser, tenant, again.id)
    assert counts_on(preview.text) == {"new": 2, "skipped": 1, "error": 0} and "overgeslagen" in preview.text
    assert confirm(browser, tenant, again.id, "sync").status_code == 422  # only adding is offered
    assert confirm(browser, tenant, again.id, "new").status_code == 303
    after = live(uploads, tenant.institution_id, "roster-departments")
    assert sorted(after) == ["1001/a5", "1001/h4", "1003/h4", "1005/v5"]
    assert after["1001/h4"]["data"]["prognose"] == 100 and actions_of(uploads, after["1001/h4"]["id"]) == ["add"]
    event = uploads.site.audit("roster.applied")[-1]
    assert {fate: as_dict(event["details"])[fate] for fate in FATES} == {
        "new": 2, "changed": 0, "unchanged": 0, "skipped": 1, "removed": 0, "error": 0}


def test_a_student_removed_between_preview_and_confirm_is_caught_in_the_transaction(uploads: Uploads) -> None:
    tenant, browser = school(uploads)
    people = checked(uploads, tenant, roster([("1001", "Jansen", "1A", "leerling"), *OTHERS]))
    uploads.site.run(upload_services.confirm, people, uploads.user(tenant))
    version = checked(uploads, tenant, departments([("1001", "h4", "")]), profile="roster-departments")
    assert counts_on(step5(browser, tenant, version.id).text)["new"] == 1
    gone = checked(uploads, tenant, roster(OTHERS))
    uploads.site.run(upload_services.confirm, gone, uploads.user(tenant), "", "sync")  # 1001 removed meanwhile
    assert "1001" not in live(uploads, tenant.institution_id)
    assert confirm(browser, tenant, version.id, "new").status_code == 422
    assert live(uploads, tenant.institution_id, "roster-departments") == {}


# -- who may look and act ----------------------------------------------------------------------------------------


def test_another_institution_gets_404_and_a_viewer_may_look_but_not_apply(uploads: Uploads) -> None:
    tenant, _ = school(uploads)
    version = checked(uploads, tenant, roster(FIRST))
    other, stranger = school(uploads, "34CD")
    for path in (f"/i/{other.institution_id}/versions/{version.id}/fates?mode=new",
                 f"/i/{other.institution_id}/versions/{version.id}/complete",
                 f"/i/{tenant.institution_id}/versions/{version.id}/fates?mode=new"):
        assert stranger.get(path, headers=HX).status_code == 404, path
    for target in (other.institution_id, tenant.institution_id):
        answer = stranger.post(f"/i/{target}/versions/{version.id}/confirm", {"mode": "sync"})
        assert answer.status_code == 404
    viewer_account = uploads.site.user("kijker@school.example", totp=False,
                                       memberships=((tenant.institution_id, "viewer"),))
    viewer = logged_in(uploads.site, viewer_account)
    look = step5(viewer, tenant, version.id, "mode=sync")
    assert look.status_code == 200 and counts_on(look.text)["new"] == 12 and 'id="confirm-form"' not in look.text
    assert confirm(viewer, tenant, version.id, "sync").status_code == 403
    assert live(uploads, tenant.institution_id) == {} and not uploads.site.audit("roster.applied")


# -- a list held for the helpdesk --------------------------------------------------------------------------------


def test_an_approved_held_list_is_applied_in_the_profiles_default_mode_with_its_row_check(uploads: Uploads) -> None:
    from rosterdesk.platform.review import services as review
    from rosterdesk.platform.roster.apply import RowErrors

    tenant, _ = school(uploads)
    user = uploads.user(tenant)
    people = checked(uploads, tenant, roster([("1001", "Jansen", "1A", "leerling"), *OTHERS]))
    uploads.site.run(upload_services.confirm, people, user)
    first = checked(uploads, tenant, departments([("1001", "h4", "")]), profile="roster-departments")
    uploads.site.run(upload_services.confirm, first, user)
    second = checked(uploads, tenant, departments([("1001", "a5", "")]), profile="roster-departments")
    uploads.site.run(lambda: review.submit(second, user, reason="profile", counts=None))  # as a submission link does
    uploads.site.run(review.approve, second.id, user)
    assert uploads.get(second.id).state == "confirmed"
    assert sorted(live(uploads, tenant.institution_id, "roster-departments")) == ["1001/a5", "1001/h4"]  # added only

    unknown = checked(uploads, tenant, departments([("9999", "h4", "")]), profile="roster-departments")
    uploads.site.run(lambda: review.submit(unknown, user, reason="profile", counts=None))
    with pytest.raises(RowErrors):
        uploads.site.run(review.approve, unknown.id, user)
    assert uploads.get(unknown.id).state == "submitted"
    assert sorted(live(uploads, tenant.institution_id, "roster-departments")) == ["1001/a5", "1001/h4"]
