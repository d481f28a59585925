"""Risk grading drives how often a workshop is inspected: worklist and statistics."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from factories import (
    add_records,
    district,
    inspection,
    make_staff,
    make_workshop,
    sampling,
    sign_in,
)

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Role, Workshop
from workshop_credit.stats import plan as plan_stats
from workshop_credit.supervision import risk


@pytest.mark.parametrize(
    ("category_risk", "grade", "level"),
    [
        (1, "A", 1), (1, "B", 1), (1, "C", 2), (1, "D", 3), (2, None, 2), (2, "A", 1),
        (3, "A", 2), (3, "B", 3), (3, "D", 3), (None, "B", 2), (None, "C", 3),
    ],
)  # fmt: skip
def test_the_rule_moves_the_category_risk_by_the_grade(category_risk, grade, level):
    assert risk.level_from(category_risk, grade) == level


def graded(name=None, *, failed=0, **fields):
    """A workshop whose grade its failed samplings lower: 0 keeps A, each one costs 15 points."""
    workshop = make_workshop(name, **fields)
    add_records(workshop, *(sampling(400 + 10 * n, failed=True) for n in range(failed)))
    return workshop


def test_python_and_sql_give_the_same_level(app):
    made = [
        graded(categories=cats, failed=failed)
        for cats in ((), ("茶叶",), ("米粉",), ("酒类",), ("茶叶", "酒类"))
        for failed in range(4)
    ]
    assert {w.grade for w in made} == {"A", "B", "C", "D"}
    levels = dict(db.session.execute(sa.select(Workshop.id, risk.risk_level_sql())).all())
    assert {w.id: risk.risk_level(w) for w in made} == levels
    whole_file = risk.file_levels()
    assert dict(db.session.execute(sa.select(whole_file.c.id, whole_file.c.level)).all()) == levels
    assert set(levels.values()) == {1, 2, 3}


def _due_names(today):
    return {w.name for w in db.session.scalars(risk.due_for_inspection(today))}


def test_high_risk_workshops_fall_due_sooner_than_low_risk_ones(app):
    today = local_today()
    high = graded("高风险坊", categories=("酒类",), failed=1)
    low = graded("低风险坊", categories=("茶叶",))
    make_workshop("从未检查坊")
    assert (risk.risk_level(high), risk.risk_level(low)) == (3, 1)
    add_records(high, inspection(100))
    add_records(low, inspection(100))
    assert _due_names(today) == {"高风险坊", "从未检查坊"}
    add_records(high, inspection(10))
    assert _due_names(today) == {"从未检查坊"}
    # A year after the low-risk workshop's inspection, it is due too.
    assert "低风险坊" in _due_names(date.fromordinal(today.toordinal() + 266))


def test_the_worklist_shows_due_workshops_of_the_regulators_county_only(client):
    make_workshop("峡江到期坊")
    make_workshop("遂川到期坊", district_name="遂川县")
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    start = client.get("/admin/").get_data(as_text=True)
    assert "按风险等级到期应检查" in start
    page = client.get("/admin/worklists/inspection-due").get_data(as_text=True)
    assert "峡江到期坊" in page and "遂川到期坊" not in page


def test_yearly_frequency_counts_a_full_year_and_prorates_the_current_one():
    year = (date(2024, 1, 1), date(2024, 12, 31))
    assert [risk.required_by(n, *year) for n in risk.LEVELS] == [1, 2, 4]
    half = (date(2025, 1, 1), date(2025, 7, 2))
    assert [risk.required_by(n, *half) for n in risk.LEVELS] == [0, 1, 2]


def test_stats_show_the_share_inspected_as_often_as_the_risk_asks(client):
    today = local_today()
    last_year = today.year - 1
    days_into = (today - date(last_year, 6, 1)).days
    since = {"registered_on": date(last_year - 1, 1, 1)}
    high = graded("高风险达标坊", categories=("酒类",), failed=1, **since)
    short = graded("高风险欠检坊", categories=("酒类",), failed=1, **since)
    low = graded("低风险坊", categories=("茶叶",), **since)
    make_workshop("遂川坊", district_name="遂川县", **since)
    for days in (0, 30, 60, 90):
        add_records(high, inspection(days_into + days))
    add_records(short, inspection(days_into), inspection(days_into + 30))
    add_records(low, inspection(days_into))
    figures = plan_stats.share_figures(last_year, today)["risk_inspection"]
    xiajiang = figures[district("峡江县").id]
    assert (xiajiang.numerator, xiajiang.denominator) == (2, 3)
    assert (figures[None].numerator, figures[None].denominator) == (2, 4)
    page = client.get(f"/stats?year={last_year}").get_data(as_text=True)
    assert "按风险等级检查频次达标率" in page and "2/3" in page
    listed = client.get(f"/stats/risk_inspection?year={last_year}&missing=1")
    text = listed.get_data(as_text=True)
    assert "高风险欠检坊" in text and "高风险达标坊" not in text


def test_the_staff_workshop_page_says_the_risk_level_and_when_the_next_inspection_is_due(client):
    high = graded("高风险坊", categories=("酒类",), failed=1)
    add_records(high, inspection(30))
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    page = client.get(f"/admin/workshops/{high.id}").get_data(as_text=True)
    due = (local_today() - timedelta(days=30) + timedelta(days=91)).isoformat()
    assert "风险等级：<strong>高风险</strong>，每年应检查 4 次" in page
    assert f"应在 {due} 前完成" in page
    never = make_workshop("从未检查坊")
    page = client.get(f"/admin/workshops/{never.id}").get_data(as_text=True)
    assert "下次监督检查<strong>已到期</strong>" in page
