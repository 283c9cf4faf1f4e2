"""Generate the small fictional DUO sample in ``rosterdesk/samples/duo`` (run: python -m ...make_duo_sample).

Why generated: the demo, the template's examples and the tests need RIO data, but the project
must not copy DUO's files in. This script writes the same files in exactly DUO's format (the
layouts of ``rosterdesk.importers.duo``: fixed width, Windows-1252/Latin-1, CRLF) from the
invented records below; no row is taken from the real files.

What the sample shows, so that every NSE RIO check can be demonstrated:

* 99DU, the demo institution, with eight programmes (HBO and WO) at three locations, and a
  fourth location (03) that RIO knows but where CROHO registers no programme, as 21PL has;
* 99HP, a second HBO institution (for "wrong institution"), with a programme that is missing
  from Dec_opleidingscode.asc (its name comes from CROHO, as for a few real codes);
* 99WK, a closed institution whose location is only in Dec_vestnr_ho_compleet.asc;
* schools without programmes, one with a curly quote (a Windows-1252 byte) and one without
  a place, as Dec_instellingscode.asc lists every institution RIO has known.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rosterdesk.importers import duo
from rosterdesk.samples import DUO_SAMPLE_DIR


@dataclass(frozen=True)
class SampleInstitution:
    code: str
    name: str
    postcode: str
    place: str
    opened: str
    closed: str = ""
    denomination: tuple[str, str] = ("ABZ", "Algemeen bijzonder")


@dataclass(frozen=True)
class SampleProgramme:
    institution: str
    code: str
    level: str
    """'hbo' or 'wo', as DUO writes 'soort HO'."""
    kind: str
    name: str
    """The full name (Dec_opleidingscode.asc); '' when that file lacks the code."""
    croho_name: str
    """CROHO's abbreviated lower-case name."""
    sector: str
    """croho-onderdeel and subonderdeel."""
    locations: tuple[str, ...]


@dataclass(frozen=True)
class SampleLocation:
    institution: str
    number: str
    place: str
    """The municipality name according to RIO (upper case, as DUO writes it)."""
    municipality_code: str
    municipality: str
    current: bool = True
    """False: only in Dec_vestnr_ho_compleet.asc (a closed institution's location)."""


INSTITUTIONS = (
    SampleInstitution("99AB", "Onderwijsadviesbureau Noord", "", "", "19900101", "20000101", ("   ", "")),
    SampleInstitution("99BS", "Basisschool ‘De Duinroos’", "3581", "UTRECHT", "19780801",
                      denomination=("PC ", "Protestants-Christelijk")),
    SampleInstitution("99DU", "Universiteit Duinstad", "3584", "UTRECHT", "19620901"),
    SampleInstitution("99HP", "Hogeschool Polderland", "1311", "ALMERE", "19950801",
                      denomination=("OPB", "Openbaar")),
    SampleInstitution("99VO", "Duinstad College", "3582", "UTRECHT", "19700801",
                      denomination=("RK ", "Rooms-Katholiek")),
    SampleInstitution("99WK", "Academie Westerkwartier", "9351", "LEEK", "19860801", "20150801",
                      ("RST", "Overige")),
)

PROGRAMMES = (
    SampleProgramme("99DU", "90101", "hbo", "ba", "B Verpleegkunde", "b verpleegkunde", "513", ("00", "02")),
    SampleProgramme("99DU", "90102", "hbo", "ba", "B HBO-ICT", "b hbo-ict", "409", ("00",)),
    SampleProgramme("99DU", "90103", "hbo", "ad", "Ad Ondernemen", "ad ondernemen", "611", ("01",)),
    SampleProgramme("99DU", "90104", "hbo", "ma", "M Leren en Innoveren", "m leren en innoveren", "101", ("00",)),
    SampleProgramme("99DU", "96101", "wo", "ba", "B Rechtsgeleerdheid", "b rechtsgeleerdheid", "707", ("00",)),
    SampleProgramme("99DU", "96102", "wo", "ma", "M Rechtsgeleerdheid", "m rechtsgeleerdheid", "707", ("00",)),
    SampleProgramme("99DU", "96103", "wo", "ba", "B Psychologie", "b psychologie", "808", ("00", "01")),
    SampleProgramme("99DU", "96104", "wo", "ma", "M Data Science and Society", "m data science and society",
                    "409", ("00",)),
    SampleProgramme("99HP", "91201", "hbo", "ba", "B Bouwkunde", "b bouwkunde", "416", ("00",)),
    SampleProgramme("99HP", "91202", "hbo", "ba", "B Social Work", "b social work", "818", ("00", "01")),
    SampleProgramme("99HP", "91203", "hbo", "ad", "Ad Logistiek", "ad logistiek", "611", ("01",)),
    SampleProgramme("99HP", "91204", "hbo", "pm", "", "pm social work", "818", ("00",)),
    SampleProgramme("99WK", "91301", "hbo", "ba", "B Agrarisch Ondernemen", "b agrarisch ondernemen", "205",
                    ("00",)),
)

