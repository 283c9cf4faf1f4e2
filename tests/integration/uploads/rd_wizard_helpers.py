"""Helpers for the wizard's page tests: log in, upload through the form, follow the steps.

Everything goes through HTTP (Litestar's test client) the way a browser would: the CSRF token
from the cookie, multipart for the file, ``HX-Request`` for the partials. Waiting for the
background check polls the progress partial with a generous deadline that only keeps a broken
run from hanging; no test asserts on how long anything takes.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from rd_platform_helpers import Account, Browser, Site

DEADLINE = 120.0
HX = {"HX-Request": "true"}
VERSION_URL = re.compile(r"^/i/(\d+)/versions/(\d+)$")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def with_reference(site: Site) -> None:
    """Import the bundled DUO sample as the reference data in force, as the demo seed does (the NSE
    checks against RIO run only with an import; without one they are skipped with a warning)."""
    from rosterdesk.platform.reference.services import import_directory
    from rosterdesk.samples import DUO_SAMPLE_DIR

    site.run(import_directory, site.settings.app.data_dir, DUO_SAMPLE_DIR, actor=None, origin="test")


def logged_in(site: Site, account: Account) -> Browser:
    """A browser with a fully logged-in session (with the TOTP step when the account has one)."""
    browser = site.browser()
    response = browser.password_step(account)
    assert response.status_code == 303, response.text
    if response.headers["location"] == "/login/code":
        site.next_step()
        response = browser.post("/login/code", {"code": site.code(account.secret)})
        assert response.status_code == 303, response.text
    assert response.headers["location"] == "/", response.headers["location"]
    return browser


@dataclass
class Wizard:
    """One institution's wizard for one profile, driven by one browser."""

    site: Site
    browser: Browser
    institution_id: int
    profile: str = "nse"

    @property
    def start_url(self) -> str:
        return f"/i/{self.institution_id}/uploads/{self.profile}"

    def upload(self, content: bytes | Path, name: str | None = None, *, options: dict[str, str] | None = None,
               csrf: bool = True) -> httpx.Response:
        """Step 1's form: the file (multipart) and the profile's options."""
        data = content.read_bytes() if isinstance(content, Path) else content
        filename = name or (content.name if isinstance(content, Path) else "upload.xlsx")
        form = {f"option_{key}": value for key, value in (options or {}).items()}
        if csrf:
            form["_csrf_token"] = self.browser.csrf
        return self.browser.request("POST", f"{self.start_url}/file", data=form,
                                    files={"file": (filename, data, XLSX)})

    def upload_version(self, content: bytes | Path, name: str | None = None, **kwargs: object) -> int:
        """Upload and return the new version's id (from the redirect to its page)."""
        response = self.upload(content, name, **kwargs)  # type: ignore[arg-type]
        assert response.status_code == 303, response.text
        match = VERSION_URL.match(response.headers["location"])
        assert match, response.headers["location"]
        return int(match.group(2))

    def url(self, version_id: int, suffix: str = "") -> str:
        return f"/i/{self.institution_id}/versions/{version_id}{suffix}"

    def page(self, version_id: int, suffix: str = "") -> httpx.Response:
        return self.browser.get(self.url(version_id, suffix))

    def post(self, version_id: int, action: str) -> httpx.Response:
        return self.browser.post(self.url(version_id, f"/{action}"))

    def wait_for_result(self, version_id: int) -> httpx.Response:
        """Poll the progress partial as htmx does until it asks for a reload; then the page."""
        end = time.monotonic() + DEADLINE
        while True:
            partial = self.browser.get(self.url(version_id, "/progress"), headers=HX)
            assert partial.status_code == 200, partial.text
            if partial.headers.get("HX-Refresh") == "true":
                return self.page(version_id)
            assert 'id="progress"' in partial.text
            if time.monotonic() > end:
                raise AssertionError(f"version {version_id} still being checked: {partial.text}")
            time.sleep(0.1)
