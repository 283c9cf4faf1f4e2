"""The plain-text overview of a check: NSE's "Overzicht downloaden" and the CLI's text output.

A person reads it top to bottom: first what was checked and the verdict, then the issues grouped
by kind, errors before warnings, each line saying where (row, column, cell) and what to do. Totals
come from ``Report.counts``, which stay exact when only the first issues of a kind were kept; the
overview then says how many are listed. Values from the file are made printable, so a value with
a newline or a right-to-left override cannot reshape the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rosterdesk.importers.exports.text import is_english, issue_line, number, printable, severity_word
from rosterdesk.importers.issues import Issue, Report, Severity
from rosterdesk.importers.messages import language
from rosterdesk.importers.messages import title as type_title

FORMAT_NAMES: dict[str, tuple[str, str]] = {
    "xlsx": ("Excel (.xlsx)", "Excel (.xlsx)"),
    "xls": ("Excel 97-2003 (.xls)", "Excel 97-2003 (.xls)"),
    "ods": ("OpenDocument (.ods)", "OpenDocument (.ods)"),
    "csv": ("CSV (tekstbestand)", "CSV (text file)"),
}
DELIMITER_NAMES: dict[str, tuple[str, str]] = {
    "\t": ("tab", "tab"),
    ";": ("puntkomma (;)", "semicolon (;)"),
    ",": ("komma (,)", "comma (,)"),
    "|": ("verticale streep (|)", "vertical bar (|)"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if is_english(lang) else pair[0]


def _checked_at(report: Report, now: dt.datetime | None) -> dt.datetime:
    if now is not None:
        return now
    stamp = report.stats.get("checked_at")
    if isinstance(stamp, dt.datetime):
        return stamp
    if isinstance(stamp, str):
        try:
            return dt.datetime.fromisoformat(stamp)
        except ValueError:
            pass
    return dt.datetime.now()


def _format_line(report: Report, lang: str) -> str | None:
    stats = report.stats
    fmt = stats.get("format")
    if not fmt:
        return None
    parts = [_pick(FORMAT_NAMES[fmt], lang) if fmt in FORMAT_NAMES else printable(str(fmt))]
    en = is_english(lang)
    if stats.get("sheet") and fmt != "csv":
        parts.append(f"{'sheet' if en else 'tabblad'} '{printable(str(stats['sheet']))}'")
    if stats.get("encoding"):
        parts.append(f"{'encoding' if en else 'tekencodering'} {printable(str(stats['encoding'])).upper()}")
    delimiter = stats.get("delimiter")
    if delimiter:
        name = _pick(DELIMITER_NAMES[delimiter], lang) if delimiter in DELIMITER_NAMES else repr(delimiter)
        parts.append(f"{'delimiter' if en else 'scheidingsteken'} {name}")
    return ", ".join(parts)


def _verdict(report: Report, lang: str) -> str:
    en = is_english(lang)
    warnings = int(report.stats.get("warnings", 0))
    if report.valid:
        word = "Valid" if en else "Geldig"
        if warnings:
            return f"{word} ({'with warnings' if en else 'met waarschuwingen'})"
        return word
    word = "Invalid" if en else "Ongeldig"
    advice = ("fix the errors and upload the file again" if en
              else "los de fouten op en upload het bestand opnieuw")
    return f"{word}: {advice}"


def _header(report: Report, lang: str, filename: str | None, profile_title: str, now: dt.datetime | None) -> list[str]:
    en = is_english(lang)
    title = "Check overview" if en else "Overzicht van de controle"
    fields: list[tuple[str, str]] = []
    if filename:
        fields.append(("File" if en else "Bestand", printable(filename)))
    if profile_title:
        fields.append(("Profile" if en else "Profiel", printable(profile_title)))
    stamp = _checked_at(report, now)
    fields.append(("Checked" if en else "Gecontroleerd",
                   stamp.strftime("%Y-%m-%d %H:%M") if en else stamp.strftime("%d-%m-%Y %H:%M")))
    format_line = _format_line(report, lang)
    if format_line:
        fields.append(("Format" if en else "Formaat", format_line))
    if report.stage != "structure":
        rows = number(int(report.stats.get("rows", 0)), lang)
        blank = int(report.stats.get("blank_rows") or 0)
        if blank:
            rows += (f" ({number(blank, lang)} blank {'row' if blank == 1 else 'rows'} skipped)" if en
                     else f" ({number(blank, lang)} lege {'rij' if blank == 1 else 'rijen'} overgeslagen)")
        fields.append(("Rows" if en else "Rijen", rows))
    fields.append(("Errors" if en else "Fouten", number(int(report.stats.get("errors", 0)), lang)))
    fields.append(("Warnings" if en else "Waarschuwingen", number(int(report.stats.get("warnings", 0)), lang)))
    fields.append(("Result" if en else "Uitkomst", _verdict(report, lang)))

    width = max(len(label) for label, _ in fields) + 2
    lines = [title, "=" * len(title), ""]
    lines += [f"{label:<{width}}{value}" for label, value in fields]
    if report.stage == "structure":
        lines += ["", ("Only the column headers were checked: the content is checked once the columns are right."
                       if en else "Alleen de kolomkoppen zijn gecontroleerd: de inhoud wordt gecontroleerd zodra de "
                                  "kolommen kloppen.")]
    return lines


def _type_order(report: Report) -> list[str]:
    """Issue types in the order a reader meets them: first appearance, then those with no kept issue."""
    order: dict[str, None] = {}
    for issue in report.issues:
        order.setdefault(issue.type, None)
    for type_code in sorted(report.counts):
        order.setdefault(type_code, None)
    return list(order)


def _group(type_code: str, severity: Severity, issues: list[Issue], total: int, lang: str) -> list[str]:
    en = is_english(lang)
    heading = f"{type_title(type_code, lang)} ({number(total, lang)} {severity_word(severity, lang, total)}"
    if len(issues) < total:
        heading += (f"; only the first {number(len(issues), lang)} are listed" if en
                    else f"; alleen de eerste {number(len(issues), lang)} staan hieronder")
    lines = [heading + ")"]
    lines += [f"  {printable(issue_line(issue, lang))}" for issue in issues]
    rest = total - len(issues)
    if rest > 0:
        lines.append(f"  … {'and' if en else 'en nog'} {number(rest, lang)} {'more' if en else 'meer'}")
    return lines


def _section(heading: str, groups: Iterable[list[str]]) -> list[str]:
    lines = ["", heading, "-" * len(heading)]
    for group in groups:
        lines += ["", *group]
    return lines


def text_overview(report: Report, *, lang: str = "nl", filename: str | None = None, profile_title: str = "",
                  now: dt.datetime | None = None) -> str:
    """The overview as plain text (no trailing newline), in Dutch unless ``lang`` is ``"en"``.

    ``now`` fixes the date/time shown (default: ``report.stats["checked_at"]`` or the current time).
    """
    lang = language(lang)
    en = is_english(lang)
    lines = _header(report, lang, filename, profile_title, now)

    by_type: dict[str, list[Issue]] = {}
    for issue in report.issues:
        by_type.setdefault(issue.type, []).append(issue)
    groups: dict[Severity, list[list[str]]] = {"error": [], "warning": []}
    for type_code in _type_order(report):
        kept = by_type.get(type_code, [])
        severity = kept[0].severity if kept else report.severity_of(type_code)
        total = max(int(report.counts.get(type_code, 0)), len(kept))
        groups[severity].append(_group(type_code, severity, kept, total, lang))

    if groups["error"]:
        lines += _section("Errors" if en else "Fouten", groups["error"])
    if groups["warning"]:
        lines += _section("Warnings" if en else "Waarschuwingen", groups["warning"])
    if not groups["error"] and not groups["warning"]:
        lines += ["", "No issues found." if en else "Geen meldingen gevonden."]
    return "\n".join(lines)
