"""Referrals to the police and operators' training, made through the supervision services.

Follow-up samplings are part of each workshop's sampling history (``demo.sampling``).
Referrals go through the same checks as a clerk's: a penalty is referred after its
decision, a tip-off only once found substantiated. Each county trains a few dozen
operators twice a year, chosen among the workshops registered by then.
"""

from collections import defaultdict
from datetime import date

import sqlalchemy as sa

from workshop_credit.demo.run import PLAN_START, between, days
from workshop_credit.extensions import db
from workshop_credit.models import (
    District,
    Penalty,
    RecordInvalid,
    Registration,
    Report,
    ReportStatus,
    Workshop,
)
from workshop_credit.models import WorkshopStatus as WS
from workshop_credit.supervision import operations, referrals

# Few cases are crimes: about one penalty in a hundred, one substantiated tip-off in ten.
PENALTY_REFERRED = 0.01
REPORT_REFERRED = 0.1
SESSIONS_PER_YEAR = 2
TOPICS = (
    "《中华人民共和国食品安全法》及江西省小作坊管理条例解读",
    "食品添加剂的正确使用与标签标识",
    "生产场所卫生规范与从业人员健康管理",
    "原料进货查验和生产记录台账",
    "米粉、酒类小作坊常见抽检不合格项目及整改",
)


def add_supervision(run) -> dict[str, int]:
    """Refer some penalties and substantiated tip-offs; hold training sessions per county."""
    offices = {d.id: d.name for d in db.session.scalars(sa.select(District))}
    referred = _refer_penalties(run, offices) + _refer_reports(run, offices)
    return {"移送公安": referred, "培训": _hold_trainings(run, offices)}


def _office(offices, district_id):
    return f"{offices[district_id]}公安局食品药品环境犯罪侦查大队"


def _refer_penalties(run, offices) -> int:
    # The first penalty still in its publicity period is referred, so a small load shows one.
    public = [p["id"] for p in run.penalised if p["ends"] >= run.today][:1]
    chosen = public + [p["id"] for p in run.penalised if run.rng.random() < PENALTY_REFERRED]
    done = 0
    chosen_penalties = sa.select(Penalty).where(Penalty.id.in_(chosen)).order_by(Penalty.id)
    for penalty in db.session.scalars(chosen_penalties):
        day = min(penalty.decided_on + days(run.rng.randint(3, 30)), run.today)
        office = _office(offices, penalty.workshop.district_id)
        done += _referred(penalty, day, office, run.today)
    return done


def _refer_reports(run, offices) -> int:
    ids = [report_id for report_id, _subject in run.reports]
    done = 0
    for report in db.session.scalars(
        sa.select(Report)
        .where(
            Report.id.in_(ids),
            Report.status.in_([ReportStatus.SUBSTANTIATED, ReportStatus.CLOSED]),
        )
        .order_by(Report.id)
    ):
        if not referrals.report_may_be_referred(report):
            continue
        if done and run.rng.random() > REPORT_REFERRED:  # the first one always, for a small load
            continue
        start = referrals.earliest_day(report)
        day = between(run.rng, start, min(start + days(30), run.today))
        office = _office(offices, report.handling_district_id)
        done += _referred(report, day, office, run.today)
    return done


def _referred(case, day, office, today) -> bool:
    """Refer ``case`` as a clerk would; whether the service took it."""
    try:
        operations.refer(case, day, office, None, today)
    except RecordInvalid:
        return False
    return True


def _registered_by_county():
    """Registered workshops per county as (first registration day, public code)."""
    found = defaultdict(list)
    for district_id, code, first in db.session.execute(
        sa.select(Workshop.district_id, Workshop.public_code, sa.func.min(Registration.issued_on))
        .join(Registration, Registration.workshop_id == Workshop.id)
        .where(Workshop.status == WS.REGISTERED)
        .group_by(Workshop.id, Workshop.district_id, Workshop.public_code)
        .order_by(Workshop.id)
    ):
        found[district_id].append((first, code))
    return found


def _hold_trainings(run, offices) -> int:
    held = 0
    for district_id, workshops in sorted(_registered_by_county().items()):
        for year in range(PLAN_START.year, run.today.year + 1):
            for _ in range(SESSIONS_PER_YEAR):
                start = max(date(year, 1, 1), PLAN_START)
                day = between(run.rng, start, min(date(year, 12, 31), run.yesterday))
                if day > run.yesterday:
                    continue
                held += _hold_one(run, offices, district_id, day, workshops)
    return held


def _hold_one(run, offices, district_id, day, workshops) -> int:
    """One session on ``day`` with a few dozen operators of workshops registered by then."""
    eligible = [code for first, code in workshops if first <= day]
    if not eligible:
        return 0
    codes = run.rng.sample(eligible, min(len(eligible), run.rng.randint(15, 60)))
    values = {
        "district_id": district_id,
        "held_on": day,
        "topic": run.rng.choice(TOPICS),
        "organiser": f"{offices[district_id]}市场监督管理局",
    }
    try:
        operations.save_training(None, values, codes, None, run.today)
    except RecordInvalid:
        return 0
    return 1
