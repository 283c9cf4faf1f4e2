"""Load DUO's RIO/CROHO reference files (fixed-width text) into a ``Reference``.

DUO delivers these files with the 1CijferHO data: one record per line, CRLF line ends, fields
at fixed 1-based positions, trailing spaces trimmed. The layouts below were checked against the
real files; the positions are DUO's own (Bestandsbeschrijving_Dec-bestanden.txt) or, for
CROHO, read off the data. CROHO lines may go on after the name (position 156-162) with fields
DUO does not describe: one or two flags (A on Ad programmes, F, J) and after J a programme code;
they are validated but not used.

Which file defines what:

* institutions: ``Dec_instellingscode.asc`` (every RIO institution that ever existed: name,
  place, opening and closing date);
* programmes: ``Croho.asc`` (institution + opleidingscode; 'soort HO' gives the level HBO/WO,
  'type HO' the kind). The name comes from ``Dec_opleidingscode.asc`` ("B Antropologie") and
  falls back to CROHO's abbreviated one ("b antropologie") for the few codes it lacks;
* locations: ``Dec_vest_ho.asc``. It is DUO's table for decoding the *vestigingsnummer* of an
  enrolment, which is exactly what an NSE row carries, and it names the RIO municipality of each
  location. ``Croho_vest.asc`` only says at which locations a programme is registered; all its
  locations appear in ``Dec_vest_ho.asc`` but not the other way round (21PL has 00, 02 and 03 in
  RIO, only 00 in CROHO), so using it would reject real locations. A location that
  ``Croho_vest.asc`` uses but ``Dec_vest_ho.asc`` lacks is taken from the optional
  ``Dec_vestnr_ho_compleet.asc``, which adds closed institutions' locations; without a place
  name anywhere the import is refused.

Parsing is strict because a half-read file would silently turn valid rows into errors: a line of
the wrong length or format, a malformed code, a duplicate key, bytes that are not text, a file
that does not end with CRLF (cut off), a file re-saved as UTF-8, or files that contradict each
other (a Croho_vest programme missing from Croho or with another level, a CROHO institution
missing from Dec_instellingscode, a location without a place name) refuse the whole
import with ``UnusableFile("reference-data-invalid", file=, line=, detail=)``; the caller keeps
the previous data in force. ``line`` is 1-based, 0 for the file as a whole. ``detail`` is Dutch
(the default language); ``detail_nl``/``detail_en`` carry both languages.

The files say 'Latin-1' but are Windows-1252: ``Dec_instellingscode.asc`` holds curly quotes
(bytes 0x91/0x92, "Stichting ‘De Knikkers’"). Windows-1252 agrees with Latin-1 on every
printable Latin-1 character, so it is the decoding used; its five undefined bytes are refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.reference import Institution, Location, Programme, Reference

ENCODING = "cp1252"
LINE_END = "\r\n"
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Far above DUO's largest file (about 2 MB); a guard against reading something else whole."""

CROHO = "Croho.asc"
CROHO_VEST = "Croho_vest.asc"
INSTITUTIONS = "Dec_instellingscode.asc"
PROGRAMME_NAMES = "Dec_opleidingscode.asc"
LOCATIONS = "Dec_vest_ho.asc"
LOCATIONS_COMPLETE = "Dec_vestnr_ho_compleet.asc"

REQUIRED_FILES: tuple[str, ...] = (CROHO, CROHO_VEST, INSTITUTIONS, PROGRAMME_NAMES, LOCATIONS)
OPTIONAL_FILES: tuple[str, ...] = (LOCATIONS_COMPLETE,)

LEVELS = {"hbo": "HBO", "wo": "WO"}

_TEXT_CHAR = r"[^\x00-\x1f\x7f-\x9f]"
_FIRST_CHAR = r"[^ \x00-\x1f\x7f-\x9f]"


def invalid(file: str, line: int, nl: str, en: str) -> UnusableFile:
    """The refusal of a reference file, with the reason in both languages."""
    return UnusableFile("reference-data-invalid", file=file, line=line, detail=nl, detail_nl=nl, detail_en=en)


