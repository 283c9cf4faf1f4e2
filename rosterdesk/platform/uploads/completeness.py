"""Step 5 of the wizard: a profile's completeness step (seed 000), and the counts it leaves behind.

A profile names its step with ``Profile.completeness``; ``HOOKS`` maps that name to the code that
knows what "complete" means for it. The one built in is ``missing-programmes`` (NSE): the RIO
programmes of the institution (the reference data in force, the institution's OIE/BRIN code) that
the file does not contain are listed, and for each the uploader picks a reason before "Ja,
bevestigen" may go through. Another profile plugs in by adding a ``CompletenessHook`` to ``HOOKS``
and a template ``uploads/completeness/<name>.html``.

The survey of a version (what it holds per group, what it lacks) is made once, from the version's
records written by the engine in the sandbox into a temporary folder that is removed at once
(as ``compare`` does), and kept in ``Completeness`` with the reasons: counts only, never a
person's values, so it survives the privacy erasure (docs/privacy.md). The counts are what the
uploader sees after confirming, every group under five as "< 5" (``privacy.small_counts``).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import anyio.to_thread

from rosterdesk.importers.errors import RosterdeskError
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.records import Record, read_records
from rosterdesk.importers.reference import Reference
from rosterdesk.importers.validate import Request, validate_file
from rosterdesk.platform import clock
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.privacy.small_counts import Sum, shown
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.runtime import Runtime, current
from rosterdesk.platform.uploads.tables import Completeness, Version
from rosterdesk.platform.uploads.views import as_dict
from rosterdesk.platform.web.i18n import translate

log = logging.getLogger("rosterdesk.uploads")

REASONS = ("no-students-yet", "no-students-any-more", "no-public-enrolment", "not-in-netherlands", "other")
"""The seed's five reasons, in its order; ``other`` needs a text."""
OTHER_LIMIT = 500
"""Characters of an ``other`` reason's text that are kept."""


class ReasonsMissing(Exception):
    """"Ja, bevestigen" with a missing programme that has no (complete) reason.

    ``errors``: group code -> text key of what is wrong there; ``values``: what the user chose, to
    show the form again as it was.
    """

    def __init__(self, errors: dict[str, str], values: dict[str, dict[str, str]]) -> None:
        super().__init__(sorted(errors))
        self.errors = errors
        self.values = values


@dataclass(frozen=True)
class Survey:
    """What a version holds and lacks, as a completeness hook sees it.

    ``missing``: the groups the file should have and does not (code, name, level); ``groups``:
    rows per group present (code -> count); ``parts``: rows per group and part of it (e.g. a
    location: ``"code/part"`` -> count); ``names`` and ``part_names``: labels for the pages.
    ``checked`` is False when there was nothing to compare with (no reference data).
    """

    missing: list[dict[str, str]] = field(default_factory=list)
    groups: dict[str, int] = field(default_factory=dict)
    parts: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    part_names: dict[str, str] = field(default_factory=dict)
    checked: bool = True

    def to_json(self) -> dict[str, Any]:
        return {"groups": self.groups, "parts": self.parts, "names": self.names, "part_names": self.part_names,
                "checked": self.checked}


class CompletenessHook(Protocol):
    """What a profile's completeness step knows: how to survey a version's records."""

    def survey(self, records: Iterable[Record], reference: Reference | None, institution_code: str) -> Survey:
        """The groups present (with counts) and the ones missing, from the records of one file."""


@dataclass(frozen=True)
class MissingProgrammes:
    """NSE: RIO programmes of the institution that the file does not contain; counts per programme
    and per programme and location (BRIN_VOLGNUMMER)."""

    programme: str = "opleidingscode"
    location: str = "brin_volgnummer"

    def survey(self, records: Iterable[Record], reference: Reference | None, institution_code: str) -> Survey:
        groups: Counter[str] = Counter()
        parts: Counter[str] = Counter()
        for item in records:
            code = _text(item[self.programme])
            if not code:
                continue
            groups[code] += 1
            parts[f"{code}/{_text(item[self.location])}"] += 1
        names: dict[str, str] = {}
        part_names: dict[str, str] = {}
        missing: list[dict[str, str]] = []
        if reference is not None:
            for programme in reference.programmes_of(institution_code):
                names[programme.code] = programme.name
                if programme.code not in groups:
                    missing.append({"code": programme.code, "name": programme.name, "level": programme.level})
            for location in reference.locations_of(institution_code):
                part_names[location.number] = location.municipality or location.place
        return Survey(missing=missing, groups=dict(sorted(groups.items())), parts=dict(sorted(parts.items())),
                      names=names, part_names=part_names, checked=reference is not None)


