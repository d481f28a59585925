"""A deterministic, realistic demo data set for Ji'an, made under the rules of real data.

The same seed on the same day gives the same data: every choice comes from one
``random.Random(seed)`` and every date is counted back from today in Asia/Shanghai.
One module per kind of record (workshops, board, inspections, sampling, penalties,
honours, interviews, listings, reports and rewards, staff, places); ``run`` holds what a
load shares and ``names`` the Chinese vocabulary. Staff accounts and processing zones are
made by their services; the records of a thousand workshops at a time pass the models'
checks and are inserted by ``workshops.batches``; receipts, time limits and rewards come
from the tip-off services' own functions.
"""

from workshop_credit.demo.load import (
    DEFAULT_SEED,
    DEFAULT_SIZE,
    MAX_SIZE,
    database_is_empty,
    load_demo_data,
)

__all__ = ["DEFAULT_SEED", "DEFAULT_SIZE", "MAX_SIZE", "database_is_empty", "load_demo_data"]