@dataclass(frozen=True)
class Field:
    """One fixed-width field: where it is (1-based, as DUO documents it) and what it may hold.

    ``pattern`` matches the field padded to ``length`` with spaces; ``expected_*`` says in
    words what it should be, for the refusal message.
    """

    key: str
    label: str
    start: int
    length: int
    pattern: str
    expected_nl: str
    expected_en: str

    @property
    def end(self) -> int:
        return self.start + self.length - 1

    def cut(self, line: str) -> str:
        return line[self.start - 1:self.end]


def code(key: str, label: str, start: int, length: int, pattern: str, *, nl: str, en: str,
         optional: bool = False) -> Field:
    """A code field; an optional one may also be all spaces."""
    if optional:
        pattern = f"(?:{pattern}| {{{length}}})"
        nl, en = f"{nl} of leeg", f"{en} or blank"
    return Field(key, label, start, length, pattern, nl, en)


def text(key: str, label: str, start: int, length: int, *, required: bool = True) -> Field:
    """A free-text field: printable characters; a required one starts with a non-space."""
    if required:
        return Field(key, label, start, length, f"{_FIRST_CHAR}{_TEXT_CHAR}{{{length - 1}}}",
                     "tekst (niet leeg, zonder spatie vooraan)", "text (not blank, no leading space)")
    return Field(key, label, start, length, f"{_TEXT_CHAR}{{{length}}}", "tekst", "text")


def brin(key: str, label: str, start: int) -> Field:
    return code(key, label, start, 4, "[0-9]{2}[A-Z]{2}", nl="2 cijfers en 2 hoofdletters (zoals 21PL)",
                en="2 digits and 2 capitals (like 21PL)")


def digits(key: str, label: str, start: int, length: int, *, optional: bool = False) -> Field:
    return code(key, label, start, length, f"[0-9]{{{length}}}", nl=f"{length} cijfers", en=f"{length} digits",
                optional=optional)


class Layout:
    """The record layout of one DUO file: contiguous fields from position 1.

    DUO trims trailing spaces, so a line may stop anywhere after ``min_length``; it is padded
    back to ``width`` and matched against one regular expression built from the fields.
    """

    def __init__(self, file: str, fields: tuple[Field, ...], min_length: int, keep: tuple[str, ...]) -> None:
        unknown = set(keep).difference(item.key for item in fields)
        if unknown:
            raise ValueError(f"{file}: keep names unknown fields {sorted(unknown)}")
        position = 1
        for item in fields:
            if item.start != position:
                raise ValueError(f"{file}: field {item.key} starts at {item.start}, expected {position}")
            position = item.end + 1
        self.file = file
        self.fields = fields
        self.width = position - 1
        self.min_length = min_length
        self.keep = keep
        # Every field is validated; only the kept ones are captured (capturing all doubles the time).
        self.regex = re.compile("".join(f"(?P<{item.key}>{item.pattern})" if item.key in keep
                                        else f"(?:{item.pattern})" for item in fields))

    def format(self, values: Mapping[str, str]) -> str:
        """One record as DUO writes it (for generated samples): padded fields, trailing spaces trimmed."""
        parts = []
        for item in self.fields:
            value = values.get(item.key, "")
            if len(value) > item.length:
                raise ValueError(f"{self.file}: {item.key} {value!r} is longer than {item.length}")
            parts.append(value.ljust(item.length))
        line = "".join(parts).rstrip(" ")
        if len(line) < self.min_length or self.regex.fullmatch(line.ljust(self.width)) is None:
            raise ValueError(f"{self.file}: record does not fit the layout: {line!r}")
        return line

    def parse(self, lines: list[str]) -> Iterator[tuple[int, tuple[str, ...]]]:
        """Line number and the kept fields (in ``keep`` order, trailing spaces removed) of every line.

        Refuses the file at its first line that does not fit.
        """
        width, minimum, fullmatch, keep = self.width, self.min_length, self.regex.fullmatch, self.keep
        for number, line in enumerate(lines, start=1):
            match = fullmatch(line.ljust(width)) if minimum <= len(line) <= width else None
            if match is None:
                raise self.diagnose(number, line)
            # DUO pads with spaces; str.rstrip (C speed) would also drop a trailing no-break space: harmless.
            yield number, tuple(map(str.rstrip, match.group(*keep)))

    def diagnose(self, number: int, line: str) -> UnusableFile:
        """Why a line does not fit: its length, or the first field that is wrong."""
        size = len(line)
        if size > self.width:
            return invalid(self.file, number, f"de regel heeft {size} tekens, maximaal {self.width}",
                           f"the line has {size} characters, at most {self.width}")
        if size < self.min_length:
            return invalid(self.file, number,
                           f"de regel heeft {size} tekens, minimaal {self.min_length} (afgekapt?)",
                           f"the line has {size} characters, at least {self.min_length} (cut off?)")
        padded = line.ljust(self.width)
        for item in self.fields:
            value = item.cut(padded)
            if re.fullmatch(item.pattern, value) is None:
                shown = _shown(value)
                where = f"{item.label} (positie {item.start}-{item.end})"
                where_en = f"{item.label} (position {item.start}-{item.end})"
                return invalid(self.file, number, f"{where} is '{shown}', verwacht {item.expected_nl}",
                               f"{where_en} is '{shown}', expected {item.expected_en}")
        return invalid(self.file, number, "de regel past niet in de indeling", "the line does not fit the layout")


