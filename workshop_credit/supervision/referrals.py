"""Referrals of suspected crimes to the police: what may be referred, and counts per county.

A penalty can be referred at any time after its decision; a tip-off once its investigation
found it substantiated (举报属实). The public page shows a penalty's referral exactly while
the penalty itself is public (``Penalty.is_public``); a tip-off's referral is shown to its
reporter on the status page only.
"""

from datetime import date

import sqlalchemy as sa

from workshop_credit.core.timeutil import SITE_TIMEZONE
from workshop_credit.extensions import db
from workshop_credit.models import Penalty, Referral, ReportStatus


def report_may_be_referred(report) -> bool:
    """Whether the tip-off's investigation found it substantiated."""
    return any(event.status == ReportStatus.SUBSTANTIATED for event in report.events)


def earliest_day(case) -> date:
    """The first day a case could be referred: the penalty's decision or the tip-off's filing."""
    if isinstance(case, Penalty):
        return case.decided_on
    return case.created_at.astimezone(SITE_TIMEZONE).date()


def reporter_sees(report) -> Referral | None:
    """The referral a tip-off's reporter is told of: the tip-off's own, or its penalty's."""
    if report.referral is not None:
        return report.referral
    return report.penalty.referral if report.penalty is not None else None


def per_district(year: int) -> dict[int | None, int]:
    """Referrals made in ``year`` per referring county, plus ``None`` for the whole city."""
    rows = db.session.execute(
        sa.select(Referral.district_id, sa.func.count())
        .where(Referral.referred_on.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(Referral.district_id)
    ).all()
    counts = {district_id: int(n) for district_id, n in rows}
    return {**counts, None: sum(counts.values())}


def in_scope(district_id: int | None):
    """The referrals an account of ``district_id`` sees (all of them when city-wide)."""
    stmt = sa.select(Referral).order_by(Referral.referred_on.desc(), Referral.id.desc())
    if district_id is not None:
        stmt = stmt.where(Referral.district_id == district_id)
    return stmt
