"""Announcing, making and cancelling draws, and entering their inspections: audited writes.

Every problem is raised as a ``RecordInvalid`` with a Chinese message, and nothing is
changed: the checks run before the first write, and a failed write is rolled back.
"""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from workshop_credit.accounts import audit
from workshop_credit.core.transactions import unit_of_work
from workshop_credit.extensions import db
from workshop_credit.models import (
    Draw,
    DrawAssignment,
    DrawCandidate,
    DrawInspector,
    InspectionKind,
    RecordInvalid,
    Workshop,
    utcnow,
)
from workshop_credit.supervision import draws
from workshop_credit.supervision.draw_queries import candidate_count, candidates_stmt, local_day
from workshop_credit.supervision.roster import active_roster
from workshop_credit.workshops import operations as file_service

TAKEN = "该抽查刚刚已由他人抽取或作废，请刷新页面查看"


@dataclass
class Plan:
    """What a regulator asks for when announcing a draw."""

    district_id: int
    subject: str
    workshop_count: int
    inspectors_per_workshop: int
    due_on: date
    category_ids: list = field(default_factory=list)
    risk_levels: list = field(default_factory=list)

    @classmethod
    def of(cls, draw: Draw) -> "Plan":
        """The plan an announced draw was made with."""
        return cls(**{name: getattr(draw, name) for name in cls.__dataclass_fields__})


def check_feasible(plan) -> None:
    """Raise ``RecordInvalid`` if the county's roster or candidates cannot serve the draw."""
    officers = len(active_roster(plan.district_id))
    if officers == 0:
        raise RecordInvalid("本县（市、区）执法检查人员名录为空，请先录入执法人员再抽查")
    if officers < plan.inspectors_per_workshop:
        raise RecordInvalid(
            f"每户需抽取 {plan.inspectors_per_workshop} 名执法人员，"
            f"但名录中只有 {officers} 名在岗人员",
            "inspectors_per_workshop",
        )
    available = candidate_count(plan.district_id, plan.category_ids, plan.risk_levels)
    if plan.workshop_count > available:
        raise RecordInvalid(
            f"抽取户数 {plan.workshop_count} 超过了抽查范围内登记有效的小作坊数 {available}，"
            "请减少户数或放宽范围",
            "workshop_count",
        )


def announce(plan: Plan, actor, today: date, seed: str | None = None):
    """Publish a draw's scope and seed commitment: (draw, seed); raise ``RecordInvalid``.

    Only the seed's SHA-256 is stored; the seed is shown once to the regulator, who reveals
    it when making the draw, so nobody can know the selection before then. ``seed`` is for
    repeatable demo data; by default a fresh secret one is drawn.
    """
    if plan.due_on < today:
        raise RecordInvalid("完成期限不能早于今天", "due_on")
    check_feasible(plan)
    seed = seed or draws.new_seed()
    draw = Draw(**vars(plan), seed_commitment=draws.commitment(seed), announced_by=actor)
    db.session.add(draw)
    db.session.flush()
    audit.record("announce", "draw", draw.id, actor=actor, after=audit.snapshot(draw))
    db.session.commit()
    return draw, seed


def make(draw: Draw, seed_text: str, actor) -> Draw:
    """Reveal the seed, fix the candidate list and roster, and store the selection."""
    if draw.state != "announced":
        raise RecordInvalid("该抽查已经抽取或已作废，不能再次抽取")
    seed = draws.normalize_seed(seed_text)
    problem = draws.seed_problem(seed, draw.seed_commitment)
    if problem:
        raise RecordInvalid(problem, "seed")
    try:
        check_feasible(Plan.of(draw))
    except RecordInvalid as unfit:
        raise RecordInvalid(f"无法抽取：{unfit}") from unfit
    if not _claim(draw, seed=seed, made_at=utcnow(), made_by_id=actor.id if actor else None):
        raise RecordInvalid(TAKEN)
    with unit_of_work(lambda _error: RecordInvalid(TAKEN)):
        _fix_lists_and_select(draw, seed)
        db.session.flush()
        audit.record("make", "draw", draw.id, actor=actor, after=_result_snapshot(draw))
    return draw


