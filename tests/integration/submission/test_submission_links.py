"""Intergrip (seed 003): school type from the membership, kind of learner and submitter details stored,
and submission links that let someone without an account submit a list to the helpdesk."""

from __future__ import annotations

import re
from typing import Any

import pytest
from rd_platform_helpers import Browser, Site
from rd_review_helpers import INTERGRIP, checked, helpdesk, intergrip_csv, school
from rd_uploads_helpers import Uploads
from rd_wizard_helpers import HX

from rosterdesk.platform.submission import controllers
from rosterdesk.platform.submission.tables import Submission, SubmissionLink
from rosterdesk.platform.tenants.tables import Membership
from rosterdesk.platform.uploads.views import as_dict

LINK = re.compile(r'value="http://[^"]+/s/([A-Za-z0-9_-]{40,})"')


def _select(site: Site, table: Any, *where: Any) -> list[dict[str, Any]]:
    async def fetch() -> list[dict[str, Any]]:
        query = table.select()
        for clause in where:
            query = query.where(clause)
        return list(await query.run())

    return site.run(fetch)


def _make_link(browser: Browser, institution_id: int, days: str = "7") -> tuple[Any, str]:
    response = browser.post(f"/i/{institution_id}/submission-links",
                            {"profile": "intergrip", "days": days, "label": "Mentor 4H"})
    assert response.status_code == 201, response.text
    match = LINK.search(response.text)
    assert match, response.text
    return response, match.group(1)


def _public_upload(visitor: Browser, token: str, content: bytes, options: dict[str, str] | None = None) -> Any:
    form = {f"option_{k}": v for k, v in (options or {"school_type": "VO"}).items()}
    form["_csrf_token"] = visitor.csrf
    return visitor.request("POST", f"/s/{token}/file", data=form, files={"file": ("lijst.csv", content, "text/csv")})


def _checked_through_link(visitor: Browser, token: str) -> int:
    response = _public_upload(visitor, token, intergrip_csv(8))
    assert response.status_code == 303, response.text
    version_id = int(response.headers["location"].rsplit("/", 1)[1])
    assert visitor.get(f"/s/{token}/v/{version_id}/preview").status_code == 200
    assert visitor.post(f"/s/{token}/v/{version_id}/check").status_code == 303
    for _ in range(300):
        partial = visitor.get(f"/s/{token}/v/{version_id}/progress", headers=HX)
        assert partial.status_code == 200
        if partial.headers.get("HX-Refresh") == "true":
            break
        import time

        time.sleep(0.1)
    return version_id


def test_school_type_comes_from_the_membership_and_a_forged_one_is_ignored(site: Site, uploads: Uploads) -> None:
    mbo = school(uploads, "intergrip")
    membership = _select(site, Membership, Membership.institution == mbo.id)[0]
    changed = mbo.wizard.browser.post(f"/i/{mbo.id}/members/{membership['id']}/school-type", {"school_type": "MBO"})
    assert changed.status_code == 200, changed.text
    assert "MBO" in mbo.wizard.browser.get(f"/i/{mbo.id}/uploads/intergrip").text
    version_id = mbo.wizard.upload_version(intergrip_csv(3), "l.csv",
                                           options={"school_type": "VO", "learner_kind": "niet-overstapper"})
    options = as_dict(uploads.get(version_id).options)
    assert options == {"school_type": "MBO", "learner_kind": "niet-overstapper"}
    assert site.audit("membership.school-type-changed")
    bad = mbo.wizard.browser.post(f"/i/{mbo.id}/members/{membership['id']}/school-type", {"school_type": "HO"})
    assert bad.status_code == 422


