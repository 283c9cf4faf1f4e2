"""Loading DUO's RIO/CROHO files: the generated sample, the real files, and refusing broken ones."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from rosterdesk.importers import duo
from rosterdesk.importers.duo import REQUIRED_FILES, load_reference
from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.reference import Reference
from rosterdesk.samples import DEMO_INSTITUTION, DUO_SAMPLE_DIR
from rosterdesk.samples.make_duo_sample import write_sample

README_ROWS = {
    "Croho.asc": 9_184,
    "Croho_vest.asc": 10_641,
    "Dec_instellingscode.asc": 19_273,
    "Dec_opleidingscode.asc": 4_114,
    "Dec_vest_ho.asc": 482,
    "Dec_vestnr_ho_compleet.asc": 1_027,
}


@pytest.fixture(scope="module")
def sample() -> Reference:
    return load_reference(DUO_SAMPLE_DIR)


@pytest.fixture(scope="module")
def real(duo_dir: Path) -> Reference:
    return load_reference(duo_dir)


def places(reference: Reference, institution: str) -> dict[str, str]:
    return {loc.number: loc.place for loc in reference.locations_of(institution)}


# -- the generated sample -------------------------------------------------------------------------

def test_sample_is_what_the_script_generates(tmp_path: Path) -> None:
    """The shipped sample must be reproducible from the script (no hand edits, no copied rows)."""
    write_sample(tmp_path)
    shipped = sorted(path.name for path in DUO_SAMPLE_DIR.iterdir())
    assert shipped == sorted(path.name for path in tmp_path.iterdir())
    for name in shipped:
        assert (tmp_path / name).read_bytes() == (DUO_SAMPLE_DIR / name).read_bytes(), name


def test_sample_is_in_duo_format() -> None:
    for name in (*REQUIRED_FILES, *duo.OPTIONAL_FILES):
        data = (DUO_SAMPLE_DIR / name).read_bytes()
        assert data.endswith(b"\r\n")
        assert data.count(b"\n") == data.count(b"\r\n")


def test_sample_codes_do_not_exist_in_rio(sample: Reference, real: Reference) -> None:
    assert not set(sample.institutions) & set(real.institutions)
    assert not {code for _, code in sample.programmes} & {code for _, code in real.programmes}


def test_sample_demo_institution(sample: Reference) -> None:
    assert sample.institutions[DEMO_INSTITUTION].name == "Universiteit Duinstad"
    programmes = sample.programmes_of(DEMO_INSTITUTION)
    assert len(programmes) == 8
    assert {p.level for p in programmes} == {"HBO", "WO"}
    assert sample.programmes[DEMO_INSTITUTION, "96103"].name == "B Psychologie"
    assert sample.programmes[DEMO_INSTITUTION, "90103"].kind == "ad"
    assert places(sample, DEMO_INSTITUTION) == {"00": "UTRECHT", "01": "'S-HERTOGENBOSCH", "02": "BOLSWARD",
                                                "03": "ZWOLLE"}
    assert sample.locations[DEMO_INSTITUTION, "02"].municipality == "Súdwest-Fryslân"
    # 03 is a RIO location without CROHO programmes, like 21PL's 02 and 03.
    assert sample.offered_at[DEMO_INSTITUTION, "96103"] == ("00", "01")
    assert not any("03" in numbers for numbers in sample.offered_at.values())


def test_sample_counts(sample: Reference) -> None:
    assert sample.counts == {"Croho.asc": 13, "Croho_vest.asc": 16, "Dec_instellingscode.asc": 6,
                             "Dec_opleidingscode.asc": 14, "Dec_vest_ho.asc": 6, "Dec_vestnr_ho_compleet.asc": 7}
    assert sample.source == str(DUO_SAMPLE_DIR)


def test_name_falls_back_to_croho(sample: Reference) -> None:
    """91204 is not in Dec_opleidingscode.asc (as 52000 is not in the real one)."""
    assert sample.programmes["99HP", "91204"].name == "pm social work"


def test_closed_institution_location_comes_from_complete_file(sample: Reference) -> None:
    assert sample.locations["99WK", "00"].place == "LEEK"
    assert sample.institutions["99WK"].closed is not None
    assert sample.institutions[DEMO_INSTITUTION].closed is None


def test_windows_1252_characters(sample: Reference) -> None:
    assert sample.institutions["99BS"].name == "Basisschool ‘De Duinroos’"
    assert sample.institutions["99AB"].place == ""


def test_layout_round_trip() -> None:
    record = {"instelling": "99ZZ", "vestiging": "07", "plaats": "ZWOLLE", "gemeentecode": "0193",
              "gemeente": "Zwolle"}
    line = duo.LOCATIONS_LAYOUT.format(record)
    assert line == "99ZZ07ZWOLLE                  0193Zwolle"
    assert list(duo.LOCATIONS_LAYOUT.parse([line])) == [(1, ("99ZZ", "07", "ZWOLLE", "Zwolle"))]
    with pytest.raises(ValueError, match="does not fit"):
        duo.LOCATIONS_LAYOUT.format({**record, "vestiging": "7"})


# -- refusing broken files ------------------------------------------------------------------------

@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "duo"
    shutil.copytree(DUO_SAMPLE_DIR, target)
    return target


def refusal(directory: Path) -> UnusableFile:
    with pytest.raises(UnusableFile) as caught:
        load_reference(directory)
    error = caught.value
    assert error.type == "reference-data-invalid"
    for lang in ("nl", "en"):
        assert "?" not in error.message(lang).replace("(afgekapt?)", "").replace("(cut off?)", "")
    return error


def edit_bytes(directory: Path, name: str, change: Callable[[bytes], bytes]) -> None:
    path = directory / name
    path.write_bytes(change(path.read_bytes()))


def edit_line(directory: Path, name: str, number: int, change: Callable[[str], str]) -> None:
    def apply(data: bytes) -> bytes:
        lines = data.decode("cp1252").split("\r\n")
        lines[number - 1] = change(lines[number - 1])
        return "\r\n".join(lines).encode("cp1252")
    edit_bytes(directory, name, apply)


Breaking = Callable[[Path], None]


def in_bytes(name: str, change: Callable[[bytes], bytes]) -> Breaking:
    return lambda directory: edit_bytes(directory, name, change)


def in_line(name: str, number: int, change: Callable[[str], str]) -> Breaking:
    return lambda directory: edit_line(directory, name, number, change)


def removed(name: str) -> Breaking:
    return lambda directory: (directory / name).unlink()


CROHO, VEST, INST, NAMES, LOCS = "Croho.asc", "Croho_vest.asc", "Dec_instellingscode.asc", "Dec_opleidingscode.asc", \
    "Dec_vest_ho.asc"

BROKEN: dict[str, tuple[Breaking, str, int, str]] = {
    # case: (how to break the sample, the file and line refused, part of the English detail)
    "cut off mid-line": (in_bytes(CROHO, lambda b: b[:-30]), CROHO, 13, "cut off"),
    "cut off before LF": (in_bytes(CROHO, lambda b: b[:-1]), CROHO, 13, "cut off"),
    "too short": (in_line(VEST, 3, lambda s: s[:20]), VEST, 3, "at least 36"),
    "too long": (in_line(LOCS, 2, lambda s: s.ljust(70) + "X"), LOCS, 2, "at most 70"),
    "bad institution code": (in_line(CROHO, 4, lambda s: "9XDU" + s[4:]), CROHO, 4,
                             "instellingscode (position 1-4) is '9XDU'"),
    "lower-case institution code": (in_line(INST, 3, lambda s: "99du" + s[4:]), INST, 3, "instellingscode"),
    "bad programme code": (in_line(NAMES, 5, lambda s: "9120A" + s[5:]), NAMES, 5,
                           "opleidingscode (position 1-5) is '9120A'"),
    "bad location number": (in_line(LOCS, 1, lambda s: s[:4] + "0 " + s[6:]), LOCS, 1, "vestigingsnummer"),
    "bad level": (in_line(CROHO, 2, lambda s: s[:30] + "hbx" + s[33:]), CROHO, 2, "soort HO"),
    "shifted field": (in_line(LOCS, 4, lambda s: s[:6] + " " + s[6:]), LOCS, 4, "gemeentenaam volgens RIO"),
    "tab in a name": (in_line(NAMES, 2, lambda s: s.replace(" ", "\t", 1)), NAMES, 2,
                      "naam opleiding (position 6-185) is 'B\\tHBO-ICT'"),
    "impossible date": (in_line(INST, 6, lambda s: s[:62] + "19860231" + s[70:]), INST, 6, "not a real date"),
    "undefined byte": (in_bytes(INST, lambda b: b.replace(b"Hogeschool", b"\x81ogeschool")), INST, 4, "0x81"),
    "re-saved as UTF-8": (in_bytes(LOCS, lambda b: b.decode("cp1252").encode("utf-8")), LOCS, 3, "UTF-8"),
    "LF line ends": (in_bytes(NAMES, lambda b: b.replace(b"\r\n", b"\n")), NAMES, 1, "lines must end in CRLF"),
    "stray LF": (in_line(CROHO, 7, lambda s: s.replace(" ", "\n", 1)), CROHO, 7, "stray CR or LF"),
    "stray CR": (in_line(CROHO, 8, lambda s: s.replace(" ", "\r", 1)), CROHO, 8, "stray CR or LF"),
    "empty": (in_bytes(LOCS, lambda b: b""), LOCS, 0, "empty"),
    "duplicate key": (in_line(NAMES, 3, lambda s: "90101B Verpleegkunde"), NAMES, 3, "90101 occurs twice"),
    "programme not in Croho": (in_line(VEST, 16, lambda s: s.replace("91301", "91302", 1)), VEST, 16,
                               "99WK91302 is not in Croho.asc"),
    "level differs from Croho": (in_line(VEST, 1, lambda s: s[:30] + "wo " + s[33:]), VEST, 1,
                                 "differs from Croho.asc"),
    "institution unknown": (in_line(CROHO, 1, lambda s: "99ZZ" + s[4:]), CROHO, 1,
                            "99ZZ is not in Dec_instellingscode.asc"),
    "location nowhere": (removed("Dec_vestnr_ho_compleet.asc"), VEST, 16, "99WK00 is not in Dec_vest_ho.asc"),
    "required file missing": (removed(VEST), VEST, 0, "missing"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_file_is_refused(copy: Path, case: str) -> None:
    breaking, file, line, detail = BROKEN[case]
    breaking(copy)
    error = refusal(copy)
    assert (error.params["file"], error.params["line"]) == (file, line), error.params
    assert detail in error.params["detail_en"], error.params["detail_en"]
    assert error.params["detail"] == error.params["detail_nl"]


def test_refusal_message_names_file_and_line(copy: Path) -> None:
    BROKEN["bad institution code"][0](copy)
    error = refusal(copy)
    assert error.message("nl").startswith("Het referentiebestand Croho.asc is ongeldig: regel 4: instellingscode")
    assert "line 4" in error.message("en")


def test_file_name_case_is_forgiven(copy: Path) -> None:
    (copy / "Croho.asc").rename(copy / "CROHO.ASC")
    assert load_reference(copy).counts["Croho.asc"] == 13


def test_complete_file_is_optional_when_not_needed(copy: Path) -> None:
    (copy / "Dec_vestnr_ho_compleet.asc").unlink()
    edit_bytes(copy, "Croho_vest.asc", lambda b: b.replace(b"99WK913010099WK0091301", b"99WK913010199WK0191301"))
    edit_bytes(copy, "Dec_vest_ho.asc", lambda b: b + b"99WK01LEEK                    1969Westerkwartier\r\n")
    reference = load_reference(copy)
    assert "Dec_vestnr_ho_compleet.asc" not in reference.counts
    assert reference.locations["99WK", "01"].place == "LEEK"


def test_missing_folder(tmp_path: Path) -> None:
    error = refusal(tmp_path / "nowhere")
    assert error.params["line"] == 0


# -- the real files -------------------------------------------------------------------------------

def test_real_counts_match_the_readme(real: Reference) -> None:
    assert real.counts == README_ROWS
    assert len(real.programmes) == README_ROWS["Croho.asc"]
    assert len(real.institutions) == README_ROWS["Dec_instellingscode.asc"]
    assert len(real.locations) == README_ROWS["Dec_vest_ho.asc"]


def test_real_institutions(real: Reference) -> None:
    assert real.institutions["21PL"].name == "Vrije Universiteit Amsterdam"
    assert real.institutions["21PL"].place == "AMSTERDAM"
    assert real.institutions["21PB"].name == "Universiteit Leiden"
    assert real.institutions["25BE"].name == "Hanze"
    assert real.institutions["21PB"].opened is not None and real.institutions["21PB"].opened.year == 1575
    assert real.institutions["00BH"].closed is not None


def test_real_locations_come_from_dec_vest_ho(real: Reference) -> None:
    """Dec_vest_ho.asc defines an institution's locations; Croho_vest.asc has only a subset."""
    assert places(real, "21PL") == {"00": "AMSTERDAM", "02": "'S-GRAVENHAGE", "03": "ZWOLLE"}
    assert places(real, "21PB") == {"00": "LEIDEN", "12": "'S-GRAVENHAGE"}
    assert places(real, "25BE") == {"00": "GRONINGEN", "01": "LEEUWARDEN", "02": "AMSTERDAM", "03": "RENKUM",
                                    "04": "ASSEN", "05": "UTRECHT"}
    assert {number for (inst, _), numbers in real.offered_at.items() if inst == "21PL" for number in numbers} == {"00"}
    used = {(inst, number) for (inst, _), numbers in real.offered_at.items() for number in numbers}
    assert used <= set(real.locations)


