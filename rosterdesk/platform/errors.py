"""The platform's small exception tree; HTTP mapping happens in ``web.errors``."""

from __future__ import annotations


class PlatformError(Exception):
    """Base of the platform's own errors."""


class FormError(PlatformError):
    """A form value the user must correct; ``key`` names the message in ``web.i18n``."""

    def __init__(self, key: str, field: str = "", **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.field = field
        self.params = params


class Throttled(PlatformError):
    """Too many attempts for one account; ``seconds`` until the next attempt is checked."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"throttled for {seconds}s")
        self.seconds = seconds
