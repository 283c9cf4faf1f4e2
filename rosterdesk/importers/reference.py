"""RIO/CROHO reference data as the checks see it.

Checks receive a ``Reference``; they never read files or a database themselves. Loading DUO's
fixed-width files lives in ``rosterdesk.importers.duo``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a place name ('Den Haag' == 'DEN HAAG', 'é' == 'e')."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("-", " ").split())


@dataclass(frozen=True)
class Institution:
    code: str
    name: str
    place: str = ""
    opened: dt.date | None = None
    closed: dt.date | None = None
    """RIO's 'datum opheffing'; None while the institution exists."""


@dataclass(frozen=True)
class Programme:
    institution: str
    code: str
    level: str
    """'HBO' or 'WO' (DUO's 'soort HO', upper case)."""
    name: str
    kind: str = ""
    """DUO's 'type HO': ba, ma, ad, pm, ..."""


@dataclass(frozen=True)
class Location:
    institution: str
    number: str
    place: str
    """The municipality name according to RIO (DUO's 'gemeentenaam volgens RIO'), e.g. "'S-GRAVENHAGE"."""
    municipality: str = ""
    """Today's municipality name (DUO's 'gemeentenaam per 1 januari'), e.g. 'Sittard-Geleen' for SITTARD."""


@dataclass
class Reference:
    """Institutions, their programmes and their locations (vestigingen)."""

    institutions: dict[str, Institution] = field(default_factory=dict)
    programmes: dict[tuple[str, str], Programme] = field(default_factory=dict)
    locations: dict[tuple[str, str], Location] = field(default_factory=dict)
    source: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    """Rows read per reference file (file name -> rows), kept with each import."""
    offered_at: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    """(institution, programme code) -> the location numbers CROHO registers it at (Croho_vest.asc)."""

    def subset(self, codes: Collection[str]) -> Reference:
        """Only what concerns the institutions ``codes``: what a check for one institution needs.

        The whole of RIO is about 3 MB pickled; handing only one institution's part to the
        sandboxed child saves most of a sandbox start (bench/bench_validate.py).
        """
        wanted = set(codes)
        return Reference(
            institutions={code: item for code, item in self.institutions.items() if code in wanted},
            programmes={key: item for key, item in self.programmes.items() if key[0] in wanted},
            locations={key: item for key, item in self.locations.items() if key[0] in wanted},
            source=self.source, counts=dict(self.counts),
            offered_at={key: item for key, item in self.offered_at.items() if key[0] in wanted})

    def programmes_of(self, institution: str) -> list[Programme]:
        return sorted((p for (inst, _), p in self.programmes.items() if inst == institution), key=lambda p: p.code)

    def locations_of(self, institution: str) -> list[Location]:
        return sorted((loc for (inst, _), loc in self.locations.items() if inst == institution),
                      key=lambda loc: loc.number)
