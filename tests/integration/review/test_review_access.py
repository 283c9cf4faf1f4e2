"""A12 for the helpdesk review: every route refuses institution users with 403, whatever id they try;
staff (helpdesk, superadmin) reach them; a version that was never held is a 404 for staff too."""

from __future__ import annotations

import re

from rd_platform_helpers import Site
from rd_review_helpers import INTERGRIP, checked, confirm, helpdesk, intergrip_csv, school, state
from rd_uploads_helpers import Uploads
from rd_wizard_helpers import HX, logged_in

PARAMS = re.compile(r"\{(\w+):int\}")


def _review_routes(site: Site) -> list[tuple[str, str]]:
    found = []
    for route in site.app.routes:
        if not route.path.startswith("/admin/reviews"):
            continue
        for method in sorted(getattr(route, "route_handler_map", {})):
            if method not in ("OPTIONS", "HEAD"):
                found.append((method, route.path))
    return found


def test_institution_users_get_403_on_every_helpdesk_route(uploads: Uploads) -> None:
    site = uploads.site
    ig = school(uploads, "intergrip")
    version_id = checked(ig, intergrip_csv(5), "leerlingen.csv", INTERGRIP)
    confirm(ig, version_id)
    uploader = site.user("uploader@school.example", totp=False, memberships=((ig.id, "uploader"),))
    viewer = site.user("viewer@school.example", totp=False, memberships=((ig.id, "viewer"),))
    routes = _review_routes(site)
    assert {(m, p) for m, p in routes} >= {("GET", "/admin/reviews"), ("GET", "/admin/reviews/{version_id:int}"),
                                           ("POST", "/admin/reviews/{version_id:int}/approve"),
                                           ("POST", "/admin/reviews/{version_id:int}/reject")}
    for browser in (ig.wizard.browser, logged_in(site, uploader), logged_in(site, viewer)):
        for method, template in routes:
            for value in (version_id, 999_999):
                path = PARAMS.sub(str(value), template)
                for headers in ({}, HX):
                    answer = browser.request(method, path, data={"_csrf_token": browser.csrf, "reason": "x"},
                                             headers=headers)
                    assert answer.status_code == 403, (method, path, answer.status_code)
                    assert "Het Testcollege" not in answer.text
    assert state(uploads, version_id) == "submitted"  # nothing decided by them
    assert not site.audit("review.viewed")


def test_staff_reach_the_queue_and_a_never_held_version_is_a_404(uploads: Uploads) -> None:
    site = uploads.site
    ig = school(uploads, "roster-csv")
    from rd_review_helpers import roster_csv

    version_id = checked(ig, roster_csv(3), "v1.csv")
    for staff in ("helpdesk", "superadmin"):
        browser = helpdesk(site, f"{staff}@rosterdesk.example", staff)
        assert browser.get("/admin/reviews").status_code == 200
        assert browser.get(f"/admin/reviews/{version_id}").status_code == 404
        assert browser.get("/admin/reviews/999999").status_code == 404
        assert browser.post(f"/admin/reviews/{version_id}/approve").status_code == 404
    assert state(uploads, version_id) == "valid"