def _claim(draw: Draw, **values) -> bool:
    """Set ``values`` on the draw if it is still only announced, in one conditional UPDATE.

    Two people acting at once cannot both make the draw, nor make and cancel it: the
    second UPDATE finds the draw settled and changes nothing.
    """
    claimed = db.session.execute(
        sa.update(Draw)
        .where(Draw.id == draw.id, Draw.made_at.is_(None), Draw.cancelled_at.is_(None))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        return False
    for name, value in values.items():
        set_committed_value(draw, name, value)
    return True


def _fix_lists_and_select(draw: Draw, seed: str) -> None:
    rows = db.session.execute(
        candidates_stmt(draw.district_id, draw.category_ids, draw.risk_levels)
    ).all()
    officers = active_roster(draw.district_id)
    result = draws.selection(
        seed,
        [w.public_code for w, _ in rows],
        [o.certificate_number for o in officers],
        draw.workshop_count,
        draw.inspectors_per_workshop,
    )
    roster = {
        o.certificate_number: DrawInspector(position=i, inspector_id=o.id, name=o.name,
                                            certificate_number=o.certificate_number)
        for i, o in enumerate(officers, start=1)
    }  # fmt: skip
    drawn = {code: (rank, numbers) for rank, (code, numbers) in enumerate(result, start=1)}
    candidates = []
    for i, (workshop, level) in enumerate(rows, start=1):
        rank, numbers = drawn.get(workshop.public_code, (None, []))
        assignments = [DrawAssignment(officer=roster[n], rank=r) for r, n in enumerate(numbers, 1)]
        candidates.append(
            DrawCandidate(position=i, workshop_id=workshop.id, public_code=workshop.public_code,
                          name=workshop.name, risk_level=level, pick_rank=rank,
                          assignments=assignments)
        )  # fmt: skip
    with db.session.no_autoflush:
        draw.candidates, draw.roster = candidates, list(roster.values())


def _result_snapshot(draw: Draw) -> dict:
    return {
        "seed": draw.seed,
        "candidates": len(draw.candidates),
        "roster": len(draw.roster),
        "drawn": [
            [pick.public_code, [a.officer.certificate_number for a in pick.assignments]]
            for pick in draw.picks
        ],
    }


def cancel(draw: Draw, reason: str, actor) -> Draw:
    """Call off an announced draw; the public page keeps it, marked as cancelled, with why."""
    if draw.state != "announced":
        raise RecordInvalid("只有尚未抽取的抽查可以作废")
    if not (reason or "").strip():
        raise RecordInvalid("请填写作废原因", "reason")
    if not _claim(draw, cancelled_at=utcnow(), cancel_reason=reason.strip()):
        raise RecordInvalid(TAKEN)
    audit.record("cancel", "draw", draw.id, actor=actor, after={"reason": draw.cancel_reason})
    db.session.commit()
    return draw


def check_pick(draw: Draw, pick: DrawCandidate, done: bool) -> DrawCandidate:
    """The drawn workshop whose inspection may be entered now; raise ``RecordInvalid`` if not."""
    if draw.state != "made" or pick.draw_id != draw.id or not pick.pick_rank:
        raise RecordInvalid("该作坊不在本次抽查的抽中名单中")
    if pick.workshop_id is None:
        raise RecordInvalid("该作坊的档案已不存在")
    if done:
        raise RecordInvalid("该作坊的本次抽查已录入检查结果")
    return pick


def record_inspection(draw: Draw, pick: DrawCandidate, values: dict, actor):
    """Enter the inspection of a drawn workshop as a 双随机检查 linked to the draw.

    ``values`` are the inspection form's; raises ``RecordInvalid`` when they cannot be filed.
    """
    if values["inspected_on"] < local_day(draw.made_at):
        raise RecordInvalid("检查日期不能早于抽取日期", "inspected_on")
    values = {**values, "kind": InspectionKind.DOUBLE_RANDOM, "draw_id": draw.id}
    workshop = db.session.get(Workshop, pick.workshop_id)
    return file_service.save_record(workshop, "inspections", "inspection", None, values, actor)
