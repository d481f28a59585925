"""Worklists for regulators: the workshops that need someone to act, within a scope.

Each list is a query over the records, never a stored flag, so a list empties itself
as soon as the missing record is entered.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from workshop_credit.accounts.scope import within_county
from workshop_credit.models import (
    Inspection,
    Registration,
    Sampling,
    SamplingResult,
    Workshop,
    WorkshopStatus,
)
from workshop_credit.supervision.followup import awaiting_follow_up
from workshop_credit.supervision.risk import due_for_inspection

# The plan: the first sampling within three months of registration.
FIRST_SAMPLING_DAYS = 92
EXPIRY_NOTICE_DAYS = 30


def _registered():
    return sa.select(Workshop).where(Workshop.status == WorkshopStatus.REGISTERED)


def never_sampled(today: date):
    """Registered over three months ago and never sampled."""
    first_issued = (
        sa.select(sa.func.min(Registration.issued_on))
        .where(Registration.workshop_id == Workshop.id)
        .scalar_subquery()
    )
    sampled = sa.select(Sampling.id).where(Sampling.workshop_id == Workshop.id).exists()
    return _registered().where(
        first_issued <= today - timedelta(days=FIRST_SAMPLING_DAYS), ~sampled
    )


def failed_not_disposed(today: date):
    """A failed sampling whose non-compliant food has no recorded disposal yet."""
    pending = (
        sa.select(Sampling.id)
        .where(
            Sampling.workshop_id == Workshop.id,
            Sampling.result == SamplingResult.FAIL,
            Sampling.disposed_on.is_(None),
        )
        .exists()
    )
    return sa.select(Workshop).where(pending)


def expiring_soon(today: date):
    """A valid certificate expiring within 30 days, and none valid after them (renewal is due)."""
    notice_ends = today + timedelta(days=EXPIRY_NOTICE_DAYS)
    expiring = sa.exists().where(
        Registration.workshop_id == Workshop.id,
        Registration.valid_on(today),
        Registration.expires_on <= notice_ends,
    )
    renewed = sa.exists().where(
        Registration.workshop_id == Workshop.id,
        Registration.valid_on(notice_ends + timedelta(days=1)),
    )
    return _registered().where(expiring, ~renewed)


def not_inspected_this_year(today: date):
    """Registered, and no inspection since 1 January."""
    inspected = (
        sa.select(Inspection.id)
        .where(
            Inspection.workshop_id == Workshop.id,
            Inspection.inspected_on >= date(today.year, 1, 1),
        )
        .exists()
    )
    return _registered().where(~inspected)


def follow_up_due(today: date):
    """A failed batch was disposed of and the same product has not been sampled again since."""
    return sa.select(Workshop).where(awaiting_follow_up())


@dataclass(frozen=True)
class Worklist:
    """A named worklist: its Chinese title, what it means, and its query."""

    key: str
    title: str
    explanation: str
    query: object


WORKLISTS = {
    w.key: w
    for w in (
        Worklist(
            "never-sampled",
            "登记满三个月未抽检",
            "登记超过 3 个月仍无任何监督抽检记录",
            never_sampled,
        ),
        Worklist(
            "failed-not-disposed",
            "抽检不合格未处置",
            "抽检不合格且尚未登记处置完成日期",
            failed_not_disposed,
        ),
        Worklist(
            "expiring", "登记证 30 天内到期", "有效登记证将在 30 天内到期且尚未换证", expiring_soon
        ),
        Worklist(
            "not-inspected",
            "本年度未检查",
            "登记有效但今年以来没有监督检查记录",
            not_inspected_this_year,
        ),
        Worklist(
            "inspection-due",
            "按风险等级到期应检查",
            "按风险分级规则（高风险检查最频繁），下次监督检查已到期或超期",
            due_for_inspection,
        ),
        Worklist(
            "follow-up-due",
            "待整改后跟踪抽检",
            "不合格批次已处置，尚未对同一产品跟踪抽检（默认处置后 60 天内完成）",
            follow_up_due,
        ),
    )
}


def counts(today: date, district_id: int | None, session) -> dict[str, int]:
    """How many workshops each worklist holds in the scope."""
    return {
        key: session.scalar(
            sa.select(sa.func.count()).select_from(
                within_county(w.query(today), Workshop.district_id, district_id).subquery()
            )
        )
        for key, w in WORKLISTS.items()
    }
