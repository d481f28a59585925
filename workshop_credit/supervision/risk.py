"""The risk rule: how risky a workshop is, and so how often it must be inspected.

A workshop's risk level starts from its riskiest food category (1 low, 2 medium, 3 high; a
workshop without a category counts as medium) and moves with its credit grade: A lowers it
by one, C raises it by one, D by two; B and an ungraded workshop leave it. The level stays
between low and high. Each level asks for a number of inspections a year (the setting
``RISK_INSPECTIONS_PER_YEAR``, by default once, twice and four times), spread evenly: the
next inspection is due 365 / n days after the last one, and at once when there was none.

``risk_level`` applies the rule to a loaded workshop and ``risk_level_sql`` is the same rule
as a SQL expression, for the worklist and the statistics.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app, has_app_context
from sqlalchemy.orm import aliased

from workshop_credit.core.i18n import N_
from workshop_credit.models import Category, Inspection, Workshop, WorkshopStatus
from workshop_credit.models.workshop import workshop_categories

LOW, MEDIUM, HIGH = 1, 2, 3
LEVELS = (LOW, MEDIUM, HIGH)
LABELS = {LOW: N_("低风险"), MEDIUM: N_("中风险"), HIGH: N_("高风险")}
GRADE_SHIFT = {"A": -1, "B": 0, "C": 1, "D": 2}
DEFAULT_PER_YEAR = {LOW: 1, MEDIUM: 2, HIGH: 4}
YEAR_DAYS = 365


def level_from(category_risk: int | None, grade: str | None) -> int:
    """The rule itself: the category's risk moved by the grade, kept between low and high."""
    raw = (category_risk or MEDIUM) + GRADE_SHIFT.get(grade or "", 0)
    return min(HIGH, max(LOW, raw))


def risk_level(workshop: Workshop) -> int:
    """The risk level of a loaded workshop."""
    riskiest = max((c.risk_level for c in workshop.categories), default=None)
    return level_from(riskiest, workshop.grade)


def _level_sql(category_risk, grade):
    """The rule on SQL expressions for the riskiest category's risk and the grade."""
    shift = sa.case(*((grade == letter, value) for letter, value in GRADE_SHIFT.items() if value),
                    else_=0)  # fmt: skip
    raw = sa.func.coalesce(category_risk, MEDIUM) + shift
    return sa.case((raw <= LOW, LOW), (raw >= HIGH, HIGH), else_=raw)


def _riskiest_categories():
    """Each workshop's riskiest category risk, as a table to join (one pass, not per row)."""
    return (
        sa.select(workshop_categories.c.workshop_id, sa.func.max(Category.risk_level).label("risk"))
        .join(Category, Category.id == workshop_categories.c.category_id)
        .group_by(workshop_categories.c.workshop_id)
        .subquery()
    )


def risk_level_sql():
    """The same rule as a SQL expression on ``Workshop``, for a few rows at a time."""
    riskiest = (
        sa.select(sa.func.max(Category.risk_level))
        .where(
            workshop_categories.c.workshop_id == Workshop.id,
            workshop_categories.c.category_id == Category.id,
        )
        .scalar_subquery()
    )
    return _level_sql(riskiest, Workshop.grade)


def file_levels():
    """Every workshop's id, status and risk level, as one table to join (one pass, not per row)."""
    workshop, riskiest = aliased(Workshop), _riskiest_categories()
    return (
        sa.select(
            workshop.id,
            workshop.status,
            _level_sql(riskiest.c.risk, workshop.grade).label("level"),
        )
        .outerjoin(riskiest, riskiest.c.workshop_id == workshop.id)
        .subquery()
    )


def per_year() -> dict[int, int]:
    """Inspections a year asked of each level, from the configuration."""
    if has_app_context():
        return current_app.config.get("RISK_INSPECTIONS_PER_YEAR", DEFAULT_PER_YEAR)
    return DEFAULT_PER_YEAR


def interval(level: int) -> timedelta:
    """The time allowed between two inspections at ``level``."""
    return timedelta(days=YEAR_DAYS // per_year()[level])


def next_due(level: int, last_inspected_on: date | None, today: date) -> date:
    """The day the next inspection is due: today when there was none."""
    return today if last_inspected_on is None else last_inspected_on + interval(level)


def due_for_inspection(today: date):
    """Registered workshops whose next inspection is due or overdue under the risk rule.

    Date arithmetic differs on every database, so each level's cut-off day is counted here.
    The levels and last inspections are computed for the whole file in one pass each.
    """
    last = (
        sa.select(Inspection.workshop_id, sa.func.max(Inspection.inspected_on).label("day"))
        .group_by(Inspection.workshop_id)
        .subquery()
    )
    levels = file_levels()
    cutoff = sa.case(*((levels.c.level == n, today - interval(n)) for n in LEVELS[:-1]),
                     else_=today - interval(LEVELS[-1]))  # fmt: skip
    due = (
        sa.select(levels.c.id)
        .outerjoin(last, last.c.workshop_id == levels.c.id)
        .where(
            levels.c.status == WorkshopStatus.REGISTERED,
            sa.or_(last.c.day.is_(None), last.c.day <= cutoff),
        )
    )
    return sa.select(Workshop).where(Workshop.id.in_(due))


def required_by(level: int, start: date, end: date) -> int:
    """Inspections asked of ``level`` from ``start`` to ``end`` within one year.

    A whole year asks the full number; part of a year the share of it that has passed,
    rounded down (a workshop owes its second inspection of two only in the second half).
    """
    days = (end - start).days + 1
    return per_year()[level] * min(days, YEAR_DAYS) // YEAR_DAYS


def inspected_as_asked(start: date, end: date):
    """SQL condition: the workshop had at least as many inspections as its level asks."""
    done = (
        sa.select(Inspection.workshop_id, sa.func.count().label("n"))
        .where(Inspection.inspected_on >= start, Inspection.inspected_on <= end)
        .group_by(Inspection.workshop_id)
        .subquery()
    )
    levels = file_levels()
    asked = sa.case(*((levels.c.level == n, required_by(n, start, end)) for n in LEVELS[:-1]),
                    else_=required_by(LEVELS[-1], start, end))  # fmt: skip
    met = (
        sa.select(levels.c.id)
        .outerjoin(done, done.c.workshop_id == levels.c.id)
        .where(sa.func.coalesce(done.c.n, 0) >= asked)
    )
    return Workshop.id.in_(met)


@dataclass(frozen=True)
class Schedule:
    """A workshop's risk level and when its next inspection is due."""

    level: int
    per_year: int
    due_on: date

    @property
    def label(self) -> str:
        """The level in words."""
        return LABELS[self.level]


def schedule(workshop: Workshop, today: date) -> Schedule | None:
    """The inspection schedule of a registered workshop; None for one that is not."""
    if workshop.status != WorkshopStatus.REGISTERED:
        return None
    level = risk_level(workshop)
    last = max((i.inspected_on for i in workshop.inspections), default=None)
    return Schedule(level, per_year()[level], next_due(level, last, today))
