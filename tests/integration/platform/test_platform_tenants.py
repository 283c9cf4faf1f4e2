"""Institutions, memberships and the scoped accessor (SECURITY.md A10, A11, A12)."""

from __future__ import annotations

import re

from rd_platform_helpers import Browser, Site

from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.tenants.tables import Institution, Membership

IDS = re.compile(r"\{(\w+):int\}")
PARAMS = re.compile(r"\{(\w+):(?:int|str)\}")
WORDS = {"profile": "nse", "kind": "overview"}
"""Values for the text parameters of routes (the wizard's profile slug and download kind)."""


def _version_of(site: Site, institution_id: int) -> int:
    """A version of ``institution_id``'s NSE list (the row only: the routes must refuse before any file)."""
    from rosterdesk.platform.uploads.tables import Version

    async def make() -> int:
        row = Version(institution=institution_id, profile="nse", number=1, state="invalid", original_name="a.xlsx")
        await row.save().run()
        return int(row.id)

    return site.run(make)


def _record_of(site: Site, institution_id: int) -> int:
    """A record of ``institution_id``'s NSE list (the row only)."""
    from rosterdesk.platform.records.tables import Record

    async def make() -> int:
        row = Record(institution=institution_id, profile="nse", record_key='["a@b.nl","12345"]', data={})
        await row.save().run()
        return int(row.id)

    return site.run(make)


def _link_of(site: Site, institution_id: int) -> int:
    """A submission link of ``institution_id`` (the row only; its token is never known)."""
    from datetime import timedelta

    from rosterdesk.platform import clock
    from rosterdesk.platform.submission.tables import SubmissionLink

    async def make() -> int:
        row = SubmissionLink(institution=institution_id, profile="intergrip", token_hash=f"{institution_id:064d}",
                             expires_at=clock.now() + timedelta(days=7))
        await row.save().run()
        return int(row.id)

    return site.run(make)


def _two_schools(site: Site) -> tuple[int, int, int, Browser]:
    """School A with a member; school B's admin logged in. Returns (a, b, a's membership id, b's browser)."""
    a = site.institution("School A")
    b = site.institution("School B")
    site.user("a-admin@a.nl", memberships=((a, "admin"),))
    site.user("a-viewer@a.nl", memberships=((a, "viewer"),))
    b_admin = site.user("b-admin@b.nl", memberships=((b, "admin"),))
    membership = site.run(Membership.select(Membership.id).where(Membership.institution == a).first().run)
    browser = site.browser()
    browser.login(b_admin)
    return a, b, int(membership["id"]), browser


def _walk(site: Site, values: dict[str, int]) -> list[tuple[str, str, str]]:
    """(method, path template, concrete path) of every route that takes an id, filled from ``values``."""
    found = []
    for route in site.app.routes:
        if not IDS.search(route.path) or route.path.startswith("/s/"):  # /s/: a link's token scopes it (submission)
            continue
        for method in sorted(getattr(route, "route_handler_map", {})):
            if method in ("OPTIONS", "HEAD"):
                continue
            filled = PARAMS.sub(lambda m: str({**WORDS, **values}.get(m.group(1), "x")), route.path)
            found.append((method, route.path, filled))
    return found


def _with_link(found: list[tuple[str, str, str]], link_id: int) -> list[tuple[str, str, str]]:
    """The submission link routes with ``link_id`` in place of the walker's ``x``."""
    return [(method, template, path.replace("/submission-links/x/", f"/submission-links/{link_id}/"))
            for method, template, path in found]


def _normalise(text: str) -> str:
    return re.sub(r"[0-9a-f]{64,}", "", text)


