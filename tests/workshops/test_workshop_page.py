"""The QR landing page /w/<code>: the truth of today, every section, light and cacheable."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from factories import (
    add_records,
    honour,
    inspection,
    interview,
    make_listing,
    make_workshop,
    penalty,
    sampling,
)

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    Board,
    HealthCertificate,
    InspectionResult,
    ListingKind,
    ListingStatus,
    RegistrationStatus,
    Supplier,
    Workshop,
    WorkshopStatus,
)

CSS = Path(__file__).parents[2] / "workshop_credit" / "static" / "css" / "site.css"


def page(client, workshop, **params):
    """The landing page of ``workshop`` as text, after checking it answered 200."""
    response = client.get(f"/w/{workshop.public_code}", query_string=params)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def text_of(html):
    """The visible text, without tags, on one line."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_valid_workshop_shows_its_facts_grade_and_report_button(client):
    workshop = make_workshop("峡江县老王米粉加工坊", products="峡江米粉、湿米粉")
    html = page(client, workshop)
    text = text_of(html)
    assert "登记有效" in text and "峡江县老王米粉加工坊" in text
    for fact in (
        "王建国",
        "峡江县水边镇",
        "米粉",
        "峡江米粉、湿米粉",
        workshop.registrations[0].number,
    ):
        assert fact in text
    assert "信用等级 A" in text and "得分 95" in text
    assert f'href="/report?workshop={workshop.public_code}"' in html
    assert f"数据更新于 {local_today().year}年" in text


def test_status_is_the_truth_of_today_even_when_the_record_says_registered(client):
    workshop = make_workshop(registered_on=local_today() - timedelta(days=3 * 365 + 10))
    assert workshop.status == WorkshopStatus.REGISTERED
    text = text_of(page(client, workshop))
    assert "登记证已过期" in text and "登记有效" not in text


def test_a_revoked_workshop_says_so_with_date_and_reason(client):
    workshop = make_workshop()
    registration = workshop.registrations[0]
    registration.status = RegistrationStatus.REVOKED
    registration.ended_on = local_today() - timedelta(days=3)
    registration.end_reason = "使用非食用物质生产米粉"
    workshop.status = WorkshopStatus.REVOKED
    db.session.commit()
    text = text_of(page(client, workshop))
    assert "登记证已被撤销" in text and "不得生产加工食品" in text
    assert "使用非食用物质生产米粉" in text and "撤销日期" in text
    assert "信用等级 D" in text


def test_penalties_show_only_inside_their_publicity_period(client):
    workshop = make_workshop()
    public, repaired = add_records(
        workshop, penalty(20, statement="已召回全部不合格米粉并更换原料供应商"), penalty(400)
    )
    text = text_of(page(client, workshop))
    assert public.decision_number in text
    assert f"公示截止：{public.publicity_ends_on.year}年" in text
    assert "已召回全部不合格米粉并更换原料供应商" in text and "核查" in text
    assert repaired.decision_number not in text


def test_an_unchecked_rectification_statement_is_not_shown(client):
    workshop = make_workshop()
    (record,) = add_records(workshop, penalty(20, statement="尚未核查的说明"))
    record.rectification_checked_on = None
    db.session.commit()
    assert "尚未核查的说明" not in page(client, workshop)


def test_failed_items_are_explained_next_to_value_and_limit(client):
    workshop = make_workshop()
    items = (("苯甲酸", "1.52", "0.6", "g/kg"), ("某罕见项目", "3", "1", "mg/kg"))
    add_records(workshop, sampling(12, failed=True, items=items), sampling(200))
    text = text_of(page(client, workshop))
    assert "苯甲酸：实测 1.52 g/kg，标准限值 0.6 g/kg" in text
    assert "苯甲酸是什么？" in text and "防腐剂" in text
    assert "某罕见项目：实测 3 mg/kg" in text and "某罕见项目是什么" not in text
    assert "不合格" in text and "合格" in text and "正在处置" in text


def test_board_contents_mask_names_and_show_validity(client):
    workshop = make_workshop()
    today = local_today()
    workshop.board = Board(
        management_rules="一、进货查验",
        commitment_text="诚信经营承诺",
        commitment_signed_on=today - timedelta(days=100),
    )
    workshop.health_certificates = [
        HealthCertificate(
            holder_name="王建国",
            issued_on=today - timedelta(days=30),
            expires_on=today + timedelta(days=335),
        ),
        HealthCertificate(
            holder_name="李秀英",
            issued_on=today - timedelta(days=400),
            expires_on=today - timedelta(days=35),
        ),
    ]
    workshop.suppliers = [Supplier(name="峡江县粮油购销公司", materials="早籼米")]
    db.session.commit()
    text = text_of(page(client, workshop))
    assert "王**" in text and "李**" in text
    assert "王建国：" not in text and "李秀英" not in text
    assert "已过期" in text and "峡江县粮油购销公司：早籼米" in text
    assert "一、进货查验" in text and "诚信经营承诺" in text and "承诺日期" in text


