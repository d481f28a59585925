"""What one load shares: the random source, today, the next ids, and the rows queued so far.

Rows are plain dicts with ids chosen here, so that a batch of a thousand workshops and
everything in their files goes to the database in one checked INSERT per table
(``workshops.batches``).
"""

import bisect
import functools
import itertools
import random
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from workshop_credit.core.timeutil import SITE_TIMEZONE, local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    Board,
    Category,
    District,
    FailedItem,
    HealthCertificate,
    Honour,
    Inspection,
    Interview,
    Listing,
    Penalty,
    Registration,
    Report,
    ReportEvent,
    RewardDecision,
    Sampling,
    Supplier,
    Workshop,
)
from workshop_credit.models.workshop import workshop_categories
from workshop_credit.workshops import batches

PLAN_START = date(2019, 8, 20)
# Models in insertion order, so that every foreign key finds its row.
INSERT_ORDER = (
    *(Workshop, workshop_categories, Registration, Board, HealthCertificate, Supplier),
    *(Inspection, Sampling, FailedItem, Penalty, Interview, Honour, Listing),
    *(Report, ReportEvent, RewardDecision),
)


def weighted(values, weights):
    """Values with cumulative weights, ready for ``pick``."""
    return tuple(values), tuple(itertools.accumulate(weights))


def pick(rng, table):
    """One value of a ``weighted`` table: ``rng.choices`` for one value, without its overhead."""
    values, cumulative = table
    return values[bisect.bisect(cumulative, rng.random() * cumulative[-1], 0, len(values) - 1)]


class Run:
    """One load's random source, today, next ids, values in use and what it has made."""

    def __init__(self, size, seed):
        self.rng = random.Random(seed)  # noqa: S311  (demo data wants repeatable, not secret)
        self.size = size
        self.today = local_today()
        self.yesterday = self.today - timedelta(days=1)
        self.districts = {d.name: d.id for d in db.session.scalars(sa.select(District))}
        self.categories = {c.name: c for c in db.session.scalars(sa.select(Category))}
        self.next_id = {m: _max_id(m) + 1 for m in INSERT_ORDER if hasattr(m, "id")}
        self.taken = _values_in_use()
        self.serials = Counter()
        self.rows = defaultdict(list)
        self.counts = Counter()
        self.seq = 0
        self.users, self.zones = {}, {}
        self.candidates = defaultdict(list)  # district: [(id, name, first year)]
        self.workshops, self.unregistered, self.penalised = [], [], []
        self.demonstrations, self.reports, self.receipts = [], [], []

    def district_name(self, district_id):
        """The name of the district with ``district_id``."""
        return next(name for name, id_ in self.districts.items() if id_ == district_id)


def _max_id(model):
    return db.session.scalar(sa.select(sa.func.max(model.id))) or 0


def _values_in_use():
    """Codes and numbers already taken, which a second load must not reuse."""
    columns = (
        Workshop.public_code,
        Workshop.uscc,
        Registration.number,
        Sampling.report_number,
        Penalty.decision_number,
        Report.receipt_code,
        Report.submission_token,
    )
    taken = set()
    for column in columns:
        taken.update(db.session.scalars(sa.select(column).where(column.is_not(None))))
    return taken


def unique(run, make):
    """A value from ``make()`` not used before, in this load or in the database."""
    value = make()
    while value in run.taken:
        value = make()
    run.taken.add(value)
    return value


def numbered(run, prefix, pattern):
    """The next free number of the series ``prefix``, such as 吉峡市监罚〔2024〕15号."""

    def make():
        run.serials[prefix] += 1
        return pattern.format(prefix=prefix, n=run.serials[prefix])

    return unique(run, make)


def add(run, model, at, **values):
    """Queue a row of ``model`` with a new id; ``at`` is the day or moment it was recorded."""
    values["id"] = run.next_id[model]
    run.next_id[model] += 1
    if at is not None:
        stamp = at if isinstance(at, datetime) else moment(at)
        values.setdefault("created_at", stamp)
        if hasattr(model, "updated_at"):
            values.setdefault("updated_at", stamp)
    run.rows[model].append(values)
    return values["id"]


def flush(run):
    """Check and insert the queued rows table by table, then commit."""
    run.counts += batches.insert_checked(run.rows, INSERT_ORDER)
    run.rows.clear()
    db.session.commit()


def advance_sequences(run):
    """Tell PostgreSQL about the ids this load chose."""
    batches.advance_sequences(m for m in run.counts if m in run.next_id)


@functools.cache
def moment(day, hour=10):
    """``day`` at ``hour`` o'clock in Ji'an, as an aware UTC time."""
    return datetime.combine(day, time(hour), SITE_TIMEZONE).astimezone(UTC)


def local_day(when):
    """The day in Ji'an of an aware time."""
    return when.astimezone(SITE_TIMEZONE).date()


def days(n):
    """``n`` days as a ``timedelta``."""
    return timedelta(days=n)


def between(rng, start, end):
    """A random day from ``start`` to ``end`` inclusive; ``start`` when the range is empty."""
    span = (end - start).days
    return start + days(rng.randint(0, span)) if span > 0 else start


def years_later(day, years):
    """The same day ``years`` later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
