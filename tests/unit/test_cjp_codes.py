"""Activation codes (platform/cjp/codes.py): the readable alphabet, the grouping, and enough randomness."""

from __future__ import annotations

import math
from collections import Counter

from rosterdesk.platform.cjp.codes import ALPHABET, LENGTH, is_code, new_code


def test_the_alphabet_leaves_out_the_characters_people_mix_up() -> None:
    assert not set("0O1I") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 32
    assert LENGTH * math.log2(len(ALPHABET)) >= 60  # bits: unguessable, and collisions practically never happen


def test_codes_are_grouped_and_recognised() -> None:
    code = new_code()
    assert len(code) == 14 and code[4] == code[9] == "-" and is_code(code)
    for wrong in ("ABCD-EFGH-JKL", "ABCD-EFGH-JKLO", "abcd-efgh-jklm", "ABCDEFGHJKLM", "ABCD-EFGH-JKLM-"):
        assert not is_code(wrong), wrong


def test_many_codes_are_all_different_and_use_the_whole_alphabet_evenly() -> None:
    codes = [new_code() for _ in range(5000)]
    assert len(set(codes)) == len(codes)
    counts = Counter("".join(code.replace("-", "") for code in codes))
    assert set(counts) == set(ALPHABET)
    expected = 5000 * LENGTH / len(ALPHABET)
    assert all(abs(count - expected) < expected * 0.15 for count in counts.values())
