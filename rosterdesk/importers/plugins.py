"""Finding profiles: one code path for built-in and outside plugins.

``registry()`` builds (once per process, cached) a pluggy plugin manager with the built-in
plugins, the entry-point group ``rosterdesk`` and the loose files in the plugins directory, then
collects their profiles and messages.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import pluggy

from rosterdesk.importers import hookspecs
from rosterdesk.importers.checks.base import Check
from rosterdesk.importers.errors import ProfileDefinitionError, UnknownProfile
from rosterdesk.importers.messages import register_message
from rosterdesk.importers.profile import Profile

log = logging.getLogger(__name__)

DEFAULT_PLUGINS: tuple[str, ...] = (
    "rosterdesk.plugins.nse",
    "rosterdesk.plugins.cjp",
    "rosterdesk.plugins.intergrip",
    "rosterdesk.plugins.roster_csv",
    "rosterdesk.plugins.roster_departments",
    "rosterdesk.importers.checks",
)
PLUGINS_DIR_ENV = "RD_PLUGINS_DIR"


@dataclass
class Registry:
    """The profiles and checks known to this process."""

    manager: pluggy.PluginManager
    profiles: dict[str, Profile] = field(default_factory=dict)
    checks: dict[str, type[Check]] = field(default_factory=dict)

    def profile(self, slug: str) -> Profile:
        try:
            return self.profiles[slug]
        except KeyError:
            raise UnknownProfile(slug, sorted(self.profiles)) from None


def _load_path(path: Path) -> ModuleType:
    name = f"rosterdesk_local_plugin_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ProfileDefinitionError(f"cannot load plugin file {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def build_registry(plugins_dir: str | None = None, extra: tuple[object, ...] = ()) -> Registry:
    """A fresh registry: built-ins, entry points, loose files in ``plugins_dir``, then ``extra``."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    for module_name in DEFAULT_PLUGINS:
        manager.register(importlib.import_module(module_name), name=module_name)
    manager.load_setuptools_entrypoints(hookspecs.PROJECT)
    if plugins_dir:
        for path in sorted(Path(plugins_dir).glob("*.py")):
            manager.register(_load_path(path), name=f"file:{path}")
    for plugin in extra:
        manager.register(plugin)

    registry = Registry(manager=manager)
    # pluggy calls the last registered plugin first; reversed, built-ins come first in their order.
    for messages in reversed(manager.hook.register_messages()):
        for type_code, message in messages.items():
            register_message(type_code, message)
    for classes in reversed(manager.hook.register_checks()):
        for check_class in classes:
            registry.checks[check_class.type] = check_class
    for profiles in reversed(manager.hook.register_profiles()):
        for profile in profiles:
            if profile.slug in registry.profiles:
                raise ProfileDefinitionError(f"two plugins register the profile {profile.slug!r}")
            registry.profiles[profile.slug] = profile
    return registry


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The process-wide registry (plugins directory from ``RD_PLUGINS_DIR``)."""
    return build_registry(os.environ.get(PLUGINS_DIR_ENV) or None)


def get_profile(slug: str) -> Profile:
    return registry().profile(slug)


def all_profiles() -> list[Profile]:
    return list(registry().profiles.values())