HOOKS: dict[str, CompletenessHook] = {"missing-programmes": MissingProgrammes()}
"""Profile.completeness -> its hook. A plugin adds its own entry (and a template of the same name)."""


def _text(value: Any) -> str:
    return "" if value is None or isinstance(value, dict) else str(value).strip()


def hook_of(profile: Profile) -> CompletenessHook | None:
    return HOOKS.get(profile.completeness or "")


# -- the survey of a version ----------------------------------------------------------------------------------


@dataclass
class Step:
    """A version's completeness step as stored: the survey, and the reasons given so far."""

    version_id: int
    missing: list[dict[str, str]]
    counts: dict[str, Any]
    reasons: dict[str, dict[str, str]]

    @property
    def checked(self) -> bool:
        return bool(self.counts.get("checked", True))

    def without_reason(self) -> list[str]:
        """Codes of missing groups without a complete reason."""
        return [item["code"] for item in self.missing if _problem(self.reasons.get(item["code"])) is not None]


def _problem(chosen: Mapping[str, str] | None) -> str | None:
    """The text key of what is wrong with one programme's reason; None when it is complete."""
    if not chosen or chosen.get("reason") not in REASONS:
        return "step5.reason-required"
    if chosen["reason"] == "other" and not chosen.get("text", "").strip():
        return "step5.other-required"
    return None


async def step_of(version: Version, institution: Institution) -> Step | None:
    """The version's stored step, surveyed now when it was not yet; None for a profile without one.

    The survey reads the stored file (in the sandbox); a version without its file gets an empty
    survey that says it could not check (it cannot be confirmed anyway: only ``valid`` versions
    can, and they keep their file).
    """
    profile = get_profile(str(version.profile))
    hook = hook_of(profile)
    if hook is None:
        return None
    found = await _stored(int(version.id))
    if found is not None:
        return found
    survey = await _survey(version, institution, profile, hook)
    row = Completeness(version=version.id, hook=profile.completeness or "", missing=survey.missing,
                       counts=survey.to_json(), reasons={}, updated_at=clock.now())
    try:
        await row.save().run()
    except Exception as exc:  # surveyed at the same moment by a second request: theirs is as good
        if "unique" not in str(exc).lower() and type(exc).__name__ not in ("UniqueViolationError", "IntegrityError"):
            raise
    stored = await _stored(int(version.id))
    if stored is None:  # pragma: no cover - the row was just written
        raise RuntimeError(f"completeness of version {version.id} not stored")
    return stored


async def _stored(version_id: int) -> Step | None:
    row = await Completeness.select(Completeness.missing, Completeness.counts, Completeness.reasons).where(
        Completeness.version == version_id).first().run()
    if row is None:
        return None
    missing = row["missing"]
    if isinstance(missing, str):
        import json  # noqa: PLC0415 - SQLite may hand JSON back as text

        missing = json.loads(missing or "[]")
    return Step(version_id=version_id, missing=[dict(item) for item in missing or []],
                counts=as_dict(row["counts"]),
                reasons={str(k): dict(v) for k, v in as_dict(row["reasons"]).items() if isinstance(v, Mapping)})


async def _survey(version: Version, institution: Institution, profile: Profile, hook: CompletenessHook) -> Survey:
    from rosterdesk.platform.reference.services import current_reference  # noqa: PLC0415 - web-side service

    runtime = current()
    reference = await current_reference(runtime.settings.app.data_dir)
    if not runtime.store.exists(version.file_id):
        return Survey(checked=False)
    code = str(institution.brin or "")
    return await anyio.to_thread.run_sync(_survey_file, runtime, version, profile, hook, reference, code)


