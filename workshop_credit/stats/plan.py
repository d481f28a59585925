"""The plan's targets, computed from the records, per county and city-wide, for one year.

The one computation behind ``/stats`` and the admin start page (and, later, the API):
``figures(year, today)`` gives every figure with its numerator and denominator, and
``members(key, year, today, district_id)`` the statement for the workshops behind one.
Each share is defined by two conditions on workshops (who counts, who meets it), so that
the page can always list the workshops a figure is made of. The day that counts is the
year's last day, or today for the current year.

The counts over the whole file are kept per process under the day, the year and the state
of the workshops' files (``files_state``): every record of a file raises its workshop's
version, so a change is counted on the next visit and an unchanged file is counted once.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask import g, has_request_context, request

from workshop_credit.core.i18n import N_
from workshop_credit.core.timeutil import SITE_TIMEZONE
from workshop_credit.extensions import db, page_cache
from workshop_credit.models import (
    Board,
    Category,
    District,
    DistrictKind,
    HealthCertificate,
    Honour,
    HonourKind,
    Inspection,
    ProcessingZone,
    Registration,
    RegistrationStatus,
    Sampling,
    SamplingResult,
    Supplier,
    Workshop,
)
from workshop_credit.models.workshop import workshop_categories
from workshop_credit.supervision.risk import inspected_as_asked

FIRST_YEAR = 2019
FIRST_SAMPLING_DAYS = timedelta(days=90)


@dataclass(frozen=True)
class Share:
    """A target on a share of workshops: who counts (``base``) and who meets it (``met``)."""

    key: str
    title: str
    target: float
    how: str
    base: object  # function(start, end) -> SQL condition on Workshop
    met: object


@dataclass
class Figure:
    """One figure for one place: numerator over denominator against the target."""

    numerator: int
    denominator: int
    target: float

    @property
    def value(self) -> float | None:
        """The share, or None when nobody counts yet."""
        return self.numerator / self.denominator if self.denominator else None

    @property
    def met(self) -> bool:
        """Whether the target is reached (nothing to count reaches nothing)."""
        return self.value is not None and self.value >= self.target


def _in_force(day):
    return Workshop.certified_on(day)


def _operating(day):
    """On file by ``day`` and not cancelled or revoked by then."""
    ended = sa.exists().where(
        Registration.workshop_id == Workshop.id,
        Registration.status.in_([RegistrationStatus.CANCELLED, RegistrationStatus.REVOKED]),
        Registration.ended_on <= day,
    )
    next_midnight = datetime.combine(day + timedelta(days=1), time(), SITE_TIMEZONE)
    return sa.and_(Workshop.created_at < next_midnight, ~ended)


def _key_category():
    return sa.exists().where(
        workshop_categories.c.workshop_id == Workshop.id,
        workshop_categories.c.category_id == Category.id,
        Category.is_key.is_(True),
    )


def _has(model, day_column, start, end, *where):
    return sa.exists().where(
        model.workshop_id == Workshop.id, day_column >= start, day_column <= end, *where
    )


def _file_established(day):
    """The file (一户一档) holds an inspection, a health certificate and a supplier by ``day``."""
    next_midnight = datetime.combine(day + timedelta(days=1), time(), SITE_TIMEZONE)
    return sa.and_(
        sa.exists().where(Inspection.workshop_id == Workshop.id, Inspection.inspected_on <= day),
        sa.exists().where(
            HealthCertificate.workshop_id == Workshop.id, HealthCertificate.issued_on <= day
        ),
        sa.exists().where(Supplier.workshop_id == Workshop.id, Supplier.created_at < next_midnight),
    )


def _first_registered():
    return (
        sa.select(sa.func.min(Registration.issued_on))
        .where(Registration.workshop_id == Workshop.id)
        .scalar_subquery()
    )


def _sampled_soon_after_registering(start, end):
    """Workshops first registered in the year whose first sampling came within 90 days.

    Date arithmetic differs on every database, so the 90 days are counted here.
    """
    first = dict(
        db.session.execute(
            sa.select(Registration.workshop_id, sa.func.min(Registration.issued_on))
            .group_by(Registration.workshop_id)
            .having(sa.func.min(Registration.issued_on).between(start, end))
        ).all()
    )
    soon = set()
    for workshop_id, sampled_on in db.session.execute(
        sa.select(Sampling.workshop_id, Sampling.sampled_on).where(
            Sampling.workshop_id.in_(list(first)), Sampling.sampled_on >= start
        )
    ):
        if first[workshop_id] <= sampled_on <= first[workshop_id] + FIRST_SAMPLING_DAYS:
            soon.add(workshop_id)
    return Workshop.id.in_(sorted(soon))


SHARES = (
    Share("key_registration", N_("重点品种登记率"), 0.95,
          N_("重点品种（酒类、肉制品、食用植物油、米粉、糕点）小作坊中，当日持有效登记证的比例。"
             "分母：当日已建档、未被注销或撤销的重点品种小作坊（含查获的无证作坊）。"),
          lambda s, e: sa.and_(_operating(e), _key_category()), lambda s, e: _in_force(e)),
    Share("filing", N_("建档率"), 0.95,
          N_("当日持有效登记证的小作坊中，“一户一档”已建立的比例：档案中至少有一次监督检查记录、"
             "一份从业人员健康证明和一家原料供应商。"),
          lambda s, e: _in_force(e), lambda s, e: _file_established(e)),
    Share("registration", N_("全部品种登记率"), 1.0,
          N_("全部已建档、未被注销或撤销的小作坊中，当日持有效登记证的比例。"),
          lambda s, e: _operating(e), lambda s, e: _in_force(e)),
    Share("inspection", N_("年度监督检查覆盖率"), 0.90,
          N_("当日持有效登记证的小作坊中，本年度至少接受过一次监督检查的比例。"),
          lambda s, e: _in_force(e), lambda s, e: _has(Inspection, Inspection.inspected_on, s, e)),
    Share("sampling", N_("消费量大、关注度高的产品年度抽检覆盖率"), 0.80,
          N_("生产消费量大、消费者关注度高的重点品种（酒类、肉制品、食用植物油、米粉、糕点）"
             "且当日持有效登记证的小作坊中，本年度至少被监督抽检一次的比例。"),
          lambda s, e: sa.and_(Workshop.certified_on(e), _key_category()),
          lambda s, e: _has(Sampling, Sampling.sampled_on, s, e)),
    Share("disposal", N_("不合格食品处置率"), 1.0,
          N_("本年度有抽检不合格记录的小作坊中，每一批不合格食品都已处置完毕的比例。"),
          lambda s, e: _has(Sampling, Sampling.sampled_on, s, e,
                            Sampling.result == SamplingResult.FAIL),
          lambda s, e: ~_has(Sampling, Sampling.sampled_on, s, e,
                             Sampling.result == SamplingResult.FAIL,
                             Sampling.disposed_on.is_(None))),
    Share("first_sampling", N_("登记后三个月内首次抽检率"), 1.0,
          N_("本年度首次登记且已满 90 天的小作坊中，登记后 90 天内完成首次抽检的比例。"),
          lambda s, e: _first_registered().between(s, e - FIRST_SAMPLING_DAYS),
          _sampled_soon_after_registering),
    Share("board", N_("信息公开栏设置率"), 1.0,
          N_("当日持有效登记证的小作坊中，已设置信息公开栏并签署诚信承诺的比例。"),
          lambda s, e: _in_force(e),
          lambda s, e: sa.exists().where(Board.workshop_id == Workshop.id,
                                         Board.commitment_signed_on <= e)),
    Share("risk_inspection", N_("按风险等级检查频次达标率"), 1.0,
          N_("当日持有效登记证的小作坊中，本年度监督检查次数达到其风险等级要求的比例。"
             "风险等级由作坊风险最高的食品类别起算，信用等级 A 降一级、C 升一级、D 升两级；"
             "默认低风险每年 1 次、中风险 2 次、高风险 4 次，年内按已过天数折算（向下取整）。"),
          lambda s, e: _in_force(e), inspected_as_asked),
)  # fmt: skip
SHARES_BY_KEY = {share.key: share for share in SHARES}
# Demonstration units held per county, cumulated up to the year: (by year, at least).
DEMONSTRATION_TARGETS = {2019: 2, 2020: 5}
CITY_DEMONSTRATION_TARGET = (2021, 130)


def year_span(year: int, today: date) -> tuple[date, date]:
    """The first day of ``year`` and the day that counts: its last day, or today."""
    return date(year, 1, 1), min(date(year, 12, 31), today)


def counties():
    """The county-level divisions in display order (the management zones are not counties)."""
    return db.session.scalars(
        sa.select(District)
        .where(District.kind == DistrictKind.COUNTY)
        .order_by(District.sort_order)
    ).all()


def files_state() -> tuple:
    """What changes whenever any workshop's file does: file versions only ever go up.

    Asked once per request, however many figures of the page are kept under it.
    """
    asked = g.get("files_state") if has_request_context() else None
    if asked is not None and asked[0] is request._get_current_object():
        return asked[1]
    state = tuple(
        db.session.execute(
            sa.select(sa.func.count(), sa.func.sum(Workshop.file_version), sa.func.max(Workshop.id))
        ).one()
    )
    if has_request_context():
        g.files_state = (request._get_current_object(), state)
    return state


def _counted(compute, year: int, today: date):
    """``compute(year, today)``, counted once per day, year and state of the files."""
    key = ("stats", compute.__name__, year, today, files_state())
    return page_cache.get_or_render(key, lambda: compute(year, today))


def share_figures(year: int, today: date) -> dict[str, dict]:
    """Every share target per district id, plus ``None`` for the whole city."""
    return _counted(_share_figures, year, today)


def _share_figures(year: int, today: date) -> dict[str, dict]:
    start, end = year_span(year, today)
    result = {}
    for share in SHARES:
        base, met = share.base(start, end), share.met(start, end)
        rows = db.session.execute(
            sa.select(
                Workshop.district_id,
                sa.func.count(),
                sa.func.sum(sa.case((met, 1), else_=0)),
            )
            .where(base)
            .group_by(Workshop.district_id)
        ).all()
        places = {d: Figure(int(n or 0), int(total), share.target) for d, total, n in rows}
        city = Figure(
            sum(f.numerator for f in places.values()),
            sum(f.denominator for f in places.values()),
            share.target,
        )
        result[share.key] = {**places, None: city}
    return result


def members(key: str, year: int, today: date, district_id: int | None, missing: bool):
    """The workshops behind one figure: those who count, or only those who miss it."""
    share = SHARES_BY_KEY[key]
    start, end = year_span(year, today)
    stmt = sa.select(Workshop).where(share.base(start, end))
    if missing:
        stmt = stmt.where(~share.met(start, end))
    if district_id is not None:
        stmt = stmt.where(Workshop.district_id == district_id)
    return stmt.order_by(Workshop.name, Workshop.id)


def demonstration_units(year: int, today: date) -> dict[int | None, int]:
    """Demonstration units awarded up to ``year`` and not revoked, per district and city-wide."""
    return _counted(_demonstration_units, year, today)


def _demonstration_units(year: int, today: date) -> dict[int | None, int]:
    _, end = year_span(year, today)
    rows = db.session.execute(
        sa.select(Workshop.district_id, sa.func.count(sa.distinct(Honour.workshop_id)))
        .join(Honour, Honour.workshop_id == Workshop.id)
        .where(
            Honour.kind == HonourKind.DEMONSTRATION,
            Honour.year <= year,
            Honour.held_on(end),
        )
        .group_by(Workshop.district_id)
    ).all()
    counts = dict(rows)
    return {**counts, None: sum(counts.values())}


def processing_zones(year: int, today: date) -> dict[int, int]:
    """Concentrated processing zones established by the day that counts, per district."""
    _, end = year_span(year, today)
    return dict(
        db.session.execute(
            sa.select(ProcessingZone.district_id, sa.func.count())
            .where(ProcessingZone.established_on <= end)
            .group_by(ProcessingZone.district_id)
        ).all()
    )


def demonstration_target(year: int) -> int:
    """The number of demonstration units each county should hold by the end of ``year``."""
    return DEMONSTRATION_TARGETS.get(year, max(DEMONSTRATION_TARGETS.values()))
