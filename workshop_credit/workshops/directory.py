"""The directory's filters and query, shared by ``/workshops``, its CSV and the JSON API.

Status filters mean the truth of today, as on the landing page: a workshop on file as
registered whose latest certificate has run out counts as expired.
"""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import selectinload

from workshop_credit.core.i18n import N_
from workshop_credit.core.request_args import page_number
from workshop_credit.extensions import db
from workshop_credit.models import (
    Category,
    District,
    Honour,
    HonourKind,
    Workshop,
    WorkshopStatus,
)
from workshop_credit.models.workshop import workshop_categories

GRADES = ("A", "B", "C", "D")
PER_PAGE = 20


@dataclass
class Filters:
    """The directory's filters after checking; ``notes`` say which values were ignored."""

    district: District | None = None
    category: Category | None = None
    grade: str | None = None
    status: WorkshopStatus | None = None
    demonstration: bool = False
    page: int = 1
    notes: list[str] = field(default_factory=list)

    def args(self, **changes) -> dict:
        """The query string that gives these filters back (for links and the CSV)."""
        values = {
            "district": self.district.id if self.district else None,
            "category": self.category.id if self.category else None,
            "grade": self.grade,
            "status": self.status.value if self.status else None,
            "demonstration": "1" if self.demonstration else None,
            "page": self.page if self.page > 1 else None,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value is not None}


def parse(args, districts, categories) -> Filters:
    """Read the filters from ``args``; unknown or malformed values are noted and ignored."""
    found = Filters()
    by_id = {str(d.id): d for d in districts}, {str(c.id): c for c in categories}
    unknown = {
        "district": N_("没有这个地区（%(value)s），已忽略该筛选条件。"),
        "category": N_("没有这个类别（%(value)s），已忽略该筛选条件。"),
    }
    for name, table in (("district", by_id[0]), ("category", by_id[1])):
        value = args.get(name, "")
        if value and value not in table:
            found.notes.append(gettext(unknown[name], value=value[:20]))
        setattr(found, name, table.get(value))
    grade = args.get("grade", "")
    if grade:
        found.grade = grade.upper() if grade.upper() in GRADES else None
        if found.grade is None:
            found.notes.append(
                gettext("信用等级只能是 A、B、C、D，已忽略“%(value)s”。", value=grade[:20])
            )
    status = args.get("status", "")
    if status:
        found.status = next((s for s in WorkshopStatus if s.value == status), None)
        if found.status is None:
            found.notes.append(
                gettext("没有这种登记状态（%(value)s），已忽略该筛选条件。", value=status[:20])
            )
    found.demonstration = args.get("demonstration", "") in ("1", "on", "true")
    page = args.get("page", "1")
    found.page = page_number(args)
    if page != "1" and str(found.page) != page:
        found.notes.append(gettext("页码无效，已显示第 1 页。"))
    return found


def status_condition(status: WorkshopStatus, today: date):
    """The SQL condition for workshops whose status on ``today`` is ``status``."""
    on_file = Workshop.status == WorkshopStatus.REGISTERED
    if status == WorkshopStatus.REGISTERED:
        return sa.and_(on_file, Workshop.latest_valid_on(today))
    if status == WorkshopStatus.EXPIRED:
        return sa.or_(Workshop.status == status, sa.and_(on_file, ~Workshop.latest_valid_on(today)))
    return Workshop.status == status


def count_workshops(filters: Filters, today: date) -> int:
    """How many workshops match."""
    matching = _matching(sa.select(Workshop.id), filters, today).subquery()
    return db.session.scalar(sa.select(sa.func.count()).select_from(matching))


def select_workshops(filters: Filters, today: date):
    """The workshops that match, in a stable order: district, name, then id."""
    stmt = _matching(sa.select(Workshop).join(Workshop.district), filters, today)
    return stmt.order_by(District.sort_order, Workshop.name, Workshop.id).options(
        selectinload(Workshop.categories),
        selectinload(Workshop.registrations),
        selectinload(Workshop.district),
    )


def _matching(stmt, filters: Filters, today: date):
    if filters.district:
        stmt = stmt.where(Workshop.district_id == filters.district.id)
    if filters.category:
        stmt = stmt.where(
            sa.exists().where(
                workshop_categories.c.workshop_id == Workshop.id,
                workshop_categories.c.category_id == filters.category.id,
            )
        )
    if filters.grade:
        stmt = stmt.where(Workshop.grade == filters.grade)
    if filters.status:
        stmt = stmt.where(status_condition(filters.status, today))
    if filters.demonstration:
        stmt = stmt.where(
            sa.exists().where(
                Honour.workshop_id == Workshop.id,
                Honour.kind == HonourKind.DEMONSTRATION,
                Honour.held_on(today),
            )
        )
    return stmt