def _survey_file(runtime: Runtime, version: Version, profile: Profile, hook: CompletenessHook,  # noqa: PLR0917
                 reference: Reference | None, code: str) -> Survey:
    """The version's records in a private temporary folder, surveyed, then the folder is gone."""
    runtime.store.root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="survey-", dir=runtime.store.root))
    try:
        options = {str(k): str(v) for k, v in as_dict(version.options).items()}
        request = Request(profile=profile, institution=code or None, reference=reference, options=options,
                          filename=str(version.original_name), limits=runtime.limits)
        target = folder / "records.jsonl.gz"
        try:
            validate_file(runtime.store.path(str(version.file_id)), request, records_to=target)
        except RosterdeskError:
            log.warning("version %s: records for step 5 could not be made", version.id)
            return Survey(checked=False)
        if not target.is_file():
            return Survey(checked=False)
        return hook.survey(read_records(target), reference, code)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- the reasons -------------------------------------------------------------------------------------------------


def read_reasons(step: Step, form: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """The reasons in step 5's form: ``reason_<code>`` and ``other_<code>`` per missing programme."""
    chosen: dict[str, dict[str, str]] = {}
    for item in step.missing:
        code = item["code"]
        reason = str(form.get(f"reason_{code}") or "").strip()
        other = " ".join(str(form.get(f"other_{code}") or "").split())[:OTHER_LIMIT]
        chosen[code] = {"reason": reason if reason in REASONS else "", "text": other if reason == "other" else ""}
    return chosen


async def accept(version: Version, institution: Institution, form: Mapping[str, Any], user: User) -> None:
    """Step 5's form before "Ja, bevestigen": store the reasons, or raise ``ReasonsMissing`` saying
    where one is missing (nothing is stored then). A version that is no longer ``valid`` is left
    alone: the confirmation itself says why it cannot go on."""
    step = await step_of(version, institution)
    if step is None or version.state != "valid":
        return
    chosen = read_reasons(step, form)
    errors = {code: problem for code, value in chosen.items() if (problem := _problem(value)) is not None}
    if errors:
        raise ReasonsMissing(errors, chosen)
    if chosen != step.reasons:
        await Completeness.update({Completeness.reasons: chosen, Completeness.updated_at: clock.now()}).where(
            Completeness.version == version.id).run()
        if chosen:
            await record(user, "upload.reasons-given", int(institution.id), target=f"version:{version.id}",
                         details={"profile": version.profile, "number": version.number,
                                  "reasons": {code: value["reason"] for code, value in chosen.items()}})


async def require_reasons(version: Version) -> None:
    """The server's last word before a confirmation: every missing group has a complete reason.

    Only a ``valid`` version is surveyed; any other is left to the confirmation's state check.
    """
    profile = get_profile(str(version.profile))
    if hook_of(profile) is None or version.state != "valid":
        return
    institution = await Institution.objects().get(Institution.id == _institution_id(version))
    if institution is None:  # pragma: no cover - the version's institution cascades
        return
    step = await step_of(version, institution)
    if step is None:
        return
    lacking = step.without_reason()
    if lacking:
        raise ReasonsMissing({code: _problem(step.reasons.get(code)) or "" for code in lacking}, step.reasons)


def _institution_id(version: Version) -> int:
    value = version.institution
    return int(value.id if isinstance(value, Institution) else value)


# -- what the pages show -----------------------------------------------------------------------------------------


def reason_text(chosen: Mapping[str, str], lang: str) -> str:
    """A stored reason in words (``other`` with its text)."""
    reason = chosen.get("reason", "")
    if reason not in REASONS:
        return ""
    words = translate(f"reason.{reason}", lang)
    return f"{words}: {chosen.get('text', '')}" if reason == "other" else words


def step_view(step: Step, lang: str, errors: Mapping[str, str] | None = None,
              values: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, Any]:
    """Step 5's table: per missing programme its code, name, the chosen reason and any message."""
    chosen_all = values if values is not None else step.reasons
    rows = []
    for item in step.missing:
        code = item["code"]
        chosen = chosen_all.get(code) or {}
        problem = (errors or {}).get(code)
        rows.append({"code": code, "name": item.get("name", ""), "level": item.get("level", ""),
                     "reason": chosen.get("reason", ""), "text": chosen.get("text", ""),
                     "error": translate(problem, lang) if problem else "",
                     "reason_text": reason_text(chosen, lang)})
    return {"rows": rows, "checked": step.checked, "reasons": [(key, translate(f"reason.{key}", lang))
                                                               for key in REASONS],
            "error_count": len(errors or {})}


async def reasons_of(version_ids: list[int], lang: str) -> dict[int, list[str]]:
    """For the history: version id -> its missing programmes with their reasons, in words."""
    if not version_ids:
        return {}
    rows = await Completeness.select(Completeness.version, Completeness.missing, Completeness.reasons).where(
        Completeness.version.is_in(version_ids)).run()
    result: dict[int, list[str]] = {}
    for row in rows:
        step = Step(version_id=int(row["version"]), missing=_list(row["missing"]), counts={},
                    reasons={str(k): dict(v) for k, v in as_dict(row["reasons"]).items() if isinstance(v, Mapping)})
        lines = [f"{item['code']} {item.get('name', '')}: {reason_text(step.reasons[item['code']], lang)}"
                 for item in step.missing if item["code"] in step.reasons and step.reasons[item["code"]].get("reason")]
        if lines:
            result[step.version_id] = lines
    return result


def _list(value: Any) -> list[dict[str, str]]:
    if isinstance(value, str):
        import json  # noqa: PLC0415 - SQLite may hand JSON back as text

        value = json.loads(value or "[]")
    return [dict(item) for item in value or [] if isinstance(item, Mapping)]


TOTAL = "total"


def counts_view(counts: Mapping[str, Any], lang: str) -> dict[str, Any] | None:
    """Students per programme and per programme and location, every group under five as "< 5".

    The cells form a tree of sums (total = the programmes; a programme = its locations), so
    ``small_counts`` can hide the cells that would let a small group be worked out by
    subtracting one view from the other (SECURITY.md A14). None when there is nothing to show.
    """
    groups = {str(k): int(v) for k, v in as_dict(counts.get("groups")).items()}
    if not groups:
        return None
    parts = {str(k): int(v) for k, v in as_dict(counts.get("parts")).items()}
    names = {str(k): str(v) for k, v in as_dict(counts.get("names")).items()}
    part_names = {str(k): str(v) for k, v in as_dict(counts.get("part_names")).items()}
    cells: dict[Hashable, int] = {TOTAL: sum(groups.values()), **{f"g:{code}": n for code, n in groups.items()}}
    by_group: dict[str, list[str]] = {code: [] for code in groups}
    for key, n in parts.items():
        code, _, part = key.partition("/")
        if code in by_group:
            cells[f"p:{key}"] = n
            by_group[code].append(part)
    sums = [Sum(TOTAL, tuple(f"g:{code}" for code in groups))]
    sums += [Sum(f"g:{code}", tuple(f"p:{code}/{part}" for part in found)) for code, found in by_group.items()
             if found]
    text = shown(cells, sums, complement="•")
    rows = []
    for code in groups:
        rows.append({"code": code, "name": names.get(code, ""), "count": text[f"g:{code}"],
                     "parts": [{"part": part, "name": part_names.get(part, ""), "count": text[f"p:{code}/{part}"]}
                               for part in sorted(by_group[code])]})
    return {"rows": rows, "total": text[TOTAL], "complement": "•" in text.values(),
            "lang": lang}


async def counts_of(version: Version, lang: str) -> dict[str, Any] | None:
    """The counts view of a version's stored step (None when it has none: no completeness step)."""
    row = await Completeness.select(Completeness.counts).where(Completeness.version == version.id).first().run()
    return counts_view(as_dict(row["counts"]), lang) if row is not None else None
