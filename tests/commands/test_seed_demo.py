"""``flask seed-demo``: a realistic, deterministic demo data set for Ji'an."""

import re
from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa
from conftest import REFERENCE_TABLES

from workshop_credit import demo
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.listings.queries import published_listings
from workshop_credit.models import (
    District,
    FailedItem,
    Honour,
    HonourKind,
    Interview,
    InterviewKind,
    Listing,
    ListingKind,
    Penalty,
    Registration,
    Report,
    ReportStatus,
    RewardDecision,
    Sampling,
    SamplingResult,
    User,
    Workshop,
    WorkshopStatus,
    current_status,
)
from workshop_credit.workshops.uscc import uscc_problem

SPECIALTIES = ("狗牯脑茶", "吉安薄酥饼", "井冈山红米酒", "峡江米粉", "遂川豆皮")


def seed(runner, *args):
    """Run ``flask seed-demo`` with ``args``."""
    return runner.invoke(args=["seed-demo", *args])


def count(model, *where):
    """How many rows of ``model`` match ``where``."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def all_of(model, *where):
    """Every row of ``model`` that matches ``where``."""
    return db.session.scalars(sa.select(model).where(*where)).all()


@pytest.fixture
def seeded(runner):
    """A database holding a small demo data set of 60 workshops."""
    result = seed(runner, "--size", "60")
    assert result.exit_code == 0, result.output
    assert "小作坊 60" in result.output
    return result


def test_small_load_covers_the_districts_and_the_plans_specialties(seeded):
    workshops = all_of(Workshop)
    assert len(workshops) == 60
    assert len({w.district_id for w in workshops}) >= 10
    products = "、".join(w.products for w in workshops)
    for specialty in SPECIALTIES:
        assert specialty in products
    assert all(w.categories for w in workshops)


def test_every_workshop_status_and_report_status_occurs(seeded):
    assert set(db.session.scalars(sa.select(Workshop.status))) == set(WorkshopStatus)
    assert set(db.session.scalars(sa.select(Report.status))) == set(ReportStatus)


def test_status_agrees_with_the_latest_certificate(seeded):
    today = local_today()
    for workshop in all_of(Workshop):
        if workshop.status == WorkshopStatus.UNREGISTERED:
            assert workshop.uscc is None and not workshop.registrations
            assert workshop.penalties
        else:
            assert current_status(workshop, today) == workshop.status
            assert uscc_problem(workshop.uscc) is None


def test_unregistered_workshops_are_exposed_by_name_on_the_black_list(seeded):
    names = set(
        db.session.scalars(
            sa.select(Workshop.name).where(Workshop.status == WorkshopStatus.UNREGISTERED)
        )
    )
    black = published_listings(ListingKind.BLACK, local_today())
    assert any(item.workshop_id is None and item.subject_name in names for item in black)
    assert all(item.subject_address for item in black if item.workshop_id is None)


def test_failed_samplings_are_disposed_of_or_still_pending(seeded):
    failed = all_of(Sampling, Sampling.result == SamplingResult.FAIL)
    assert any(s.disposed_on for s in failed) and any(not s.disposed_on for s in failed)
    assert all(s.failed_items for s in failed)
    assert all(s.disposed_on >= s.sampled_on and s.disposal for s in failed if s.disposed_on)
    assert (
        count(Sampling, Sampling.result == SamplingResult.PASS, Sampling.disposed_on.is_not(None))
        == 0
    )
    assert count(Sampling, Sampling.follow_up_of_id.is_not(None)) >= 1


def test_failed_items_were_measured_above_their_limit(seeded):
    for item in all_of(FailedItem):
        if item.limit_value.startswith("≤") and "×" not in item.limit_value:
            assert float(item.measured_value) > float(item.limit_value[1:])
        assert item.unit


def test_penalties_are_both_inside_and_past_their_publicity(seeded):
    today = local_today()
    penalties = all_of(Penalty)
    assert any(p.is_public(today) for p in penalties)
    assert any(not p.is_public(today) for p in penalties)
    assert all("《" in p.legal_basis and p.publicity_ends_on >= p.decided_on for p in penalties)


def test_red_and_black_listings_are_published(seeded):
    today = local_today()
    assert published_listings(ListingKind.RED, today)
    black = published_listings(ListingKind.BLACK, today)
    assert black
    for listing in black:
        assert listing.approver_id not in (None, listing.author_id)
        assert listing.body.startswith("<p>")


def test_reports_have_a_consistent_history(seeded):
    for report in all_of(Report):
        assert report.events[0].status == ReportStatus.RECEIVED
        assert report.events[-1].status == report.status
        if not report.is_anonymous:
            assert re.fullmatch(r"1[3-9]\d{9}", report.reporter_phone)
    rewards = all_of(RewardDecision)
    assert rewards
    assert all(r.approved_by_id != r.decided_by_id for r in rewards)
    assert all(not r.report.is_anonymous and r.report.wants_reward for r in rewards)
    for reward in rewards:
        people = {reward.decided_by_id, reward.approved_by_id, reward.paid_by_id}
        assert (reward.paid_by_id is None) == (reward.paid_on is None)
        assert reward.paid_on is None or len(people) == 3


def test_open_reports_carry_their_time_limit_and_some_are_overdue(seeded):
    waiting = (ReportStatus.RECEIVED, ReportStatus.ACCEPTED, ReportStatus.INVESTIGATING)
    for report in all_of(Report):
        assert (report.due_on is not None) == (report.status in waiting)
    overdue = count(Report, Report.due_on < local_today())
    assert 0 < overdue < count(Report, Report.status.in_(waiting))


def test_individual_and_industry_interviews(seeded):
    assert count(Interview, Interview.kind == InterviewKind.INDIVIDUAL) >= 1
    industry = all_of(Interview, Interview.kind == InterviewKind.INDUSTRY)
    assert industry and all(i.workshop_id is None and i.district_id for i in industry)


def test_default_size_meets_the_plans_targets_for_demonstration_units(app):
    counts = demo.load_demo_data(demo.DEFAULT_SIZE, demo.DEFAULT_SEED)
    assert counts["小作坊"] == count(Workshop) == 1500
    units = db.session.execute(
        sa.select(Workshop.district_id, Honour.year)
        .join(Honour.workshop)
        .where(Honour.kind == HonourKind.DEMONSTRATION)
    ).all()
    assert 120 <= sum(year <= 2021 for _, year in units) <= 145
    counties = db.session.scalars(sa.select(District.id).where(District.code.is_not(None)))
    by_2019 = Counter(d for d, year in units if year <= 2019)
    by_2020 = Counter(d for d, year in units if year <= 2020)
    assert all(by_2019[d] >= 2 and by_2020[d] >= 5 for d in counties)


def test_first_sampling_usually_within_three_months_of_registration(app):
    demo.load_demo_data(300, demo.DEFAULT_SEED)
    first_sampled = dict(
        db.session.execute(
            sa.select(Sampling.workshop_id, sa.func.min(Sampling.sampled_on)).group_by(
                Sampling.workshop_id
            )
        ).all()
    )
    first_issued = db.session.execute(
        sa.select(Registration.workshop_id, sa.func.min(Registration.issued_on)).group_by(
            Registration.workshop_id
        )
    ).all()
    on_time = [
        first_sampled[w] - issued <= timedelta(days=92)
        for w, issued in first_issued
        if w in first_sampled
    ]
    assert 0.8 <= sum(on_time) / len(on_time) < 1


def snapshot():
    """What a visitor sees of the workshops, in the order they were added."""
    return db.session.execute(
        sa.select(Workshop.public_code, Workshop.name, Workshop.uscc, Workshop.status).order_by(
            Workshop.id
        )
    ).all()


def empty_database():
    """Delete every row except the reference data."""
    for table in reversed(db.metadata.sorted_tables):
        if table.name not in REFERENCE_TABLES:
            db.session.execute(table.delete())
    db.session.commit()


def test_same_seed_gives_the_same_data(runner):
    assert seed(runner, "--size", "40", "--seed", "7").exit_code == 0
    first = snapshot()
    empty_database()
    assert seed(runner, "--size", "40", "--seed", "7").exit_code == 0
    assert snapshot() == first
    empty_database()
    assert seed(runner, "--size", "40", "--seed", "8").exit_code == 0
    assert snapshot() != first


def test_refuses_a_database_with_workshops_and_changes_nothing(seeded, runner):
    before = snapshot()
    result = seed(runner, "--size", "10")
    assert result.exit_code != 0
    assert "已有小作坊数据" in result.output
    assert snapshot() == before


def test_if_empty_quietly_does_nothing(seeded, runner):
    before = snapshot()
    result = seed(runner, "--if-empty")
    assert result.exit_code == 0
    assert "跳过" in result.output
    assert snapshot() == before


@pytest.mark.parametrize("size", ["0", "-5", "abc", "100001"])
def test_rejects_an_invalid_size(runner, size):
    result = seed(runner, "--size", size)
    assert result.exit_code != 0
    assert "--size" in result.output
    assert count(Workshop) == 0


def test_force_adds_a_second_batch_with_the_same_seed(seeded, runner):
    result = seed(runner, "--size", "60", "--force")
    assert result.exit_code == 0, result.output
    assert count(Workshop) == 120
    assert count(User) == 4  # the demo accounts are reused, not made again
    codes = db.session.scalars(sa.select(Workshop.public_code)).all()
    assert len(set(codes)) == 120
    usccs = db.session.scalars(sa.select(Workshop.uscc).where(Workshop.uscc.is_not(None))).all()
    assert usccs and all(uscc_problem(code) is None for code in usccs)
    # Staff can keep adding records after a load that chose its own ids.
    db.session.add(
        Workshop(
            name="新增作坊",
            address="吉州区",
            status=WorkshopStatus.REGISTERED,
            district_id=db.session.scalar(sa.select(District.id).limit(1)),
        )
    )
    db.session.commit()
    assert count(Workshop) == 121
    assert count(Listing, Listing.workshop_id.is_(None), Listing.subject_name == "") == 0