def test_real_programmes(real: Reference) -> None:
    anthropology = real.programmes["21PL", "50005"]
    assert (anthropology.level, anthropology.kind, anthropology.name) == ("WO", "ba", "B Antropologie")
    assert real.programmes["25BE", "04057"].level == "HBO"
    assert {p.level for p in real.programmes_of("25BE")} == {"HBO", "WO"}
    assert len(real.programmes_of("21PL")) == 390
    assert real.programmes["21PB", "52000"].name == "b international studies"  # not in Dec_opleidingscode.asc
    assert real.offered_at["21PB", "52000"] == ("12",)


def test_real_text_is_windows_1252(real: Reference) -> None:
    assert real.institutions["05OC"].name == "Dalton Kindcentrum ’t Kompas"
    assert real.institutions["28RJ"].name == "Stichting ‘De Knikkers’"
    assert real.locations["06BW", "00"].municipality == "Súdwest-Fryslân"


def test_real_load_time(duo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Printed, not asserted: timing depends on the machine (it is about 0.2 s on a CI runner)."""
    best = min(_timed(duo_dir) for _ in range(3))
    with capsys.disabled():
        print(f"\nDUO reference files loaded in {best * 1000:.0f} ms (best of 3)")


def _timed(directory: Path) -> float:
    start = time.perf_counter()
    load_reference(directory)
    return time.perf_counter() - start


def test_real_truncated_copy_is_refused(duo_dir: Path, tmp_path: Path) -> None:
    for name in README_ROWS:
        shutil.copyfile(duo_dir / name, tmp_path / name)
    data = (duo_dir / "Croho.asc").read_bytes()
    (tmp_path / "Croho.asc").write_bytes(data[: len(data) // 2])
    error = refusal(tmp_path)
    assert error.params["file"] == "Croho.asc"
    assert error.params["line"] == data[: len(data) // 2].count(b"\n") + 1


def test_real_garbled_line_is_refused(duo_dir: Path, tmp_path: Path) -> None:
    for name in README_ROWS:
        shutil.copyfile(duo_dir / name, tmp_path / name)
    edit_line(tmp_path, "Croho_vest.asc", 5000, lambda s: s[:9] + "X" + s[10:])
    error = refusal(tmp_path)
    assert (error.params["file"], error.params["line"]) == ("Croho_vest.asc", 5000)
    assert "vestigingsnummer" in error.params["detail_en"]
