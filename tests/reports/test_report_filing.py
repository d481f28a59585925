"""Filing a tip-off: one report per form, a receipt shown once, nothing stored on bad input."""

import io
import logging
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from factories import count_rows, jpeg_bytes, make_workshop, report_form
from werkzeug.security import check_password_hash

from workshop_credit.core.timeutil import SITE_TIMEZONE, local_today
from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, Report, ReportPhoto

CODE = re.compile(r"<code>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})</code>")


def errors(response):
    """The error messages a person sees on the page."""
    return re.findall(r'class="(?:error|flash flash-error)"[^>]*>([^<]+)<', response.get_data(True))


def submit(client, **fields):
    """Post the report form and return the receipt page, following the redirect."""
    return client.post("/report", data=report_form(**fields), follow_redirects=True)


def test_an_anonymous_report_is_committed_before_its_receipt_is_shown(client):
    response = client.post("/report", data=report_form())
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/report/receipt")
    assert count_rows(Report) == 1  # stored before the receipt page is even requested
    receipt = client.get("/report/receipt")
    assert receipt.headers["Cache-Control"] == "no-store"
    code, key = CODE.findall(receipt.get_data(True))
    report = db.session.scalar(sa.select(Report))
    assert report.receipt_code == code and report.is_anonymous
    assert key not in report.key_hash and check_password_hash(report.key_hash, key)
    assert report.key_hash.startswith("scrypt:")
    assert report.status.value == "received" and report.due_on > report.created_at.date()
    assert "只显示这一次" in receipt.get_data(True)


def test_the_key_is_shown_only_on_the_device_that_filed_it(client, app):
    client.post("/report", data=report_form())
    assert len(CODE.findall(client.get("/report/receipt").get_data(True))) == 2
    elsewhere = app.test_client().get("/report/receipt", follow_redirects=True)
    assert CODE.findall(elsewhere.get_data(True)) == []
    assert "请使用举报编号和查询密钥" in elsewhere.get_data(True)


def test_codes_are_long_random_and_unambiguous(client):
    codes = set()
    for _ in range(3):
        client.post("/report", data=report_form())
        codes.update(CODE.findall(client.get("/report/receipt").get_data(True)))
    assert len(codes) == 6
    for code in codes:
        assert not set(code) & set("01OI")
        assert len(code.replace("-", "")) == 16  # 32 ** 16 = 2 ** 80


def test_a_double_click_files_one_report_and_a_working_key(client):
    data = report_form()
    first = client.post("/report", data=data)
    second = client.post("/report", data=data)
    assert first.status_code == second.status_code == 303
    assert count_rows(Report) == 1
    page = client.get("/report/receipt").get_data(True)
    assert "没有重复登记" in page
    code, key = CODE.findall(page)
    opened = client.post("/report/status", data={"code": code, "key": key})
    assert opened.status_code == 303


def test_a_real_name_report_for_a_reward_keeps_name_and_phone(client):
    submit(
        client,
        identity="real_name",
        wants_reward="y",
        reporter_name="李秀英",
        reporter_phone="+86 138-0013-8000",
    )
    report = db.session.scalar(sa.select(Report))
    assert not report.is_anonymous and report.wants_reward
    assert (report.reporter_name, report.reporter_phone) == ("李秀英", "13800138000")


def test_anonymous_reports_keep_no_name_even_when_one_was_typed(client):
    submit(client, reporter_name="李秀英", reporter_phone="13800138000")
    report = db.session.scalar(sa.select(Report))
    assert report.is_anonymous and report.reporter_name is None and report.reporter_phone is None


def test_a_qr_code_link_preselects_the_workshop(client):
    workshop = make_workshop("峡江县老王米粉加工坊")
    page = client.get(f"/report?workshop={workshop.public_code}").get_data(True)
    assert "峡江县老王米粉加工坊" in page and f'value="{workshop.public_code}"' in page
    submit(client, workshop_code=workshop.public_code, subject_kind="registered")
    report = db.session.scalar(sa.select(Report))
    assert report.workshop_id == workshop.id and report.district_id == workshop.district_id
    assert report.subject_name == ""


def test_a_workshop_is_found_by_typing_part_of_its_name(client):
    workshop = make_workshop("峡江县老王米粉加工坊")
    make_workshop("遂川县刘记豆皮作坊", district_name="遂川县")
    submit(client, subject_kind="registered", workshop_name="老王米粉")
    assert db.session.scalar(sa.select(Report.workshop_id)) == workshop.id


