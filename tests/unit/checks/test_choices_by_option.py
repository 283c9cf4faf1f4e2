"""ChoicesByOption: Intergrip Niveau depends on the school type (VO or MBO)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.engine_helpers import intergrip_row, intergrip_rows, run

VO = ["VMBO-BB", "VMBO-KB", "VMBO-GL", "VMBO-TL", "HAVO", "VWO"]
MBO = ["MBO-1", "MBO-2", "MBO-3", "MBO-4"]


def issues(niveau: Any, options: dict[str, str]) -> list[Any]:
    report = run("intergrip", intergrip_rows(intergrip_row(Niveau=niveau)), options=options)
    return report.issues


@pytest.mark.parametrize(("school_type", "niveau"), [*[("VO", n) for n in VO], *[("MBO", n) for n in MBO]])
def test_level_of_the_school_type_is_accepted(school_type: str, niveau: str) -> None:
    assert issues(niveau, {"school_type": school_type}) == []


@pytest.mark.parametrize(("school_type", "niveau"), [("VO", "MBO-2"), ("MBO", "HAVO"), ("MBO", "VMBO-TL")])
def test_level_of_the_other_school_type_is_an_error_listing_the_right_levels(school_type: str, niveau: str) -> None:
    (issue,) = issues(niveau, {"school_type": school_type})
    assert (issue.row, issue.column, issue.cell, issue.type, issue.value) == (2, "Niveau", "N2",
                                                                              "choice-not-for-option", niveau)
    allowed = VO if school_type == "VO" else MBO
    assert issue.params == {"option_value": school_type, "choices": ", ".join(allowed)}


def test_without_a_school_type_every_level_of_either_type_is_accepted() -> None:
    assert issues("MBO-3", {}) == []
    assert issues("VWO", {}) == []


def test_unknown_level_gets_only_the_choice_error_with_a_suggestion() -> None:
    (issue,) = issues("havo", {"school_type": "MBO"})
    assert issue.type == "invalid-choice"
    assert issue.params["suggestion_en"] == " Did you mean 'HAVO'?"


def test_empty_level_gets_missing_value_only() -> None:
    assert [i.type for i in issues(None, {"school_type": "VO"})] == ["missing-value"]
