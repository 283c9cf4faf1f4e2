"""Every profile, issue type, CLI option, hook and setting is documented, and generated docs are current."""

from __future__ import annotations

import argparse
import inspect
from pathlib import Path

from rosterdesk import docgen
from rosterdesk.cli import build_parser
from rosterdesk.importers import hookspecs
from rosterdesk.importers.messages import CATALOG
from rosterdesk.importers.plugins import all_profiles

DOCS = Path(__file__).resolve().parents[2] / "docs"
README = DOCS.parent / "README.md"


def test_generated_docs_are_up_to_date_with_the_code() -> None:
    for path in DOCS.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert docgen.render(text) == text, f"{path.name} is stale: run `make docs`"


def test_every_issue_type_is_listed_with_its_meaning() -> None:
    text = (DOCS / "issue-types.md").read_text(encoding="utf-8")
    for code in CATALOG:
        assert f"| `{code}` |" in text, code


def test_every_profile_and_column_is_documented() -> None:
    text = (DOCS / "profiles.md").read_text(encoding="utf-8")
    for profile in all_profiles():
        assert f"`{profile.slug}`" in text
        for column in profile.columns:
            assert f"`{column.header}`" in text, (profile.slug, column.header)


def _options(parser: argparse.ArgumentParser) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = {s for a in sub._actions for s in a.option_strings if s not in ("-h", "--help")}
    return found


def test_every_cli_command_and_option_is_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for command, options in _options(build_parser()).items():
        assert f"`rosterdesk {command}" in text, command
        for option in options:
            assert f"`{option}" in text, (command, option)


def test_every_plugin_hook_is_documented() -> None:
    text = (DOCS / "plugins.md").read_text(encoding="utf-8")
    hooks = [name for name, value in inspect.getmembers(hookspecs, inspect.isfunction)
             if name.startswith("register_")]
    assert hooks
    for name in hooks:
        assert f"`{name}(" in text, name


def test_every_environment_variable_the_cli_reads_is_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    source = (DOCS.parent / "rosterdesk" / "cli.py").read_text(encoding="utf-8")
    source += (DOCS.parent / "rosterdesk" / "importers" / "plugins.py").read_text(encoding="utf-8")
    import re

    for name in set(re.findall(r"\"(RD_[A-Z_]+)\"", source)):
        assert f"`{name}`" in text, name
