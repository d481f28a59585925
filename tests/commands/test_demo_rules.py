"""The demo data obeys the rules it demonstrates: rewards, receipts, deadlines, record checks."""

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
import sqlalchemy as sa

from workshop_credit import demo
from workshop_credit.core.timeutil import SITE_TIMEZONE
from workshop_credit.core.workdays import add_working_days, is_working_day
from workshop_credit.extensions import db
from workshop_credit.models import (
    Inspection,
    RecordInvalid,
    Registration,
    Report,
    ReportStatus,
    RewardDecision,
    Workshop,
    WorkshopStatus,
)
from workshop_credit.models.base import Model
from workshop_credit.reports.filing import RECEIPT_ALPHABET, RECEIPT_LENGTH
from workshop_credit.reports.workflow import TRANSITIONS
from workshop_credit.workshops import batches
from workshop_credit.workshops.operations import STATUS_OF_CERTIFICATE

SIZE = 120  # enough for several rewards, every status and every kind of record


@pytest.fixture
def receipts(app):
    """A demo load of ``SIZE`` workshops; the (code, key, status) of each of its reports."""
    found = []
    demo.load_demo_data(SIZE, demo.DEFAULT_SEED, receipts=found)
    return found


def all_of(model):
    """Every row of ``model``."""
    return db.session.scalars(sa.select(model)).all()


def test_every_reward_is_the_configured_rules_amount_of_the_linked_penalty(app, receipts):
    rewards = all_of(RewardDecision)
    assert rewards
    tiers, cap = app.config["REPORT_REWARD_TIERS"], Decimal(app.config["REPORT_REWARD_CAP"])
    for reward in rewards:
        penalty = reward.report.penalty
        assert penalty is not None, "a reward is computed from the penalty the report led to"
        assert reward.basis_amount == penalty.fine_amount + penalty.confiscated_amount
        share, minimum = tiers[reward.reward_tier]
        expected = min(max(reward.basis_amount * Decimal(share), Decimal(minimum)), cap)
        assert reward.amount == expected.quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_every_demo_receipt_opens_its_report_on_the_status_page(app, client, receipts):
    app.config["REPORT_LOOKUP_RATE_LIMIT"] = "1000 per hour"
    assert len(receipts) == max(len(ReportStatus), SIZE // 15)
    stored = set(db.session.scalars(sa.select(Report.receipt_code)))
    assert {code for code, _, _ in receipts} == stored
    for code, key, status in receipts:
        for secret in (code, key):
            assert re.fullmatch(r"([%s]{4}-){3}[%s]{4}" % ((RECEIPT_ALPHABET,) * 2), secret)
            assert len(secret.replace("-", "")) == RECEIPT_LENGTH
        opened = client.post("/report/status", data={"code": code, "key": key})
        assert opened.status_code == 303, code
        page = client.get("/report/status").get_data(as_text=True)
        assert code in page and status.label in page


def test_every_deadline_is_a_working_day(app, receipts):
    due = db.session.scalars(sa.select(Report.due_on).where(Report.due_on.is_not(None))).all()
    rectify = db.session.scalars(
        sa.select(Inspection.rectification_deadline).where(
            Inspection.rectification_deadline.is_not(None)
        )
    ).all()
    rewards = all_of(RewardDecision)
    claims = [r.claim_deadline for r in rewards]
    assert due and rectify and claims
    assert all(is_working_day(day) for day in [*due, *rectify, *claims])
    days = app.config["REPORT_REWARD_CLAIM_WORKING_DAYS"]
    for reward in rewards:
        approved_on = reward.approved_at.astimezone(SITE_TIMEZONE).date()
        assert reward.claim_deadline == add_working_days(approved_on, days)


def test_every_report_moved_only_along_the_moderation_services_transitions(receipts):
    for report in all_of(Report):
        statuses = [event.status for event in report.events if event.status is not None]
        assert statuses[0] == ReportStatus.RECEIVED
        for before, after in zip(statuses, statuses[1:], strict=False):
            assert any(
                before in step.sources and step.target == after for step in TRANSITIONS.values()
            ), (before, after)


def test_every_record_passes_the_checks_a_flush_applies(receipts):
    checked = 0
    for mapper in Model.registry.mappers:
        for record in all_of(mapper.class_):
            record.check()
            checked += 1
    assert checked > SIZE * 10
    for workshop in all_of(Workshop):
        if workshop.registrations:
            latest = max(workshop.registrations, key=lambda r: (r.issued_on, r.id))
            assert workshop.status == STATUS_OF_CERTIFICATE[latest.status]
        else:
            assert workshop.status == WorkshopStatus.UNREGISTERED


def test_the_batch_refuses_a_row_the_model_refuses_and_writes_nothing(app):
    workshop = {"id": 1, "name": "试", "address": "吉州区", "district_id": 1, "uscc": None}
    workshop["status"] = WorkshopStatus.REGISTERED
    wrong = {"id": 1, "workshop_id": 1, "number": "X-1", "issuing_office": "吉州区局"}
    wrong |= {"issued_on": date(2024, 5, 1), "expires_on": date(2024, 4, 1)}
    wrong["status"] = "valid"
    with pytest.raises(RecordInvalid, match="有效期截止日期必须晚于发证日期"):
        batches.insert_checked(
            {Workshop: [workshop], Registration: [wrong]}, (Workshop, Registration)
        )
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Workshop.id))) == 0
    bad_uscc = dict(workshop, uscc="91360800ABC")
    with pytest.raises(RecordInvalid):
        batches.insert_checked({Workshop: [bad_uscc]}, (Workshop,))


def test_same_seed_gives_the_same_receipts(app):
    first, second = [], []
    demo.load_demo_data(20, 5, receipts=first)
    for table in reversed(db.metadata.sorted_tables):
        if table.name not in {"districts", "categories", "alembic_version", "users"}:
            db.session.execute(table.delete())
    db.session.commit()
    demo.load_demo_data(20, 5, receipts=second)
    assert first == second


def test_seed_demo_prints_one_receipt_that_opens(app, runner, client):
    result = runner.invoke(args=["seed-demo", "--size", "20"])
    assert result.exit_code == 0, result.output
    secrets = re.findall(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}", result.output)
    assert len(secrets) == 2 and "/report/status" in result.output
    code, key = secrets
    assert client.post("/report/status", data={"code": code, "key": key}).status_code == 303
    assert code in client.get("/report/status").get_data(as_text=True)


def test_seed_demo_refuses_to_run_in_production(app, runner):
    app.config["ENV_NAME"] = "production"
    result = runner.invoke(args=["seed-demo", "--size", "10"])
    assert result.exit_code != 0
    assert "生产环境" in result.output
    assert db.session.scalar(sa.select(sa.func.count(Workshop.id))) == 0
