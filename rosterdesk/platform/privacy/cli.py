"""``rosterdesk privacy erase``: erase e-mail addresses whose retention date has come (docs/privacy.md).

Without options every profile whose retention date has come is erased (again: a second run
finds nothing left). ``--profile`` limits it to one profile; ``--ignore-date`` erases that
profile now, before its date or without one; ``--dry-run`` only counts what would go.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any


def add_privacy_commands(subparsers: Any) -> None:
    """Register the ``privacy`` command group on the CLI's sub-parsers."""
    privacy = subparsers.add_parser("privacy", help="privacy: erase e-mail addresses on their retention date")
    commands = privacy.add_subparsers(dest="privacy_command", required=True)
    erase = commands.add_parser("erase", help="erase the e-mail addresses of every profile whose retention date "
                                              "has come (files, reports, records); counts stay")
    erase.add_argument("--profile", help="only this profile (slug, e.g. nse)")
    erase.add_argument("--ignore-date", action="store_true",
                       help="erase --profile now, even before its retention date or without one")
    erase.add_argument("--dry-run", action="store_true", help="count what would be erased; change nothing")
    erase.set_defaults(func=cmd_erase, command_handler=cmd_erase)


async def run_erase(profile: str | None, *, ignore_date: bool, dry_run: bool) -> int:
    from rosterdesk.platform import clock  # noqa: PLC0415 (keep the CLI's other commands fast)
    from rosterdesk.platform.db import engine as db  # noqa: PLC0415 (keep the CLI's other commands fast)
    from rosterdesk.platform.periods.services import periods  # noqa: PLC0415 (keep the CLI fast)
    from rosterdesk.platform.privacy.erase import erase_profile, today  # noqa: PLC0415 (keep the CLI fast)
    from rosterdesk.platform.settings import get_settings  # noqa: PLC0415 (keep the CLI's other commands fast)

    if ignore_date and not profile:
        print("rosterdesk: --ignore-date needs --profile", file=sys.stderr)
        return 2
    settings = get_settings()
    engine = db.engine_for(settings)
    await db.migrate(engine)
    await db.start(engine)
    try:
        dates = {slug: row.get("retention_on") for slug, row in (await periods()).items()}
        now = today(clock.now())
        if ignore_date:
            chosen = [(str(profile), dates.get(str(profile)))]
        else:
            chosen = [(slug, day) for slug, day in dates.items()
                      if day is not None and day <= now and (profile is None or slug == profile)]
            if profile and not chosen:
                print(f"{profile}: its retention date has not come (or none is set); nothing erased. "
                      "Use --ignore-date to erase now.")
                return 1
        for slug, day in chosen:
            result = await erase_profile(settings, slug, origin="cli", retention_on=day, dry_run=dry_run)
            print(result.summary())
        if not chosen:
            print("no profile has reached its retention date; nothing erased")
    finally:
        await db.stop(engine)
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    return asyncio.run(run_erase(args.profile, ignore_date=args.ignore_date, dry_run=args.dry_run))
