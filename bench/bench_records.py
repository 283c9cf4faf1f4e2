"""Benchmark: what writing records costs the check, and what a diff of two 100k versions costs.

Prints times, ratios and memory; asserts nothing. Uses the NSE file of bench_validate.py (made
there if missing):

- ``validate_file`` without and with ``records_to`` (alternated, sandboxed): the records are
  written from the engine's normalised columns in the same pass, so the extra is the encoding,
  the compression and the key bookkeeping only;
- ``diff_records`` of those records against a second version with 2 % of the records changed,
  1 % removed and 1 % added: time, and the Python heap's peak during the diff (tracemalloc,
  measured in a separate run because tracing slows everything down).

Usage: ``python bench/bench_records.py [--rows N] [--rounds N]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench_validate import CACHE, DUO, INSTITUTION, make_nse

from rosterdesk.importers.diff import diff_records
from rosterdesk.importers.duo import load_reference
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.records import read_records, write_records
from rosterdesk.importers.validate import Request, validate_file


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
    nse_file = CACHE / f"nse-{args.rows}.xlsx"
    if not nse_file.exists():
        print(f"generating {nse_file} ...", file=sys.stderr)
        make_nse(nse_file, args.rows, reference)
    profile = get_profile("nse")
    request = Request(profile=profile, institution=INSTITUTION, reference=reference, filename=nse_file.name)

    with tempfile.TemporaryDirectory() as directory:
        target = Path(directory) / "v1.jsonl.gz"
        validate_file(nse_file, request)  # warm-up: starts the sandbox's process server
        plain: list[float] = []
        with_records: list[float] = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            validate_file(nse_file, request)
            plain.append(time.perf_counter() - start)
            start = time.perf_counter()
            report = validate_file(nse_file, request, records_to=target)
            with_records.append(time.perf_counter() - start)
        a, b = statistics.median(plain), statistics.median(with_records)
        print(f"NSE .xlsx, {args.rows} rows: validate_file without / with records_to")
        print(f"  without median {a:6.3f} s   (runs: {', '.join(f'{t:.3f}' for t in plain)})")
        print(f"  with    median {b:6.3f} s   (runs: {', '.join(f'{t:.3f}' for t in with_records)})")
        size = target.stat().st_size / 1e6
        print(f"  ratio   {b / a:5.2f}x   records: {report.stats['records']}, file {size:.1f} MB,"
              f" peak memory of the checking process {report.stats.get('peak_rss_mb')} MB")

        old = read_records(target)
        rng = random.Random(5)
        second = Path(directory) / "v2.jsonl.gz"
        email = old.fields.index("emailadres")

        def version_two() -> Iterator[dict[str, Any]]:
            for record in old:
                roll = rng.random()
                if roll < 0.01:
                    continue
                values = dict(zip(old.fields, record.values, strict=True))
                if roll < 0.03:
                    values["label_1"] = "Faculteit Z"
                yield values
                if roll > 0.99:
                    yield {**values, "emailadres": "nieuw-" + str(record.values[email])}

        write_records(second, profile, version_two())
        new = read_records(second)
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            diff = diff_records(old, new)
            times.append(time.perf_counter() - start)
        tracemalloc.start()
        diff_records(old, new)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"diff of {len(old)} against {len(new)} records: {diff.summary()}")
        print(f"  median {statistics.median(times):6.3f} s   (runs: {', '.join(f'{t:.3f}' for t in times)})")
        print(f"  Python heap peak during the diff: {peak / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
