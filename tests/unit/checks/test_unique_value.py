"""UniqueValue (Column(unique=True)): CJP e-mail, Intergrip Leerlingnummer, roster code."""

from __future__ import annotations

from rosterdesk.importers.engine import CHUNK_ROWS
from tests.unit.engine_helpers import cjp_rows, csv_rows, intergrip_row, intergrip_rows, run

FIELDS = ["row", "column", "cell", "type", "value"]


def teacher(email: str | None, name: str = "Sanne") -> list[object]:
    return [name, "de Vries", email]


def test_every_row_with_the_same_email_is_flagged_naming_the_others() -> None:
    rows = cjp_rows("cjp-teachers", teacher("sanne@example.nl"), teacher("piet@example.nl"),
                    teacher("sanne@example.nl"), teacher("sanne@example.nl"))
    report = run("cjp-teachers", rows)
    assert report.flatten(FIELDS) == [
        [4, "email", "C4", "duplicate-value", "s***@example.nl"],
        [6, "email", "C6", "duplicate-value", "s***@example.nl"],
        [7, "email", "C7", "duplicate-value", "s***@example.nl"],
    ]
    assert [i.params["other_rows"] for i in report.issues] == ["6, 7", "4, 7", "4, 6"]
    assert "komt ook voor in rij 6, 7" in report.issues[0].message("nl")
    assert "also appears in row 4, 6" in report.issues[2].message("en")


def test_email_is_unique_regardless_of_capitals() -> None:
    rows = cjp_rows("cjp-teachers", teacher("Sanne@Example.nl"), teacher("sanne@example.NL"))
    report = run("cjp-teachers", rows)
    assert report.flatten(["row", "type"]) == [[4, "duplicate-value"], [5, "duplicate-value"]]
    assert [i.value for i in report.issues] == ["S***@Example.nl", "s***@example.NL"]


def test_email_in_nfc_and_decomposed_form_is_the_same_address() -> None:
    rows = cjp_rows("cjp-teachers", teacher("josé@example.nl"), teacher("jose\u0301@example.nl"))
    assert run("cjp-teachers", rows).flatten(["row", "type"]) == [[4, "duplicate-value"], [5, "duplicate-value"]]


def test_empty_optional_emails_are_not_duplicates() -> None:
    rows = cjp_rows("cjp-teachers", teacher(None), teacher(""), teacher("  "))
    assert run("cjp-teachers", rows).flatten() == []


def test_invalid_emails_are_not_compared() -> None:
    rows = cjp_rows("cjp-teachers", teacher("sanne"), teacher("sanne"))
    assert run("cjp-teachers", rows).flatten(["row", "type"]) == [[4, "invalid-email"], [5, "invalid-email"]]


def test_long_groups_name_ten_rows_and_count_the_rest() -> None:
    rows = cjp_rows("cjp-teachers", *[teacher("sanne@example.nl") for _ in range(13)])
    issue = run("cjp-teachers", rows).issues[0]
    assert issue.params["other_rows"] == "5, 6, 7, 8, 9, 10, 11, 12, 13, 14, … (+2)"


def test_learner_number_as_number_and_as_text_is_the_same_number() -> None:
    rows = intergrip_rows(intergrip_row(Leerlingnummer=200001.0),
                          intergrip_row(Leerlingnummer="200001", BSN="123456782"))
    report = run("intergrip", rows, options={"school_type": "VO"})
    assert report.flatten(FIELDS) == [
        [2, "Leerlingnummer", "A2", "duplicate-value", "200001"],
        [3, "Leerlingnummer", "A3", "duplicate-value", "200001"],
    ]


def test_roster_code_is_unique() -> None:
    rows = csv_rows(["code", "achternaam"], {"code": "m.jansen", "achternaam": "Jansen"},
                    {"code": "M.Jansen", "achternaam": "Jansen"})
    assert run("roster-csv", rows, fmt="csv").flatten(["row", "type"]) == [[2, "duplicate-value"],
                                                                           [3, "duplicate-value"]]


def test_duplicates_in_different_chunks_are_found() -> None:
    data = [teacher(f"t{n}@example.nl") for n in range(CHUNK_ROWS + 10)] + [teacher("t0@example.nl")]
    report = run("cjp-teachers", cjp_rows("cjp-teachers", *data))
    last = 3 + len(data)
    assert report.flatten(["row", "type"]) == [[4, "duplicate-value"], [last, "duplicate-value"]]
    assert report.issues[0].params["other_rows"] == str(last)


def test_codes_repeated_in_later_chunks_with_other_capitals_name_each_other() -> None:
    # A chunk whose codes fold to themselves remembers bare row numbers; one with capitals keeps
    # each row's own spelling. A group can start in either kind and continue in the other.
    codes = [f"c{n}" for n in range(2 * CHUNK_ROWS + 10)]
    codes[5], codes[CHUNK_ROWS + 5], codes[2 * CHUNK_ROWS + 5] = "ab1", "AB1", "aB1"
    codes[CHUNK_ROWS + 7], codes[2 * CHUNK_ROWS + 7] = "Xy9", "xy9"
    rows = csv_rows(["code", "achternaam"], *({"code": code, "achternaam": "Dijk"} for code in codes))
    report = run("roster-csv", rows, fmt="csv")
    found = {(issue.row, issue.value, issue.params["other_rows"]) for issue in report.issues}
    first, second, third = 7, CHUNK_ROWS + 7, 2 * CHUNK_ROWS + 7
    assert found == {
        (first, "ab1", f"{second}, {third}"), (second, "AB1", f"{first}, {third}"),
        (third, "aB1", f"{first}, {second}"),
        (CHUNK_ROWS + 9, "Xy9", str(2 * CHUNK_ROWS + 9)), (2 * CHUNK_ROWS + 9, "xy9", str(CHUNK_ROWS + 9)),
    }


def test_a_file_where_every_row_shares_one_address_flags_every_row() -> None:
    # Naming the other rows must not compare every row with every other one (40,000² steps); the
    # count and the capped list of other rows show the whole group was gathered once.
    rows = cjp_rows("cjp-teachers", *[teacher("info@example.nl")] * 40_000)
    report = run("cjp-teachers", rows, issues_per_type=5)
    assert report.counts == {"duplicate-value": 40_000}
    assert report.issues[0].params["other_rows"] == "5, 6, 7, 8, 9, 10, 11, 12, 13, 14, … (+39989)"
