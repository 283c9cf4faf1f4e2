"""The ``rosterdesk`` command line.

Exit codes: 0 the file is valid (or the command succeeded), 1 the file has errors, 2 the file
or the command is unusable (not a roster file, too large, hostile, unknown profile, bad option),
with a one-line reason on stderr. No traceback ever reaches the user: unexpected failures are
logged and reported as one line.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rosterdesk.importers.errors import RosterdeskError, UnknownProfile, UnusableFile
from rosterdesk.importers.messages import LANGUAGES, language
from rosterdesk.importers.validate import DELIMITERS
from rosterdesk.platform.cli import add_platform_commands

log = logging.getLogger("rosterdesk")

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_UNUSABLE = 2


class UsageError(Exception):
    """Wrong words on the command line; argparse-style message and exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would print usage and exit 2 itself
        raise UsageError(message)


def _key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key.strip(), value.strip()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rosterdesk", description="Check Dutch school roster files against import profiles.")
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser("validate", help="check a file against a profile; stores nothing")
    validate.add_argument("path", type=Path, help="the file to check (.xlsx, .xls, .ods, .csv, .tsv, .txt)")
    validate.add_argument("--profile", required=True, help="profile slug (see 'rosterdesk profiles')")
    validate.add_argument("--institution", help="BRIN/OIE code of the institution the file is for (NSE: OIE_CODE)")
    validate.add_argument("--reference", type=Path, default=os.environ.get("RD_REFERENCE_DIR") or None,
                          help="folder with DUO's RIO/CROHO files (default: $RD_REFERENCE_DIR)")
    validate.add_argument("--set", dest="options", action="append", type=_key_value, default=[], metavar="KEY=VALUE",
                          help="profile option, e.g. school_type=VO for intergrip; repeatable")
    validate.add_argument("--lang", choices=LANGUAGES, default=language(os.environ.get("RD_LANG")),
                          help="language of messages (default nl)")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    validate.add_argument("--encoding", help="CSV: override the detected encoding (utf-8, cp1252, utf-16)")
    validate.add_argument("--delimiter", choices=("tab", "semicolon", "comma"),
                          help="CSV: override the detected delimiter")
    validate.add_argument("--map", dest="mapping", action="append", type=_key_value, default=[],
                          metavar="HEADER=FIELD",
                          help="label a column: its header as in the file = a profile field, or - to ignore it; "
                               "repeatable (columns not named are matched by name)")
    validate.add_argument("--export-dir", type=Path,
                          help="also write overview.txt, issues.csv, issues.xlsx and annotated.xlsx here")

    inspect = commands.add_parser("inspect", help="show what rosterdesk sees in a file")
    inspect.add_argument("path", type=Path)
    inspect.add_argument("--format", choices=("text", "json"), default="text")
    inspect.add_argument("--encoding", help="CSV: override the detected encoding")
    inspect.add_argument("--delimiter", choices=("tab", "semicolon", "comma"), help="CSV: override the delimiter")

    profiles = commands.add_parser("profiles", help="list the import profiles")
    profiles.add_argument("--format", choices=("text", "json"), default="text")
    profiles.add_argument("--lang", choices=LANGUAGES, default=language(os.environ.get("RD_LANG")))

    template = commands.add_parser("template", help="write a profile's Excel template")
    template.add_argument("slug", help="profile slug")
    template.add_argument("-o", "--output", type=Path, required=True, help="the .xlsx file to write")
    template.add_argument("--lang", choices=LANGUAGES, default=language(os.environ.get("RD_LANG")))

    demo = commands.add_parser("demo", help="check the bundled demo files and show the results")
    demo.add_argument("--lang", choices=LANGUAGES, default=language(os.environ.get("RD_LANG")))
    add_platform_commands(commands)
    return parser


def _version() -> str:
    from rosterdesk import __version__

    return f"rosterdesk {__version__}"


def _unusable(error: UnusableFile, lang: str, fmt: str) -> int:
    print(error.message(lang), file=sys.stderr)
    if fmt == "json":
        print(json.dumps({"valid": False, "error": error.to_dict(lang)}, ensure_ascii=False))
    return EXIT_UNUSABLE


def cmd_validate(args: argparse.Namespace) -> int:
    from rosterdesk.importers.plugins import get_profile
    from rosterdesk.importers.validate import Request, validate_file

    profile = get_profile(args.profile)
    reference = None
    if args.reference is not None:
        from rosterdesk.importers.duo import load_reference

        reference = load_reference(args.reference)
    request = Request(profile=profile, institution=args.institution, reference=reference,
                      options=dict(args.options), filename=args.path.name, encoding=args.encoding,
                      delimiter=DELIMITERS.get(args.delimiter) if args.delimiter else None,
                      mapping=dict(args.mapping) if args.mapping else None)
    report = validate_file(args.path, request)
    if args.format == "json":
        print(json.dumps(report.to_dict(args.lang), ensure_ascii=False, indent=2, default=str))
    else:
        from rosterdesk.importers.exports.overview import text_overview

        print(text_overview(report, lang=args.lang, filename=args.path.name, profile_title=profile.title(args.lang)))
    if args.export_dir is not None:
        _export(args.export_dir, args.path, report, profile, args.lang)
    return EXIT_VALID if report.valid else EXIT_INVALID