def test_every_route_with_another_institutions_id_answers_like_a_missing_id(site: Site) -> None:
    """A10: tenant B asks for tenant A's things by id: 404, the same as for an id that does not exist; logged."""
    a, _b, membership_a, browser = _two_schools(site)
    version_a = _version_of(site, a)
    link_a = _link_of(site, a)
    record_a = _record_of(site, a)
    foreign = _walk(site, {"institution_id": a, "membership_id": membership_a, "version_id": version_a,
                           "record_id": record_a})
    missing = _walk(site, {"institution_id": 999_999, "membership_id": 999_999, "version_id": 999_999,
                           "record_id": 999_999})
    foreign, missing = _with_link(foreign, link_a), _with_link(missing, 999_999)
    assert len(foreign) >= 8
    assert ("GET", "/i/{institution_id:int}/rio") in {(method, template) for method, template, _ in foreign}
    tool = "/i/{institution_id:int}/check/{profile:str}"  # the validation tool: page and check
    assert {("GET", tool), ("POST", tool)} <= {(method, template) for method, template, _ in foreign}
    assert sum("{version_id:int}" in template for _, template, _ in foreign) >= 9  # the upload wizard's routes
    assert sum("/records/" in template for _, template, _ in foreign) >= 10  # the records pages and forms
    checked = 0
    for (method, template, path), (_, _, missing_path) in zip(foreign, missing, strict=True):
        answer = browser.request(method, path, data={"_csrf_token": browser.csrf})
        reference = browser.request(method, missing_path, data={"_csrf_token": browser.csrf})
        if template.startswith("/admin/"):
            assert answer.status_code == reference.status_code == 403, (method, path)  # A12: staff only
        else:
            assert answer.status_code == reference.status_code == 404, (method, path, answer.status_code)
            assert _normalise(answer.text) == _normalise(reference.text), (method, path)
            checked += 1
        assert "School A" not in answer.text and "a-admin@a.nl" not in answer.text
    assert checked >= 6
    denied = site.audit("tenant.access-denied")
    assert len(denied) >= checked
    assert all(event["target"] == f"institution:{a}" for event in denied)


def test_membership_of_another_institution_is_a_404_even_through_ones_own_institution(site: Site) -> None:
    _a, b, membership_a, browser = _two_schools(site)
    response = browser.post(f"/i/{b}/members/{membership_a}/role", {"role": "viewer"})
    assert response.status_code == 404
    role = site.run(Membership.select(Membership.role).where(Membership.id == membership_a).first().run)
    assert role["role"] == "admin"
    assert browser.post(f"/i/{b}/members/{membership_a}/remove").status_code == 404
    assert site.run(Membership.exists().where(Membership.id == membership_a).run)


def test_school_admin_cannot_reach_staff_pages(site: Site) -> None:
    """A12."""
    _a, _b, _m, browser = _two_schools(site)
    for path in ("/admin/institutions", "/admin/institutions/new", "/admin/audit", "/admin/outbox"):
        assert browser.get(path).status_code == 403, path
    assert browser.post("/admin/institutions/new", {"name": "Mine", "kind": "VO"}).status_code == 403


def test_helpdesk_may_list_institutions_but_not_change_them(site: Site) -> None:
    a = site.institution("School A")
    helpdesk = site.user("help@rosterdesk.example", staff="helpdesk")
    browser = site.browser()
    browser.login(helpdesk)
    assert "School A" in browser.get("/admin/institutions").text
    assert browser.get(f"/admin/institutions/{a}").status_code == 403
    assert browser.get(f"/i/{a}/members").status_code == 403


def test_viewer_and_uploader_cannot_manage_users(site: Site) -> None:
    a = site.institution("School A")
    viewer = site.user("viewer@a.nl", memberships=((a, "viewer"),))
    browser = site.browser()
    browser.login(viewer)
    assert browser.get(f"/i/{a}").status_code == 200
    assert browser.get(f"/i/{a}/members").status_code == 403
    assert browser.post(f"/i/{a}/members", {"email": "x@a.nl", "role": "admin"}).status_code == 403


def test_superadmin_creates_an_institution_and_invites_its_first_admin(site: Site) -> None:
    root = site.user("root@rosterdesk.example", staff="superadmin")
    browser = site.browser()
    browser.login(root)
    bad = browser.post("/admin/institutions/new", {"name": "X", "kind": "VO", "brin": "nonsense"})
    assert bad.status_code == 422 and "bijvoorbeeld 21XY" in bad.text
    created = browser.post("/admin/institutions/new", {
        "name": "Nieuw College", "kind": "MBO", "brin": "21xy", "locations": "21XY00, 21xy01",
        "profiles": ["intergrip", "not-a-profile"], "two_factor_required": "on", "first_admin": "boss@nieuw.nl"})
    assert created.status_code == 303
    row = site.run(Institution.select().where(Institution.name == "Nieuw College").first().run)
    institution = site.run(Institution.objects().get(Institution.id == row["id"]).run)
    assert institution.brin == "21XY"
    assert institution.location_codes() == ["21XY00", "21XY01"]
    assert institution.profile_slugs() == ["intergrip"]
    assert institution.two_factor_required
    mail = site.mails("boss@nieuw.nl")[-1]
    assert mail["kind"] == "invite" and "Nieuw College" in mail["body"]
    assert site.audit("institution.created") and site.audit("invitation.sent")


