"""School type from the membership, the submitter's details, and submission links (seed 003, docs/submission-links.md).

- ``fixed_options``: a profile option ``school_type`` is filled from the uploader's membership (VO or
  MBO beheerder), or from the institution's kind when the membership has none; the form cannot
  change it (A11).
- ``parse_details`` / ``save_details``: instantie, name, e-mail and remark asked when a list goes to
  the helpdesk; stored per version (``Submission``) for the review queue, with the language the page
  was in (a link's visitor keeps none, and the decision mails follow it).
- Links: a long random token whose keyed hash is stored; expired, revoked and unknown tokens all
  resolve to None, so the public pages answer them alike. A link reaches only the versions made
  through it (and the public pages also only those of the visitor's own session).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from litestar.exceptions import NotFoundException

from rosterdesk.importers.profile import Profile
from rosterdesk.platform import clock
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.services import valid_email
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.auth.throttle import aware
from rosterdesk.platform.auth.tokens import keyed_hash
from rosterdesk.platform.errors import FormError
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.tenants.tables import SCHOOL_TYPES, Institution, Membership
from rosterdesk.platform.uploads.tables import Version

from .tables import Submission, SubmissionLink

TOKEN_BYTES = 32
"""256 random bits, URL-safe: 43 characters."""
MAX_DAYS = 366
DEFAULT_DAYS = 30
NAME_LIMIT = 200
REMARK_LIMIT = 2000
LANGUAGES = ("nl", "en")
"""The languages a submission's ``language`` may hold (the site's)."""


def _clean(text: str, limit: int) -> str:
    kept = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    return kept.replace("\r", "").strip()[:limit]


# -- school type ---------------------------------------------------------------------------------------------------


async def school_type_of(user: User | None, institution: Institution) -> str | None:
    """VO or MBO: the member's school type, else the institution's kind when that is VO or MBO, else None."""
    if user is not None:
        row = await Membership.select(Membership.school_type).where(
            (Membership.user == user.id) & (Membership.institution == institution.id)).first().run()
        if row and row["school_type"] in SCHOOL_TYPES:
            return str(row["school_type"])
    kind = str(institution.kind or "")
    return kind if kind in SCHOOL_TYPES else None


async def fixed_options(user: User | None, institution: Institution, profile: Profile) -> dict[str, str]:
    """The options the page shows as fixed text and the server fills in, whatever the form says."""
    option = profile.option("school_type")
    if option is None or user is None:
        return {}
    school_type = await school_type_of(user, institution)
    return {"school_type": school_type} if school_type in option.choices else {}


# -- the submitter's details -----------------------------------------------------------------------------------------


def instantie_choices(institution: Institution) -> list[str]:
    """The institution, and each of its locations (seed 003: "Selecteer de instantie")."""
    name = str(institution.name)
    return [name, *(f"{name} ({code})" for code in institution.location_codes())]


@dataclass
class Details:
    """What the submit form asked, as typed (cleaned), and which fields were wrong (field -> text key)."""

    instantie: str = ""
    name: str = ""
    email: str = ""
    remark: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    def values(self) -> dict[str, str]:
        return {"instantie": self.instantie, "name": self.name, "email": self.email, "remark": self.remark}


def parse_details(form: Mapping[str, Any], institution: Institution, user: User | None = None) -> Details:
    """Instantie (one of the choices), name and e-mail required, remark optional; ``errors`` says what is wrong.

    For a logged-in uploader (``user``) an empty field is what the form was prefilled with: the
    institution, the account's name and address. A link's visitor must fill in all three.
    """
    defaults = ({"instantie": str(institution.name), "submitter_name": str(user.name or user.email),
                 "submitter_email": str(user.email)} if user is not None else {})

    def get(key: str) -> str:
        value = form.get(key)
        value = value.strip() if isinstance(value, str) else ""
        return value or defaults.get(key, "")

    details = Details(instantie=_clean(get("instantie"), NAME_LIMIT), name=_clean(get("submitter_name"), NAME_LIMIT),
                      email=_clean(get("submitter_email"), 254), remark=_clean(get("remark"), REMARK_LIMIT))
    if details.instantie not in instantie_choices(institution):
        details.errors["instantie"] = "submission.instantie-required"
    if not details.name:
        details.errors["name"] = "submission.name-required"
    try:
        details.email = valid_email(details.email)
    except FormError:
        details.errors["email"] = "submission.email-required"
    return details


async def save_details(version_id: int, details: Details, *, link_id: int | None = None, language: str = "") -> None:
    """The details of a submitted version (one row per version; a link's row exists since the upload).

    ``language`` is the page's language at submitting (nl or en, else stored empty): a link's visitor has
    no account to keep it, and the helpdesk's decision mail is sent later (``review.services``).
    """
    language = language if language in LANGUAGES else ""
    values: dict[Any, Any] = {Submission.instantie: details.instantie, Submission.name: details.name,
              Submission.email: details.email, Submission.remark: details.remark,
              Submission.submitted_at: clock.now(), Submission.language: language}
    found = await Submission.select(Submission.id).where(Submission.version == version_id).first().run()
    if found:
        await Submission.update(values).where(Submission.id == found["id"]).run()
        return
    await Submission.insert(Submission(version=version_id, link=link_id, instantie=details.instantie,
                                       name=details.name, email=details.email, remark=details.remark,
                                       submitted_at=clock.now(), language=language)).run()


async def details_of(version_id: int) -> dict[str, Any] | None:
    """The submitter's details of a version for the review pages, or None when nothing was asked."""
    row: dict[str, Any] | None = await Submission.select(
        Submission.instantie, Submission.name, Submission.email, Submission.remark, Submission.submitted_at,
        Submission.link.id.as_alias("link_id"), Submission.link.label.as_alias("link_label"),
    ).where(Submission.version == version_id).first().run()
    if row is None or row["submitted_at"] is None:
        return None
    return row


# -- links ---------------------------------------------------------------------------------------------------------


def hash_token(settings: Settings, token: str) -> str:
    return keyed_hash(settings.secret(), f"submission-link:{token}")


@dataclass(frozen=True)
class LinkRow:
    """One line of the admin's list of links."""

    id: int
    profile: str
    label: str
    created_at: datetime
    created_by: str
    expires_at: datetime
    revoked_at: datetime | None
    uses: int

    @property
    def active(self) -> bool:
        return self.revoked_at is None and (aware(self.expires_at) or clock.now()) > clock.now()


def link_profiles(institution: Institution, profiles: Mapping[str, Profile]) -> list[Profile]:
    """The institution's review profiles: a link always submits to the helpdesk."""
    return [profiles[slug] for slug in institution.profile_slugs() if slug in profiles and profiles[slug].review]


async def create_link(settings: Settings, actor: User, institution: Institution, profile: Profile, *,
                      days_text: str, label: str) -> tuple[SubmissionLink, str]:
    """A new link; the token is returned once and only its hash is kept."""
    days_text = days_text.strip()
    if not days_text.isdigit() or not 1 <= int(days_text) <= MAX_DAYS:
        raise FormError("links.days-invalid", "days", max=MAX_DAYS)
    if not profile.review or profile.slug not in institution.profile_slugs():
        raise FormError("links.profile-invalid", "profile")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = clock.now()
    link = SubmissionLink(institution=institution.id, profile=profile.slug, token_hash=hash_token(settings, token),
                          label=_clean(label, NAME_LIMIT), expires_at=now + timedelta(days=int(days_text)),
                          created_by=actor.id, created_at=now)
    await link.save().run()
    await record(actor, "submission-link.created", int(institution.id), target=f"submission-link:{link.id}",
                 details={"profile": profile.slug, "days": int(days_text), "label": link.label})
    return link, token


async def links_of(institution: Institution) -> list[LinkRow]:
    rows = await SubmissionLink.select(
        SubmissionLink.id, SubmissionLink.profile, SubmissionLink.label, SubmissionLink.created_at,
        SubmissionLink.created_by.email.as_alias("created_by_email"), SubmissionLink.expires_at,
        SubmissionLink.revoked_at, SubmissionLink.uses,
    ).where(SubmissionLink.institution == institution.id).order_by(SubmissionLink.id, ascending=False).run()
    return [LinkRow(id=int(r["id"]), profile=str(r["profile"]), label=str(r["label"]), created_at=r["created_at"],
                    created_by=str(r["created_by_email"] or ""), expires_at=r["expires_at"],
                    revoked_at=r["revoked_at"], uses=int(r["uses"] or 0)) for r in rows]


async def revoke_link(actor: User, institution: Institution, link_id: int) -> None:
    """Revoke one of this institution's links; another institution's id is a 404 (A10). Twice is once."""
    link = await SubmissionLink.objects().get((SubmissionLink.id == link_id)
                                              & (SubmissionLink.institution == institution.id))
    if link is None:
        raise NotFoundException()
    if _revoked(link):
        return
    await SubmissionLink.update({SubmissionLink.revoked_at: clock.now(), SubmissionLink.revoked_by: actor.id}).where(
        SubmissionLink.id == link_id).run()
    await record(actor, "submission-link.revoked", int(institution.id), target=f"submission-link:{link_id}",
                 details={"profile": link.profile, "label": link.label})


def _revoked(link: SubmissionLink) -> bool:
    revoked: datetime | None = link.revoked_at  # Piccolo types a nullable column as not nullable
    return revoked is not None


@dataclass(frozen=True)
class OpenLink:
    """A link that may be used now, with its institution and profile."""

    link: SubmissionLink
    institution: Institution


async def resolve(settings: Settings, token: str) -> OpenLink | None:
    """The link for ``token`` if it is known, not revoked, not expired, and its institution still has the profile."""
    if not token or len(token) > 100:
        return None
    link = await SubmissionLink.objects().get(SubmissionLink.token_hash == hash_token(settings, token))
    if link is None or _revoked(link):
        return None
    expires = aware(link.expires_at)
    if expires is None or expires <= clock.now():
        return None
    institution = await Institution.objects().get(Institution.id == link.institution)
    if institution is None or not institution.active or link.profile not in institution.profile_slugs():
        return None
    return OpenLink(link=link, institution=institution)


async def bind_version(link: SubmissionLink, version_id: int) -> None:
    """A version received through ``link``: from now on only this link reaches it."""
    await Submission.insert(Submission(version=version_id, link=link.id)).run()


async def link_version(link: SubmissionLink, version_id: int) -> Version:
    """A version made through ``link``; any other id (another link's, the school's own, missing) is a 404."""
    bound = await Submission.exists().where((Submission.version == version_id) & (Submission.link == link.id)).run()
    if not bound:
        raise NotFoundException()
    version = await Version.objects().get((Version.id == version_id) & (Version.institution == link.institution)
                                          & (Version.profile == link.profile))
    if version is None:
        raise NotFoundException()
    return version


async def count_use(link: SubmissionLink, version: Version, details: Details) -> None:
    """A list went to the helpdesk through ``link``: counted and audited (the submitter as typed)."""
    await SubmissionLink.update({SubmissionLink.uses: SubmissionLink.uses + 1}).where(
        SubmissionLink.id == link.id).run()
    await record(None, "submission-link.used", int(link.institution), target=f"version:{version.id}",
                 details={"link": int(link.id), "profile": link.profile, "number": version.number},
                 actor_email=details.email)
