"""Regenerate the generated parts of docs/ from the code's own declarations.

``python -m rosterdesk.docgen`` rewrites the text between ``<!-- generated:NAME -->`` and
``<!-- /generated:NAME -->`` markers in docs/issue-types.md and docs/profiles.md, so the lists
of issue types and profile columns cannot drift from the code. The prose around them is written
by hand. tests/unit/test_docs.py fails when a committed doc is out of date.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from rosterdesk.importers.messages import CATALOG
from rosterdesk.importers.plugins import all_profiles
from rosterdesk.importers.profile import Profile

DOCS = Path(__file__).resolve().parent.parent / "docs"


def issue_types_table() -> str:
    lines = ["| type | title (nl / en) | message (en) |", "| --- | --- | --- |"]
    for code, message in sorted(CATALOG.items()):
        text = message.en.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{code}` | {message.title_nl} / {message.title_en} | {text} |")
    return "\n".join(lines)


def _headers_rule(profile: Profile) -> str:
    if profile.column_mapping:
        return ("labelled by the user after uploading (column mapping, remembered per institution; see "
                "[roster-csv.md](roster-csv.md)); without a mapping by name, any order")
    return "exact spelling and order" if profile.header_policy == "exact" else "by name, any order"


def profile_section(profile: Profile) -> str:
    lines = [f"### `{profile.slug}` — {profile.title_en} ({profile.title_nl})", "",
             profile.description_en, "",
             f"- formats: {', '.join(sorted(profile.formats))}",
             f"- sheet: `{profile.sheet_name}` (else the first visible sheet); header on row {profile.header_row}",
             f"- headers: {_headers_rule(profile)}"]
    if profile.record_key:
        lines.append(f"- record key: {', '.join(profile.record_key)}")
    if profile.import_modes:
        lines.append(f"- import modes: {', '.join(profile.import_modes)} (see roster-csv.md, Modes and fates)")
    if profile.review:
        lines.append("- lists are held for helpdesk review")
    for option in profile.options:
        lines.append(f"- option `{option.key}`: {' / '.join(option.choices)}"
                     f"{f' (default {option.default})' if option.default else ''} — {option.help_en}")
    lines += ["", "| header | required | rule | help |", "| --- | --- | --- | --- |"]
    for column in profile.columns:
        flags = "yes" if column.required else "no"
        if column.sensitive:
            flags += ", sensitive"
        lines.append(f"| `{column.header}` | {flags} | {column.rule('en')} | {column.help('en')} |")
    if profile.checks:
        lines += ["", "Row and file checks: " + ", ".join(f"`{type(check).__name__}` ({check.type})"
                                                         for check in profile.checks) + "."]
    return "\n".join(lines)


def profiles_text() -> str:
    return "\n\n".join(profile_section(profile) for profile in all_profiles())


GENERATORS = {"issue-types": issue_types_table, "profiles": profiles_text}


def _filler(block: str) -> Callable[[re.Match[str]], str]:
    """A replacement that keeps a block's markers and puts ``block`` between them."""

    def fill(match: re.Match[str]) -> str:
        return match.group(1) + block + "\n" + match.group(2)

    return fill


def render(text: str) -> str:
    """``text`` with every generated block filled in afresh."""
    for name, generator in GENERATORS.items():
        pattern = re.compile(rf"(<!-- generated:{name} -->\n)(?:.*?\n)?(<!-- /generated:{name} -->)", re.S)
        text = pattern.sub(_filler(generator()), text)
    return text


def main() -> int:
    for path in sorted(DOCS.glob("*.md")):
        old = path.read_text(encoding="utf-8")
        new = render(old)
        if new != old:
            path.write_text(new, encoding="utf-8")
            print(f"updated {path.relative_to(DOCS.parent)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