def _export(directory: Path, original: Path, report: Any, profile: Any, lang: str) -> None:
    from rosterdesk.importers.exports.annotated import annotated_copy
    from rosterdesk.importers.exports.issue_list import issues_csv, issues_xlsx
    from rosterdesk.importers.exports.overview import text_overview

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "overview.txt").write_text(
        text_overview(report, lang=lang, filename=original.name, profile_title=profile.title(lang)), encoding="utf-8")
    (directory / "issues.csv").write_bytes(issues_csv(report, lang))
    (directory / "issues.xlsx").write_bytes(issues_xlsx(report, lang))
    if report.stage != "intake":
        (directory / "annotated.xlsx").write_bytes(annotated_copy(original, report, profile, lang))
    print(f"→ {directory}", file=sys.stderr)


def cmd_inspect(args: argparse.Namespace) -> int:
    from rosterdesk.importers.limits import Limits
    from rosterdesk.importers.readers import inspect
    from rosterdesk.importers.sandbox import run_in_sandbox

    if not args.path.is_file():
        raise UnusableFile("file-not-found", path=args.path.name)
    limits = Limits()
    info = run_in_sandbox(inspect, args.path, filename=args.path.name, encoding=args.encoding,
                          delimiter=DELIMITERS.get(args.delimiter) if args.delimiter else None, limits=limits)
    if args.format == "json":
        print(json.dumps(info, ensure_ascii=False, indent=2, default=str))
    else:
        print(_inspect_text(info))
    return EXIT_VALID


def _inspect_text(info: dict[str, Any]) -> str:
    lines = []
    for key in ("format", "size", "encoding", "delimiter", "header_row"):
        if info.get(key) is not None:
            lines.append(f"{key:<11} {info[key]}")
    for sheet in info.get("sheets", []):
        visible = "" if sheet.get("visible", True) else " (hidden)"
        size = f"{sheet.get('rows')} rows × {sheet.get('columns')} columns"
        lines.append(f"sheet       {sheet.get('name')}{visible}: {size}")
    if info.get("header"):
        lines.append("header      " + " | ".join(str(h) for h in info["header"]))
    for note in info.get("notes", []):
        lines.append(f"note        {note}")
    return "\n".join(lines)


def cmd_profiles(args: argparse.Namespace) -> int:
    from rosterdesk.importers.plugins import all_profiles

    items = [{"slug": p.slug, "title": p.title(args.lang), "formats": sorted(p.formats),
              "columns": [c.header for c in p.columns], "description": p.description(args.lang)}
             for p in all_profiles()]
    if args.format == "json":
        print(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        for item in items:
            print(f"{item['slug']:<14} {item['title']}  [{', '.join(item['formats'])}]")
            print(f"{'':<14} {item['description']}")
    return EXIT_VALID


def cmd_template(args: argparse.Namespace) -> int:
    from rosterdesk.importers.plugins import get_profile
    from rosterdesk.importers.template import write_template

    profile = get_profile(args.slug)
    write_template(profile, args.output, lang=args.lang)
    print(f"{args.output}", file=sys.stderr)
    return EXIT_VALID


def cmd_demo(args: argparse.Namespace) -> int:
    from rosterdesk.demo import run_demo

    return run_demo(args.lang)


COMMANDS = {"validate": cmd_validate, "inspect": cmd_inspect, "profiles": cmd_profiles, "template": cmd_template,
            "demo": cmd_demo}


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=os.environ.get("RD_LOG_LEVEL", "WARNING"), format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    lang = language(os.environ.get("RD_LANG"))
    fmt = "text"
    try:
        args = parser.parse_args(argv)
        lang = getattr(args, "lang", lang)
        fmt = getattr(args, "format", fmt)
        handler: Callable[[argparse.Namespace], int] = COMMANDS.get(args.command) or args.func
        return handler(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        print(f"rosterdesk: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except UnusableFile as error:
        return _unusable(error, lang, fmt)
    except UnknownProfile as error:
        return _unusable(UnusableFile("unknown-profile", slug=error.slug, known=", ".join(error.known)), lang, fmt)
    except KeyboardInterrupt:
        return 130
    except (RosterdeskError, Exception):
        # Never a traceback for the user; the log keeps it for whoever runs with RD_LOG_LEVEL=DEBUG.
        log.debug("unexpected failure", exc_info=True)
        return _unusable(UnusableFile("internal-error"), lang, fmt)


if __name__ == "__main__":
    raise SystemExit(main())