def _shown(value: str) -> str:
    """A field value fit for a message: control characters escaped (\\t), trailing spaces off, not too long."""
    printable = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                        for ch in value.rstrip(" "))
    return printable if len(printable) <= 40 else printable[:40] + "…"


_TYPE_HO = code("type_ho", "type HO", 34, 2, "ba|ma|ad|pm|on|pi|xx", nl="ba, ma, ad, pm, on, pi of xx",
                en="ba, ma, ad, pm, on, pi or xx")
_SOORT_HO = code("soort_ho", "soort HO", 31, 3, "hbo|wo ", nl="hbo of wo", en="hbo or wo")
_CROHO_TAIL = (
    code("onderdeel", "croho-onderdeel", 28, 1, "[0-9X]", nl="een cijfer of X", en="a digit or X"),
    code("subonderdeel", "croho-subonderdeel", 29, 2, "[0-9]{2}|XX", nl="2 cijfers of XX", en="2 digits or XX"),
    _SOORT_HO,
    _TYPE_HO,
    text("naam", "naam opleiding", 36, 120),
    # Not in DUO's description; seen in the data: a flag or two (A, F, J) and, after J, a code.
    code("kenmerken", "kenmerken", 156, 7, "[A-Z ]{2}(?:[0-9]{5}| {5})",
         nl="hoofdletters, eventueel gevolgd door een spatie en 5 cijfers",
         en="capitals, possibly followed by a space and 5 digits"),
)

CROHO_LAYOUT = Layout(CROHO, (
    brin("instelling", "instellingscode", 1),
    digits("opleiding", "opleidingscode", 5, 5),
    brin("actuele_instelling", "actuele instelling", 10),
    brin("actuele_instelling_2", "actuele instelling", 14),
    digits("actueel_equivalent", "opleiding actueel equivalent", 18, 5),
    digits("historisch_equivalent", "opleiding historisch equivalent", 23, 5, optional=True),
    *_CROHO_TAIL,
), min_length=36, keep=("instelling", "opleiding", "soort_ho", "type_ho", "naam"))

CROHO_VEST_LAYOUT = Layout(CROHO_VEST, (
    brin("instelling", "instellingscode", 1),
    digits("opleiding", "opleidingscode", 5, 5),
    digits("vestiging", "vestigingsnummer", 10, 2),
    brin("actuele_instelling", "actuele instelling", 12),
    digits("actuele_vestiging", "actuele vestiging", 16, 2),
    digits("actueel_equivalent", "opleiding actueel equivalent", 18, 5),
    digits("historisch_equivalent", "opleiding historisch equivalent", 23, 5, optional=True),
    *_CROHO_TAIL,
), min_length=36, keep=("instelling", "opleiding", "vestiging", "soort_ho"))

