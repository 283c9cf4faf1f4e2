"""Outside plugins register profiles without touching rosterdesk's code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from rosterdesk.importers.errors import ProfileDefinitionError
from rosterdesk.importers.messages import CATALOG
from rosterdesk.importers.plugins import DEFAULT_PLUGINS, build_registry

TINY_PLUGIN = textwrap.dedent('''
    from rosterdesk.importers.checks.base import NONE, Check
    from rosterdesk.importers.columns import Column
    from rosterdesk.importers.hookspecs import hookimpl
    from rosterdesk.importers.kinds import Digits, Text
    from rosterdesk.importers.messages import Message
    from rosterdesk.importers.profile import Profile


    class NoSmith(Check):
        type = "no-smith"

        def __init__(self, field):
            self.field = field
            self.fields = (field,)

        def validate_start(self, ctx):
            self.ctx = ctx
            self.index = ctx.index(self.field)
            return NONE

        def validate_row(self, row, values):
            if values[self.index] == "Smith":
                return (self.ctx.cell_issue(self.type, "error", row, self.field, "Smith"),)
            return NONE


    PROFILE = Profile(
        slug="tiny",
        title_nl="Klein", title_en="Tiny",
        description_nl="Een profiel van buiten.", description_en="A profile from outside.",
        formats=frozenset({"csv"}),
        columns=(
            Column("nummer", "nummer", Digits(max_length=6), required=True, unique=True),
            Column("naam", "naam", Text(), required=True),
        ),
        checks=(NoSmith("naam"),),
    )


    @hookimpl
    def register_profiles():
        return [PROFILE]


    @hookimpl
    def register_messages():
        return {"no-smith": Message("Geen Smith", "No Smith", "{where}: geen Smith hier; kies een andere naam.",
                                    "{where}: no Smith here; choose another name.")}
''')


@pytest.fixture(autouse=True)
def catalog_as_shipped() -> Iterator[None]:
    """A registry built here adds the tiny plugin's issue type to the process-wide message catalog;
    take it out again, so later tests (the docs' list of issue types) see only rosterdesk's own."""
    before = dict(CATALOG)
    yield
    CATALOG.clear()
    CATALOG.update(before)


def _install_fake_distribution(root: Path) -> None:
    """A module plus a dist-info folder: what `pip install` of a plugin package leaves behind."""
    (root / "rd_tiny_plugin.py").write_text(TINY_PLUGIN, encoding="utf-8")
    info = root / "rd_tiny_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: rd-tiny-plugin\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[rosterdesk]\ntiny = rd_tiny_plugin\n", encoding="utf-8")


def _run_cli(args: list[str], pythonpath: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(pythonpath), os.environ.get("PYTHONPATH", "")]),
                   **env}
    return subprocess.run([sys.executable, "-m", "rosterdesk.cli", *args], capture_output=True, text=True,
                          env=environment, timeout=120, check=False)


def test_an_installed_plugin_package_adds_a_profile_that_validates_a_file(tmp_path: Path) -> None:
    _install_fake_distribution(tmp_path)
    data = tmp_path / "leden.csv"
    data.write_text("nummer;naam\n12;Jansen\n13;Smith\n12x;Pietersen\n", encoding="utf-8")

    listed = _run_cli(["profiles", "--format", "json"], tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "tiny" in [item["slug"] for item in json.loads(listed.stdout)]

    result = _run_cli(["validate", str(data), "--profile", "tiny", "--format", "json", "--lang", "en"], tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["profile"] == "tiny"
    assert [(i["row"], i["column"], i["type"]) for i in report["issues"]] == [
        (3, "naam", "no-smith"),
        (4, "nummer", "invalid-digits"),
    ]
    assert report["issues"][0]["message"] == "Row 3, column naam (B3): no Smith here; choose another name."


def test_a_loose_file_in_the_plugins_directory_is_loaded(tmp_path: Path) -> None:
    (tmp_path / "tiny.py").write_text(TINY_PLUGIN, encoding="utf-8")
    registry = build_registry(plugins_dir=str(tmp_path))
    assert registry.profile("tiny").title_en == "Tiny"
    assert "nse" in registry.profiles


def test_built_in_profiles_come_through_the_same_hooks_in_a_stable_order() -> None:
    registry = build_registry()
    assert list(registry.profiles) == ["nse", "cjp-students", "cjp-teachers", "intergrip", "roster-csv",
                                      "roster-departments"]
    assert all(registry.manager.has_plugin(name) for name in DEFAULT_PLUGINS)
    assert "duplicate-value" in registry.checks


def test_two_plugins_claiming_one_slug_stop_start_up(tmp_path: Path) -> None:
    (tmp_path / "one.py").write_text(TINY_PLUGIN, encoding="utf-8")
    (tmp_path / "two.py").write_text(TINY_PLUGIN, encoding="utf-8")
    with pytest.raises(ProfileDefinitionError, match="tiny"):
        build_registry(plugins_dir=str(tmp_path))
