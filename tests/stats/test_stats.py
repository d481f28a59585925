"""The plan's targets: each figure traced to its workshops, met or missed, per county."""

from datetime import date, timedelta

import sqlalchemy as sa
from factories import add_records, category, district, honour, inspection, make_workshop, sampling
from flask import template_rendered

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import HealthCertificate, ProcessingZone, Supplier, WorkshopStatus
from workshop_credit.stats import plan as plan_stats


def test_inspection_coverage_counts_each_county_and_the_city(app):
    today = local_today()
    inspected, idle = make_workshop("甲坊"), make_workshop("乙坊")
    make_workshop("丙坊", district_name="遂川县")
    make_workshop("黑坊", status=WorkshopStatus.UNREGISTERED)
    add_records(inspected, inspection(0))
    figures = plan_stats.share_figures(today.year, today)["inspection"]
    xiajiang = figures[district("峡江县").id]
    assert (xiajiang.numerator, xiajiang.denominator, xiajiang.met) == (1, 2, False)
    city = figures[None]
    assert (city.numerator, city.denominator) == (1, 3)
    missing = plan_stats.members("inspection", today.year, today, district("峡江县").id, True)
    assert db.session.scalars(missing).all() == [idle]


def test_disposal_registration_and_first_sampling(app):
    today = local_today()
    pending = make_workshop("未处置坊", registered_on=today - timedelta(days=120))
    add_records(pending, sampling(1, failed=True))
    figures = plan_stats.share_figures(today.year, today)
    assert figures["disposal"][None].value == 0
    assert figures["registration"][None].value == 1.0


def test_first_sampling_within_three_months_of_registration(app):
    today = local_today()
    last_year = today.year - 1
    registered = date(last_year, 3, 1)
    soon = make_workshop("及时抽检坊", registered_on=registered)
    late = make_workshop("迟迟未抽坊", registered_on=registered)
    add_records(soon, sampling((today - registered).days - 30))
    add_records(late, sampling((today - registered).days - 120))
    first = plan_stats.share_figures(last_year, today)["first_sampling"][None]
    assert (first.numerator, first.denominator) == (1, 2)


def test_the_page_shows_numbers_links_and_verdicts(client):
    today = local_today()
    add_records(make_workshop("甲坊"), inspection(0), honour(today.year - 1))
    make_workshop("乙坊")
    html = client.get(f"/stats?year={today.year}").get_data(as_text=True)
    assert "年度监督检查覆盖率" in html and "1/2" in html and "未达标" in html and "达标" in html
    assert f"/stats/inspection?year={today.year}" in html and "<svg" in html
    assert "统计日" in html  # how each figure is computed
    listed = client.get(f"/stats/inspection?year={today.year}&missing=1").get_data(as_text=True)
    assert "乙坊" in listed and "甲坊" not in listed
    # Demonstration units: the city against its 130, each figure linked to the units behind it.
    assert '<a href="/workshops?demonstration=1">1/130</a>' in html


def test_bad_years_and_unknown_figures_never_fail(client):
    assert client.get("/stats?year=abc").status_code == 200
    assert client.get("/stats?year=1900").status_code == 200
    assert client.get("/stats/nope").status_code == 404
    assert client.get("/stats/inspection?district=x&page=y").status_code == 200


def test_the_filing_rate_counts_files_with_inspection_health_and_suppliers(app):
    today = local_today()
    complete, bare = make_workshop("档案齐全坊"), make_workshop("档案空白坊")
    add_records(complete, inspection(30))
    complete.health_certificates.append(
        HealthCertificate(
            holder_name="王建国",
            issued_on=today - timedelta(days=40),
            expires_on=today + timedelta(days=300),
        ),
    )
    complete.suppliers.append(Supplier(name="峡江县粮油购销公司", materials="早籼米"))
    db.session.commit()  # fmt: skip
    add_records(bare, inspection(10))  # an inspection alone is not a whole file
    make_workshop("无证坊", status=WorkshopStatus.UNREGISTERED)
    filing = plan_stats.share_figures(today.year, today)["filing"][None]
    assert (filing.numerator, filing.denominator, filing.target) == (1, 2, 0.95)
    missing = plan_stats.members("filing", today.year, today, None, True)
    assert db.session.scalars(missing).all() == [bare]


