"""Value kinds: how one cell is read, normalised and judged.

A kind turns a raw cell value (``str``, ``int``, ``float``, ``bool``, ``date``, ``datetime``) into a
normalised value and a tuple of problems. Kinds are frozen, do no I/O and keep no state, so the
engine can memoise their result per distinct cell value: a column of 100,000 ``J``/``N`` cells costs
two real checks. Dutch identifiers come from python-stdnum; e-mail syntax follows email-validator,
with a strict fast path that only accepts what email-validator accepts too.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, ClassVar

from email_validator import SPECIAL_USE_DOMAIN_NAMES as _SPECIAL_USE_DOMAINS
from email_validator import EmailNotValidError, validate_email
from stdnum import exceptions as stdnum_exceptions
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import onderwijsnummer as stdnum_onderwijsnummer
from stdnum.nl import postcode as stdnum_postcode

from rosterdesk.importers.issues import Severity

Problem = tuple[str, Severity, dict[str, Any]]
CellResult = tuple[Any, tuple[Problem, ...]]

OK: tuple[Problem, ...] = ()

# C0/C1 controls (tab and newline excepted in free text), bidi controls, zero-width characters.
_C1_BIDI_ZERO_WIDTH = "\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f{_C1_BIDI_ZERO_WIDTH}]")
_STRICT_CONTROL = re.compile(f"[\x00-\x1f{_C1_BIDI_ZERO_WIDTH}]")

# The engine's fast path (``Kind.all_plain``) joins a column's distinct values with a separator
# and judges them all with one regular-expression pass instead of one call per value. The
# separator is NUL, itself a control character: the joined patterns leave it out, and counting
# it proves that no value holds one.
_SEPARATOR = "\x00"
_JOINED_CONTROL = re.compile(f"[\x01-\x08\x0b-\x1f{_C1_BIDI_ZERO_WIDTH}]")
_JOINED_STRICT_CONTROL = re.compile(f"[\x01-\x1f{_C1_BIDI_ZERO_WIDTH}]")


def cell_text(raw: Any) -> str:
    """The text of a raw cell value as the user would see it in Excel.

    Integral numbers lose their ``.0`` (``200001.0`` -> ``200001``); dates without a time print as
    ISO dates; strings are NFC-normalised once and stripped of surrounding spaces.
    """
    if isinstance(raw, str):
        text = raw if raw.isascii() else unicodedata.normalize("NFC", raw)
        return text.strip()
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, dt.datetime):
        if raw.time() == dt.time(0, 0):
            return raw.date().isoformat()
        return raw.isoformat(sep=" ")
    if isinstance(raw, dt.date | dt.time):
        return raw.isoformat()
    return str(raw).strip()


def is_blank(raw: Any) -> bool:
    """An empty cell: nothing, or only spaces."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _control_problem(text: str, strict: bool) -> Problem | None:
    match = (_STRICT_CONTROL if strict else _CONTROL).search(text)
    if match is None:
        return None
    char = match.group()
    return ("invalid-character", "error", {"character": f"U+{ord(char):04X}"})


def _joined(values: Collection[Any]) -> str | None:
    """``values`` joined by ``_SEPARATOR``, or None when one of them is not a ``str`` or holds the separator."""
    try:
        joined = _SEPARATOR.join(values)
    except TypeError:  # a number, a date, None: not plain text
        return None
    return joined if joined.count(_SEPARATOR) == len(values) - 1 else None


def plain_texts(values: Collection[Any], strict: bool) -> bool:
    """True when every one of ``values`` is a ``str`` that ``Kind.check`` passes through unchanged
    as far as the characters go: ``cell_text`` returns it as it is (NFC, no surrounding spaces)
    and the control check finds nothing. Blank values are the column's business, not tested here.

    Joining first turns a call per value into a few C-speed passes over one string. NUL is a
    starter that composes with nothing, so the joined text is NFC exactly when every value is.
    """
    joined = _joined(values)
    return (
        joined is not None
        and (joined.isascii() or unicodedata.is_normalized("NFC", joined))
        and (_JOINED_STRICT_CONTROL if strict else _JOINED_CONTROL).search(joined) is None
        # No value loses a character to strip(), which returns the same string when there is
        # nothing to strip; the total length before is that of the joined text less its separators.
        and sum(map(len, map(str.strip, values))) == len(joined) - len(values) + 1
    )


def _is_number(raw: Any) -> bool:
    return isinstance(raw, int | float) and not isinstance(raw, bool)


