"""The GB 32100-2015 check character of the unified social credit code."""

import pytest

from workshop_credit.workshops.uscc import check_character, uscc_problem


def complete(first17):
    """The full code for 17 given characters."""
    return first17 + check_character(first17)


def test_known_valid_code_passes():
    assert uscc_problem("91350100M000100Y43") is None


def test_generated_codes_pass_and_any_single_change_fails():
    code = complete("92360823MA35XY123")
    assert uscc_problem(code) is None
    wrong_check = code[:17] + ("0" if code[17] != "0" else "1")
    assert "校验位" in uscc_problem(wrong_check)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("9136080", "18 位"),
        ("91350100M000100Y4300", "18 位"),
        ("91350100I000100Y43", "不允许的字符"),
        ("91350100O000100Y43", "不允许的字符"),
        ("9135010/M000100Y43", "不允许的字符"),
        ("91ABCDEFM000100Y43", "行政区划"),
        ("91350100M000100Y44", "校验位"),
    ],
)
def test_bad_codes_are_refused_with_a_reason(code, words):
    assert words in uscc_problem(code)