def test_several_matching_workshops_are_offered_to_choose_from(client):
    first = make_workshop("峡江县老王米粉加工坊")
    make_workshop("峡江县老王米粉二厂")
    response = submit(client, subject_kind="registered", workshop_name="老王米粉")
    assert count_rows(Report) == 0
    assert any("请在下面选择一家" in e for e in errors(response))
    page = response.get_data(True)
    assert page.count('name="workshop_code"') == 2
    submit(client, subject_kind="registered", workshop_code=first.public_code)
    assert db.session.scalar(sa.select(Report.workshop_id)) == first.id


def test_an_unknown_code_in_the_link_is_explained(client):
    page = client.get("/report?workshop=NOSUCH99").get_data(True)
    assert "没有找到编号为“NOSUCH99”的小作坊" in page


def test_photos_are_stored_without_metadata_with_the_originals_digest(client):
    import hashlib

    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "HUAWEI"
    original = jpeg_bytes(exif=exif)
    photos = [(io.BytesIO(original), "现场.jpg"), (io.BytesIO(jpeg_bytes()), "2.jpg")]
    response = client.post("/report", data=report_form(photos=photos))
    assert response.status_code == 303
    stored = db.session.scalars(sa.select(ReportPhoto).order_by(ReportPhoto.id)).all()
    assert len(stored) == 2
    assert stored[0].original_sha256 == hashlib.sha256(original).hexdigest()
    assert b"HUAWEI" not in stored[0].image


