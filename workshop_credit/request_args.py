"""Whole numbers read from a query string: positive, and never beyond what a database holds."""

from .database import MAX_ID

MAX_PAGE = 100_000


def whole_number(value: str | None, maximum: int = MAX_ID) -> int | None:
    """``value`` as a number from 1 to ``maximum``, or None when it is not one.

    ``str.isdigit`` also accepts digits such as "²" that ``int`` refuses, and SQLite cannot
    bind a number beyond 64 bits at all: here both are simply not a number.
    """
    if not value or not (value.isascii() and value.isdigit()) or len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if 1 <= number <= maximum else None


def page_number(args) -> int:
    """The ``page`` asked for, or the first page when the value is not a usable page number."""
    return whole_number(args.get("page"), MAX_PAGE) or 1
