"""Value kinds: how one cell is read, normalised and judged (kinds.py, columns.py).

Each kind is driven through its public ``check`` (and ``Column.check`` for blank cells); the age
rule of a date of birth only exists inside the engine, so it is tested through the Intergrip
profile.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from rosterdesk.importers.columns import Column
from rosterdesk.importers.kinds import (
    Brin,
    Bsn,
    Choice,
    Date,
    Digits,
    Email,
    Integer,
    Onderwijsnummer,
    Postcode,
    Text,
    YesNo,
    cell_text,
    mask_digits,
    mask_email,
)
from tests.unit.engine_helpers import intergrip_row, intergrip_rows, run


def types(result: tuple[Any, tuple[Any, ...]]) -> list[str]:
    return [problem[0] for problem in result[1]]


def accepted(result: tuple[Any, tuple[Any, ...]]) -> Any:
    value, problems = result
    assert not [p for p in problems if p[1] == "error"], problems
    return value


# -- cell text: numbers as text, NFC, spaces ---------------------------------------------------

@pytest.mark.parametrize(("raw", "text"), [
    (200001.0, "200001"),
    (200001, "200001"),
    (3.5, "3.5"),
    ("  Jan  ", "Jan"),
    ("Jose\u0301", "José"),
    (True, "TRUE"),
    (dt.datetime(2011, 3, 14), "2011-03-14"),
    (dt.date(2011, 3, 14), "2011-03-14"),
])
def test_cell_text_shows_a_value_as_excel_does(raw: Any, text: str) -> None:
    assert cell_text(raw) == text


def test_integral_float_loses_its_point_zero_in_free_text() -> None:
    assert accepted(Text().check(200001.0)) == "200001"


def test_text_is_normalised_to_nfc_once() -> None:
    decomposed = "Rene\u0301e"
    value = accepted(Text().check(decomposed))
    assert value == "Renée"
    assert len(value) == 5


def test_free_text_keeps_tabs_and_newlines_inside() -> None:
    assert accepted(Text().check("regel 1\nregel 2")) == "regel 1\nregel 2"


# -- invisible and control characters (SECURITY F13) -------------------------------------------

INVISIBLE = ["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\u200b", "\u200d", "\u200e", "\u202e", "\u2066",
             "\u2069", "\u2060", "\ufeff", "\u061c"]

STRICT_KINDS: list[tuple[Any, str]] = [
    (Digits(length=2), "0{}1"),
    (Brin(), "21{}PL"),
    (Choice(values=("VT", "DT")), "V{}T"),
    (YesNo(), "J{}"),
    (Email(), "jan{}@example.nl"),
    (Bsn(), "11122{}2333"),
    (Onderwijsnummer(), "10122{}2331"),
    (Postcode(), "1081{}HV"),
    (Integer(minimum=1, maximum=6), "4{}"),
    (Date(), "14-03{}-2011"),
]


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(("kind", "template"), STRICT_KINDS, ids=lambda k: getattr(k, "code", None))
def test_control_zero_width_and_bidi_characters_are_rejected_in_codes_email_and_bsn(
        kind: Any, template: str, char: str) -> None:
    value, problems = kind.check(template.format(char))
    assert value is None
    assert problems == (("invalid-character", "error", {"character": f"U+{ord(char):04X}"}),)


@pytest.mark.parametrize("kind", [kind for kind, _ in STRICT_KINDS], ids=lambda k: k.code)
def test_a_tab_inside_a_code_is_rejected_too(kind: Any) -> None:
    assert types(kind.check("1\t2")) == ["invalid-character"]


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\x00", "\u061c"], ids=lambda c: f"U+{ord(c):04X}")
def test_zero_width_and_bidi_characters_are_rejected_in_free_text(char: str) -> None:
    assert types(Text().check(f"Jan{char}sen")) == ["invalid-character"]


def test_the_invalid_character_is_named_by_its_code_point() -> None:
    assert Email().check("jan\u200b@example.nl")[1][0][2] == {"character": "U+200B"}


# -- Digits: codes, and numbers that lost their leading zeros ----------------------------------

def test_code_of_fixed_length_accepts_exactly_that_many_digits() -> None:
    assert accepted(Digits(length=5).check("34479")) == "34479"
    assert types(Digits(length=5).check("3447")) == ["invalid-digits"]
    assert types(Digits(length=5).check("344790")) == ["invalid-digits"]


@pytest.mark.parametrize("raw", ["3447a", "34 479", "-3447", "34.47", "３４４７９", "٣٤٤٧٩"])
def test_code_with_anything_but_ascii_digits_is_invalid(raw: str) -> None:
    assert types(Digits(length=5).check(raw)) == ["invalid-digits"]


@pytest.mark.parametrize("raw", [1, 1.0])
def test_number_that_lost_its_leading_zero_is_padded_with_a_warning(raw: Any) -> None:
    value, problems = Digits(length=2).check(raw)
    assert value == "01"
    assert problems == (("leading-zeros-restored", "warning", {"original": "1", "padded": "01"}),)


def test_text_that_lacks_a_leading_zero_is_not_padded() -> None:
    # Only a number cell can have lost its zeros to Excel; text was typed like this.
    assert types(Digits(length=2).check("1")) == ["invalid-digits"]


def test_number_with_all_its_digits_gets_no_warning() -> None:
    assert Digits(length=5).check(34479.0) == ("34479", ())


def test_number_longer_than_the_code_is_invalid_not_cut() -> None:
    assert types(Digits(length=2).check(123)) == ["invalid-digits"]


def test_non_integral_number_in_a_code_column_is_invalid() -> None:
    assert types(Digits(length=2).check(1.5)) == ["invalid-digits"]


def test_learner_number_stored_as_float_is_read_without_point_zero() -> None:
    assert Digits(max_length=20).check(200001.0) == ("200001", ())


def test_code_with_a_maximum_length_refuses_a_longer_one() -> None:
    assert types(Digits(max_length=4).check("12345")) == ["invalid-digits"]


def test_digits_message_parameters_say_the_length_in_both_languages() -> None:
    params = Digits(length=2).check("x")[1][0][2]
    assert params == {"length_nl": "precies 2 cijfers", "length_en": "exactly 2 digits"}


# -- BSN and onderwijsnummer (python-stdnum) ----------------------------------------------------

def test_valid_bsn_is_accepted_as_text_and_as_number() -> None:
    assert Bsn().check("111222333") == ("111222333", ())
    assert Bsn().check(111222333) == ("111222333", ())
    assert Bsn().check(111222333.0) == ("111222333", ())


def test_bsn_failing_the_eleven_test_is_invalid_with_the_reason() -> None:
    value, problems = Bsn().check("123456789")
    assert value is None
    assert problems == (("invalid-bsn", "error", {"reason_nl": "voldoet niet aan de elfproef",
                                                   "reason_en": "fails the 11-test"}),)


def test_bsn_number_that_lost_its_leading_zero_is_padded_with_a_masked_warning() -> None:
    value, problems = Bsn().check(12345672)
    assert value == "012345672"
    assert problems == (("leading-zeros-restored", "warning", {"original": "****5672", "padded": "*****5672"}),)


def test_bsn_number_that_lost_its_leading_zero_and_fails_the_eleven_test_gets_both() -> None:
    assert types(Bsn().check(12345678)) == ["leading-zeros-restored", "invalid-bsn"]


def test_bsn_typed_as_text_with_eight_digits_is_not_padded_silently() -> None:
    # python-stdnum would pad '12345672' to a valid 012345672; typed text was not changed by Excel.
    value, problems = Bsn().check("12345672")
    assert value is None
    assert problems[0][0] == "invalid-bsn"
    assert problems[0][2]["reason_en"] == "wrong number of digits"


@pytest.mark.parametrize("raw", ["103", 103, "1234572", 1234572])
def test_short_number_is_not_a_bsn_even_when_zero_padding_would_pass_the_eleven_test(raw: Any) -> None:
    assert types(Bsn().check(raw))[-1] == "invalid-bsn"
    assert Bsn().check(raw)[0] is None


def test_bsn_with_the_usual_separators_is_normalised() -> None:
    assert Bsn().check("111 222 333") == ("111222333", ())
    assert Bsn().check("111-222-333") == ("111222333", ())


def test_bsn_with_letters_says_it_contains_other_characters() -> None:
    problems = Bsn().check("11122233X")[1]
    assert problems[0][2]["reason_en"] == "contains characters other than digits"


def test_bsn_of_ten_digits_has_the_wrong_length() -> None:
    assert Bsn().check("1112223334")[1][0][2]["reason_en"] == "wrong number of digits"


def test_valid_onderwijsnummer_is_accepted() -> None:
    assert Onderwijsnummer().check("101222331") == ("101222331", ())
    assert Onderwijsnummer().check(101222331.0) == ("101222331", ())


def test_onderwijsnummer_not_starting_with_10_says_so() -> None:
    value, problems = Onderwijsnummer().check("111222333")
    assert value is None
    assert problems == (("invalid-onderwijsnummer", "error", {"reason_nl": "begint niet met 10",
                                                               "reason_en": "does not start with 10"}),)


def test_onderwijsnummer_failing_its_eleven_test_is_invalid() -> None:
    assert Onderwijsnummer().check("101222332")[1][0][2]["reason_en"] == "fails the 11-test"


def test_a_valid_bsn_is_not_an_onderwijsnummer() -> None:
    assert types(Onderwijsnummer().check("111222333")) == ["invalid-onderwijsnummer"]


# -- BRIN, postcode ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["21PL", " 21PL ", "00AA"])
def test_brin_is_two_digits_and_two_capitals(raw: str) -> None:
    assert accepted(Brin().check(raw)) == raw.strip()


@pytest.mark.parametrize("raw", ["21pl", "21PL00", "2PL", "21P", "AB12", "21 PL"])
def test_brin_in_another_form_is_invalid(raw: str) -> None:
    assert types(Brin().check(raw)) == ["invalid-brin"]


@pytest.mark.parametrize(("raw", "normalised"), [("1081 HV", "1081 HV"), ("1081HV", "1081 HV"),
                                                  ("1081 hv", "1081 HV"), ("1081-HV", "1081 HV")])
def test_postcode_is_normalised_to_four_digits_space_two_capitals(raw: str, normalised: str) -> None:
    assert Postcode().check(raw) == (normalised, ())


@pytest.mark.parametrize("raw", ["0081 HV", "1081 SS", "1081", "1081 H", "10810 HV", "HV 1081"])
def test_postcode_that_cannot_exist_is_invalid(raw: str) -> None:
    assert types(Postcode().check(raw)) == ["invalid-postcode"]


# -- J/N and choices ----------------------------------------------------------------------------

def test_yes_no_accepts_capital_j_and_n() -> None:
    assert YesNo().check("J") == ("J", ())
    assert YesNo().check(" N ") == ("N", ())


@pytest.mark.parametrize("raw", ["j", "n", "ja", "Nee", "Y", "1", 1, 0, True, "JA"])
def test_yes_no_refuses_other_spellings_unless_the_profile_allows_them(raw: Any) -> None:
    value, problems = YesNo().check(raw)
    assert value is None
    assert problems == (("invalid-yes-no", "error", {"choices": "J of N"}),)


def test_yes_no_with_extra_spellings_normalises_them_to_j_and_n() -> None:
    kind = YesNo(extra_yes=("ja", "1"), extra_no=("nee", "0"))
    assert kind.check("ja") == ("J", ())
    assert kind.check(0) == ("N", ())


def test_choice_accepts_only_the_exact_spelling() -> None:
    assert Choice(values=("VT", "DT", "DU")).check("DU") == ("DU", ())


@pytest.mark.parametrize(("raw", "suggestion"), [("vt", "VT"), ("Vt", "VT"), ("VTT", "VT"),
                                                  ("REGULEIR", "REGULIER"), ("regulier", "REGULIER")])
def test_choice_near_miss_gets_a_did_you_mean_suggestion(raw: str, suggestion: str) -> None:
    kind = Choice(values=("VT", "DT", "DU", "REGULIER"))
    value, problems = kind.check(raw)
    assert value is None
    ((type_, severity, params),) = problems
    assert (type_, severity) == ("invalid-choice", "error")
    assert params["suggestion_nl"] == f" Bedoelt u '{suggestion}'?"
    assert params["suggestion_en"] == f" Did you mean '{suggestion}'?"
    assert params["choices"] == "VT, DT, DU, REGULIER"


def test_choice_far_from_every_value_gets_no_suggestion() -> None:
    params = Choice(values=("VT", "DT", "DU")).check("avondopleiding")[1][0][2]
    assert params["suggestion_nl"] == params["suggestion_en"] == ""


# -- whole numbers -------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "number"), [(1, 1), (6, 6), (4.0, 4), ("4", 4), (" 3 ", 3)])
def test_year_of_study_from_one_to_six_is_accepted(raw: Any, number: int) -> None:
    assert Integer(minimum=1, maximum=6).check(raw) == (number, ())


@pytest.mark.parametrize("raw", [0, 7, "0", "7", -1, 100])
def test_year_of_study_outside_one_to_six_is_out_of_range(raw: Any) -> None:
    assert Integer(minimum=1, maximum=6).check(raw) == (None, (("out-of-range", "error",
                                                                 {"minimum": 1, "maximum": 6}),))


@pytest.mark.parametrize("raw", ["vier", "4.5", 4.5, "4,0", True, "1e3"])
def test_year_of_study_that_is_not_a_whole_number_is_invalid(raw: Any) -> None:
    assert types(Integer(minimum=1, maximum=6).check(raw)) == ["invalid-number"]


# -- dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "date"), [
    (dt.date(2011, 3, 14), dt.date(2011, 3, 14)),
    (dt.datetime(2011, 3, 14, 0, 0), dt.date(2011, 3, 14)),
    (40616, dt.date(2011, 3, 14)),
    (40616.0, dt.date(2011, 3, 14)),
    ("14-03-2011", dt.date(2011, 3, 14)),
    ("14-3-2011", dt.date(2011, 3, 14)),
    ("2011-03-14", dt.date(2011, 3, 14)),
])
def test_date_is_read_from_excel_dates_serials_and_both_text_forms(raw: Any, date: dt.date) -> None:
    assert Date().check(raw) == (date, ())


def test_day_month_year_and_year_month_day_give_the_same_date() -> None:
    # 01-02-2003 is 1 February (Dutch order), the same day as ISO 2003-02-01, never 2 January.
    assert Date().check("01-02-2003")[0] == dt.date(2003, 2, 1)
    assert Date().check("2003-02-01")[0] == dt.date(2003, 2, 1)


@pytest.mark.parametrize("raw", ["31-02-2011", "2011-02-30", "29-02-2011", "00-01-2011", "14-13-2011",
                                 "03-14-2011", "2011-3-14"])
def test_impossible_date_is_invalid(raw: str) -> None:
    assert Date().check(raw) == (None, (("invalid-date", "error", {}),))


@pytest.mark.parametrize("raw", ["14/03/2011", "14.03.2011", "maart 2011", "20110314", 20110314, 0, -5, 40616.5])
def test_date_in_an_unsupported_form_is_invalid(raw: Any) -> None:
    assert types(Date().check(raw)) == ["invalid-date"]


def test_leap_day_exists_in_a_leap_year() -> None:
    assert Date().check("29-02-2012") == (dt.date(2012, 2, 29), ())


def _birth_issues(birth: Any) -> list[list[Any]]:
    report = run("intergrip", intergrip_rows(intergrip_row(Geboortedatum=birth)), options={"school_type": "VO"})
    return report.flatten(["row", "column", "type", "value"])


@pytest.mark.parametrize("birth", ["23-11-2016", "24-11-1995", dt.date(2016, 11, 23), "1996-11-23"])
def test_age_from_ten_to_thirty_on_the_reference_day_is_accepted(birth: Any) -> None:
    # today is 2026-11-23: born 23-11-2016 turned 10 today; born 24-11-1995 turns 31 tomorrow.
    assert _birth_issues(birth) == []


@pytest.mark.parametrize(("birth", "age"), [("24-11-2016", 9), ("23-11-1995", 31), ("14-03-2031", -5)])
def test_age_below_ten_or_above_thirty_is_an_error(birth: str, age: int) -> None:
    assert _birth_issues(birth) == [[2, "Geboortedatum", "age-out-of-range", birth]]
    report = run("intergrip", intergrip_rows(intergrip_row(Geboortedatum=birth)), options={"school_type": "VO"})
    assert report.issues[0].params == {"age": age, "minimum": 10, "maximum": 30}


def test_age_is_judged_against_the_run_reference_day_not_the_clock() -> None:
    rows = intergrip_rows(intergrip_row(Geboortedatum="24-11-2016"))
    assert run("intergrip", rows, options={"school_type": "VO"}, today=dt.date(2026, 11, 24)).flatten() == []


def test_invalid_date_of_birth_gets_no_age_error_as_well() -> None:
    assert _birth_issues("31-02-2011") == [[2, "Geboortedatum", "invalid-date", "31-02-2011"]]


# -- e-mail -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["jan@example.nl", "Jan.de.Vries@Example.NL", "j+nse@hs.example.com",
                                 "o'brien@example.ie", "josé@example.nl", "jan@bücher.de", "  jan@example.nl "])
def test_valid_email_is_accepted(raw: str) -> None:
    assert Email().check(raw) == (raw.strip(), ())


def test_email_is_nfc_normalised() -> None:
    assert Email().check("jose\u0301@example.nl") == ("josé@example.nl", ())


@pytest.mark.parametrize(("raw", "reason_en"), [
    ("jan.example.nl", "it has no @"),
    ("jan@@example.nl", "it has more than one @"),
    ("jan@a@example.nl", "it has more than one @"),
    ("@example.nl", "there is nothing before the @"),
    ("jan de vries@example.nl", "it contains a space"),
    ("jan@example", "the part after the @ lacks a dot (e.g. school.nl)"),
    ("jan@example.", "a dot is in the wrong place"),
    ("jan..vries@example.nl", "a dot is in the wrong place"),
    (".jan@example.nl", "a dot is in the wrong place"),
    ("jan@example..nl", "a dot is in the wrong place"),
    ("jan@exa_mple.nl", "the address is not built by the rules"),
])
def test_invalid_email_says_why(raw: str, reason_en: str) -> None:
    value, problems = Email().check(raw)
    assert value is None
    ((type_, severity, params),) = problems
    assert (type_, severity, params["reason_en"]) == ("invalid-email", "error", reason_en)
    assert params["reason_nl"]


@pytest.mark.parametrize("raw", ["jan@school.test", "jan@school.local", "jan@localhost", "jan@x.localhost",
                                 "jan@school.invalid", "jan@x.onion", "jan@home.arpa", "jan@SCHOOL.TEST"])
def test_special_use_domains_are_refused(raw: str) -> None:
    assert types(Email().check(raw)) == ["invalid-email"]


@pytest.mark.parametrize("raw", ["jan@xn--zz.nl", "jan@ab--cd.nl", "jan@-school.nl", "jan@school-.nl",
                                 "jan@" + "a" * 64 + ".nl", "jan@example.123"])
def test_email_broken_by_the_rules_is_refused_even_when_it_looks_plain(raw: str) -> None:
    assert types(Email().check(raw)) == ["invalid-email"]


def test_email_stored_as_a_number_is_invalid_not_a_crash() -> None:
    assert types(Email().check(12345.0)) == ["invalid-email"]


# -- blank cells, lengths, words ------------------------------------------------------------------

@pytest.mark.parametrize("raw", [None, "", "   ", "\t"])
def test_blank_required_cell_gets_missing_value_only(raw: Any) -> None:
    column = Column("EMAILADRES", "emailadres", Email(), required=True)
    assert column.check(raw) == (None, (("missing-value", "error", {}),))


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_blank_optional_cell_is_fine(raw: Any) -> None:
    column = Column("EMAILADRES_2", "emailadres_2", Email())
    assert column.check(raw) == (None, ())


def test_zero_is_a_value_not_a_blank_cell() -> None:
    column = Column("prognose", "prognose", Integer(minimum=0, maximum=100), required=True)
    assert column.check(0) == (0, ())


def test_value_longer_than_the_column_allows_is_too_long() -> None:
    column = Column("LABEL_1", "label_1", Text(), max_length=50, max_words=5)
    assert column.check("x" * 50) == ("x" * 50, ())
    assert column.check("x" * 51) == (None, (("too-long", "error", {"length": 51, "limit": 50}),))


def test_value_with_more_words_than_allowed_is_refused() -> None:
    column = Column("LABEL_1", "label_1", Text(), max_length=50, max_words=5)
    assert column.check("een twee drie vier vijf")[1] == ()
    assert column.check("een twee drie vier vijf zes") == (None, (("too-many-words", "error",
                                                                    {"words": 6, "limit": 5}),))


def test_length_counts_characters_after_nfc_and_trimming() -> None:
    column = Column("Klas", "klas", Text(), max_length=5)
    assert column.check("  e\u0301e\u0301e\u0301e\u0301e\u0301  ") == ("ééééé", ())


# -- masking -------------------------------------------------------------------------------------

def test_mask_shows_only_the_last_four_digits() -> None:
    assert mask_digits("123456782") == "*****6782"
    assert mask_digits("123") == "***"


def test_mask_email_keeps_first_character_and_domain() -> None:
    assert mask_email("jan@example.nl") == "j***@example.nl"
    assert mask_email("geen-adres") == "******dres"


def test_sensitive_column_displays_masked_values_and_others_do_not() -> None:
    assert Column("BSN", "bsn", Bsn(), sensitive=True).display("123456782") == "*****6782"
    assert Column("E", "e", Email(), sensitive=True).display("jan@example.nl") == "j***@example.nl"
    assert Column("Klas", "klas", Text()).display("4H2") == "4H2"
