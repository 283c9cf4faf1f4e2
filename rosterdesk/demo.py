"""``rosterdesk demo``: check the bundled demo files, so a new user sees the engine at work.

The demo institution and its RIO data come from the small generated sample in
``rosterdesk/samples/duo`` (never from DUO's real files, which the project does not ship).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from rosterdesk.importers.duo import load_reference
from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.exports.overview import text_overview
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.template import write_template
from rosterdesk.importers.validate import Request, validate_file

SAMPLES = Path(__file__).resolve().parent / "samples"
DEMO_FILES = ("nse-demo-valid.xlsx", "nse-demo-invalid.xlsx")


def demo_institution() -> str:
    """The code of the sample's demo institution: the one with programmes and locations."""
    reference = load_reference(SAMPLES / "duo")
    codes = sorted({p.institution for p in reference.programmes.values()} &
                   {loc.institution for loc in reference.locations.values()})
    return codes[0]


def run_demo(lang: str = "nl") -> int:
    profile = get_profile("nse")
    reference = load_reference(SAMPLES / "duo")
    institution = demo_institution()
    rule = "=" * 78
    for name in DEMO_FILES:
        path = SAMPLES / name
        print(rule)
        try:
            report = validate_file(path, Request(profile=profile, institution=institution, reference=reference,
                                                 filename=name))
        except UnusableFile as error:
            print(error.message(lang))
            continue
        print(text_overview(report, lang=lang, filename=name, profile_title=profile.title(lang)))
    print(rule)
    target = Path(tempfile.gettempdir()) / "rosterdesk-nse-template.xlsx"
    write_template(profile, target, lang=lang)
    if lang == "en":
        print(f"Template for the NSE profile written to {target}.")
        print(f"Try: rosterdesk validate {SAMPLES / DEMO_FILES[1]} --profile nse --institution {institution} "
              f"--reference {SAMPLES / 'duo'} --lang en")
    else:
        print(f"Sjabloon van het NSE-profiel geschreven naar {target}.")
        print(f"Probeer: rosterdesk validate {SAMPLES / DEMO_FILES[1]} --profile nse --institution {institution} "
              f"--reference {SAMPLES / 'duo'}")
    sys.stdout.flush()
    return 0
