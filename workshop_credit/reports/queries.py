"""Reads about tip-offs: the moderation queue, duplicate candidates, overdue counts, the
reporter's public timeline and the workshop look-up of the form."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from workshop_credit.accounts.scope import within_county
from workshop_credit.core.i18n import N_
from workshop_credit.core.templating import format_date, format_datetime
from workshop_credit.core.timeutil import SITE_TIMEZONE
from workshop_credit.extensions import db
from workshop_credit.models import ObservedPrecision, Report, Workshop
from workshop_credit.reports import workflow

HIDDEN_IDENTITY = "实名举报（身份已隐藏）"
ANONYMOUS = "匿名举报"
# Radio rows a phone screen can take in a few swipes; beyond, the form asks to narrow down.
WORKSHOP_MATCH_LIMIT = 20


@dataclass
class QueueFilter:
    """The queue's filters; empty values filter nothing."""

    status: str = "open"
    district_id: int | None = None
    issue_type: str = ""
    min_age_days: int | None = None
    overdue: bool = False
    scope_district_id: int | None = None  # a county moderator's own county; None: city-wide


def queue_reports(filters: QueueFilter, today: date, page: int = 1, per_page: int = 50):
    """Reports matching ``filters``, oldest first, one page of them."""
    stmt = sa.select(Report).order_by(Report.created_at, Report.id)
    if filters.status == "open":
        stmt = stmt.where(Report.status.in_(workflow.OPEN))
    elif filters.status:
        stmt = stmt.where(Report.status == filters.status)
    stmt = _in_county(_in_county(stmt, filters.scope_district_id), filters.district_id)
    if filters.issue_type:
        stmt = stmt.where(Report.issue_type == filters.issue_type)
    if filters.min_age_days:
        stmt = stmt.where(Report.created_at <= _start_of(today) - timedelta(filters.min_age_days))
    if filters.overdue:
        stmt = stmt.where(Report.due_on < today)
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)


def _in_county(stmt, district_id: int | None):
    """The reports that county handles: the account scope's rule on the handling county."""
    return within_county(stmt, Report.handling_district_id, district_id)


def _start_of(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), SITE_TIMEZONE)


def age_days(report: Report, today: date) -> int:
    """Whole days since the report came in, counted in local dates."""
    return (today - report.created_at.astimezone(SITE_TIMEZONE).date()).days


def overdue_count(today: date, scope_district_id: int | None = None) -> int:
    """Reports whose pending step is past its time limit, in one county or city-wide."""
    stmt = sa.select(sa.func.count(Report.id)).where(Report.due_on < today)
    stmt = _in_county(stmt, scope_district_id)
    return db.session.scalar(stmt) or 0


def duplicate_candidates(
    report: Report, scope_district_id: int | None = None, limit: int = 20
) -> list[Report]:
    """Other reports about the same workshop, or naming the same place or address."""
    same = []
    if report.workshop_id:
        same.append(Report.workshop_id == report.workshop_id)
    if report.subject_address:
        same.append(Report.subject_address == report.subject_address)
    if report.subject_name and report.district_id:
        same.append(
            sa.and_(
                Report.subject_name == report.subject_name,
                Report.district_id == report.district_id,
            )
        )
    if report.workshop is not None:
        same.append(Report.subject_address == report.workshop.address)
    if not same:
        return []
    stmt = (
        sa.select(Report)
        .where(Report.id != report.id, sa.or_(*same))
        .order_by(Report.created_at)
        .limit(limit)
    )
    return list(db.session.scalars(_in_county(stmt, scope_district_id)))


def subject_label(report: Report) -> str:
    """The workshop's name, or the name given for an unregistered one."""
    return report.workshop.name if report.workshop else report.subject_name


def reporter_label(report: Report) -> str:
    """How the reporter appears to everyone who may not see the identity."""
    return ANONYMOUS if report.is_anonymous else HIDDEN_IDENTITY


@dataclass
class TimelineEntry:
    """One line of the public timeline a reporter sees."""

    at: datetime
    title: str
    text: str
    by_reporter: bool = False


@dataclass
class PendingStep:
    """What the reporter is waiting for, and the day it is due by."""

    title: str
    due_on: date
    overdue: bool


def pending_step(report: Report, today: date) -> PendingStep | None:
    """The decision the report's status waits for, and its time limit; None when none is."""
    waits_for = workflow.STATES[report.status].waits_for
    if report.due_on is None or waits_for is None:
        return None
    return PendingStep(waits_for.title, report.due_on, report.due_on < today)


def public_timeline(report: Report) -> list[TimelineEntry]:
    """Status changes, public replies and the reporter's additions; never internal notes."""
    entries = []
    for event in report.events:
        if event.reporter_addition:
            entries.append(
                TimelineEntry(event.created_at, N_("您补充的信息"), event.reporter_addition, True)
            )
        elif event.status is not None:
            entries.append(TimelineEntry(event.created_at, event.status.label, event.public_reply))
        elif event.public_reply:
            entries.append(TimelineEntry(event.created_at, N_("工作人员答复"), event.public_reply))
    return entries


@dataclass
class WorkshopMatches:
    """The workshops a typed name finds, at most ``WORKSHOP_MATCH_LIMIT`` of them, and how
    many more there are."""

    shown: list[Workshop]
    more: int = 0


def find_workshops(name: str, district_id: int | None = None) -> WorkshopMatches:
    """Workshops whose name contains ``name``, in one county when given: an exact match
    alone when there is one."""
    name = name.strip()
    where = [] if district_id is None else [Workshop.district_id == district_id]
    exact = sa.select(Workshop).where(Workshop.name == name, *where).limit(2)
    found = db.session.scalars(exact).all()
    if len(found) == 1:
        return WorkshopMatches(list(found))
    pattern = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    where.append(Workshop.name.like(pattern, escape="\\"))
    stmt = sa.select(Workshop).where(*where).order_by(Workshop.name, Workshop.id)
    shown = list(db.session.scalars(stmt.limit(WORKSHOP_MATCH_LIMIT + 1)))
    if len(shown) <= WORKSHOP_MATCH_LIMIT:
        return WorkshopMatches(shown)
    total = db.session.scalar(sa.select(sa.func.count(Workshop.id)).where(*where))
    return WorkshopMatches(shown[:WORKSHOP_MATCH_LIMIT], total - WORKSHOP_MATCH_LIMIT)


def workshop_by_code(code: str) -> Workshop | None:
    """The workshop with this public code."""
    code = (code or "").strip().upper()
    return db.session.scalar(sa.select(Workshop).where(Workshop.public_code == code))


def observed_label(report: Report) -> str:
    """When the reporter saw it, as precisely as they said: a time, a day, or this week."""
    seen, precision = report.observed_at, report.observed_precision
    if seen is None:
        return "未填写"
    if precision == ObservedPrecision.WEEK:
        return f"{format_date(seen)}至{format_date(report.created_at)}之间（举报人选择“这个星期”）"
    if precision == ObservedPrecision.DAY:
        return f"{format_date(seen)}（举报人未说具体时间）"
    return format_datetime(seen)
