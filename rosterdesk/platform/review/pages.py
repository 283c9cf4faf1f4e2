"""What the wizard's version page shows of a held version (submitted or rejected): remark, reason, dates."""

from __future__ import annotations

from typing import Any

from rosterdesk.platform.review.services import review_of, share_of
from rosterdesk.platform.uploads.tables import Version


async def review_context(version: Version) -> dict[str, Any]:
    """``review``, its share and dates as text, for ``review/_status.html``."""
    review = await review_of(version)
    if review is None:
        return {"review": None, "review_when": "", "review_decided_when": "", "review_share": ""}
    share = share_of(review)
    return {"review": review, "review_when": _when(review.submitted_at),
            "review_decided_when": _when(review.decided_at),
            "review_share": f"{share:.0f}" if share is not None else "?"}


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""
