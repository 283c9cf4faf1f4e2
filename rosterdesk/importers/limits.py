"""The limits that keep one hostile or oversized file from hurting the process that reads it.

One frozen value travels with a read (and into the sandbox child), so every guard — the zip
inspection, the sheet scanners, the CSV reader and the sandbox — judges the same numbers. The
defaults are measured, not guessed; see the field docstrings.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Hard limits for reading one file."""

    max_bytes: int = 50 * 1024 * 1024
    """Size of the file as uploaded."""
    max_rows: int = 1_000_000
    """Rows of the sheet that is read, counted up to the last row holding a value."""
    max_columns: int = 200
    """Columns of the sheet that is read; cells further right than this are refused before parsing."""
    max_cell_chars: int = 32_767
    """Excel's own limit for the text of one cell; longer shared strings or CSV fields are refused."""
    max_zip_entries: int = 1_000
    """Entries in an xlsx/ods archive; Excel writes a few dozen."""
    max_uncompressed: int = 1024 * 1024 * 1024
    """Sum of the real (decompressed, not declared) sizes of all entries of an archive.

    A 100,000-row x 23-column xlsx expands to ~110 MB; 1 GiB leaves room for ~900,000 such rows.
    """
    max_ratio: int = 100
    """Compression ratio allowed for one entry once it has expanded past 1 MB.

    Real sheets compress 10-20x (the 100k-row sample: 15x); 400 MB of whitespace compresses ~1000x.
    """
    memory_mb: int = 2048
    """Address-space limit (RLIMIT_AS) of the sandbox child.

    Measured peak address space (resident in brackets) for reading *and* checking an NSE xlsx of
    23 columns in the child: 100,000 rows 0.31 GB (0.22 GB), 600,000 rows 1.48 GB (1.14 GB; a
    35 MB file). That is ~2.3 KB per row, so 2048 leaves room for ~700,000 such rows — more
    than fit in ``max_bytes`` (50 MB). A file near ``max_rows`` (1,000,000 narrow rows) needs
    about 3072.
    """
    seconds: float = 120.0
    """Wall-clock limit of the sandbox child, enforced by the parent (which kills the child)."""
