"""What the wizard's pages need from this package: the submit form's context and the link's addresses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request

from rosterdesk.platform.submission.services import Details
from rosterdesk.platform.uploads.pages import Wizard


def details_context(details: Details) -> dict[str, Any]:
    """The submit form's values as typed and which fields are wrong (field -> text key)."""
    return {"details": details.values(), "detail_errors": details.errors}


def link_urls(token: str, version_id: int | None = None) -> dict[str, str]:
    """Every address the wizard's templates link to, under ``/s/<token>`` (nothing outside it)."""
    base = f"/s/{token}"
    result = {"start": base, "upload": f"{base}/file", "template": f"{base}/template", "history": "", "compare": ""}
    if version_id is not None:
        version = f"{base}/v/{version_id}"
        result.update(version=version, preview=f"{version}/preview", progress=f"{version}/progress",
                      issues=f"{version}/issues", complete=version, check=f"{version}/check",
                      confirm=f"{version}/submit", discard=f"{version}/discard", download=f"{version}/download/")
    return result


@dataclass
class LinkWizard(Wizard):
    """The wizard of a version made through a submission link: the same pages at the link's addresses."""

    token: str = ""

    @property
    def urls(self) -> dict[str, str]:
        return link_urls(self.token, int(self.version.id))

    def context(self, request: Request[Any, Any, Any], current: int | None = None) -> dict[str, Any]:
        return {**super().context(request, current), "public": True}