def test_inspections_interviews_honours_and_listings_are_shown(client):
    workshop = make_workshop()
    add_records(
        workshop,
        inspection(30, InspectionResult.RECTIFY, pending=True),
        interview(10),
        honour(local_today().year - 1),
    )
    make_listing(
        workshop,
        ListingKind.RED,
        title="红榜：规范生产示范",
        body="<p>好作坊<script>alert(1)</script></p>",
    )
    make_listing(
        workshop, ListingKind.BLACK, title="尚未发布的黑榜", status=ListingStatus.IN_REVIEW
    )
    html = page(client, workshop)
    text = text_of(html)
    assert "基本符合，限期整改" in text and "整改中" in text and "约谈" in text
    assert "示范单位" in text and "红榜：规范生产示范" in text
    assert "尚未发布的黑榜" not in text and "<script>" not in html


def test_unknown_code_is_a_helpful_404_with_a_search_box(client):
    response = client.get("/w/ZZZZ2222")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "没有找到这家作坊" in html and "ZZZZ2222" in html and 'name="q"' in html


def test_a_code_typed_in_lower_case_leads_to_the_page(client):
    workshop = make_workshop()
    response = client.get(f"/w/{workshop.public_code.lower()}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/w/{workshop.public_code}")


def test_a_repeat_visit_gets_304_and_a_change_a_new_page_at_once(client):
    workshop = make_workshop()
    first = client.get(f"/w/{workshop.public_code}")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert (
        client.get(f"/w/{workshop.public_code}", headers={"If-None-Match": etag}).status_code == 304
    )
    again = client.get(f"/w/{workshop.public_code}", headers={"If-Modified-Since": modified})
    assert again.status_code == 304
    (record,) = add_records(workshop, penalty(3))
    changed = client.get(f"/w/{workshop.public_code}", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert record.decision_number in changed.get_data(as_text=True)


def test_a_printed_board_tells_what_changed_since(client):
    workshop = make_workshop(registered_on=local_today() - timedelta(days=400))
    printed = local_today() - timedelta(days=100)
    add_records(workshop, sampling(10, failed=True), penalty(5))
    text = text_of(page(client, workshop, board=printed.strftime("%Y%m%d")))
    assert f"这块公示栏打印于 {printed.year}年{printed.month}月{printed.day}日" in text
    assert "新增抽检不合格 1 次" in text and "新增行政处罚 1 项" in text
    assert "信用等级由 A 变为 C" in text
    assert "这块公示栏打印于" not in text_of(page(client, workshop))


@pytest.mark.parametrize("board", ["", "2026", "20261399", "abcdefgh", "99991231", "2" * 200])
def test_a_bad_board_date_is_ignored(client, board):
    workshop = make_workshop()
    assert "这块公示栏打印于" not in page(client, workshop, board=board)


def test_query_count_does_not_grow_with_the_file(app, client):
    small, large = make_workshop(), make_workshop()
    for workshop, n in ((small, 1), (large, 200)):
        records = []
        for i in range(n):
            records += [
                sampling(i + 1, failed=True),
                penalty(i + 1),
                inspection(i + 1),
                interview(i + 1),
            ]
        add_records(workshop, *records)
        make_listing(workshop)
    counts = [count_queries(app, client, w) for w in (small, large)]
    assert counts[0] == counts[1] <= 14


def count_queries(app, client, workshop):
    """How many SQL statements rendering ``workshop``'s page runs through SQLAlchemy.

    The stamp query (``public_file.find_stamp``) goes straight to the DB-API and is not seen
    here: it is one more statement on every visit, whatever the size of the file.
    """
    code, seen = workshop.public_code, []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert client.get(f"/w/{code}").status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)
    return len(seen)


def test_every_demo_workshop_page_is_light(runner, client):
    assert runner.invoke(args=["seed-demo", "--size", "60"]).exit_code == 0
    css = len(CSS.read_bytes())
    for code in db.session.scalars(sa.select(Workshop.public_code)):
        html = client.get(f"/w/{code}").data
        assert len(html) + css <= 30 * 1024, code


def test_a_change_made_by_another_worker_is_never_served_stale(client, app_factory):
    workshop = make_workshop()
    code = workshop.public_code
    assert "新发现的问题" not in client.get(f"/w/{code}").get_data(as_text=True)  # now cached
    other = app_factory()  # another gunicorn worker, with its own page cache
    with other.app_context():
        found = db.session.scalar(sa.select(Workshop).where(Workshop.public_code == code))
        found.inspections.append(inspection(1, InspectionResult.NONCOMPLIANT))
        found.inspections[-1].findings = "新发现的问题"
        db.session.commit()
        db.session.remove()
    # The test's own app context outlives requests: end its read transaction as a request would.
    db.session.rollback()
    assert "新发现的问题" in client.get(f"/w/{code}").get_data(as_text=True)
