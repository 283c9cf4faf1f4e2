"""Benchmark: the whole ``validate`` against a bare read of the same file.

Prints times and ratios; asserts nothing (speed is measured, not asserted). The two sides are
alternated within one run so that machine noise hits both:

- NSE, 100,000 rows x 23 columns (.xlsx): ``validate_file`` with every check (institution,
  RIO reference data from ../shared/data/duo, sandboxed child process) against python-calamine
  opening the workbook and iterating every cell. Target: at most 2.0x.
- roster CSV, 100,000 rows: ``validate_file`` against one bare ``csv.reader`` pass over the
  decoded file. Target: at most 6x.

Peak memory is the sandboxed child's maximum resident set size (target: under 300 MB for the
100k-row NSE file). Usage: ``python bench/bench_validate.py [--rows N] [--rounds N]``.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import python_calamine

from rosterdesk.importers.duo import load_reference
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.reference import Reference
from rosterdesk.importers.validate import Request, validate_file
from rosterdesk.platform.reference.services import keep_out_of_collections

REPO = Path(__file__).resolve().parent.parent
DUO = REPO.parent / "shared" / "data" / "duo"
INSTITUTION = "21PL"
CACHE = Path(tempfile.gettempdir()) / "rosterdesk-bench"


def make_nse(path: Path, rows: int, reference: Reference) -> None:
    """A realistic NSE file for the institution: real programmes and locations, some students
    with two programmes (one main), labels that group."""
    rng = random.Random(20261123)
    programmes = reference.programmes_of(INSTITUTION)
    locations = reference.locations_of(INSTITUTION)
    headers = get_profile("nse").headers
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Studentgegevens")
    sheet.append(list(headers))
    written = 0
    student = 0
    while written < rows:
        student += 1
        count = 2 if rng.random() < 0.1 and written + 2 <= rows else 1
        chosen = rng.sample(programmes, count)
        for n, programme in enumerate(chosen):
            location = rng.choice(locations)
            sheet.append([
                INSTITUTION, location.number, location.place, programme.code, rng.choice(("VT", "DT", "DU")),
                "REGULIER", "N", programme.level, rng.choice("JN"), rng.choice(("NL", "EN")),
                f"student{student}@student.example.nl", "J" if n == 0 else "N", "", "N",
                f"prive{student}@example.com" if rng.random() < 0.5 else None, rng.choice("JN"),
                rng.choice(("Faculteit A", "Faculteit B", "Faculteit C")), rng.choice(("cohort 2024", "cohort 2025")),
                None, None, None, None, None,
            ])
            written += 1
    workbook.save(path)


def make_roster_csv(path: Path, rows: int) -> None:
    rng = random.Random(7)
    first = ("Jan", "Sanne", "Mohammed", "Emma", "Daan", "Lotte", "Noah", "Fleur", "Sem", "Anouk")
    last = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos")
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(["code", "roepnaam", "voornamen", "tussenvoegsel", "achternaam", "email", "klas", "type"])
    for n in range(rows):
        name = rng.choice(first)
        writer.writerow([str(100000 + n), name, name, "", rng.choice(last), f"l{n}@school.example.nl",
                         f"{rng.randint(1, 6)}{rng.choice('ABCD')}", "leerling"])
    path.write_text(out.getvalue(), encoding="utf-8")


def bare_calamine(path: Path) -> None:
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    sheet = workbook.get_sheet_by_index(0)
    cells = 0
    for row in sheet.iter_rows():
        cells += len(row)


def bare_csv(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        for _ in csv.reader(handle, delimiter="\t"):
            pass


def alternate(rounds: int, floor: Callable[[], None], subject: Callable[[], object]) -> tuple[list[float], list[float]]:
    floors, subjects = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        floor()
        floors.append(time.perf_counter() - start)
        start = time.perf_counter()
        subject()
        subjects.append(time.perf_counter() - start)
    return floors, subjects


def show(title: str, floors: list[float], subjects: list[float], target: float, extra: str = "") -> None:
    floor, subject = statistics.median(floors), statistics.median(subjects)
    ratio = subject / floor
    verdict = "within" if ratio <= target else "OVER"
    print(f"{title}")
    print(f"  floor    median {floor:6.3f} s   (runs: {', '.join(f'{t:.3f}' for t in floors)})")
    print(f"  validate median {subject:6.3f} s   (runs: {', '.join(f'{t:.3f}' for t in subjects)})")
    print(f"  ratio    {ratio:5.2f}x  target {target:.1f}x: {verdict}{extra}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not (DUO / "Croho.asc").is_file():
        print(f"needs the DUO files in {DUO}", file=sys.stderr)
        return 2
    CACHE.mkdir(exist_ok=True)
    reference = load_reference(DUO)
    keep_out_of_collections()  # as the platform does with reference data it has parsed

    nse_file = CACHE / f"nse-{args.rows}.xlsx"
    if not nse_file.exists():
        print(f"generating {nse_file} ...", file=sys.stderr)
        make_nse(nse_file, args.rows, reference)
    csv_file = CACHE / f"roster-{args.rows}.csv"
    if not csv_file.exists():
        make_roster_csv(csv_file, args.rows)

    nse = Request(profile=get_profile("nse"), institution=INSTITUTION, reference=reference, filename=nse_file.name)
    report = validate_file(nse_file, nse)  # warm-up: starts the sandbox's process server
    print(f"NSE file: {nse_file.stat().st_size / 1e6:.1f} MB, {report.stats['rows']} rows, "
          f"{report.stats['errors']} errors, {report.stats['warnings']} warnings")
    floors, subjects = alternate(args.rounds, lambda: bare_calamine(nse_file), lambda: validate_file(nse_file, nse))
    peak = report.stats.get("peak_rss_mb")
    show(f"NSE .xlsx, {args.rows} rows: validate (all checks, sandboxed) vs bare python-calamine read",
         floors, subjects, 2.0, f"\n  peak memory of the checking process: {peak} MB (target < 300 MB)")

    roster = Request(profile=get_profile("roster-csv"), filename=csv_file.name)
    report = validate_file(csv_file, roster)
    print(f"roster CSV: {csv_file.stat().st_size / 1e6:.1f} MB, {report.stats['rows']} rows, "
          f"{report.stats['errors']} errors")
    floors, subjects = alternate(args.rounds, lambda: bare_csv(csv_file), lambda: validate_file(csv_file, roster))
    show(f"roster CSV, {args.rows} rows: validate vs bare csv.reader pass", floors, subjects, 6.0,
         f"\n  peak memory of the checking process: {report.stats.get('peak_rss_mb')} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