LONG = "很" * 5001
BAD_INPUT = [
    ({"description": "太短了"}, "20 到 5000"),
    ({"description": "长" * (1024 * 1024 // 3)}, "20 到 5000"),  # about 1 MB of UTF-8
    ({"description": LONG}, "20 到 5000"),
    ({"identity": "real_name", "reporter_name": "李秀英", "reporter_phone": "1234"}, "手机号码"),
    ({"identity": "real_name", "reporter_name": "", "reporter_phone": "13800138000"}, "真实姓名"),
    ({"wants_reward": "y"}, "申请奖励需要实名"),
    ({"subject_kind": "registered", "workshop_code": "NOSUCH99"}, "没有找到这个编号"),
    ({"subject_kind": "registered", "workshop_name": "不存在的作坊"}, "没有找到名称包含"),
    ({"subject_address": ""}, "详细地址"),
    ({"district": ""}, "所在县"),
    ({"issue_type": ""}, "问题类型"),
    ({"issue_type": "bogus"}, "不是有效的选择"),
    ({"observed_at": "yesterday"}, "年-月-日"),
    ({"observed_at": "2999-01-01T10:00"}, "不能晚于现在"),
    ({"submission_token": ""}, "表单已失效"),
    ({"website": "http://spam.example"}, "请勿填写此栏"),
    ({"district": "abc"}, "请从列表中选择所在县"),
    ({"district": "1e3"}, "请从列表中选择所在县"),
    ({"district": "\U0001f600"}, "请从列表中选择所在县"),
    ({"district": "9" * 25}, "请从列表中选择所在县"),
    ({"district": "987654"}, "请从列表中选择所在县"),  # a number, but no such district
    ({"observed_at": "0001-01-01T00:00"}, "发现时间太早"),
    ({"observed_at": "1900-01-01T00:00"}, "发现时间太早"),
]


@pytest.mark.parametrize("fields, message", BAD_INPUT)
def test_bad_input_gets_a_chinese_message_and_stores_nothing(client, fields, message):
    response = submit(client, **fields)
    assert response.status_code == 200
    assert any(message in error for error in errors(response)), errors(response)
    assert count_rows(Report) == 0 and count_rows(AuditEntry) == 0


@pytest.mark.parametrize(
    "photos, message",
    [
        ([(io.BytesIO(b"not an image"), "fake.jpg")], "无法识别"),
        ([(io.BytesIO(jpeg_bytes((400, 300))[:500]), "cut.jpg")], "无法识别"),
        ([(io.BytesIO(jpeg_bytes()), f"{i}.jpg") for i in range(6)], "最多上传 5 张"),
    ],
    ids=["text-as-jpg", "truncated", "six-photos"],
)
def test_bad_photos_are_refused_next_to_the_field(client, photos, message):
    response = client.post("/report", data=report_form(photos=photos))
    assert any(message in error for error in errors(response)), errors(response)
    assert count_rows(Report) == 0 and count_rows(ReportPhoto) == 0


def test_a_huge_body_is_refused_with_413(client, app):
    body = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post("/report", data=body, content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413
    assert "提交内容过大" in response.get_data(True)
    assert count_rows(Report) == 0


def test_the_form_is_refused_without_its_csrf_token(app):
    app.config["WTF_CSRF_ENABLED"] = True
    response = app.test_client().post("/report", data=report_form())
    assert response.status_code == 400
    assert "页面已过期" in response.get_data(True)
    assert count_rows(Report) == 0


def test_submissions_are_rate_limited_per_address_with_a_chinese_page(client, app):
    app.config["REPORT_RATE_LIMIT"] = "3 per hour"
    for _ in range(3):
        assert client.post("/report", data=report_form()).status_code == 303
    refused = client.post("/report", data=report_form())
    assert refused.status_code == 429
    assert "操作过于频繁" in refused.get_data(True)
    other = app.test_client()
    other_address = {"REMOTE_ADDR": "203.0.113.7"}
    assert other.post("/report", data=report_form(), environ_base=other_address).status_code == 303
    assert count_rows(Report) == 4


def test_no_reporter_data_reaches_a_log_or_the_audit_trail(client, caplog):
    caplog.set_level(logging.DEBUG)
    secret_bits = ("王秀英", "13912345678", "村口一家没有招牌", "湖洲村")
    submit(client, identity="real_name", reporter_name="王秀英", reporter_phone="13912345678")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    audited = " ".join(str(e.after) for e in db.session.scalars(sa.select(AuditEntry)))
    for bit in secret_bits:
        assert bit not in logged and bit not in audited


def test_no_address_is_stored_with_a_report(client):
    submit(client, identity="real_name", reporter_name="王秀英", reporter_phone="13912345678")
    row = db.session.execute(sa.text("SELECT * FROM reports")).mappings().one()
    assert not any("127.0.0.1" in str(value) for value in row.values())
    assert "remote_addr" not in row and "ip" not in row


def test_nothing_of_the_reporter_reaches_the_logs(client, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy.engine")
    secrets = ("欧阳春花", "13912345678", "独一无二的描述：夜里往米粉里加吊白块", "禾埠街道 77 号")
    response = client.post(
        "/report",
        data=report_form(
            identity="real_name",
            wants_reward="y",
            reporter_name=secrets[0],
            reporter_phone=secrets[1],
            description=secrets[2] + "，现场气味刺鼻，工人没有健康证。",
            subject_address=secrets[3],
        ),
    )
    assert response.status_code == 303
    assert caplog.records  # logging was on, so the check below means something
    logged = caplog.text + "".join(record.getMessage() for record in caplog.records)
    assert not [secret for secret in secrets if secret in logged]


@pytest.mark.parametrize("when, days_ago", [("today", 0), ("yesterday", 1)])
def test_an_approximate_day_is_enough_for_when_it_was_seen(client, when, days_ago):
    data = report_form(observed_when=when)
    del data["observed_at"]
    assert client.post("/report", data=data).status_code == 303
    seen = db.session.scalar(sa.select(Report)).observed_at.astimezone(SITE_TIMEZONE)
    assert seen.date() == local_today() - timedelta(days=days_ago)


def test_this_week_or_an_earlier_date_are_enough_too(client):
    data = report_form(observed_when="this_week")
    del data["observed_at"]
    assert client.post("/report", data=data).status_code == 303
    seen = db.session.scalar(sa.select(Report)).observed_at.astimezone(SITE_TIMEZONE).date()
    assert seen.weekday() == 0 and 0 <= (local_today() - seen).days < 7
    earlier = report_form(observed_when="earlier")
    del earlier["observed_at"]
    assert any("请填写大致的日期" in e for e in errors(client.post("/report", data=earlier)))
    earlier["observed_on"] = "2026-01-05"
    assert client.post("/report", data=earlier).status_code == 303


def test_when_it_was_seen_must_be_answered(client):
    data = report_form()
    del data["observed_at"]
    assert any("请选择大概什么时候看到的" in e for e in errors(client.post("/report", data=data)))
    assert count_rows(Report) == 0
