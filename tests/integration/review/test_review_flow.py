"""The helpdesk review (seed 003, issue 6): an Intergrip list is held, approved or rejected, with its mails;
a large change of any profile is held the same way; two decisions at once: one wins (R9)."""

from __future__ import annotations

import concurrent.futures
import re

import httpx
from rd_platform_helpers import Browser
from rd_review_helpers import (
    INTERGRIP,
    checked,
    confirm,
    helpdesk,
    intergrip_csv,
    records_of,
    roster_csv,
    school,
    state,
)
from rd_uploads_helpers import Uploads

from rosterdesk.platform.review.tables import Review
from rosterdesk.platform.uploads.views import as_dict


def _review(uploads: Uploads, version_id: int) -> Review:
    async def get() -> Review:
        row = await Review.objects().get(Review.version == version_id)
        assert row is not None
        return row

    return uploads.site.run(get)


def test_an_intergrip_list_waits_for_the_helpdesk_and_is_loaded_when_approved(uploads: Uploads) -> None:
    site = uploads.site
    ig = school(uploads, "intergrip")
    version_id = checked(ig, intergrip_csv(12), "leerlingen.csv", INTERGRIP)
    mails_before = len(site.mails(ig.tenant.admin.email))
    confirm(ig, version_id, remark="Twee leerlingen komen later")
    assert state(uploads, version_id) == "submitted"
    assert records_of(site, ig.id, "intergrip") == []  # not applied
    page = ig.wizard.page(version_id)
    assert "Lijst succesvol opgestuurd" in page.text and "Twee leerlingen komen later" in page.text
    submitted = site.mails(ig.tenant.admin.email)[mails_before:]
    assert [mail["kind"] for mail in submitted] == ["review-submitted"]
    assert "helpdesk" in submitted[0]["body"] and f"/i/{ig.id}/versions/{version_id}" in submitted[0]["body"]

    desk = helpdesk(site)
    queue = desk.get("/admin/reviews")
    assert queue.status_code == 200
    assert "Het Testcollege" in queue.text and f"/admin/reviews/{version_id}" in queue.text
    assert ig.tenant.admin.email in queue.text
    detail = desk.get(f"/admin/reviews/{version_id}")
    assert detail.status_code == 200, detail.text
    assert "Tien willekeurige rijen" in detail.text and "Twee leerlingen komen later" in detail.text
    assert detail.text.count("<tr><th scope=\"row\">") == 10  # ten random rows
    assert "111222" not in detail.text.split('id="change"')[1]  # the change shows no BSN unmasked
    assert "alles is nieuw" in detail.text  # nothing in force yet
    response = desk.post(f"/admin/reviews/{version_id}/approve")
    assert response.status_code == 303, response.text
    assert state(uploads, version_id) == "confirmed"
    assert len(records_of(site, ig.id, "intergrip")) == 12
    assert "Goedgekeurd en ingeladen" in desk.get(f"/admin/reviews/{version_id}").text
    decision = site.mails(ig.tenant.admin.email)[-1]
    assert decision["kind"] == "review-approved" and "goedgekeurd" in decision["body"]
    assert [e["target"] for e in site.audit("review.approved")] == [f"version:{version_id}"]
    assert site.audit("review.submitted") and site.audit("review.viewed")
    assert "Het Testcollege" not in desk.get("/admin/reviews").text  # out of the queue


def test_a_rejection_needs_a_reason_and_mails_it_to_the_submitter(uploads: Uploads) -> None:
    site = uploads.site
    ig = school(uploads, "intergrip")
    version_id = checked(ig, intergrip_csv(6), "leerlingen.csv", INTERGRIP)
    confirm(ig, version_id)
    desk = helpdesk(site)
    empty = desk.post(f"/admin/reviews/{version_id}/reject", {"reason": "   "})
    assert empty.status_code == 422 and "Vul een reden in" in empty.text
    assert state(uploads, version_id) == "submitted"
    response = desk.post(f"/admin/reviews/{version_id}/reject", {"reason": "Klas 4H2 bestaat niet <b>meer</b>"})
    assert response.status_code == 303
    assert state(uploads, version_id) == "rejected"
    assert records_of(site, ig.id, "intergrip") == []
    mail = site.mails(ig.tenant.admin.email)[-1]
    assert mail["kind"] == "review-rejected" and "Klas 4H2 bestaat niet <b>meer</b>" in mail["body"]
    page = ig.wizard.page(version_id)
    assert "Lijst afgekeurd" in page.text and "Klas 4H2 bestaat niet &lt;b&gt;meer&lt;/b&gt;" in page.text
    assert _review(uploads, version_id).decision == "rejected"
    assert site.audit("review.rejected")
    again = desk.post(f"/admin/reviews/{version_id}/approve")
    assert again.status_code == 409 and "al behandeld" in again.text


