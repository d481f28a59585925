"""The grade rule, case by case, and the stored grade that follows every change of the file."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from factories import add_records, honour, inspection, make_workshop, penalty, sampling

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import InspectionResult, Workshop, WorkshopStatus
from workshop_credit.workshops import file_versions as grades
from workshop_credit.workshops.grading import GradeFacts, facts_for, grade

S = WorkshopStatus


@pytest.mark.parametrize(
    ("facts", "letter", "score"),
    [
        (GradeFacts(S.REGISTERED, risk_level=1), "A", 100),
        (GradeFacts(S.REGISTERED, risk_level=2), "A", 95),
        (GradeFacts(S.REGISTERED, risk_level=3), "A", 90),
        (GradeFacts(S.EXPIRED, risk_level=3), "A", 90),
        (GradeFacts(S.REGISTERED, risk_level=3, rectify_inspections=1), "B", 85),
        (GradeFacts(S.REGISTERED, risk_level=3, failed_samplings=1), "B", 75),
        (GradeFacts(S.REGISTERED, risk_level=1, failed_samplings=1, failed_inspections=1), "B", 75),
        (GradeFacts(S.REGISTERED, risk_level=2, public_penalties=1), "B", 75),
        (
            GradeFacts(S.REGISTERED, risk_level=2, public_penalties=1, rectify_inspections=1),
            "C",
            70,
        ),
        (GradeFacts(S.REGISTERED, risk_level=3, failed_samplings=2), "C", 60),
        (GradeFacts(S.REGISTERED, risk_level=3, failed_samplings=1, public_penalties=1), "D", 55),
        (
            GradeFacts(
                S.REGISTERED, risk_level=1, failed_inspections=1, unfinished_rectifications=1
            ),
            "B",
            80,
        ),
        (GradeFacts(S.REGISTERED, risk_level=3, demonstration=True), "A", 100),
        (GradeFacts(S.REGISTERED, risk_level=1, demonstration=True), "A", 100),
        (GradeFacts(S.REGISTERED, risk_level=3, failed_samplings=1, demonstration=True), "B", 85),
        (GradeFacts(S.REVOKED, risk_level=1), "D", 0),
        (GradeFacts(S.UNREGISTERED, risk_level=1), "D", 0),
    ],
)
def test_grade_case_by_case(facts, letter, score):
    verdict = grade(facts)
    assert (verdict.letter, verdict.score) == (letter, score)


def test_a_cancelled_workshop_is_not_graded():
    assert grade(GradeFacts(S.CANCELLED, risk_level=1)) is None


def test_the_reason_names_each_factor_with_its_points():
    verdict = grade(GradeFacts(S.REGISTERED, risk_level=3, failed_samplings=1, public_penalties=1))
    assert verdict.reason == "得分 55：类别风险高 −10；抽检不合格 1 次 −15；处罚公示中 1 项 −20"
    assert grade(GradeFacts(S.REGISTERED, risk_level=1)).reason == "得分 100：近三年记录良好"
    assert "撤销" in grade(GradeFacts(S.REVOKED)).reason


def test_only_three_years_of_records_and_public_penalties_count(app):
    workshop = make_workshop(categories=("茶叶",))
    three_years = (local_today() - local_today().replace(year=local_today().year - 3)).days
    add_records(
        workshop,
        sampling(three_years + 1, failed=True),
        inspection(three_years + 5, InspectionResult.NONCOMPLIANT),
        penalty(400, public_days=365),  # its publicity ended: repaired credit
        honour(local_today().year - 4),
    )
    assert grade(facts_for(workshop, local_today())).score == 100
    add_records(workshop, sampling(three_years - 1, failed=True), penalty(10))
    assert grade(facts_for(workshop, local_today())).score == 100 - 15 - 20


def test_the_riskiest_category_counts(app):
    workshop = make_workshop(categories=("茶叶", "酒类"))
    assert facts_for(workshop, local_today()).risk_level == 3
    assert workshop.grade == "A" and "类别风险高 −10" in workshop.grade_reason


def test_any_change_of_the_file_regrades_the_workshop_and_raises_its_version(app):
    workshop = make_workshop(categories=("茶叶", "酒类"))
    assert workshop.grade == "A"
    version = workshop.file_version
    add_records(workshop, sampling(5, failed=True))
    assert workshop.grade == "B" and workshop.file_version > version
    assert "抽检不合格 1 次" in workshop.grade_reason
    version = workshop.file_version
    item = workshop.samplings[0].failed_items[0]
    item.measured_value = "4.0×10⁵"
    db.session.commit()
    assert workshop.file_version > version
    db.session.delete(workshop.samplings[0])
    db.session.commit()
    assert workshop.grade == "A"


def test_revoking_the_certificate_makes_it_d_at_once(app):
    workshop = make_workshop()
    workshop.status = WorkshopStatus.REVOKED
    db.session.commit()
    assert workshop.grade == "D"


def test_bulk_refresh_agrees_with_the_rule_for_every_demo_workshop(runner):
    assert runner.invoke(args=["seed-demo", "--size", "60"]).exit_code == 0
    stored = dict(db.session.execute(sa.select(Workshop.id, Workshop.grade)).all())
    assert set(stored.values()) >= {"A", "B", "D"}
    workshops = db.session.scalars(sa.select(Workshop)).all()
    grades.regrade([w.id for w in workshops])
    assert {w.id: w.grade for w in workshops} == stored
    assert grades.refresh_all(local_today() + timedelta(days=1)) >= 0


def test_refresh_grades_command_follows_the_passing_days(runner, app):
    workshop = make_workshop(categories=("茶叶",))
    add_records(workshop, penalty(364, public_days=365))
    assert workshop.grade == "B"
    assert "0 家" in runner.invoke(args=["refresh-grades"]).output
    changed = grades.refresh_all(local_today() + timedelta(days=2))
    db.session.refresh(workshop)
    assert changed == 1 and workshop.grade == "A"
