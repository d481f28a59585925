"""Following a report with its receipt code and key: timeline, replies, additions, reward."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa
from factories import jpeg_bytes, make_report, make_signed_in_staff, make_workshop
from test_report_filing import errors

from workshop_credit.core.templating import format_date
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Penalty, Report, ReportPhoto, Role
from workshop_credit.reports import moderation
from workshop_credit.reports.moderation import Step


def open_report(client, code, key):
    """Enter code and key on the status page."""
    return client.post("/report/status", data={"code": code, "key": key})


def test_code_and_key_open_the_timeline_however_they_are_typed(client):
    _, receipt = make_report()
    typed_key = receipt.key.lower().replace("-", " ")
    assert open_report(client, receipt.code.lower(), typed_key).status_code == 303
    page = client.get("/report/status")
    assert page.headers["Cache-Control"] == "no-store"
    text = page.get_data(True)
    assert receipt.code in text and "已收到" in text


def test_a_wrong_key_and_an_unknown_code_get_the_same_answer(client):
    _, receipt = make_report()
    wrong_key = open_report(client, receipt.code, "2222-3333-4444-5555").get_data(True)
    unknown = open_report(client, "2222-3333-4444-5555", receipt.key).get_data(True)
    malformed = open_report(client, "hello", "world").get_data(True)
    strip = re.compile(r'name="csrf_token"[^>]*>|value="[^"]*"')
    assert strip.sub("", wrong_key) == strip.sub("", unknown) == strip.sub("", malformed)
    assert "举报编号或查询密钥不正确" in wrong_key
    assert client.get("/report/status").get_data(True).count(receipt.code) == 0


def test_guessing_is_rate_limited_but_the_right_key_is_not_counted(client, app):
    app.config["REPORT_LOOKUP_RATE_LIMIT"] = "3 per hour"
    _, receipt = make_report()
    for _ in range(5):
        assert open_report(client, receipt.code, receipt.key).status_code == 303
    for _ in range(3):
        assert open_report(client, receipt.code, "2222-3333-4444-5555").status_code == 200
    refused = open_report(client, receipt.code, receipt.key)
    assert refused.status_code == 429 and "操作过于频繁" in refused.get_data(True)


def test_the_reporter_sees_public_replies_and_never_internal_notes(client, app):
    report, receipt = make_report()
    moderator, _ = make_signed_in_staff(app, "mod", Role.MODERATOR)
    note = Step(note="内部：线索具体，转执法", reply="感谢举报，我局已受理。")
    moderation.act(report, "accept", moderator, note)
    open_report(client, receipt.code, receipt.key)
    client.post("/report/status/add", data={"text": "<script>alert('x')</script> 又看到了"})
    page = client.get("/report/status").get_data(True)
    assert "已受理" in page and "感谢举报，我局已受理。" in page
    assert "内部" not in page
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_the_reporter_adds_information_and_photos_and_the_moderator_sees_them(client, app):
    report, receipt = make_report()
    open_report(client, receipt.code, receipt.key)
    photos = [(io.BytesIO(jpeg_bytes()), "补充.jpg")]
    response = client.post(
        "/report/status/add", data={"text": "今天又看到他们在卸货。", "photos": photos}
    )
    assert response.status_code == 303
    page = client.get("/report/status").get_data(True)
    assert "今天又看到他们在卸货。" in page and "补充材料已收到" in page
    photo_id = db.session.scalar(
        sa.select(ReportPhoto.id).where(ReportPhoto.report_id == report.id)
    )
    assert photo_id is not None

    _, moderator = make_signed_in_staff(app, "mod", Role.MODERATOR)
    staff_page = moderator.get(f"/admin/reports/{report.id}").get_data(True)
    assert "举报人补充" in staff_page and "今天又看到他们在卸货。" in staff_page
    assert f"/admin/reports/photos/{photo_id}" in staff_page
    assert moderator.get(f"/admin/reports/photos/{photo_id}").mimetype == "image/jpeg"


def test_an_empty_or_bad_addition_changes_nothing(client):
    report, receipt = make_report()
    open_report(client, receipt.code, receipt.key)
    empty = client.post("/report/status/add", data={"text": "  "})
    assert any("请填写补充说明或选择照片" in e for e in errors(empty))
    fake = client.post(
        "/report/status/add", data={"photos": [(io.BytesIO(b"plain text"), "a.jpg")]}
    )
    assert any("无法识别" in e for e in errors(fake))
    db.session.expire_all()
    assert len(db.session.get(Report, report.id).events) == 1


def test_additions_need_code_and_key_first(client):
    make_report()
    response = client.post("/report/status/add", data={"text": "补充"}, follow_redirects=True)
    assert "请先输入举报编号和查询密钥" in response.get_data(True)


def test_a_closed_report_takes_no_more_additions(client, app):
    report, receipt = make_report()
    moderator, _ = make_signed_in_staff(app, "mod", Role.MODERATOR)
    moderation.act(report, "decline", moderator, Step(note="不属管辖", reply="请向工商部门反映"))
    open_report(client, receipt.code, receipt.key)
    page = client.get("/report/status").get_data(True)
    assert "请向工商部门反映" in page and "不能再补充材料" in page
    client.post("/report/status/add", data={"text": "再补充一点"})
    db.session.expire_all()
    assert len(db.session.get(Report, report.id).events) == 2


def test_leaving_forgets_the_report_on_this_device(client):
    _, receipt = make_report()
    open_report(client, receipt.code, receipt.key)
    client.post("/report/status/leave")
    assert receipt.code not in client.get("/report/status").get_data(True)


def test_the_approved_reward_and_its_claim_deadline_are_shown(client, app):
    workshop = make_workshop()
    penalty = Penalty(
        workshop=workshop,
        decision_number="吉峡市监罚〔2026〕7号",
        decided_on=local_today() - timedelta(days=3),
        violation="使用非食用物质",
        legal_basis="《中华人民共和国食品安全法》第一百二十三条",
        penalty="罚款",
        fine_amount=Decimal("200000"),
        authority="峡江县市场监督管理局",
        publicity_ends_on=local_today() + timedelta(days=365),
    )
    db.session.add(penalty)
    db.session.commit()
    report, receipt = make_report(
        workshop=workshop, reporter_name="李秀英", reporter_phone="13800138000", wants_reward=True
    )
    first, _ = make_signed_in_staff(app, "mod1", Role.MODERATOR)
    second, _ = make_signed_in_staff(app, "mod2", Role.MODERATOR)
    for action in ("accept", "assign"):
        moderation.act(report, action, first, Step(note="处理", district=workshop.district))
    moderation.act(report, "substantiate", first, Step(note="查实", penalty=penalty))
    moderation.decide_reward(report, first, 1, "一级")
    open_report(client, receipt.code, receipt.key)
    assert "举报奖励" not in client.get("/report/status").get_data(True)
    moderation.approve_reward(report, second, "同意")
    page = client.get("/report/status").get_data(True)
    assert "一级奖励，金额 10000.00 元" in page
    assert report.reward.claim_deadline.strftime("%Y年%-m月%-d日") in page


def test_the_reporter_sees_when_the_pending_step_is_due_and_when_it_is_late(client, app):
    report, receipt = make_report()
    open_report(client, receipt.code, receipt.key)
    page = client.get("/report/status").get_data(True)
    assert f"受理决定期限：{format_date(report.due_on)}（按工作日计算）" in page
    assert "已超过期限" not in page

    moderator, _ = make_signed_in_staff(app, "mod", Role.MODERATOR)
    moderation.act(report, "accept", moderator, Step(note="受理"))
    report.due_on = local_today() - timedelta(days=2)
    db.session.commit()
    page = client.get("/report/status").get_data(True)
    assert "调查结果期限" in page and "已超过期限。如需催办，请拨打 12315。" in page

    for action in ("assign", "unsubstantiate"):
        moderation.act(report, action, moderator, Step(note="处理", district=report.district))
    page = client.get("/report/status").get_data(True)
    assert "期限：" not in page.split("办理记录")[0]