def test_sampling_coverage_is_measured_on_the_plans_key_products(app):
    today = local_today()
    rice, wine = make_workshop("米粉坊"), make_workshop("酒坊", categories=("酒类",))
    make_workshop("茶坊", categories=("茶叶",))  # not a high-consumption key category
    add_records(rice, sampling(20))
    figure = plan_stats.share_figures(today.year, today)["sampling"][None]
    assert (figure.numerator, figure.denominator, figure.target) == (1, 2, 0.80)
    missing = plan_stats.members("sampling", today.year, today, None, True)
    assert db.session.scalars(missing).all() == [wine]
    assert category("茶叶").is_key is False


def test_every_target_of_the_plan_is_on_the_page_with_its_figures(client):
    today = local_today()
    add_records(make_workshop("示范坊"), honour(today.year))
    html = client.get(f"/stats?year={today.year}").get_data(as_text=True)
    for title in (
        "重点品种登记率",
        "建档率",
        "全部品种登记率",
        "年度监督检查覆盖率",
        "消费量大、关注度高的产品年度抽检覆盖率",
        "不合格食品处置率",
        "登记后三个月内首次抽检率",
        "信息公开栏设置率",
        "示范单位",
        "集中加工区",
    ):
        assert f"<h2>{title} <small>" in html, title
    xiajiang = district("峡江县").id
    assert f'href="/stats/filing?year={today.year}&amp;district={xiajiang}">0/1</a>' in html
    assert f'href="/workshops?demonstration=1&amp;district={xiajiang}">1/' in html
    listed = client.get(f"/workshops?demonstration=1&district={xiajiang}").get_data(as_text=True)
    assert "示范坊" in listed


def test_the_figures_are_counted_once_per_day_and_state_of_the_files(app, client):
    today = local_today()
    inspected = make_workshop("甲坊")
    make_workshop("乙坊")
    add_records(inspected, inspection(0))
    url = f"/stats?year={today.year}"
    first, seen = statements(client, url)
    again, seen_again = statements(client, url)
    assert first == again and "1/2" in first
    # Each of the plan's shares is a grouped count over the whole file: asked once, not
    # on every visit. What remains is the check of the files' state and the small lists.
    assert len(seen_again) <= 4 < len(seen)
    add_records(make_workshop("丙坊"), inspection(0))
    assert "2/3" in statements(client, url)[0]


def statements(client, url):
    """The page at ``url`` and the SQL statements rendering it ran."""
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        response = client.get(url)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 200
    return response.get_data(as_text=True), seen


def test_a_repeat_visit_reuses_the_page_until_a_file_or_a_zone_changes(app, client):
    today = local_today()
    add_records(make_workshop("甲坊"), inspection(0))
    make_workshop("乙坊")
    url = f"/stats?year={today.year}"
    rendered = []
    template_rendered.connect(lambda *a, **k: rendered.append(1), app, weak=False)
    first = client.get(url)
    assert rendered and "1/2" in first.get_data(as_text=True)
    rendered.clear()
    again = client.get(url)
    assert again.get_data() == first.get_data() and not rendered
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    # Another language, a zone established, a file changed: each is a page of its own.
    assert client.get(url + "&lang=en").get_data() != first.get_data() and rendered
    assert "峡江县：0/1" in client.get(url).get_data(as_text=True)
    db.session.add(ProcessingZone(name="峡江米粉集中加工区", district=district("峡江县"),
                                  established_on=today - timedelta(days=1)))  # fmt: skip
    db.session.commit()
    assert "峡江县：1/1" in client.get(url).get_data(as_text=True)
    add_records(make_workshop("丙坊"), inspection(0))
    assert "2/3" in client.get(url).get_data(as_text=True)
