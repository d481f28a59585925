"""The supervision tools' public texts in English: workshop page, /stats, the reporter's status."""

from datetime import timedelta

import sqlalchemy as sa
from factories import (
    add_records,
    district,
    make_report,
    make_staff,
    make_workshop,
    penalty,
    sampling,
)
from test_english import data_of, leftover_chinese, reference_data

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Role, TrainingSession
from workshop_credit.reports import moderation
from workshop_credit.reports.moderation import Step
from workshop_credit.supervision import operations

OFFICE = "峡江县公安局"


def test_follow_up_referral_and_training_read_in_english(app, client):
    today = local_today()
    workshop = make_workshop("峡江县英文米粉作坊")
    failed, later, case = sampling(90, failed=True), sampling(70, failed=True), penalty(20)
    for record in (failed, later):
        record.disposal, record.disposed_on = "销毁", record.sampled_on + timedelta(days=3)
    add_records(workshop, failed, later, case)
    operations.refer(case, today, OFFICE, None, today)
    session = operations.save_training(
        None,
        {"district_id": workshop.district_id, "held_on": today, "topic": "标签", "organiser": "局"},
        [workshop.public_code],
        None,
        today,
    )
    html = client.get(f"/w/{workshop.public_code}?lang=en").get_data(as_text=True)
    assert "Follow-up sampling after rectification: <strong>Failed</strong>" in html
    assert "Suspected crime, referred to the police" in html
    assert "The operator's latest training" in html
    records = [workshop, workshop.registrations[0], failed, later, case, session, case.referral]
    items = [*failed.failed_items, *later.failed_items]
    data = data_of(*records, *items) | reference_data()
    assert leftover_chinese(html, data) == []
    stats = client.get("/stats?lang=en").get_data(as_text=True)
    assert "Workshop operators trained in the year" in stats
    assert leftover_chinese(stats, reference_data()) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TrainingSession)) == 1


def test_the_reporter_reads_the_referral_in_english(app, client):
    report, receipt = make_report()
    moderator = make_staff(Role.MODERATOR)
    for action in ("accept", "assign", "substantiate"):
        moderation.act(report, action, moderator, Step(note="查实", district=district()))
    operations.refer(report, local_today(), OFFICE, moderator, local_today())
    client.post("/report/status?lang=en", data={"code": receipt.code, "key": receipt.key})
    html = client.get("/report/status?lang=en").get_data(as_text=True)
    assert "The investigation found a suspected crime" in html and OFFICE in html