EXTRA_PROGRAMME_NAMES = {"91999": "Propedeuse Gezondheidszorg", "96999": "M Zeegeschiedenis"}
"""Codes Dec_opleidingscode.asc names but no institution offers (the real file has many)."""

LOCATIONS = (
    SampleLocation("99DU", "00", "UTRECHT", "0344", "Utrecht"),
    SampleLocation("99DU", "01", "'S-HERTOGENBOSCH", "0796", "'s-Hertogenbosch"),
    SampleLocation("99DU", "02", "BOLSWARD", "1900", "Súdwest-Fryslân"),
    SampleLocation("99DU", "03", "ZWOLLE", "0193", "Zwolle"),
    SampleLocation("99HP", "00", "ALMERE", "0034", "Almere"),
    SampleLocation("99HP", "01", "LELYSTAD", "0995", "Lelystad"),
    SampleLocation("99WK", "00", "LEEK", "1969", "Westerkwartier", current=False),
)


def institution_records() -> list[Mapping[str, str]]:
    return [{"instelling": i.code, "naam": i.name, "postcode": i.postcode, "plaats": i.place, "opgericht": i.opened,
             "opgeheven": i.closed, "denominatie": i.denomination[0], "denominatie_naam": i.denomination[1]}
            for i in INSTITUTIONS]


def _croho_fields(p: SampleProgramme) -> dict[str, str]:
    """The fields Croho.asc and Croho_vest.asc share; an Ad is flagged 'A' after the name, as in DUO's data."""
    return {"instelling": p.institution, "opleiding": p.code, "actueel_equivalent": p.code,
            "onderdeel": p.sector[0], "subonderdeel": p.sector[1:], "soort_ho": p.level, "type_ho": p.kind,
            "naam": p.croho_name, "kenmerken": "A" if p.kind == "ad" else ""}


def croho_records() -> list[Mapping[str, str]]:
    return [{**_croho_fields(p), "actuele_instelling": p.institution, "actuele_instelling_2": p.institution}
            for p in PROGRAMMES]


def croho_vest_records() -> list[Mapping[str, str]]:
    return [{**_croho_fields(p), "vestiging": number, "actuele_instelling": p.institution,
             "actuele_vestiging": number}
            for p in PROGRAMMES for number in p.locations]


def programme_name_records() -> list[Mapping[str, str]]:
    names = {p.code: p.name for p in PROGRAMMES if p.name} | EXTRA_PROGRAMME_NAMES
    return [{"opleiding": code, "naam": name} for code, name in sorted(names.items())]


def location_records(complete: bool) -> list[Mapping[str, str]]:
    return [{"instelling": loc.institution, "vestiging": loc.number, "plaats": loc.place,
             "gemeentecode": loc.municipality_code, "gemeente": loc.municipality}
            for loc in LOCATIONS if complete or loc.current]


def write_sample(target: Path) -> dict[str, int]:
    """Write every sample file into ``target`` and return the rows per file, as the loader counts them."""
    target.mkdir(parents=True, exist_ok=True)
    files = {
        duo.INSTITUTIONS: institution_records(),
        duo.PROGRAMME_NAMES: programme_name_records(),
        duo.CROHO: croho_records(),
        duo.CROHO_VEST: croho_vest_records(),
        duo.LOCATIONS: location_records(complete=False),
        duo.LOCATIONS_COMPLETE: location_records(complete=True),
    }
    for name, records in files.items():
        duo.write_file(target / name, duo.LAYOUTS[name], records)
    return duo.load_reference(target).counts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else DUO_SAMPLE_DIR
    counts = write_sample(target)
    print(f"DUO sample written to {target}: " + ", ".join(f"{name} {rows}" for name, rows in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
