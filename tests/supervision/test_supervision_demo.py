"""The demo data exercises follow-up sampling, referrals and training, through the services."""

import pytest
import sqlalchemy as sa

from workshop_credit import demo
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, Referral, Sampling, TrainingSession, Workshop


@pytest.fixture
def loaded(app):
    return demo.load_demo_data(120, demo.DEFAULT_SEED)


def test_the_demo_refers_cases_and_trains_operators_through_the_services(app, loaded):
    referrals = db.session.scalars(sa.select(Referral)).all()
    assert {r.penalty_id is not None for r in referrals} == {True, False}
    assert all(r.referred_on <= local_today() for r in referrals)
    trainings = db.session.scalars(sa.select(TrainingSession)).all()
    assert trainings and all(t.workshops for t in trainings)
    assert all(w.district_id == t.district_id for t in trainings for w in t.workshops)
    audited = db.session.scalars(
        sa.select(AuditEntry.entity_type).where(
            AuditEntry.entity_type.in_(["referral", "training"])
        )
    ).all()
    assert audited.count("referral") == len(referrals)
    assert audited.count("training") == len(trainings)
    assert loaded["培训"] == len(trainings) and loaded["移送公安"] == len(referrals)


def test_the_demo_shows_follow_ups_referrals_and_training_on_public_pages(app, client, loaded):
    followed = db.session.scalar(
        sa.select(Workshop.public_code)
        .join(Sampling, Sampling.workshop_id == Workshop.id)
        .where(Sampling.follow_up_of_id.is_not(None))
        .order_by(Sampling.sampled_on.desc())
        .limit(1)
    )
    assert "整改后跟踪抽检" in client.get(f"/w/{followed}").get_data(as_text=True)
    stats = client.get("/stats").get_data(as_text=True)
    assert "小作坊经营者年度培训率" in stats and "涉嫌犯罪移送公安机关" in stats
    referred = db.session.scalars(sa.select(Referral).where(Referral.penalty_id.is_not(None)))
    shown = [
        r
        for r in referred
        if r.penalty.is_public(local_today())
        and "已移送公安机关" in client.get(f"/w/{r.penalty.workshop.public_code}").get_data(True)
    ]
    assert shown