INSTITUTIONS_LAYOUT = Layout(INSTITUTIONS, (
    brin("instelling", "instellingscode", 1),
    text("naam", "naam", 5, 30, required=False),
    digits("postcode", "postcodecijfers", 35, 4, optional=True),
    text("plaats", "plaats", 39, 24, required=False),
    digits("opgericht", "datum oprichting", 63, 8),
    digits("opgeheven", "datum opheffing", 71, 8, optional=True),
    code("denominatie", "code denominatie", 79, 3, "[A-Z ]{3}", nl="hoofdletters", en="capitals"),
    text("denominatie_naam", "naam denominatie", 82, 30, required=False),
), min_length=70, keep=("instelling", "naam", "plaats", "opgericht", "opgeheven"))

PROGRAMME_NAMES_LAYOUT = Layout(PROGRAMME_NAMES, (
    digits("opleiding", "opleidingscode", 1, 5),
    text("naam", "naam opleiding", 6, 180),
), min_length=6, keep=("opleiding", "naam"))


def _locations_layout(file: str) -> Layout:
    return Layout(file, (
        brin("instelling", "instellingscode", 1),
        digits("vestiging", "vestigingsnummer", 5, 2),
        text("plaats", "gemeentenaam volgens RIO", 7, 24),
        digits("gemeentecode", "gemeentecode", 31, 4),
        text("gemeente", "gemeentenaam", 35, 36),
    ), min_length=35, keep=("instelling", "vestiging", "plaats", "gemeente"))


LOCATIONS_LAYOUT = _locations_layout(LOCATIONS)
LOCATIONS_COMPLETE_LAYOUT = _locations_layout(LOCATIONS_COMPLETE)

LAYOUTS: dict[str, Layout] = {layout.file: layout for layout in (
    CROHO_LAYOUT, CROHO_VEST_LAYOUT, INSTITUTIONS_LAYOUT, PROGRAMME_NAMES_LAYOUT, LOCATIONS_LAYOUT,
    LOCATIONS_COMPLETE_LAYOUT)}


# -- reading ----------------------------------------------------------------------------------

def _find(directory: Path, name: str) -> Path | None:
    """The file ``name`` in ``directory``, also when unpacking changed the case of its name."""
    exact = directory / name
    if exact.is_file():
        return exact
    matches = [path for path in directory.iterdir() if path.name.casefold() == name.casefold() and path.is_file()]
    return matches[0] if len(matches) == 1 else None


def decode(name: str, data: bytes) -> list[str]:
    """The lines of one file, refusing anything that is not DUO's Windows-1252 text with CRLF ends."""
    if not data:
        raise invalid(name, 0, "het bestand is leeg", "the file is empty")
    if not data.isascii():
        _refuse_utf8(name, data)
    try:
        content = data.decode(ENCODING)
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise invalid(name, data.count(b"\n", 0, error.start) + 1,
                      f"byte 0x{byte:02X} is geen tekst in Latin-1/Windows-1252",
                      f"byte 0x{byte:02X} is not text in Latin-1/Windows-1252") from None
    if not content.endswith("\n"):
        raise invalid(name, content.count("\n") + 1, "de laatste regel heeft geen regeleinde: het bestand is afgekapt",
                      "the last line has no line end: the file was cut off")
    ends = content.count("\n")
    if content.count(LINE_END) != ends or content.count("\r") != ends:
        raise _line_end_error(name, content)
    return content[:-len(LINE_END)].split(LINE_END)


def _line_end_error(name: str, content: str) -> UnusableFile:
    """The first line that does not end in CRLF or holds a stray CR."""
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.endswith("\r") or "\r" in line[:-1]:
            return invalid(name, number, "losse CR of LF: de regels moeten eindigen op CRLF",
                           "stray CR or LF: lines must end in CRLF")
    raise AssertionError("no bad line end found")  # pragma: no cover - only called when counts differ


