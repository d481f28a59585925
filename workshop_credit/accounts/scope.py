"""A county's share of the records: the one rule for which records an account may see or touch.

An account is county-scoped (its county's division id) or city-wide (``None``). ``covers``
answers for one record in Python; ``within_county`` narrows a list's SQL statement the same way.
"""


def covers(county_id: int | None, district_id: int | None) -> bool:
    """Whether a scope covers a record of ``district_id``: any when city-wide, else its own."""
    return county_id is None or county_id == district_id


def within_county(stmt, column, county_id: int | None):
    """``stmt`` narrowed to the rows whose ``column`` the scope covers (all when city-wide)."""
    return stmt if county_id is None else stmt.where(column == county_id)
