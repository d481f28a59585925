"""双随机 draws: committed seeds, reproducible selection, bad input refused, nothing editable."""

import hashlib

import pytest
import sqlalchemy as sa
from draw_helpers import announced, made, make_inspectors, plan, recompute
from factories import category, make_workshop

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, Draw, DrawCandidate, RecordInvalid, utcnow
from workshop_credit.supervision import draw_operations, draws


def test_the_selection_is_the_published_procedure_for_several_seeds():
    codes = [f"C{n:03d}ABCD" for n in range(40)]
    certificates = [f"赣执 3608230{n:04d}" for n in range(9)]
    for n in range(12):
        seed = hashlib.sha256(f"seed {n}".encode()).hexdigest()
        expected = recompute(seed, codes, certificates, 7, 2)
        assert draws.selection(seed, codes, certificates, 7, 2) == expected
        # The order of the published lists does not change the result.
        assert draws.selection(seed, codes[::-1], certificates[::-1], 7, 2) == expected


def test_a_draw_keeps_its_commitment_and_its_result_can_be_recomputed(app):
    for n in range(6):
        make_workshop(f"米粉坊{n}")
    make_workshop("遂川坊", district_name="遂川县")
    make_inspectors(n=5)
    draw, seed = announced(workshop_count=3)
    assert draw.seed is None and draw.seed_commitment == hashlib.sha256(seed.encode()).hexdigest()
    assert draw_operations.make(draw, seed.upper(), draw.announced_by) is draw
    assert draw.seed == seed and draw.state == "made"
    codes = [c.public_code for c in draw.candidates]
    assert codes == sorted(codes) and len(codes) == 6
    certificates = [o.certificate_number for o in draw.roster]
    expected = recompute(seed, codes, certificates, 3, 2)
    stored = [
        (p.public_code, [a.officer.certificate_number for a in p.assignments]) for p in draw.picks
    ]
    assert stored == expected
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.entity_type == "draw")
    ).all()
    assert actions == ["announce", "make"]


def test_a_seed_that_does_not_match_its_commitment_changes_nothing(app):
    make_workshop()
    make_workshop()
    make_inspectors()
    draw, seed = announced()
    wrong = draws.new_seed()
    with pytest.raises(RecordInvalid, match="承诺值") as refused:
        draw_operations.make(draw, wrong, draw.announced_by)
    assert refused.value.field == "seed"
    with pytest.raises(RecordInvalid, match="64 位"):
        draw_operations.make(draw, "not a seed", draw.announced_by)
    db.session.expire_all()
    assert draw.state == "announced" and draw.seed is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DrawCandidate)) == 0


def test_a_draw_larger_than_its_candidates_or_an_empty_roster_is_refused(app):
    make_workshop(categories=("米粉",))
    make_workshop(categories=("酒类",))
    with pytest.raises(RecordInvalid, match="名录为空"):
        draw_operations.check_feasible(plan())
    make_inspectors(n=1)
    with pytest.raises(RecordInvalid, match="只有 1 名") as refused:
        draw_operations.check_feasible(plan())
    assert refused.value.field == "inspectors_per_workshop"
    make_inspectors(n=2)
    scoped = plan(workshop_count=2, category_ids=[category("酒类").id])
    with pytest.raises(RecordInvalid, match="超过了抽查范围内登记有效的小作坊数 1"):
        draw_operations.check_feasible(scoped)
    draw_operations.check_feasible(plan(workshop_count=2))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Draw)) == 0


def test_the_roster_or_the_candidates_shrinking_before_the_draw_stops_it(app):
    workshops = [make_workshop(), make_workshop()]
    make_inspectors()
    draw, seed = announced()
    workshops[0].status = workshops[0].status.__class__.CANCELLED
    db.session.commit()
    with pytest.raises(RecordInvalid, match="超过了抽查范围"):
        draw_operations.make(draw, seed, draw.announced_by)
    assert draw.state == "announced"


def test_a_made_draw_cannot_be_edited_or_deleted(app):
    for _ in range(3):
        make_workshop()
    make_inspectors()
    draw = made()
    draw.workshop_count = 1
    with pytest.raises(RecordInvalid):
        db.session.flush()
    db.session.rollback()
    draw.candidates[0].pick_rank = 9
    with pytest.raises(RecordInvalid):
        db.session.flush()
    db.session.rollback()
    db.session.delete(draw.candidates[0])
    with pytest.raises(RecordInvalid):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(RecordInvalid, match="已经抽取"):
        draw_operations.make(draw, draw.seed, None)
    with pytest.raises(RecordInvalid, match="尚未抽取"):
        draw_operations.cancel(draw, "重复", None)


def test_an_announced_draw_can_be_cancelled_with_a_reason(app):
    make_workshop()
    make_workshop()
    make_inspectors()
    draw, seed = announced()
    with pytest.raises(RecordInvalid, match="作废原因") as refused:
        draw_operations.cancel(draw, " ", None)
    assert refused.value.field == "reason" and draw.state == "announced"
    assert draw_operations.cancel(draw, "抽查事项调整", draw.announced_by) is draw
    assert draw.state == "cancelled"
    with pytest.raises(RecordInvalid, match="已作废"):
        draw_operations.make(draw, seed, draw.announced_by)
    assert local_today() <= draw.due_on


def test_a_draw_settled_meanwhile_elsewhere_is_neither_made_nor_cancelled_again(app):
    make_workshop()
    make_workshop()
    make_inspectors()
    draw, seed = announced()
    assert draw.state == "announced"  # as this page shows it
    # Another node calls the draw off meanwhile.
    with db.engine.begin() as other:
        other.execute(
            sa.update(Draw)
            .where(Draw.id == draw.id)
            .values(cancelled_at=utcnow(), cancel_reason="另行公布")
        )
    with pytest.raises(RecordInvalid, match="刚刚已由他人抽取或作废"):
        draw_operations.make(draw, seed, None)
    assert draw.state == "cancelled" and draw.seed is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DrawCandidate)) == 0
    with pytest.raises(RecordInvalid, match="尚未抽取"):
        draw_operations.cancel(draw, "再次作废", None)