def _refuse_utf8(name: str, data: bytes) -> None:
    """Refuse a file re-saved as UTF-8: read as Latin-1 it would garble every accented name."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    first = next(index for index, byte in enumerate(data) if byte >= 0x80)
    raise invalid(name, data.count(b"\n", 0, first) + 1, "het bestand is UTF-8; DUO levert Latin-1",
                  "the file is UTF-8; DUO delivers Latin-1")


def read_lines(directory: Path, name: str) -> list[str] | None:
    """The lines of ``name`` in ``directory``, or None when it is not there."""
    path = _find(directory, name)
    if path is None:
        return None
    if path.stat().st_size > MAX_FILE_BYTES:
        raise invalid(name, 0, f"het bestand is groter dan {MAX_FILE_BYTES // 2**20} MB",
                      f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        data = path.read_bytes()
    except OSError:
        raise invalid(name, 0, "het bestand kan niet gelezen worden", "the file cannot be read") from None
    return decode(name, data)


def _unique(file: str, number: int, key: str | tuple[str, ...], seen: Container[object],
            what: tuple[str, str]) -> None:
    """Refuse a second record with the same key: one of them would silently win."""
    if key in seen:
        shown = key if isinstance(key, str) else "".join(key)
        raise invalid(file, number, f"{what[0]} {shown} staat er twee keer in", f"{what[1]} {shown} occurs twice")


def _date(file: str, number: int, label: str, value: str) -> dt.date | None:
    """An EEJJMMDD date (DUO's form), None when blank; an impossible date refuses the file."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)  # the basic form YYYYMMDD (Python 3.11+); 8 digits checked before
    except ValueError:
        raise invalid(file, number, f"{label} '{value}' is geen bestaande datum (EEJJMMDD)",
                      f"{label} '{value}' is not a real date (YYYYMMDD)") from None


# -- the files --------------------------------------------------------------------------------

def parse_institutions(lines: list[str]) -> dict[str, Institution]:
    """Dec_instellingscode.asc: every institution code RIO has known, with name, place and dates."""
    file = INSTITUTIONS
    result: dict[str, Institution] = {}
    for number, (key, name, place, opened, closed) in INSTITUTIONS_LAYOUT.parse(lines):
        _unique(file, number, key, result, ("instellingscode", "institution code"))
        result[key] = Institution(key, name, place, opened=_date(file, number, "datum oprichting", opened),
                                  closed=_date(file, number, "datum opheffing", closed))
    return result


def parse_programme_names(lines: list[str]) -> dict[str, str]:
    """Dec_opleidingscode.asc: opleidingscode -> the programme's full name."""
    result: dict[str, str] = {}
    for number, (key, name) in PROGRAMME_NAMES_LAYOUT.parse(lines):
        _unique(PROGRAMME_NAMES, number, key, result, ("opleidingscode", "programme code"))
        result[key] = name
    return result


def parse_croho(lines: list[str], names: Mapping[str, str],
                institutions: Mapping[str, Institution]) -> dict[tuple[str, str], Programme]:
    """Croho.asc: the programmes of each institution with level ('soort HO') and kind ('type HO')."""
    result: dict[tuple[str, str], Programme] = {}
    for number, (institution, code_, level, kind, name) in CROHO_LAYOUT.parse(lines):
        key = (institution, code_)
        _unique(CROHO, number, key, result, ("instelling en opleiding", "institution and programme"))
        if institution not in institutions:
            raise invalid(CROHO, number, f"instellingscode {institution} staat niet in {INSTITUTIONS}",
                          f"institution code {institution} is not in {INSTITUTIONS}")
        result[key] = Programme(institution, code_, LEVELS[level], names.get(code_) or name, kind=kind)
    return result


def parse_locations(file: str, lines: list[str]) -> dict[tuple[str, str], Location]:
    """Dec_vest_ho.asc (or Dec_vestnr_ho_compleet.asc): each location with its RIO place name."""
    result: dict[tuple[str, str], Location] = {}
    for number, (institution, location, place, municipality) in LAYOUTS[file].parse(lines):
        key = (institution, location)
        _unique(file, number, key, result,
                ("instelling en vestigingsnummer", "institution and location number"))
        result[key] = Location(institution, location, place, municipality=municipality)
    return result


def parse_croho_vest(lines: list[str], programmes: Mapping[tuple[str, str], Programme],
                     locations: dict[tuple[str, str], Location],
                     fallback: Mapping[tuple[str, str], Location]) -> dict[tuple[str, str], tuple[str, ...]]:
    """Croho_vest.asc: where each programme is registered; checked against the other files.

    A location missing from ``locations`` is added to it from ``fallback`` (Dec_vestnr_ho_compleet).
    """
    offered: dict[tuple[str, str], list[str]] = {}
    seen: set[tuple[str, str, str]] = set()
    for number, (institution, code_, location, level) in CROHO_VEST_LAYOUT.parse(lines):
        triple = (institution, code_, location)
        _unique(CROHO_VEST, number, triple, seen,
                ("instelling, opleiding en vestiging", "institution, programme and location"))
        seen.add(triple)
        _check_programme(number, institution + code_, programmes.get((institution, code_)), LEVELS[level])
        if (institution, location) not in locations:
            locations[institution, location] = _fallback_location(number, institution, location, fallback)
        offered.setdefault((institution, code_), []).append(location)
    return {key: tuple(sorted(numbers)) for key, numbers in offered.items()}


def _check_programme(number: int, shown: str, programme: Programme | None, level: str) -> None:
    """A Croho_vest row must repeat a Croho.asc programme with its level, or the files don't belong together."""
    if programme is None:
        raise invalid(CROHO_VEST, number, f"opleiding {shown} staat niet in {CROHO}",
                      f"programme {shown} is not in {CROHO}")
    if level != programme.level:
        raise invalid(CROHO_VEST, number, f"soort HO van {shown} verschilt van {CROHO}",
                      f"soort HO of {shown} differs from {CROHO}")


def _fallback_location(number: int, institution: str, location: str,
                       fallback: Mapping[tuple[str, str], Location]) -> Location:
    """A location CROHO uses that Dec_vest_ho.asc lacks, from Dec_vestnr_ho_compleet.asc; refused if absent."""
    found = fallback.get((institution, location))
    if found is None:
        shown = institution + location
        raise invalid(CROHO_VEST, number, f"vestiging {shown} staat niet in {LOCATIONS} of {LOCATIONS_COMPLETE}",
                      f"location {shown} is not in {LOCATIONS} or {LOCATIONS_COMPLETE}")
    return found


# -- the whole import -------------------------------------------------------------------------

def _read_all(directory: Path) -> dict[str, list[str]]:
    """Every required file (refusing when one is missing) and the optional ones that are present."""
    if not directory.is_dir():
        raise invalid(str(directory), 0, "de map bestaat niet", "the folder does not exist")
    files: dict[str, list[str]] = {}
    for name in (*REQUIRED_FILES, *OPTIONAL_FILES):
        lines = read_lines(directory, name)
        if lines is None:
            if name in REQUIRED_FILES:
                raise invalid(name, 0, f"het bestand ontbreekt in de map {directory}",
                              f"the file is missing from the folder {directory}")
            continue
        files[name] = lines
    return files


def load_reference(directory: Path | str) -> Reference:
    """Read DUO's files from ``directory`` into a ``Reference``, or refuse them all.

    ``Reference.counts`` holds the rows read per file, ``Reference.source`` the folder.
    """
    directory = Path(directory)
    files = _read_all(directory)
    institutions = parse_institutions(files[INSTITUTIONS])
    names = parse_programme_names(files[PROGRAMME_NAMES])
    programmes = parse_croho(files[CROHO], names, institutions)
    locations = parse_locations(LOCATIONS, files[LOCATIONS])
    fallback = parse_locations(LOCATIONS_COMPLETE, files[LOCATIONS_COMPLETE]) if LOCATIONS_COMPLETE in files else {}
    offered = parse_croho_vest(files[CROHO_VEST], programmes, locations, fallback)
    return Reference(institutions=institutions, programmes=programmes, locations=locations,
                     source=str(directory), counts={name: len(lines) for name, lines in files.items()},
                     offered_at=offered)


def write_file(path: Path, layout: Layout, records: list[Mapping[str, str]]) -> None:
    """Write records in DUO's form (for generated samples): Windows-1252, CRLF, trimmed lines."""
    lines = [layout.format(record) for record in records]
    path.write_bytes("".join(line + LINE_END for line in lines).encode(ENCODING))

