"""rosterdesk: check, fix and confirm Dutch school rosters with one validation engine."""

from __future__ import annotations

__version__ = "0.1.0"