@dataclass(frozen=True)
class Kind:
    """Base class: free text. Subclasses override ``parse`` on the cleaned text."""

    code: ClassVar[str] = "text"
    strict_characters: ClassVar[bool] = False

    def check(self, raw: Any) -> CellResult:
        """Judge one non-blank raw value."""
        text = cell_text(raw)
        problem = _control_problem(text, self.strict_characters)
        if problem is not None:
            return None, (problem,)
        return self.parse(text, raw)

    def parse(self, text: str, raw: Any) -> CellResult:
        return text, OK

    def all_plain(self, values: Collection[Any]) -> bool:
        """True only when ``check(raw) == (raw, OK)`` for every one of ``values`` (non-blank).

        A cheap test over a whole batch, for the engine's fast path; False means "judge them one
        by one", never "invalid". Kinds that normalise or convert their values keep this default.
        """
        return False

    @property
    def choices(self) -> tuple[str, ...]:
        """Fixed values, for dropdowns in templates and selects in forms; empty when free."""
        return ()

    def describe(self, lang: str) -> str:
        """What a valid value looks like, for the template's explanation sheet."""
        return "vrije tekst" if lang == "nl" else "free text"


@dataclass(frozen=True)
class Text(Kind):
    """Free text, optionally with a pattern (e.g. initials with dots)."""

    pattern: str | None = None
    hint_nl: str = ""
    hint_en: str = ""
    _compiled: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.pattern is not None:
            object.__setattr__(self, "_compiled", re.compile(self.pattern))

    def parse(self, text: str, raw: Any) -> CellResult:
        if self._compiled is not None and not self._compiled.fullmatch(text):
            return None, (("invalid-format", "error", {"hint_nl": self.hint_nl, "hint_en": self.hint_en}),)
        return text, OK

    def all_plain(self, values: Collection[Any]) -> bool:
        return self._compiled is None and plain_texts(values, self.strict_characters)

    def describe(self, lang: str) -> str:
        if self.pattern is not None:
            return self.hint_nl if lang == "nl" else self.hint_en
        return super().describe(lang)


@dataclass(frozen=True)
class Digits(Kind):
    """A code of digits only (leerlingnummer, opleidingscode, BRIN-volgnummer).

    With ``length``, a number cell with fewer digits is padded with leading zeros and gets a
    warning: Excel drops them when the column is not formatted as text (``1`` for ``01``).
    """

    code: ClassVar[str] = "digits"
    strict_characters: ClassVar[bool] = True
    length: int | None = None
    max_length: int | None = None

    def parse(self, text: str, raw: Any) -> CellResult:
        problems: tuple[Problem, ...] = OK
        if self.length and _is_number(raw) and text.isdigit() and len(text) < self.length:
            original = text
            text = text.zfill(self.length)
            problems = (("leading-zeros-restored", "warning", {"original": original, "padded": text}),)
        if not text.isdigit() or not text.isascii() or (self.length and len(text) != self.length) or (
            self.max_length and len(text) > self.max_length
        ):
            return None, (("invalid-digits", "error", self._length_params()),)
        return text, problems

    def _length_params(self) -> dict[str, Any]:
        if self.length:
            return {"length_nl": f"precies {self.length} cijfers", "length_en": f"exactly {self.length} digits"}
        if self.max_length:
            return {"length_nl": f"alleen cijfers (hoogstens {self.max_length})",
                    "length_en": f"digits only (at most {self.max_length})"}
        return {"length_nl": "alleen cijfers", "length_en": "digits only"}

    def describe(self, lang: str) -> str:
        params = self._length_params()
        return str(params["length_nl"] if lang == "nl" else params["length_en"])


