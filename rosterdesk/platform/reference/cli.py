"""``rosterdesk reference import DIR`` and ``rosterdesk reference list``.

The import reads DUO's files from a folder, copies them into ``RD_DATA_DIR/reference/<id>/``
and takes them into use only when every file is in order; otherwise it prints which file, which
line and what to fix, changes nothing and exits with 1. Web-stack imports happen inside the
handlers, so the validation commands stay fast.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any


def add_reference_commands(subparsers: Any) -> None:
    """Register the ``reference`` command group on the CLI's sub-parsers."""
    reference = subparsers.add_parser("reference", help="RIO/CROHO reference data of the platform (DUO's files)")
    commands = reference.add_subparsers(dest="reference_command", required=True)
    run = commands.add_parser(
        "import", help="import DUO's files (Croho.asc, Croho_vest.asc, Dec_vest_ho.asc, Dec_instellingscode.asc, "
                       "Dec_opleidingscode.asc) from a folder; a bad or incomplete set is refused whole")
    run.add_argument("directory", type=Path, help="folder holding DUO's files")
    run.add_argument("--lang", choices=("nl", "en"), help="language of the messages (default: RD_LANG or nl)")
    run.set_defaults(func=cmd_import, command_handler=cmd_import)
    listing = commands.add_parser("list", help="the imports so far, newest (in use) first")
    listing.set_defaults(func=cmd_list, command_handler=cmd_list)


async def _open() -> Any:
    from rosterdesk.platform.db import engine as db  # noqa: PLC0415 (keep the CLI's other commands fast)
    from rosterdesk.platform.settings import get_settings  # noqa: PLC0415 (keep the CLI's other commands fast)

    settings = get_settings()
    engine = db.engine_for(settings)
    await db.migrate(engine)
    await db.start(engine)
    return settings, engine


async def run_import(directory: Path, lang: str | None = None) -> int:
    from rosterdesk.platform.db import engine as db  # noqa: PLC0415 (keep the CLI's other commands fast)
    from rosterdesk.platform.reference.errors import ReferenceRefused  # noqa: PLC0415 (keep the CLI fast)
    from rosterdesk.platform.reference.services import import_directory  # noqa: PLC0415 (keep the CLI fast)

    settings, engine = await _open()
    try:
        result = await import_directory(settings.app.data_dir, directory, actor=None, origin="cli")
    except ReferenceRefused as exc:
        print(f"rosterdesk: {exc.message(lang or settings.app.language)}", file=sys.stderr)
        return 1
    finally:
        await db.stop(engine)
    row = result.row
    print(f"reference import {row.id} in use: {row.institutions} institutions, {row.programmes} programmes, "
          f"{row.locations} locations")
    for name, count in result.reference.counts.items():
        print(f"  {name:<28} {count:>8} rows")
    return 0


async def run_list() -> int:
    from rosterdesk.platform.db import engine as db  # noqa: PLC0415 (keep the CLI's other commands fast)
    from rosterdesk.platform.reference.services import imports  # noqa: PLC0415 (keep the CLI fast)

    _settings, engine = await _open()
    try:
        rows = await imports()
    finally:
        await db.stop(engine)
    if not rows:
        print("no reference data imported yet (checks use the bundled sample)")
    for index, row in enumerate(rows):
        print(f"{row['id']:>5}  {row['created_at']:%Y-%m-%d %H:%M}  {row['origin']:<6}  "
              f"{row['institutions']} institutions, {row['programmes']} programmes, {row['locations']} locations"
              f"{'  (in use)' if index == 0 else ''}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    return asyncio.run(run_import(args.directory, args.lang))


def cmd_list(args: argparse.Namespace) -> int:
    return asyncio.run(run_list())
