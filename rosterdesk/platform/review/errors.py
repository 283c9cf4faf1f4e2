"""The review's exceptions: a decision that came second (R9, HTTP 409) and a rejection without a reason."""

from __future__ import annotations

from litestar.exceptions import ClientException
from litestar.status_codes import HTTP_409_CONFLICT


class ReviewError(Exception):
    """Base of the review's own errors."""


class AlreadyDecided(ClientException):
    """Somebody decided this version first (or it was withdrawn): nothing was changed (R9)."""

    status_code = HTTP_409_CONFLICT

    def __init__(self, state: str) -> None:
        super().__init__(detail=f"version is {state}; already decided")
        self.state = state


class ReasonRequired(ReviewError):
    """A rejection needs a reason the submitter can act on."""
