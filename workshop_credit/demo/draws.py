"""The demo's 双随机 draws: a roster of inspectors per county and a draw in each.

Everything goes through the supervision services, as a regulator's clicks would: the roster
entries, the announcement with its commitment, the draw itself and the inspections entered
for half of the drawn workshops. Seeds come from the demo's random source, so a demo is
repeatable; the draws are announced and made on the day of the load.
"""

from datetime import timedelta

import sqlalchemy as sa

from workshop_credit.demo.names import FINDINGS, person_name
from workshop_credit.extensions import db
from workshop_credit.models import District, InspectionResult, RecordInvalid, RectificationStatus
from workshop_credit.supervision import draw_operations, roster
from workshop_credit.supervision.draw_queries import candidate_count

ROSTER_SIZE, DRAWN, INSPECTORS = 6, 5, 2
DUE_DAYS = 60


def add_draws(run) -> dict[str, int]:
    """A roster and a made draw per district; the first district also calls a draw off."""
    made = officers = 0
    for number, place in enumerate(_districts()):
        officers += _add_roster(run, place, number)
        made += _add_draw(run, place)
        if number == 0:
            _add_cancelled_draw(run, place)
    return {"执法人员": officers, "双随机抽查": made}


def _districts():
    return db.session.scalars(sa.select(District).order_by(District.sort_order)).all()


def _add_roster(run, place, number) -> int:
    if roster.active_roster(place.id):
        return 0  # a second load keeps the county's roster
    prefix = place.code or f"3608Z{number}"
    for n in range(1, ROSTER_SIZE + 1):
        values = {
            "district_id": place.id,
            "name": person_name(run.rng),
            "certificate_number": f"赣市监执 {prefix}{n:03d}",
        }
        try:
            roster.save_inspector(None, values, None)
        except RecordInvalid:
            return n - 1
    return ROSTER_SIZE


def _plan(run, place, count):
    return draw_operations.Plan(
        district_id=place.id,
        subject=f"{run.today.year} 年{place.name}食品小作坊“双随机”监督检查",
        workshop_count=count,
        inspectors_per_workshop=INSPECTORS,
        due_on=run.today + timedelta(days=DUE_DAYS),
    )


def _seed(run) -> str:
    return f"{run.rng.getrandbits(256):064x}"


def _add_draw(run, place) -> int:
    count = min(DRAWN, candidate_count(place.id, [], []))
    if count == 0:
        return 0
    seed = _seed(run)
    try:
        draw, _ = draw_operations.announce(_plan(run, place, count), None, run.today, seed=seed)
        draw_operations.make(draw, seed, None)
    except RecordInvalid:
        return 0
    for pick in draw.picks[: (count + 1) // 2]:
        draw_operations.record_inspection(draw, pick, _findings(run, place), None)
    return 1


def _findings(run, place) -> dict:
    rectify = run.rng.random() < 0.3
    return {
        "inspected_on": run.today,
        "result": InspectionResult.RECTIFY if rectify else InspectionResult.COMPLIANT,
        "findings": run.rng.choice(FINDINGS["rectify" if rectify else "compliant"]),
        "authority": place.office_name or f"{place.name}市场监督管理局",
        "rectification_status": (
            RectificationStatus.PENDING if rectify else RectificationStatus.NOT_REQUIRED
        ),
        "rectification_deadline": run.today + timedelta(days=15) if rectify else None,
    }


def _add_cancelled_draw(run, place) -> None:
    count = min(DRAWN, candidate_count(place.id, [], []))
    if not count:
        return
    try:
        draw, _ = draw_operations.announce(_plan(run, place, count), None, run.today, _seed(run))
    except RecordInvalid:
        return
    draw_operations.cancel(draw, "抽查事项清单调整，另行公布", None)
