"""The supervision tools' figures on ``/stats``, per county and city-wide, for one year.

- follow-up in time: of the failed batches whose follow-up sampling fell due in the year
  (up to the day that counts), the share sampled again by the due day (target 100 %);
- referrals: the cases referred to the police in the year, per referring county;
- training: of the workshops holding a valid certificate on the day that counts, the
  share whose operator attended a training session held in the year.

Counts over the workshops' files are kept per process under the day, the year and the
files' state, as ``plan_stats`` does; referral counts are one small query and are not kept.
"""

from collections import Counter
from datetime import date

import sqlalchemy as sa

from workshop_credit.core.i18n import N_
from workshop_credit.extensions import db, page_cache
from workshop_credit.models import Workshop
from workshop_credit.stats import plan as plan_stats
from workshop_credit.supervision import followup, referrals, training

FOLLOW_UP_TARGET = 1.0
# The plan sets no share for training; the bar is drawn against all operators.
TRAINING_TARGET = 1.0

FOLLOW_UP_HOW = N_(
    "本年度到期（不合格批次处置后规定天数内，默认 60 天）的整改后跟踪抽检中，"
    "在期限内对同一产品完成抽检的比例。点击数字查看涉及的小作坊。"
)
TRAINING_HOW = N_(
    "当日持有效登记证的小作坊中，经营者本年度参加过县（市、区）组织的食品安全培训的比例。"
)
REFERRALS_HOW = N_(
    "本年度由各县（市、区）市场监管部门登记“涉嫌犯罪，已移送公安机关”的行政处罚和举报案件数。"
)


def _registered(start, end):
    """Holding a valid certificate on the day that counts, as the plan's shares define it."""
    return plan_stats.SHARES_BY_KEY["registration"].met(start, end)


def _follow_up_base(start, end):
    return Workshop.id.in_(
        sorted({w for w, _d, _in_time in followup.batches_due_between(start, end)})
    )


def _follow_up_met(start, end):
    late = {w for w, _d, in_time in followup.batches_due_between(start, end) if not in_time}
    return Workshop.id.not_in(sorted(late))


SHARES = (
    plan_stats.Share("follow_up", N_("不合格批次整改后跟踪抽检及时率"), FOLLOW_UP_TARGET,
                     FOLLOW_UP_HOW, _follow_up_base, _follow_up_met),
    plan_stats.Share("training", N_("小作坊经营者年度培训率"), TRAINING_TARGET, TRAINING_HOW,
                     _registered, training.trained_between),
)  # fmt: skip
SHARES_BY_KEY = {share.key: share for share in SHARES}


def members(key: str, year: int, today: date, district_id: int | None, missing: bool):
    """The workshops behind one of these figures: all counted, or those who miss it."""
    share = SHARES_BY_KEY[key]
    start, end = plan_stats.year_span(year, today)
    stmt = sa.select(Workshop).where(share.base(start, end))
    if missing:
        stmt = stmt.where(~share.met(start, end))
    if district_id is not None:
        stmt = stmt.where(Workshop.district_id == district_id)
    return stmt.order_by(Workshop.name, Workshop.id)


def _figures(counts: dict, target: float) -> dict:
    """(met, total) per district as ``plan_stats.Figure``, plus the city's sum under ``None``."""
    places = {d: plan_stats.Figure(met, total, target) for d, (met, total) in counts.items()}
    city = plan_stats.Figure(
        sum(f.numerator for f in places.values()),
        sum(f.denominator for f in places.values()),
        target,
    )
    return {**places, None: city}


def follow_up_in_time(year: int, today: date) -> dict:
    """The share of failed batches followed up in time, per district and city-wide."""
    return _kept("follow_up", year, today, _follow_up_in_time)


def _follow_up_in_time(year: int, today: date) -> dict:
    start, end = plan_stats.year_span(year, today)
    met, total = Counter(), Counter()
    for _workshop_id, district_id, in_time in followup.batches_due_between(start, end):
        total[district_id] += 1
        met[district_id] += in_time
    return _figures({d: (met[d], total[d]) for d in total}, FOLLOW_UP_TARGET)


def trained(year: int, today: date) -> dict:
    """The share of registered workshops whose operator was trained, per district and city."""
    return _kept("training", year, today, _trained)


def _trained(year: int, today: date) -> dict:
    start, end = plan_stats.year_span(year, today)
    registered = _registered(start, end)
    rows = db.session.execute(
        sa.select(
            Workshop.district_id,
            sa.func.count(),
            sa.func.sum(sa.case((training.trained_between(start, end), 1), else_=0)),
        )
        .where(registered)
        .group_by(Workshop.district_id)
    ).all()
    return _figures({d: (int(n or 0), int(total)) for d, total, n in rows}, TRAINING_TARGET)


def referral_counts(year: int) -> dict[int | None, int]:
    """Referrals to the police made in ``year``, per county and city-wide."""
    return referrals.per_district(year)


def _kept(name, year, today, compute):
    key = ("supervision-stats", name, year, today, plan_stats.files_state())
    return page_cache.get_or_render(key, lambda: compute(year, today))


def figures(year: int, today: date) -> dict:
    """Everything the statistics page shows of the supervision tools for ``year``."""
    return {
        "shares": SHARES,
        "follow_up": follow_up_in_time(year, today),
        "training": trained(year, today),
        "referrals": referral_counts(year),
        "referrals_how": REFERRALS_HOW,
    }