def test_two_helpdesk_users_deciding_at_once_one_wins_the_other_is_told(uploads: Uploads) -> None:
    """R9: concurrent approve and reject of the same list."""
    site = uploads.site
    ig = school(uploads, "intergrip")
    version_id = checked(ig, intergrip_csv(8), "leerlingen.csv", INTERGRIP)
    confirm(ig, version_id)
    first, second = helpdesk(site, "one@rosterdesk.example"), helpdesk(site, "two@rosterdesk.example")
    site.client.cookies = httpx.Cookies()  # each request carries its own browser's cookies below

    def decide(browser: Browser, action: str) -> int:
        cookie = "; ".join(f"{name}={value}" for name, value in browser.cookies.items())
        data = {"_csrf_token": browser.csrf, "reason": "Dubbel"}
        # Both requests go into the app's one event loop at the same time (the test client's portal).
        return site.client.post(f"/admin/reviews/{version_id}/{action}", data=data, headers={"Cookie": cookie},
                                follow_redirects=False).status_code

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(decide, (first, second), ("approve", "reject")))
    assert sorted(answers) == [303, 409], answers
    final = state(uploads, version_id)
    assert final in ("confirmed", "rejected")
    decided = site.audit("review.approved") + site.audit("review.rejected")
    assert len(decided) == 1
    expected_records = 8 if final == "confirmed" else 0
    assert len(records_of(site, ig.id, "intergrip")) == expected_records
    kinds = [mail["kind"] for mail in site.mails(ig.tenant.admin.email)]
    assert kinds.count("review-approved") + kinds.count("review-rejected") == 1


def test_a_confirmation_changing_more_than_the_share_is_held_with_the_change_shown(uploads: Uploads) -> None:
    site = uploads.site
    rs = school(uploads, "roster-csv")
    first = checked(rs, roster_csv(10), "v1.csv")
    confirm(rs, first)
    assert state(uploads, first) == "confirmed"  # a first version is never held
    assert len(records_of(site, rs.id, "roster-csv")) == 10
    small = checked(rs, roster_csv(10, changed=2), "v2.csv")  # 20 %: not more than the share
    confirm(rs, small)
    assert state(uploads, small) == "confirmed"
    large = checked(rs, roster_csv(10, changed=7), "v3.csv")  # 5 more changed of the 10 in force: 50 %
    confirm(rs, large)
    assert state(uploads, large) == "submitted"
    assert state(uploads, small) == "confirmed"  # still in force
    assert sum(r["data"]["klas"] == "2B" for r in records_of(site, rs.id, "roster-csv")) == 2
    review = _review(uploads, large)
    assert review.reason == "change-share" and as_dict(review.change)["changed"] == 5
    page = rs.wizard.page(large)
    assert "50%" in page.text
    desk = helpdesk(site)
    detail = desk.get(f"/admin/reviews/{large}")
    assert "5 gewijzigd" in detail.text and re.search(r"<del>1A</del>.*<ins>2B</ins>", detail.text, re.S)
    assert desk.post(f"/admin/reviews/{large}/approve").status_code == 303
    assert state(uploads, large) == "confirmed" and state(uploads, small) == "superseded"
    assert sum(r["data"]["klas"] == "2B" for r in records_of(site, rs.id, "roster-csv")) == 7


def test_a_newer_confirmation_withdraws_a_list_still_waiting(uploads: Uploads) -> None:
    site = uploads.site
    ig = school(uploads, "intergrip")
    older = checked(ig, intergrip_csv(5), "a.csv", INTERGRIP)
    confirm(ig, older)
    newer = checked(ig, intergrip_csv(6), "b.csv", INTERGRIP)
    confirm(ig, newer)
    assert state(uploads, older) == "discarded" and state(uploads, newer) == "submitted"
    assert _review(uploads, older).decision == "withdrawn"
    queue = helpdesk(site).get("/admin/reviews").text
    assert f"/admin/reviews/{newer}" in queue and f"/admin/reviews/{older}\"" not in queue


def test_the_uploader_gets_a_mail_when_the_check_finishes(uploads: Uploads) -> None:
    site = uploads.site
    rs = school(uploads, "roster-csv")
    version_id = checked(rs, roster_csv(4), "v1.csv")
    mails = [m for m in site.mails(rs.tenant.admin.email) if m["kind"].startswith("check-")]
    assert [m["kind"] for m in mails] == ["check-valid"]
    assert f"http://testserver.local/i/{rs.id}/versions/{version_id}" in mails[0]["body"]
    assert "Rijen: 4" in mails[0]["body"]
    bad = roster_csv(3).replace(b"l1@school.nl", b"geen-adres")  # a bad e-mail address
    invalid = checked(rs, bad, "v2.csv")
    last = [m for m in site.mails(rs.tenant.admin.email) if m["kind"].startswith("check-")][-1]
    assert last["kind"] == "check-invalid" and f"/versions/{invalid}" in last["body"]