def test_admin_invites_a_new_user_who_sets_a_password_through_the_link(site: Site) -> None:
    a = site.institution("School A")
    admin = site.user("admin@a.nl", memberships=((a, "admin"),))
    browser = site.browser()
    browser.login(admin)
    page = browser.post(f"/i/{a}/members", {"email": "New.Person@A.nl", "name": "New Person", "role": "uploader"})
    assert page.status_code == 200 and "Uitnodiging verstuurd" in page.text
    invited = site.browser()
    link = invited.link_from_mail("new.person@a.nl")
    done = invited.post(link, {"password": "invited person password", "confirm": "invited person password"})
    assert done.status_code == 303
    assert site.audit("membership.created")[-1]["target"] == "new.person@a.nl"


def test_inviting_an_existing_user_adds_a_membership_and_tells_them(site: Site) -> None:
    a = site.institution("School A")
    b = site.institution("School B")
    admin = site.user("admin@a.nl", memberships=((a, "admin"),))
    site.user("teacher@b.nl", memberships=((b, "viewer"),))
    browser = site.browser()
    browser.login(admin)
    page = browser.post(f"/i/{a}/members", {"email": "teacher@b.nl", "role": "viewer"})
    assert "heeft nu toegang" in page.text
    assert site.mails("teacher@b.nl")[-1]["kind"] == "membership-added"
    again = browser.post(f"/i/{a}/members", {"email": "teacher@b.nl", "role": "viewer"})
    assert "hoort al bij deze instelling" in again.text


def test_injected_tenant_and_role_fields_are_ignored(site: Site) -> None:
    """A11: institution ids, staff roles or statuses in a form or query change nothing."""
    a = site.institution("School A")
    b = site.institution("School B")
    admin = site.user("admin@a.nl", memberships=((a, "admin"),))
    browser = site.browser()
    browser.login(admin)
    browser.post(f"/i/{a}/members?institution_id={b}&staff_role=superadmin", {
        "email": "sneaky@a.nl", "role": "uploader", "institution_id": str(b), "institution": str(b),
        "staff_role": "superadmin", "status": "approved", "tenant_id": str(b)})
    user = site.run(User.objects().get(User.email == "sneaky@a.nl").run)
    assert user is not None and user.staff_role == ""
    rows = site.run(Membership.select(Membership.institution, Membership.role).where(Membership.user == user.id).run)
    assert rows == [{"institution": a, "role": "uploader"}]
    refused = browser.post(f"/i/{a}/members", {"email": "other@a.nl", "role": "superadmin"})
    assert refused.status_code == 422 and "Kies een rol" in refused.text


def test_role_changes_are_audited_and_the_last_admin_stays(site: Site) -> None:
    a = site.institution("School A")
    admin = site.user("admin@a.nl", memberships=((a, "admin"),))
    site.user("member@a.nl", memberships=((a, "viewer"),))
    browser = site.browser()
    browser.login(admin)
    rows = site.run(Membership.select(Membership.id, Membership.user.email).where(Membership.institution == a).run)
    ids = {row["user.email"]: row["id"] for row in rows}
    partial = browser.post(f"/i/{a}/members/{ids['member@a.nl']}/role", {"role": "uploader"},
                           headers={"HX-Request": "true", "HX-Target": "members"})
    assert partial.status_code == 200
    assert partial.text.lstrip().startswith('<div id="members">')
    assert site.audit("membership.role-changed")[-1]["target"] == "member@a.nl"
    last = browser.post(f"/i/{a}/members/{ids['admin@a.nl']}/role", {"role": "viewer"})
    assert last.status_code == 422 and "laatste beheerder" in last.text
    assert browser.post(f"/i/{a}/members/{ids['member@a.nl']}/remove").status_code == 200
    assert site.audit("membership.removed")