def test_a_logged_in_submission_stores_the_details_and_the_helpdesk_sees_them(site: Site, uploads: Uploads) -> None:
    vo = school(uploads, "intergrip")
    version_id = checked(vo, intergrip_csv(5), "l.csv", options=INTERGRIP)
    missing = vo.wizard.browser.post(vo.wizard.url(version_id, "/confirm"),
                                     {"submitter_email": "not-an-address", "instantie": "elsewhere"})
    assert missing.status_code == 422
    assert "submission-details" in missing.text
    done = vo.wizard.browser.post(vo.wizard.url(version_id, "/confirm"),
                                  {"instantie": "Het Testcollege", "submitter_name": "Mevr. de Vries",
                                   "submitter_email": "devries@school.nl", "remark": "Klas 4H2"})
    assert done.status_code == 303, done.text
    row = _select(site, Submission, Submission.version == version_id)[0]
    assert (row["name"], row["email"], row["instantie"], row["link"]) == (
        "Mevr. de Vries", "devries@school.nl", "Het Testcollege", None)
    detail = helpdesk(site).get(f"/admin/reviews/{version_id}")
    assert "Mevr. de Vries" in detail.text and "devries@school.nl" in detail.text
    assert "potentiele-overstapper" in detail.text


def test_a_list_submitted_through_a_link_goes_to_the_helpdesk_and_nothing_else_is_visible(
        site: Site, uploads: Uploads) -> None:
    vo = school(uploads, "intergrip")
    own = vo.wizard.upload_version(intergrip_csv(3), "own.csv", options=INTERGRIP)
    _, token = _make_link(vo.wizard.browser, vo.id)
    links = _select(site, SubmissionLink)
    assert len(links) == 1 and token not in str(links[0]) and links[0]["token_hash"]
    assert token not in vo.wizard.browser.get(f"/i/{vo.id}/submission-links").text  # shown once

    visitor = site.browser()
    start = visitor.get(f"/s/{token}")
    assert start.status_code == 200 and "option_school_type" in start.text
    version_id = _checked_through_link(visitor, token)
    assert visitor.get(f"/s/{token}/v/{own}").status_code == 404  # the school's own version
    assert visitor.get(f"/i/{vo.id}/versions/{version_id}").status_code in (302, 303, 401)
    stranger = site.browser()
    assert stranger.get(f"/s/{token}/v/{version_id}").status_code == 404  # another session

    no_name = visitor.post(f"/s/{token}/v/{version_id}/submit",
                           {"instantie": "Het Testcollege", "submitter_email": "a@b.nl"})
    assert no_name.status_code == 422
    assert visitor.post(f"/s/{token}/v/{version_id}/submit", {"instantie": "Het Testcollege",
                        "submitter_name": "Piet", "submitter_email": "piet@school.nl"}, csrf=False).status_code == 403
    sent = visitor.post(f"/s/{token}/v/{version_id}/submit", {"instantie": "Het Testcollege",
                        "submitter_name": "Piet", "submitter_email": "piet@school.nl", "remark": "via de link"})
    assert sent.status_code == 303, sent.text
    assert str(uploads.get(version_id).state) == "submitted"
    assert "Lijst succesvol opgestuurd" in visitor.get(f"/s/{token}/v/{version_id}").text
    row = _select(site, Submission, Submission.version == version_id)[0]
    assert row["link"] == links[0]["id"] and row["email"] == "piet@school.nl"
    assert _select(site, SubmissionLink)[0]["uses"] == 1
    assert site.audit("submission-link.created") and site.audit("submission-link.used")
    assert str(uploads.get(own).state) == "received"  # the school's unfinished upload was left alone


def test_revoked_expired_and_unknown_tokens_answer_alike(site: Site, uploads: Uploads) -> None:
    vo = school(uploads, "intergrip")
    _, revoked = _make_link(vo.wizard.browser, vo.id)
    _, expiring = _make_link(vo.wizard.browser, vo.id, days="1")
    link_id = _select(site, SubmissionLink, SubmissionLink.label == "Mentor 4H")[0]["id"]
    assert vo.wizard.browser.post(f"/i/{vo.id}/submission-links/{link_id}/revoke").status_code == 200
    assert site.audit("submission-link.revoked")
    site.clock.advance(2 * 24 * 3600)  # type: ignore[attr-defined]
    visitor = site.browser()
    answers = [visitor.get(f"/s/{token}") for token in (revoked, expiring, "x" * 43)]
    assert {a.status_code for a in answers} == {404}
    assert len({a.text.replace(t, "") for a, t in zip(answers, (revoked, expiring, "x" * 43), strict=True)}) == 1


