"""A10 for the wizard: another institution's version, report or file answers 404 on every page,
partial and download, exactly like an id that does not exist, also through one's own institution.
"""

from __future__ import annotations

import re

from rd_platform_helpers import Browser
from rd_uploads_helpers import Uploads
from rd_wizard_helpers import HX, Wizard, logged_in, with_reference

from rosterdesk.samples import NSE_DEMO_INVALID

PARAMS = re.compile(r"\{(\w+):(?:int|str)\}")
KINDS = {"kind": "overview", "profile": "nse"}


def _wizard_routes(uploads: Uploads) -> list[tuple[str, str]]:
    """(method, path template) of every route that takes a version id (the wizard's and the helpdesk's)."""
    found = []
    for route in uploads.site.app.routes:
        if "{version_id:int}" not in route.path:
            continue
        for method in sorted(getattr(route, "route_handler_map", {})):
            if method not in ("OPTIONS", "HEAD"):
                found.append((method, route.path))
    return found


def _fill(template: str, **values: object) -> str:
    merged = {**KINDS, **values}
    return PARAMS.sub(lambda m: str(merged[m.group(1)]), template)


def _link_token(b: Browser, institution_id: int) -> str:
    """A submission link of ``institution_id`` made by its admin (the token is shown once)."""
    response = b.post(f"/i/{institution_id}/submission-links", {"profile": "intergrip", "days": "7"})
    assert response.status_code == 201, response.text
    match = re.search(r"/s/([A-Za-z0-9_-]{40,})\"", response.text)
    assert match
    return match.group(1)


def test_another_institutions_version_is_a_404_on_every_route_even_through_ones_own(uploads: Uploads) -> None:
    with_reference(uploads.site)
    school_a = uploads.tenant("99DU", "School A")
    school_b = uploads.tenant("99DU", "School B")
    a = Wizard(uploads.site, logged_in(uploads.site, school_a.admin), school_a.institution_id)
    version_a = a.upload_version(NSE_DEMO_INVALID)
    a.post(version_a, "check")
    a.wait_for_result(version_a)
    b = logged_in(uploads.site, school_b.admin)
    token = _link_token(b, school_b.institution_id)  # /s/<token>/v/<id>: B's own link, A's version (submission)
    routes = _wizard_routes(uploads)
    assert len(routes) >= 9
    for method, template in routes:
        for headers in ({}, HX):
            through_own = _fill(template, institution_id=school_b.institution_id, version_id=version_a, token=token)
            missing = _fill(template, institution_id=school_b.institution_id, version_id=999_999, token=token)
            answer = b.request(method, through_own, data={"_csrf_token": b.csrf}, headers=headers)
            reference = b.request(method, missing, data={"_csrf_token": b.csrf}, headers=headers)
            if template.startswith("/admin/"):  # the helpdesk's routes (review): staff only, whatever the id (A12)
                assert answer.status_code == reference.status_code == 403, (method, through_own, answer.status_code)
                assert "School A" not in answer.text and "nse-demo-invalid" not in answer.text
                continue
            assert answer.status_code == reference.status_code == 404, (method, through_own, answer.status_code)
            assert answer.text == reference.text
            assert "School A" not in answer.text and "nse-demo-invalid" not in answer.text
            foreign = _fill(template, institution_id=school_a.institution_id, version_id=version_a, token=token)
            assert b.request(method, foreign, data={"_csrf_token": b.csrf}, headers=headers).status_code == 404
    assert uploads.get(version_a).state == "invalid"  # nothing changed by B's posts
    assert sum(template.startswith("/s/") for _, template in routes) >= 8  # the link's wizard routes too
    denied = [e for e in uploads.site.audit("tenant.access-denied") if e["target"] == f"version:{version_a}"]
    assert denied and all(e["institution"] == school_b.institution_id for e in denied)  # the attempt is logged


def test_comparing_with_another_institutions_version_is_a_404(uploads: Uploads) -> None:
    school_a = uploads.tenant("99DU", "School A")
    school_b = uploads.tenant("99DU", "School B")
    a = Wizard(uploads.site, logged_in(uploads.site, school_a.admin), school_a.institution_id)
    b = Wizard(uploads.site, logged_in(uploads.site, school_b.admin), school_b.institution_id)
    version_a = a.upload_version(NSE_DEMO_INVALID)
    version_b = b.upload_version(NSE_DEMO_INVALID)
    history = f"/i/{school_b.institution_id}/uploads/nse"
    for path in (f"{history}/history?a={version_b}&b={version_a}", f"{history}/compare?a={version_a}&b={version_b}"):
        assert b.browser.get(path, headers=HX).status_code == 404, path
    assert b.browser.get(f"/i/{school_a.institution_id}/uploads/nse/history").status_code == 404


def test_a_profile_the_institution_has_not_switched_on_is_a_404(uploads: Uploads) -> None:
    tenant = uploads.tenant(profiles=["nse"])
    browser = logged_in(uploads.site, tenant.admin)
    for path in ("", "/template", "/history"):
        assert browser.get(f"/i/{tenant.institution_id}/uploads/intergrip{path}").status_code == 404
        assert browser.get(f"/i/{tenant.institution_id}/uploads/no-such-profile{path}").status_code == 404
