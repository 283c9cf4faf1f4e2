"""Every message renders in Dutch and English with the parameters its emitters pass, and says how to fix it.

Issue types raised by the engine, its kinds and its checks are produced for real by small files.
Types raised elsewhere (readers, sandbox, CLI, DUO loader) are found by scanning the source for
``UnusableFile("type", ...)`` and ``Issue("type", ...)`` calls, so a new emitter is held to the
same rule without editing this file.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
import re
import string
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.issues import Issue
from rosterdesk.importers.messages import CATALOG, Message, render
from rosterdesk.importers.plugins import all_profiles
from tests.unit.engine_helpers import (
    cjp_rows,
    csv_rows,
    intergrip_row,
    intergrip_rows,
    nse_row,
    nse_rows,
    profile,
    run,
)

SOURCE = Path(__file__).resolve().parents[2] / "rosterdesk"
VO = {"school_type": "VO"}


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def both(message: Message) -> list[tuple[str, str]]:
    return [("nl", message.nl), ("en", message.en)]


# -- real issues from the engine ----------------------------------------------------------------------

def _scenarios() -> list[Issue]:
    nse_headers = list(profile("nse").headers)
    swapped = [nse_headers[1], nse_headers[0], *nse_headers[2:]]
    issues: list[Issue] = []
    reports = [
        # structure
        run("nse", [[None], [], nse_headers, nse_row()]),
        run("nse", [[*nse_headers[:10], "Emailadres ", *nse_headers[11:]], nse_row()]),
        run("nse", [nse_headers[:-1], nse_row()[:-1]]),
        run("nse", [[*nse_headers[:10], "EXTRA", *nse_headers[11:], "EMAILADRES", "EMAILADRES"], nse_row()]),
        run("nse", [swapped, nse_row()]),
        run("nse", [[*nse_headers[:3], None, *nse_headers[3:]], nse_row()]),
        run("roster-csv", csv_rows(["code", "achternaam", "mentor"], {"code": "1", "achternaam": "D"}), fmt="csv"),
        # cells, rows and file checks of NSE
        run("nse", nse_rows(
            nse_row(OIE_CODE="21pl", BRIN_VOLGNUMMER="0x", LOCATIE=None, OPLEIDINGSVORM="vt", AFSTANDSONDERWIJS="ja",
                    EMAILADRES="fout", LEERROUTE="x" * 101, LABEL_1="a b c d e f"),
            nse_row(OIE_CODE="30GB", EMAILADRES="b@example.nl"),
            nse_row(EMAILADRES="c@example.nl", BRIN_VOLGNUMMER=7, OPLEIDINGSCODE=1234),
            nse_row(EMAILADRES="d@example.nl", BRIN_VOLGNUMMER=1, LOCATIE="Amsterdam", OPLEIDINGSCODE="60040"),
            nse_row(EMAILADRES="e@example.nl", EMAILADRES_2="E@example.nl", HOOFDOPLEIDING="N"),
            nse_row(EMAILADRES="e@example.nl", HOOFDOPLEIDING="N"),
            nse_row(EMAILADRES="f\u200b@example.nl", LABEL_2="id1"),
            [*nse_row(EMAILADRES="g@example.nl", LABEL_2="id2"), None, "x"],
        ), formulas={2: {3: "=A1"}}),
        run("nse", nse_rows(nse_row()), institution=None, no_reference=True),
        # Intergrip
        run("intergrip", intergrip_rows(
            intergrip_row(BSN="123456789", Voorletters="jp", Geboortedatum="31-02-2011", Postcode="0000 AA",
                          Leerjaar="vier", Niveau="MBO-1"),
            intergrip_row(Leerlingnummer="A1", BSN=None, Geboortedatum="14-03-1980", Leerjaar=9),
            intergrip_row(Leerlingnummer="200003", BSN=12345672, Onderwijsnummer="111222333"),
        ), options=VO),
        run("cjp-students", cjp_rows("cjp-students", ["a", "b", "x@example.nl", 3, "1A"],
                                     ["c", "d", "X@example.nl", 3, "1A"])),
        run("roster-csv", csv_rows(["code", "achternaam", "type"],
                                   {"code": "jan", "achternaam": "D", "type": "leerling"}), fmt="csv"),
        # the column mapping: a required field unlabelled, a field labelled twice, a header not in the file
        run("roster-csv", csv_rows(["Nr", "Naam", "Roepnaam"], {"Nr": "1", "Naam": "D"}), fmt="csv",
            mapping={"Nr": "code", "Naam": "roepnaam", "Roepnaam": "roepnaam", "Klas": "klas"}),
    ]
    for report in reports:
        issues.extend(report.issues)
    return issues


@pytest.fixture(scope="module")
def produced() -> dict[str, list[Issue]]:
    by_type: dict[str, list[Issue]] = defaultdict(list)
    for issue in _scenarios():
        by_type[issue.type].append(issue)
    return by_type


ENGINE_TYPES = [
    "header-row-moved", "column-count", "missing-column", "misspelled-column", "unexpected-column",
    "duplicate-column", "column-order", "blank-header", "formula", "data-without-header", "missing-value",
    "missing-value-conditional", "invalid-character", "too-long", "too-many-words", "invalid-format",
    "invalid-choice", "invalid-yes-no", "invalid-number", "out-of-range", "invalid-digits", "leading-zeros-restored",
    "invalid-email", "invalid-date", "age-out-of-range", "invalid-bsn", "invalid-onderwijsnummer", "invalid-brin",
    "invalid-postcode", "duplicate-value", "duplicate-record", "same-as-other-column", "main-programme-count",
    "identifying-label", "choice-not-for-option", "wrong-institution", "unknown-location-number",
    "location-mismatch", "unknown-programme", "level-mismatch", "reference-checks-skipped",
    "institution-check-skipped", "unmapped-field", "field-mapped-twice", "mapped-column-not-found",
]


def test_the_scenarios_produce_every_engine_issue_type(produced: dict[str, list[Issue]]) -> None:
    assert sorted(set(ENGINE_TYPES) - set(produced)) == []
    assert sorted(set(produced) - set(ENGINE_TYPES)) == []


@pytest.mark.parametrize("type_", ENGINE_TYPES)
def test_engine_issue_renders_in_both_languages_without_placeholders(type_: str,
                                                                     produced: dict[str, list[Issue]]) -> None:
    entry = CATALOG[type_]
    for issue in produced[type_]:
        available = set(issue.params) | {"where"}
        available |= {name for name in ("row", "column", "cell", "value") if getattr(issue, name) is not None}
        for lang, template in both(entry):
            missing = fields(template) - available
            assert not missing, f"{type_} ({lang}) at {issue.cell or issue.column}: no {sorted(missing)}"
            message = issue.message(lang)
            assert message.count("?") == template.count("?") + sum(
                str(v).count("?") for k, v in issue.params.items() if f"{{{k}}}" in template), message


@pytest.mark.parametrize(("type_", "make"), [
    ("no-data", lambda: run("nse", [[None, ""], []])),
])
def test_engine_refusal_renders_in_both_languages(type_: str, make: Any) -> None:
    with pytest.raises(UnusableFile) as caught:
        make()
    error = caught.value
    assert error.type == type_
    for lang, template in both(CATALOG[type_]):
        assert fields(template) <= set(error.params), lang
        assert "?" not in error.message(lang)


def test_too_many_rows_refusal_renders_in_both_languages() -> None:
    from rosterdesk.importers.engine import Settings, validate_sheet
    from rosterdesk.importers.sheet import Sheet

    rows = nse_rows(*[nse_row(EMAILADRES=f"s{n}@example.nl") for n in range(5)])
    with pytest.raises(UnusableFile) as caught:
        validate_sheet(profile("nse"), Sheet(format="xlsx", rows=iter(rows), name="Blad1"),
                       Settings(institution="21PL", max_rows=3))
    assert caught.value.type == "too-many-rows"
    assert caught.value.message("nl") == ("Het blad 'Blad1' heeft > 3 rijen; de grens is 3. Verwijder lege rijen "
                                          "onderaan het blad (selecteer ze en kies 'Verwijderen') of splits het "
                                          "bestand.")
    assert "?" not in caught.value.message("en")


# -- emitters elsewhere, found in the source ------------------------------------------------------------

def _helper_keys() -> dict[str, set[str]]:
    """Keys of the parameter helpers that emitters splat into ``UnusableFile(...)``."""
    try:
        from rosterdesk.importers.readers import names
    except ImportError:  # readers not there yet
        return {}
    return {"describe": set(names.describe("xlsx")), "expected": set(names.expected(["xlsx"])),
            "named_as": set(names.named_as("x.csv", "xlsx"))}


def _emitters() -> list[tuple[str, str, set[str] | None]]:
    """(place, type, keys passed) for each UnusableFile/Issue call with a literal type; keys None if unknown."""
    helpers = _helper_keys()
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants: dict[str, set[str]] = {}
        for node in tree.body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and isinstance(node.value, ast.Dict)):
                constants[node.targets[0].id] = {k.value for k in node.value.keys if isinstance(k, ast.Constant)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("UnusableFile", "Issue") and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                continue
            keys: set[str] | None = set()
            splats = [kw.value for kw in node.keywords if kw.arg is None]
            if node.func.id == "UnusableFile":
                keys = {kw.arg for kw in node.keywords if kw.arg is not None}
            else:
                params = next((kw.value for kw in node.keywords if kw.arg == "params"),
                              node.args[6] if len(node.args) > 6 else None)
                keys = {"where"}
                if isinstance(params, ast.Dict):
                    keys |= {k.value for k in params.keys if isinstance(k, ast.Constant)}
                    splats += [v for k, v in zip(params.keys, params.values, strict=True) if k is None]
                elif params is not None:
                    keys = None
            for splat in splats:
                name = splat.func.id if isinstance(splat, ast.Call) and isinstance(splat.func, ast.Name) else (
                    splat.id if isinstance(splat, ast.Name) else None)
                extra = helpers.get(name or "") if isinstance(splat, ast.Call) else constants.get(name or "")
                if extra is None or keys is None:
                    keys = None
                else:
                    keys |= extra
            place = f"{path.relative_to(SOURCE.parent)}:{node.lineno}"
            found.append((place, node.args[0].value, keys))
    return found


EMITTERS = _emitters()


def test_the_source_scan_finds_the_known_emitters() -> None:
    types = {type_ for _, type_, _ in EMITTERS}
    assert {"no-data", "too-many-rows", "column-count", "file-too-large", "bad-option"} <= types


# Emitters outside this engineer's files that are known to pass the wrong parameters; strict, so
# the entry must go once the emitter is fixed.
# (module, type) -> why an emitter is known to pass too few parameters; empty while none is.
KNOWN_BROKEN: dict[tuple[str, str], str] = {}


def _emitter_param(place: str, type_: str, keys: set[str]) -> Any:
    reason = KNOWN_BROKEN.get((place.rsplit(":", 1)[0], type_))
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(place, type_, keys, marks=marks, id=f"{type_}@{place}")


@pytest.mark.parametrize(("place", "type_", "keys"), [_emitter_param(*e) for e in EMITTERS if e[2] is not None])
def test_each_emitter_passes_every_parameter_its_message_needs(place: str, type_: str, keys: set[str]) -> None:
    assert type_ in CATALOG, f"{place}: {type_} has no message"
    for lang, template in both(CATALOG[type_]):
        needed = fields(template) - {"value", "column", "row", "cell"}
        missing = needed - keys
        assert not missing, f"{place} raises {type_} without {sorted(missing)} ({lang})"
        rendered = render(type_, lang, dict.fromkeys(keys, "x"))
        assert rendered.count("?") == template.count("?"), rendered


def test_every_message_in_the_catalog_has_an_emitter(produced: dict[str, list[Issue]]) -> None:
    emitted = set(produced) | {type_ for _, type_, _ in EMITTERS} | {"too-many-rows", "no-data"}
    # Plugins register their own messages with their checks; the built-in catalog has no orphans.
    assert sorted(set(CATALOG) - emitted) == []


# -- every message says how to fix it -------------------------------------------------------------------

FIX_NL = re.compile(r"\b(vul|gebruik|verwijder|kies|controleer|zet|sla|open|maak|houd|voeg|typ|kort|neem|lever|"
                    r"laat|probeer|haal|kopieer|geef|sluit|exporteer|splits|upload|corrigeer|vraag|meld|pas|log)\b",
                    re.IGNORECASE)
FIX_EN = re.compile(r"\b(fill|use|delete|remove|choose|check|put|save|open|make|keep|add|type|shorten|submit|ask|"
                    r"try|copy|give|close|export|split|upload|correct|set|tell|break|unhide|format|log)\b",
                    re.IGNORECASE)


@pytest.mark.parametrize("type_", sorted(CATALOG))
def test_every_message_says_what_to_do_in_both_languages(type_: str) -> None:
    entry = CATALOG[type_]
    assert FIX_NL.search(entry.nl), f"{type_} (nl) gives no way to fix it: {entry.nl}"
    assert FIX_EN.search(entry.en), f"{type_} (en) gives no way to fix it: {entry.en}"
    assert entry.title_nl and entry.title_en


@pytest.mark.parametrize("type_", sorted(CATALOG))
def test_every_message_has_both_languages_with_the_same_parameters(type_: str) -> None:
    entry = CATALOG[type_]
    nl = {f.removesuffix("_nl") for f in fields(entry.nl)}
    en = {f.removesuffix("_en") for f in fields(entry.en)}
    assert nl == en
    assert entry.nl != entry.en


def test_an_unknown_type_renders_as_its_code_rather_than_failing() -> None:
    assert render("no-such-type", "nl", {}) == "no-such-type"


def test_a_missing_parameter_renders_as_a_question_mark_not_an_exception() -> None:
    assert render("invalid-brin", "en", {}).startswith("?: '?' is not a valid BRIN/OIE code.")


# -- never a Python exception text --------------------------------------------------------------------

EXCEPTION_WORDS = re.compile(r"Traceback|Exception|Error\b|ValueError|TypeError|KeyError|AttributeError|"
                             r"OverflowError|IndexError|EmailNotValid|Invalid(Checksum|Length|Format|Component)|"
                             r"ValidationError|File \"|line \d+, in")

ODD_VALUES: list[Any] = [math.nan, math.inf, -math.inf, 1e300, -0.0, 10**30, -(10**30), True, False, 0, 1,
                         dt.time(12, 30), dt.datetime(1, 1, 1), dt.date(9999, 12, 31), "\x00", "\ud800", "=1+1",
                         " " * 3, "é" * 5000, "@" * 300, "1" * 400]


@pytest.mark.parametrize("slug", [p.slug for p in all_profiles() if p.slug in
                                  ("nse", "cjp-students", "cjp-teachers", "intergrip", "roster-csv")])
def test_odd_cell_values_give_messages_never_exception_texts(slug: str) -> None:
    prof = profile(slug)
    preamble = [["x"] * len(prof.headers) for _ in range(prof.header_row - 1)]
    data = [[value] * len(prof.headers) for value in ODD_VALUES]
    report = run(prof, [*preamble, list(prof.headers), *data], options={"school_type": "VO"} if slug == "intergrip"
                 else None, fmt="csv" if slug == "roster-csv" else "xlsx")
    assert report.issues
    for issue in report.issues:
        assert issue.type in CATALOG
        for lang in ("nl", "en"):
            message = issue.message(lang)
            assert not EXCEPTION_WORDS.search(message), message


@pytest.mark.parametrize("header", [2023.0, dt.datetime(2026, 1, 1), True, "\x00", "é" * 300])
def test_odd_header_cells_give_messages_never_exception_texts(header: Any) -> None:
    headers = list(profile("nse").headers)
    headers[4] = header
    report = run("nse", [headers, nse_row()])
    assert report.stage == "structure"
    for issue in report.issues:
        assert not EXCEPTION_WORDS.search(issue.message("nl") + issue.message("en"))


def test_catalog_templates_themselves_hold_no_exception_text() -> None:
    for type_, entry in CATALOG.items():
        for _, template in both(entry):
            assert not EXCEPTION_WORDS.search(template), type_
