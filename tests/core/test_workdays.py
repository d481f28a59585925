"""Deadlines in working days skip weekends and mainland China's public holidays."""

from datetime import date

import pytest

from workshop_credit.core.workdays import add_working_days, is_working_day


@pytest.mark.parametrize(
    "start, days, due",
    [
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday -> Monday
        (date(2026, 11, 23), 5, date(2026, 11, 30)),  # a full week
        (date(2026, 9, 30), 1, date(2026, 10, 8)),  # over the National Day holidays
        (date(2026, 11, 23), 0, date(2026, 11, 23)),
    ],
)
def test_working_days_are_counted_past_weekends_and_holidays(start, days, due):
    assert add_working_days(start, days) == due


def test_public_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 10, 1))
    assert not is_working_day(date(2026, 2, 17))  # Spring Festival
    assert is_working_day(date(2026, 11, 30))