@dataclass(frozen=True)
class Integer(Kind):
    """A whole number within a range (leerjaar 1-6, prognose 0-100)."""

    code: ClassVar[str] = "integer"
    strict_characters: ClassVar[bool] = True
    minimum: int | None = None
    maximum: int | None = None

    def parse(self, text: str, raw: Any) -> CellResult:
        if _is_number(raw) and float(raw).is_integer():
            number = int(raw)
        elif re.fullmatch(r"[+-]?[0-9]{1,9}", text):
            number = int(text)
        else:
            return None, (("invalid-number", "error", {}),)
        if (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            return None, (("out-of-range", "error", {"minimum": self.minimum, "maximum": self.maximum}),)
        return number, OK

    @property
    def choices(self) -> tuple[str, ...]:
        if self.minimum is not None and self.maximum is not None and self.maximum - self.minimum <= 20:
            return tuple(str(n) for n in range(self.minimum, self.maximum + 1))
        return ()

    def describe(self, lang: str) -> str:
        if lang == "nl":
            return f"geheel getal van {self.minimum} tot en met {self.maximum}"
        return f"whole number from {self.minimum} to {self.maximum}"


def _suggest(text: str, choices: tuple[str, ...]) -> str | None:
    folded = {choice.casefold(): choice for choice in choices}
    if text.casefold() in folded:
        return folded[text.casefold()]
    close = difflib.get_close_matches(text.upper(), [c.upper() for c in choices], n=1, cutoff=0.75)
    if close:
        return next(c for c in choices if c.upper() == close[0])
    return None


@dataclass(frozen=True)
class Choice(Kind):
    """One of a fixed list of values, spelled exactly (a near miss gets a suggestion)."""

    code: ClassVar[str] = "choice"
    strict_characters: ClassVar[bool] = True
    values: tuple[str, ...] = ()

    def parse(self, text: str, raw: Any) -> CellResult:
        if text in self.values:
            return text, OK
        suggestion = _suggest(text, self.values)
        params: dict[str, Any] = {"choices": ", ".join(self.values), "suggestion_nl": "", "suggestion_en": ""}
        if suggestion:
            params["suggestion_nl"] = f" Bedoelt u '{suggestion}'?"
            params["suggestion_en"] = f" Did you mean '{suggestion}'?"
        return None, (("invalid-choice", "error", params),)

    @property
    def choices(self) -> tuple[str, ...]:
        return self.values

    def describe(self, lang: str) -> str:
        return ("een van: " if lang == "nl" else "one of: ") + ", ".join(self.values)


@dataclass(frozen=True)
class YesNo(Kind):
    """``J`` or ``N``; a profile may also accept ja/nee, Y/N or 1/0 (normalised to J/N)."""

    code: ClassVar[str] = "yes-no"
    strict_characters: ClassVar[bool] = True
    extra_yes: tuple[str, ...] = ()
    extra_no: tuple[str, ...] = ()

    def parse(self, text: str, raw: Any) -> CellResult:
        if text == "J" or text in self.extra_yes:
            return "J", OK
        if text == "N" or text in self.extra_no:
            return "N", OK
        return None, (("invalid-yes-no", "error", {"choices": " of ".join(self.choices)}),)

    @property
    def choices(self) -> tuple[str, ...]:
        return ("J", "N")

    def describe(self, lang: str) -> str:
        return "J (ja) of N (nee)" if lang == "nl" else "J (yes) or N (no)"


# The fast path accepts plain ASCII addresses that email-validator also accepts (a hypothesis
# test holds the two together); everything else goes to email-validator for the verdict.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
# No '--' in the third and fourth place: email-validator refuses such labels unless they are valid
# Punycode ('xn--'), which only email-validator can judge.
_LABEL = r"(?![A-Za-z0-9]{2}--)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_SPECIAL_TLDS = "|".join(sorted(d for d in _SPECIAL_USE_DOMAINS if "." not in d))


def _fast_email(end: str) -> str:
    """The fast path's address pattern; ``end`` is what follows an address (end of text or separator)."""
    return rf"(?=[^@\x00]{{1,64}}@){_ATEXT}(?:\.{_ATEXT})*@(?:{_LABEL}\.)+(?!(?i:{_SPECIAL_TLDS}){end})[A-Za-z]{{2,63}}"


_FAST_EMAIL = re.compile(_fast_email("$"))
# Many addresses at once, each followed by the separator: every address must be at most 254
# characters and match on its own (the atomic group never lets one address borrow from the next).
_JOINED_END = r"\x00"
_FAST_EMAILS = re.compile(rf"(?>(?=[^\x00]{{1,254}}\x00){_fast_email(_JOINED_END)}\x00)+")


def _email_reason(text: str) -> tuple[str, str]:
    if "@" not in text:
        return "er staat geen @ in", "it has no @"
    if text.count("@") > 1:
        return "er staat meer dan één @ in", "it has more than one @"
    local, domain = text.split("@")
    if not local:
        return "er staat niets vóór de @", "there is nothing before the @"
    if " " in text:
        return "er staat een spatie in", "it contains a space"
    if "." not in domain:
        return "na de @ ontbreekt een punt (bijv. school.nl)", "the part after the @ lacks a dot (e.g. school.nl)"
    if domain.endswith(".") or domain.startswith(".") or ".." in text or local.endswith(".") or local.startswith("."):
        return "er staat een punt op een verkeerde plaats", "a dot is in the wrong place"
    return "het adres is niet volgens de regels opgebouwd", "the address is not built by the rules"


@dataclass(frozen=True)
class Email(Kind):
    """An e-mail address, judged by email-validator's syntax rules without DNS."""

    code: ClassVar[str] = "email"
    strict_characters: ClassVar[bool] = True

    def check(self, raw: Any) -> CellResult:
        # Fast path: a plain ASCII address needs no cleaning (the pattern admits no spaces or
        # control characters) and no call into email-validator.
        if raw.__class__ is str and len(raw) <= 254 and _FAST_EMAIL.fullmatch(raw):
            return raw, OK
        return super().check(raw)

    def all_plain(self, values: Collection[Any]) -> bool:
        # The joined form of ``check``'s fast path: plain ASCII addresses, one regex pass.
        joined = _joined(values)
        return joined is not None and _FAST_EMAILS.fullmatch(joined + _SEPARATOR) is not None

    def parse(self, text: str, raw: Any) -> CellResult:
        if len(text) <= 254 and _FAST_EMAIL.fullmatch(text):
            return text, OK
        try:
            validate_email(text, check_deliverability=False, allow_smtputf8=True)
        except EmailNotValidError:
            reason_nl, reason_en = _email_reason(text)
            return None, (("invalid-email", "error", {"reason_nl": reason_nl, "reason_en": reason_en}),)
        return text, OK

    def describe(self, lang: str) -> str:
        return "geldig e-mailadres, bijv. naam@school.nl" if lang == "nl" else "valid e-mail, e.g. name@school.nl"


_DATE_NL = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Date(Kind):
    """A real date: an Excel date cell, an Excel serial number, ``DD-MM-YYYY`` or ``YYYY-MM-DD``.

    With ``min_age``/``max_age`` the date is a date of birth checked against the run's reference
    day (``today``, handed in by the engine so results are reproducible).
    """

    code: ClassVar[str] = "date"
    strict_characters: ClassVar[bool] = True
    min_age: int | None = None
    max_age: int | None = None

    def parse(self, text: str, raw: Any) -> CellResult:
        value = self.to_date(raw, text)
        if value is None:
            return None, (("invalid-date", "error", {}),)
        return value, OK

    @staticmethod
    def to_date(raw: Any, text: str) -> dt.date | None:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if _is_number(raw) and float(raw).is_integer() and 1 <= raw <= 2958465:
            return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
        for pattern, order in ((_DATE_NL, (2, 1, 0)), (_DATE_ISO, (0, 1, 2))):
            match = pattern.fullmatch(text)
            if match:
                parts = [int(g) for g in match.groups()]
                try:
                    return dt.date(parts[order[0]], parts[order[1]], parts[order[2]])
                except ValueError:
                    return None
        return None

    def age_problem(self, value: dt.date, today: dt.date) -> Problem | None:
        if self.min_age is None and self.max_age is None:
            return None
        age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
        if (self.min_age is not None and age < self.min_age) or (self.max_age is not None and age > self.max_age):
            return ("age-out-of-range", "error", {"age": age, "minimum": self.min_age, "maximum": self.max_age})
        return None

    def describe(self, lang: str) -> str:
        return "datum, bijv. 31-12-2010" if lang == "nl" else "date, e.g. 31-12-2010"


def _stdnum_reason(exc: Exception) -> tuple[str, str]:
    if isinstance(exc, stdnum_exceptions.InvalidLength):
        return "verkeerd aantal cijfers", "wrong number of digits"
    if isinstance(exc, stdnum_exceptions.InvalidChecksum):
        return "voldoet niet aan de elfproef", "fails the 11-test"
    if isinstance(exc, stdnum_exceptions.InvalidComponent):
        return "begint niet met 10", "does not start with 10"
    return "bevat andere tekens dan cijfers", "contains characters other than digits"


_BSN_SEPARATORS = re.compile(r"[ .-]")


@dataclass(frozen=True)
class Bsn(Kind):
    """Burgerservicenummer: 9 digits passing the 11-test (python-stdnum ``nl.bsn``).

    A number cell of 8 digits lost its leading zero in Excel: it is padded, with a warning. Text
    must have all 9 digits (python-stdnum would pad any short text silently, making '103' the
    valid BSN 000000103); spaces, dots and dashes between the digits are allowed.
    """

    code: ClassVar[str] = "bsn"
    strict_characters: ClassVar[bool] = True
    issue_type: ClassVar[str] = "invalid-bsn"
    pads: ClassVar[bool] = True

    def parse(self, text: str, raw: Any) -> CellResult:
        problems: tuple[Problem, ...] = OK
        if _is_number(raw):
            if self.pads and text.isdigit() and len(text) == 8:
                problems = (("leading-zeros-restored", "warning",
                             {"original": mask_digits(text), "padded": mask_digits("0" + text)}),)
                text = "0" + text
        else:
            text = _BSN_SEPARATORS.sub("", text)
        if not (text.isdigit() and text.isascii()):
            reason = ("bevat andere tekens dan cijfers", "contains characters other than digits")
        elif len(text) != 9:
            reason = ("verkeerd aantal cijfers", "wrong number of digits")
        else:
            try:
                return self._validate(text), problems
            except stdnum_exceptions.ValidationError as exc:
                reason = self._reason(exc)
        return None, (*problems, (self.issue_type, "error", {"reason_nl": reason[0], "reason_en": reason[1]}))

    def _validate(self, text: str) -> str:
        return str(stdnum_bsn.validate(text))

    def _reason(self, exc: Exception) -> tuple[str, str]:
        return _stdnum_reason(exc)

    def describe(self, lang: str) -> str:
        return "9 cijfers, elfproef" if lang == "nl" else "9 digits, 11-test"


@dataclass(frozen=True)
class Onderwijsnummer(Bsn):
    """Onderwijsnummer: 9 digits starting with 10, 11-test variant (python-stdnum ``nl.onderwijsnummer``).

    It never starts with a zero, so a short number is not padded.
    """

    code: ClassVar[str] = "onderwijsnummer"
    issue_type: ClassVar[str] = "invalid-onderwijsnummer"
    pads: ClassVar[bool] = False

    def _validate(self, text: str) -> str:
        return str(stdnum_onderwijsnummer.validate(text))

    def _reason(self, exc: Exception) -> tuple[str, str]:
        # python-stdnum reports a wrong prefix as a format error.
        if isinstance(exc, stdnum_exceptions.InvalidFormat):
            return "begint niet met 10", "does not start with 10"
        return _stdnum_reason(exc)

    def describe(self, lang: str) -> str:
        return "9 cijfers, begint met 10" if lang == "nl" else "9 digits, starting with 10"


_BRIN = re.compile(r"[0-9]{2}[A-Z]{2}")


@dataclass(frozen=True)
class Brin(Kind):
    """A four-character BRIN/OIE code: two digits and two capital letters (``21PL``).

    python-stdnum's ``nl.brin`` also accepts lower case and a six-character location code; the
    profiles ask for exactly the institution code, so the stricter pattern is applied.
    """

    code: ClassVar[str] = "brin"
    strict_characters: ClassVar[bool] = True

    def parse(self, text: str, raw: Any) -> CellResult:
        if _BRIN.fullmatch(text):
            return text, OK
        return None, (("invalid-brin", "error", {}),)

    def describe(self, lang: str) -> str:
        return "2 cijfers en 2 hoofdletters, bijv. 21PL" if lang == "nl" else "2 digits and 2 capitals, e.g. 21PL"


@dataclass(frozen=True)
class Postcode(Kind):
    """A Dutch postcode (python-stdnum ``nl.postcode``), normalised to ``1234 AB``."""

    code: ClassVar[str] = "postcode"
    strict_characters: ClassVar[bool] = True

    def parse(self, text: str, raw: Any) -> CellResult:
        try:
            return str(stdnum_postcode.validate(text)), OK
        except stdnum_exceptions.ValidationError:
            return None, (("invalid-postcode", "error", {}),)

    def describe(self, lang: str) -> str:
        return "postcode, bijv. 1081 HV" if lang == "nl" else "postcode, e.g. 1081 HV"


def mask_digits(text: str) -> str:
    """Mask an identifier so only its last four characters show: ``*****1234``."""
    if len(text) <= 4:
        return "*" * len(text)
    return "*" * (len(text) - 4) + text[-4:]


def mask_email(text: str) -> str:
    """Mask an e-mail address, keeping its first character and domain: ``j***@school.nl``."""
    local, at, domain = text.partition("@")
    if not at:
        return mask_digits(text)
    return (local[:1] + "***@" + domain) if local else "***@" + domain
