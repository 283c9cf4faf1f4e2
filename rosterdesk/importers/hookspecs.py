"""The plugin hooks rosterdesk calls (pluggy).

Built-in profiles implement these hooks exactly like outside packages do: they are listed in
``rosterdesk.importers.plugins.DEFAULT_PLUGINS``; installed packages register modules under the
entry-point group ``rosterdesk``; loose ``.py`` files in the plugins directory (setting
``RD_PLUGINS_DIR``) load by path. Every hook is documented in docs/plugins.md (a test checks it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from rosterdesk.importers.checks.base import Check
    from rosterdesk.importers.messages import Message
    from rosterdesk.importers.profile import Profile

PROJECT = "rosterdesk"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_profiles() -> list[Profile]:  # type: ignore[empty-body]
    """Return the import profiles this plugin adds.

    Slugs must be unique across all plugins; a clash is reported at start-up, not silently won.
    """


@hookspec
def register_messages() -> dict[str, Message]:  # type: ignore[empty-body]
    """Return messages (Dutch and English) for the issue types this plugin's checks emit.

    Every ``type`` a check can emit needs a message; built-in types cannot be replaced.
    """


@hookspec
def register_checks() -> list[type[Check]]:  # type: ignore[empty-body]
    """Return check classes this plugin makes available to profiles by their ``type`` code.

    Profiles declare check instances directly; this hook lists them for documentation and for
    ``rosterdesk profiles --checks``.
    """
