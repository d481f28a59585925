"""Working days in mainland China, for the time limits of handling a tip-off.

Public holidays come from the ``holidays`` package. Make-up working days on a weekend
(调休上班) are counted as days off, so a deadline can only come a little later, never
earlier, than the strict count.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.China(years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (the day of ``start`` not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
