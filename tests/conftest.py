"""Shared test helpers: paths to the real DUO files and the services rule.

Services (PostgreSQL, Redis, the DUO files in ../shared) that are missing make a test skip
loudly; with RD_REQUIRE_SERVICES=1 (CI) they make it fail instead, so nothing is skipped there.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DUO_DIR = SHARED / "data" / "duo"


def services_required() -> bool:
    return os.environ.get("RD_REQUIRE_SERVICES") == "1"


def missing_service(what: str) -> None:
    """Skip loudly, or fail when CI demands every service."""
    message = f"SERVICE MISSING: {what}"
    if services_required():
        pytest.fail(message + " (RD_REQUIRE_SERVICES=1)")
    pytest.skip(message)


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def duo_dir() -> Path:
    """The real DUO reference files, read in place (the project must not copy them in)."""
    if not (DUO_DIR / "Croho.asc").is_file():
        missing_service(f"DUO reference files in {DUO_DIR}")
    return DUO_DIR
