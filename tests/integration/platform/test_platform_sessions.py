"""Sessions, CSRF and response headers (SECURITY.md A7, A8, A9, A16), on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from litestar.testing import TestClient
from rd_platform_helpers import Site

from rosterdesk.platform.app import create_app
from rosterdesk.platform.auth.sessions import COOKIE
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.web.security import CSP

PARAMS = re.compile(r"\{(\w+):(\w+)\}")
WORDS = {"profile": "nse", "kind": "overview"}


def _fill(path: str) -> str:
    """Path parameters filled in: ids with 1, the wizard's profile slug and download kind with real words."""
    return PARAMS.sub(lambda m: "1" if m.group(2) == "int" else WORDS.get(m.group(1), "x"), path)


def _full_routes(site: Site) -> list[tuple[str, str]]:
    """(method, path) of every route that needs a complete login, parameters filled in."""
    routes = []
    for route in site.app.routes:
        for method, (handler, _) in getattr(route, "route_handler_map", {}).items():
            opt = handler.opt
            if method == "OPTIONS" or opt.get("public") or opt.get("stage"):
                continue
            routes.append((method, _fill(route.path)))
    return routes


def test_half_logged_in_session_reaches_no_page_or_partial(site: Site) -> None:
    """A7: password done, TOTP pending: every page and HTMX partial redirects or answers 401, never data."""
    school = site.institution()
    account = site.user("half@school.nl", memberships=((school, "admin"),))
    browser = site.browser()
    browser.password_step(account)
    routes = _full_routes(site)
    assert len(routes) > 15
    for method, path in routes:
        page = browser.request(method, path, data={"_csrf_token": browser.csrf})
        assert page.status_code == 303, (method, path, page.status_code)
        assert page.headers["location"] == "/login/code"
        partial = browser.request(method, path, data={"_csrf_token": browser.csrf}, headers={"HX-Request": "true"})
        assert partial.status_code == 401, (method, path)
        assert partial.headers["HX-Redirect"] == "/login/code"
        assert "half@school.nl" not in page.text + partial.text


def test_anonymous_visitors_are_sent_to_the_login_page(site: Site) -> None:
    browser = site.browser()
    for method, path in _full_routes(site):
        response = browser.request(method, path, data={"_csrf_token": browser.csrf})
        assert response.status_code == 303, (method, path)
        assert response.headers["location"].startswith("/login")


def test_session_id_changes_after_password_and_after_totp_and_old_ids_die(site: Site) -> None:
    """A8: no session fixation; an old id is gone from the server."""
    account = site.user("fixation@school.nl")
    browser = site.browser()
    browser.get("/login")
    browser.post("/account/language", {"lang": "en", "next": "/login"})
    anonymous = browser.session_id
    assert anonymous
    browser.password_step(account)
    after_password = browser.session_id
    assert after_password and after_password != anonymous
    site.next_step()
    browser.post("/login/code", {"code": site.code(account.secret)})
    after_totp = browser.session_id
    assert after_totp and after_totp not in (anonymous, after_password)
    assert browser.get("/account").status_code == 200
    thief = site.browser()
    thief.cookies.set(COOKIE, after_password, domain="testserver.local")
    assert thief.get("/account").status_code == 303


def test_logout_kills_the_session_on_the_server(site: Site) -> None:
    """A8: a copied cookie is useless after logout."""
    account = site.user("logout@school.nl")
    browser = site.browser()
    browser.login(account)
    session_id = browser.session_id
    assert session_id
    assert browser.post("/logout").headers["location"] == "/login?notice=logged-out"
    copy = site.browser()
    copy.cookies.set(COOKIE, session_id, domain="testserver.local")
    assert copy.get("/account").status_code == 303
    store = site.app.stores.get("sessions")
    assert site.run(store.get, session_id) is None


def test_idle_session_ends_after_thirty_minutes(site: Site) -> None:
    account = site.user("idle@school.nl")
    browser = site.browser()
    browser.login(account)
    site.clock.advance(29 * 60)
    assert browser.get("/account").status_code == 200
    site.clock.advance(31 * 60)
    expired = browser.get("/account")
    assert expired.status_code == 303
    assert expired.headers["location"] == "/login?notice=expired"


def test_session_cookie_is_httponly_and_samesite_lax(site: Site) -> None:
    account = site.user("cookie@school.nl")
    response = site.browser().password_step(account)
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(COOKIE + "="))
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Max-Age=1800" in cookie
    assert "Secure" not in cookie  # served over http in this test


def test_cookies_are_secure_and_hsts_is_sent_over_https(settings: Settings) -> None:
    https = Settings.from_env({"RD_DATA_DIR": str(settings.app.data_dir), "DATABASE_URL": settings.database.url,
                               "RD_SECRET_KEY": "k" * 40, "RD_BASE_URL": "https://rosterdesk.example"})
    with TestClient(create_app(https), base_url="https://rosterdesk.example") as client:
        response = client.get("/login")
        cookies = response.headers.get_list("set-cookie")
        assert cookies and all("Secure" in cookie and "HttpOnly" in cookie for cookie in cookies)
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        switched = client.post("/account/language", data={"lang": "en", "_csrf_token": client.cookies["rd_csrf"]},
                               follow_redirects=False)
        session = [c for c in switched.headers.get_list("set-cookie") if c.startswith(COOKIE + "=")]
        assert session and "Secure" in session[0]


def test_post_without_csrf_token_is_refused(site: Site) -> None:
    """A9."""
    account = site.user("csrf@school.nl")
    browser = site.browser()
    response = browser.post("/login", {"email": account.email, "password": account.password}, csrf=False)
    assert response.status_code == 403
    assert "Laad de pagina opnieuw" in response.text


def test_post_with_another_sessions_csrf_token_is_refused(site: Site) -> None:
    """A9."""
    account = site.user("victim@school.nl")
    attacker, victim = site.browser(), site.browser()
    token = attacker.csrf
    victim.login(account)
    response = victim.post("/account/recovery-codes", {"password": account.password, "_csrf_token": token})
    assert response.status_code == 403


def test_htmx_requests_carry_the_csrf_token_in_a_header(site: Site) -> None:
    """A9 with HTMX: the token comes through hx-headers as X-CSRFToken."""
    account = site.user("htmx@school.nl")
    browser = site.browser()
    page = browser.get("/login")
    assert f'"X-CSRFToken": "{browser.csrf}"' in page.text
    without = browser.post("/login", {"email": account.email, "password": account.password}, csrf=False,
                           headers={"HX-Request": "true"})
    assert without.status_code == 403
    ok = browser.post("/login", {"email": account.email, "password": account.password}, csrf=False,
                      headers={"HX-Request": "true", "X-CSRFToken": browser.csrf})
    assert ok.status_code == 303


@pytest.mark.parametrize("path", ["/login", "/static/rosterdesk.css", "/does-not-exist", "/account"])
def test_security_headers_on_every_response(site: Site, path: str) -> None:
    """A16 (HSTS only over https, see above)."""
    response = site.browser().get(path)
    assert response.headers["Content-Security-Policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert "frame-ancestors 'none'" in CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_pages_have_no_inline_script(site: Site) -> None:
    page = site.browser().get("/login").text
    assert "<script>" not in page and "onclick" not in page.lower()
    assert '<script src="/static/htmx-2.0.11.min.js" defer></script>' in page