def test_another_institutions_link_cannot_be_revoked_and_viewers_cannot_make_links(
        site: Site, uploads: Uploads) -> None:
    a = school(uploads, "intergrip", brin="11AA", name="School A")
    b = school(uploads, "intergrip", brin="22BB", name="School B")
    _make_link(a.wizard.browser, a.id)
    link_id = _select(site, SubmissionLink)[0]["id"]
    assert b.wizard.browser.post(f"/i/{b.id}/submission-links/{link_id}/revoke").status_code == 404
    assert b.wizard.browser.get(f"/i/{a.id}/submission-links").status_code == 404


def test_posts_through_a_link_are_rate_limited(site: Site, uploads: Uploads,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    vo = school(uploads, "intergrip")
    _, token = _make_link(vo.wizard.browser, vo.id)
    monkeypatch.setattr(controllers, "ADDRESS_ACTIONS_PER_HOUR", 1)
    visitor = site.browser()
    assert _public_upload(visitor, token, intergrip_csv(2)).status_code == 303
    limited = _public_upload(visitor, token, intergrip_csv(2))
    assert limited.status_code == 429
    assert "Probeer het over een uur opnieuw" in limited.text


def _public_version(visitor: Browser, token: str) -> int:
    response = _public_upload(visitor, token, intergrip_csv(3))
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


def test_the_schools_own_upload_and_start_page_leave_a_link_visitors_version_alone(
        site: Site, uploads: Uploads) -> None:
    vo = school(uploads, "intergrip")
    _, token = _make_link(vo.wizard.browser, vo.id)
    visitor = site.browser()
    theirs = _public_version(visitor, token)
    bound = _select(site, Submission, Submission.version == theirs)
    assert len(bound) == 1 and bound[0]["link"] is not None  # bound in the upload's own transaction

    start = vo.wizard.browser.get(vo.wizard.start_url)
    assert start.status_code == 200, start.headers.get("location")  # not sent into the visitor's version
    own = vo.wizard.upload_version(intergrip_csv(3), "own.csv", options=INTERGRIP)
    assert str(uploads.get(theirs).state) == "received"  # the school's upload did not discard it
    assert not site.audit("upload.discarded")
    again = vo.wizard.browser.get(vo.wizard.start_url)
    assert again.status_code == 303 and again.headers["location"].endswith(f"/versions/{own}")
    newer = vo.wizard.upload_version(intergrip_csv(4), "own2.csv", options=INTERGRIP)
    assert str(uploads.get(own).state) == "discarded"  # the school's own earlier one still is
    assert str(uploads.get(theirs).state) == "received"
    assert vo.wizard.browser.get(vo.wizard.start_url).headers["location"].endswith(f"/versions/{newer}")
    assert visitor.get(f"/s/{token}/v/{theirs}").status_code == 200


def test_a_link_visitors_upload_leaves_the_schools_and_their_own_earlier_versions_alone(
        site: Site, uploads: Uploads) -> None:
    vo = school(uploads, "intergrip")
    own = vo.wizard.upload_version(intergrip_csv(3), "own.csv", options=INTERGRIP)
    _, token = _make_link(vo.wizard.browser, vo.id)
    visitor = site.browser()
    first = _public_version(visitor, token)
    second = _public_version(visitor, token)
    assert first != second
    assert [str(uploads.get(v).state) for v in (own, first, second)] == ["received"] * 3
    assert not site.audit("upload.discarded")
    start = vo.wizard.browser.get(vo.wizard.start_url)
    assert start.status_code == 303 and start.headers["location"].endswith(f"/versions/{own}")


def _submit_through_link(visitor: Browser, token: str, email: str) -> int:
    version_id = _checked_through_link(visitor, token)
    sent = visitor.post(f"/s/{token}/v/{version_id}/submit", {"instantie": "Het Testcollege",
                        "submitter_name": "Piet", "submitter_email": email})
    assert sent.status_code == 303, sent.text
    return version_id


def test_mails_to_a_link_visitor_say_what_happens_next_without_a_link_to_the_portal(
        site: Site, uploads: Uploads) -> None:
    vo = school(uploads, "intergrip")
    _, token = _make_link(vo.wizard.browser, vo.id)
    desk = helpdesk(site)

    rejected = _submit_through_link(site.browser(), token, "piet@school.nl")
    assert desk.post(f"/admin/reviews/{rejected}/reject", {"reason": "Klas 4H2 ontbreekt"}).status_code == 303
    english = site.browser()
    assert english.post("/account/language", {"lang": "en", "next": f"/s/{token}"}).status_code == 303
    approved = _submit_through_link(english, token, "ann@school.nl")
    assert desk.post(f"/admin/reviews/{approved}/approve").status_code == 303

    nl = site.mails("piet@school.nl")
    en = site.mails("ann@school.nl")
    assert [m["kind"] for m in nl] == ["link-submitted", "link-rejected"]
    assert [m["kind"] for m in en] == ["link-submitted", "link-approved"]
    for mail in (*nl, *en):
        assert "http" not in mail["body"] and "/i/" not in mail["body"], mail["body"]  # no portal they cannot open
    assert "succesvol opgestuurd" in nl[0]["body"] and "je krijgt een e-mail zodra" in nl[0]["body"]
    assert "Klas 4H2 ontbreekt" in nl[1]["body"] and "via de link die je van Het Testcollege" in nl[1]["body"]
    assert "submitted successfully" in en[0]["body"] and "You need not do anything now" in en[0]["body"]
    assert "approved your list" in en[1]["body"]  # the decision: the language the visitor submitted in
    # a logged-in uploader's mails still link to the portal
    own = checked(vo, intergrip_csv(4), "own.csv", INTERGRIP)
    done = vo.wizard.browser.post(vo.wizard.url(own, "/confirm"), {"remark": ""})
    assert done.status_code == 303, done.text
    mail = site.mails(vo.tenant.admin.email)[-1]
    assert mail["kind"] == "review-submitted" and f"/i/{vo.id}/versions/{own}" in mail["body"]


@pytest.fixture(params=["nl", "en"])
def site_language(request: pytest.FixtureRequest, env: dict[str, str]) -> str:
    """The site's default language (RD_LANG), set before the app is made: each mail must differ from one of them."""
    env["RD_LANG"] = str(request.param)
    return str(request.param)


def test_the_decision_mails_follow_the_language_the_visitor_submitted_in(
        site_language: str, site: Site, uploads: Uploads) -> None:
    assert site.settings.app.language == site_language
    vo = school(uploads, "intergrip")
    _, token = _make_link(vo.wizard.browser, vo.id)
    desk = helpdesk(site)
    # one list at a time: a newer submission would replace the one still waiting for the helpdesk
    for lang, email, decision, form in (("en", "ann@school.nl", "reject", {"reason": "Class 4H2 is missing"}),
                                        ("nl", "piet@school.nl", "approve", {})):
        visitor = site.browser()
        assert visitor.post("/account/language", {"lang": lang, "next": f"/s/{token}"}).status_code == 303
        version_id = _submit_through_link(visitor, token, email)
        assert _select(site, Submission, Submission.version == version_id)[0]["language"] == lang
        assert desk.post(f"/admin/reviews/{version_id}/{decision}", form).status_code == 303

    en = site.mails("ann@school.nl")
    nl = site.mails("piet@school.nl")
    assert [m["kind"] for m in en] == ["link-submitted", "link-rejected"]
    assert [m["kind"] for m in nl] == ["link-submitted", "link-approved"]
    assert en[1]["subject"].startswith("List rejected:") and "The helpdesk rejected your list" in en[1]["body"]
    assert "Class 4H2 is missing" in en[1]["body"] and "afgekeurd" not in en[1]["body"]
    assert nl[1]["subject"].startswith("Lijst goedgekeurd:") and "De helpdesk heeft je lijst" in nl[1]["body"]
    assert "approved" not in nl[1]["body"]
