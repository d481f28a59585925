"""The moderation queue: who sees what, the status machine, deadlines and rewards."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from factories import (
    district,
    jpeg_bytes,
    make_report,
    make_signed_in_staff,
    make_staff,
    make_workshop,
    report_form,
    sign_in,
)

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, RecordInvalid, Report, ReportStatus, Role
from workshop_credit.reports import moderation
from workshop_credit.reports.moderation import Step, reward_amount

HIDDEN = "实名举报（身份已隐藏）"


def real_name_report(**fields):
    """A real-name report asking for a reward."""
    fields.setdefault("reporter_name", "李秀英")
    fields.setdefault("reporter_phone", "13800138000")
    return make_report(wants_reward=True, **fields)[0]


def error_flashes(response) -> str:
    """The error messages flashed on the page a moderator lands on."""
    return " ".join(
        re.findall(r'<p class="flash flash-error"[^>]*>(.*?)</p>', response.get_data(True))
    )


def audits(action):
    """Audit entries with ``action``."""
    return db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)).all()


@pytest.mark.parametrize(
    "role, status", [(Role.MODERATOR, 200), (Role.SUPERADMIN, 200), (Role.VIEWER, 403)]
)
def test_the_queue_is_for_moderators_and_the_superadmin(app, role, status):
    make_report()
    _, client = make_signed_in_staff(app, "staff", role)
    assert client.get("/admin/reports").status_code == status
    assert client.get("/admin/reports/1").status_code == status


def test_a_county_moderator_sees_and_handles_only_that_countys_reports(app, client):
    photo = [(io.BytesIO(jpeg_bytes()), "a.jpg")]
    client.post("/report", data=report_form(photos=photo))  # in 峡江县 (the form's default)
    xiajiang = db.session.scalar(sa.select(Report))
    suichuan, _ = make_report(district=district("遂川县"), subject_name="遂川某作坊")
    assigned, _ = make_report(subject_name="交办到遂川的举报")  # 峡江县, then assigned away
    city = make_staff(Role.MODERATOR, username="city-mod")
    moderation.act(assigned, "accept", city, Step(note="受理"))
    moderation.act(assigned, "assign", city, Step(note="交办", district=district("遂川县")))
    local = make_staff(Role.MODERATOR, "遂川县", username="suichuan-mod")
    local_client = app.test_client()
    sign_in(local_client, local)

    queue = local_client.get("/admin/reports?status=").get_data(True)
    assert "遂川某作坊" in queue and "交办到遂川的举报" in queue
    assert "无招牌米粉作坊" not in queue
    export = local_client.get("/admin/reports/export.csv?status=").get_data(True)
    assert "遂川某作坊" in export and "无招牌米粉作坊" not in export
    assert local_client.get(f"/admin/reports/{suichuan.id}").status_code == 200
    assert local_client.get(f"/admin/reports/{assigned.id}").status_code == 200
    tampered = [
        local_client.get(f"/admin/reports/{xiajiang.id}"),
        local_client.post(f"/admin/reports/{xiajiang.id}/act/accept", data={"note": "越权"}),
        local_client.post(f"/admin/reports/{xiajiang.id}/reward/decide", data={"note": "越权"}),
        local_client.post(f"/admin/reports/{xiajiang.id}/identity"),
        local_client.get(f"/admin/reports/photos/{xiajiang.photos[0].id}"),
    ]
    assert [response.status_code for response in tampered] == [403] * 5
    db.session.expire_all()
    assert db.session.get(Report, xiajiang.id).status == ReportStatus.RECEIVED

    _, city_client = make_signed_in_staff(app, "city-mod-2", Role.MODERATOR)
    everything = city_client.get("/admin/reports?status=").get_data(True)
    assert all(name in everything for name in ("遂川某作坊", "交办到遂川的举报", "无招牌米粉作坊"))


def test_only_a_moderator_sees_the_identity_and_each_look_is_audited(app):
    report = real_name_report()
    moderator, mod_client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    _, admin_client = make_signed_in_staff(app, "root", Role.SUPERADMIN)
    for client in (mod_client, admin_client):
        page = client.get(f"/admin/reports/{report.id}").get_data(True)
        assert HIDDEN in page and "李秀英" not in page and "13800138000" not in page
    assert admin_client.post(f"/admin/reports/{report.id}/identity").status_code == 403
    shown = mod_client.post(f"/admin/reports/{report.id}/identity")
    assert shown.headers["Cache-Control"] == "private, no-store"
    assert "李秀英" in shown.get_data(True) and "13800138000" in shown.get_data(True)
    mod_client.post(f"/admin/reports/{report.id}/identity")
    looks = audits("report.view_identity")
    assert [entry.actor_id for entry in looks] == [moderator.id, moderator.id]


def test_exports_never_carry_an_identity(app):
    real_name_report()
    make_report()
    _, client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    csv = client.get("/admin/reports/export.csv?status=").get_data(True)
    assert HIDDEN in csv and "匿名举报" in csv
    assert "李秀英" not in csv and "13800138000" not in csv
    assert len(audits("report.export")) == 1


def test_photos_go_to_the_queue_roles_only_and_are_never_cached(app, client):
    client.post("/report", data=report_form(photos=[(io.BytesIO(jpeg_bytes()), "a.jpg")]))
    _, moderator = make_signed_in_staff(app, "mod", Role.MODERATOR)
    _, viewer = make_signed_in_staff(app, "viewer", Role.VIEWER)
    photo = moderator.get("/admin/reports/photos/1")
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
    assert photo.headers["Cache-Control"] == "private, no-store"
    assert viewer.get("/admin/reports/photos/1").status_code == 403
    assert app.test_client().get("/admin/reports/photos/1").status_code == 302


def test_report_text_is_escaped_for_staff_too(app):
    report, _ = make_report(description="<script>alert(1)</script><img src=x onerror=alert(2)>")
    _, client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    page = client.get(f"/admin/reports/{report.id}").get_data(True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<img src=x" not in page


def test_the_status_machine_allows_its_transitions_and_refuses_the_rest(app):
    report, _ = make_report()
    moderator, client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    url = f"/admin/reports/{report.id}/act/"
    refused = client.post(url + "close", data={"note": "想直接办结"}, follow_redirects=True)
    assert "不能执行“办结”" in refused.get_data(True)
    client.post(url + "accept", data={"note": "线索具体"})
    client.post(url + "assign", data={"note": "交办", "district": str(district("峡江县").id)})
    client.post(url + "substantiate", data={"note": "现场查实"})
    client.post(url + "close", data={"note": "办结"})
    db.session.expire_all()
    report = db.session.get(Report, report.id)
    assert report.status == ReportStatus.CLOSED and report.due_on is None
    assert report.assigned_district.name == "峡江县"
    assert [e.status for e in report.events if e.status] == [
        ReportStatus.RECEIVED,
        ReportStatus.ACCEPTED,
        ReportStatus.INVESTIGATING,
        ReportStatus.SUBSTANTIATED,
        ReportStatus.CLOSED,
    ]
    assert [
        e.action
        for e in db.session.scalars(
            sa.select(AuditEntry).where(
                AuditEntry.entity_type == "report", AuditEntry.actor_id == moderator.id
            )
        )
    ] == ["report.accept", "report.assign", "report.substantiate", "report.close"]


@pytest.mark.parametrize(
    "action, data, message",
    [
        ("accept", {"note": ""}, "请填写处理说明"),
        ("decline", {"note": "不属管辖"}, "请填写给举报人的答复"),
        ("duplicate", {"note": "重复"}, "请指定另一件较早的举报"),
        ("duplicate", {"note": "重复", "duplicate_of": "999"}, "没有内部编号为 999"),
        ("duplicate", {"note": "重复", "duplicate_of": "9" * 30}, "请填写另一件举报的内部编号"),
        ("duplicate", {"note": "重复", "duplicate_of": "第一件"}, "重复于举报（内部编号）："),
        ("accept", {"note": "x" * 5001}, "处理说明过长"),
        ("reply", {"note": "答复", "reply": ""}, "请填写给举报人的答复"),
        ("bogus", {"note": "x"}, None),
    ],
)
def test_each_step_needs_its_note_and_fields(app, action, data, message):
    report, _ = make_report()
    _, client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    response = client.post(
        f"/admin/reports/{report.id}/act/{action}", data=data, follow_redirects=True
    )
    if message is None:
        assert response.status_code == 404
    else:
        assert message in error_flashes(response)
    db.session.expire_all()
    assert db.session.get(Report, report.id).status == ReportStatus.RECEIVED


@pytest.mark.parametrize(
    "district_value, message",
    [
        ("abc", "承办县（市、区）："),
        ("99999999999999999999999", "承办县（市、区）："),
        ("-1", "承办县（市、区）："),
        ("", "请选择承办的县（市、区）"),
    ],
)
def test_an_assignment_needs_a_real_district(app, district_value, message):
    report, _ = make_report()
    moderator, client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    moderation.act(report, "accept", moderator, Step(note="受理"))
    response = client.post(
        f"/admin/reports/{report.id}/act/assign",
        data={"note": "交办", "district": district_value},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert message in error_flashes(response)
    db.session.expire_all()
    report = db.session.get(Report, report.id)
    assert report.status == ReportStatus.ACCEPTED and report.assigned_district is None


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "{big}"),
        ("post", "{big}/act/accept"),
        ("get", "photos/{big}"),
        ("post", "{big}/reward/decide"),
    ],
)
def test_ids_beyond_any_record_are_not_found(app, method, path):
    _, client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    url = "/admin/reports/" + path.format(big="9" * 30)
    assert getattr(client, method)(url, data={"note": "x"}).status_code == 404


def test_a_duplicate_points_to_the_original_and_candidates_are_listed(app):
    workshop = make_workshop("峡江县老王米粉加工坊")
    first, _ = make_report(workshop=workshop)
    second, _ = make_report(workshop=workshop)
    third, _ = make_report(workshop=workshop)
    unrelated, _ = make_report(subject_name="别处作坊", subject_address="吉州区某路 1 号")
    moderator, client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    page = client.get(f"/admin/reports/{third.id}").get_data(True)
    assert f"#{first.id}</a>" in page and f"#{second.id}</a>" in page
    assert f"#{unrelated.id}</a>" not in page
    moderation.act(second, "duplicate", moderator, Step(note="同一线索", duplicate_of=first))
    moderation.act(third, "duplicate", moderator, Step(note="同一线索", duplicate_of=second))
    assert third.duplicate_of_id == first.id  # chains end at the original


def test_overdue_reports_are_flagged_and_filtered(app):
    late, _ = make_report(subject_name="迟迟未处理的作坊")
    on_time, _ = make_report(subject_name="刚收到的作坊")
    late.due_on = local_today() - timedelta(days=2)
    db.session.commit()
    _, client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    page = client.get("/admin/reports?overdue=y").get_data(True)
    assert "迟迟未处理的作坊" in page and "刚收到的作坊" not in page
    assert "已超期 2 天" in page
    assert "1 件举报已超期" in client.get("/admin/").get_data(True)


def test_the_queue_filters_and_lists_oldest_first(app):
    older, _ = make_report(subject_name="甲作坊")
    newer, _ = make_report(subject_name="乙作坊", district=district("遂川县"))
    older.created_at -= timedelta(days=10)
    db.session.commit()
    _, client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    page = client.get("/admin/reports").get_data(True)
    assert page.index("甲作坊") < page.index("乙作坊")
    by_place = client.get(f"/admin/reports?district={district('遂川县').id}").get_data(True)
    assert "乙作坊" in by_place and "甲作坊" not in by_place
    by_age = client.get("/admin/reports?age=7").get_data(True)
    assert "甲作坊" in by_age and "乙作坊" not in by_age
    assert "乙作坊" not in client.get("/admin/reports?issue_type=hygiene").get_data(True)


@pytest.mark.parametrize(
    "tier, basis, amount",
    [
        (1, "200000", "10000.00"),  # 5 %
        (1, "10000", "5000.00"),  # at least 5,000
        (2, "500000", "15000.00"),  # 3 %
        (3, "0", "1000.00"),  # the minimum without fines
        (1, "50000000", "1000000.00"),  # capped
    ],
)
def test_reward_amounts_follow_the_configured_rules(app, tier, basis, amount):
    assert reward_amount(tier, Decimal(basis)) == Decimal(amount)


def test_reward_rules_are_configuration(app):
    app.config["REPORT_REWARD_TIERS"] = {1: ("0.10", 100), 2: ("0.03", 3000), 3: ("0.01", 1)}
    assert reward_amount(1, Decimal("5000")) == Decimal("500.00")


def test_a_reward_needs_a_second_person_and_then_can_be_paid(app):
    report = real_name_report()
    first, client = make_signed_in_staff(app, "mod1", Role.MODERATOR)
    second, _ = make_signed_in_staff(app, "mod2", Role.SUPERADMIN)
    with pytest.raises(RecordInvalid, match="举报属实"):
        moderation.decide_reward(report, first, 2, "太早")
    moderation.act(report, "accept", first, Step(note="受理"))
    moderation.act(report, "assign", first, Step(note="交办", district=district()))
    moderation.act(report, "substantiate", first, Step(note="查实"))
    response = client.post(
        f"/admin/reports/{report.id}/reward/decide", data={"reward_tier": "2", "note": "二级"}
    )
    assert response.status_code == 302
    assert report.reward.amount == Decimal("3000.00")
    refused = client.post(
        f"/admin/reports/{report.id}/reward/approve", data={"note": "自己批"}, follow_redirects=True
    )
    assert "奖励须由另一名工作人员审批" in refused.get_data(True)
    db.session.expire_all()
    assert db.session.get(Report, report.id).reward.approved_by_id is None
    moderation.approve_reward(report, second, "同意")
    third, _ = make_signed_in_staff(app, "mod3", Role.MODERATOR)
    with pytest.raises(RecordInvalid, match="不晚于今天"):
        moderation.mark_reward_paid(report, third, local_today() + timedelta(days=1), "发放")
    for person in (first, second):
        with pytest.raises(RecordInvalid, match="第三名工作人员"):
            moderation.mark_reward_paid(report, person, local_today(), "自己发放")
    moderation.mark_reward_paid(report, third, local_today(), "已发放")
    assert report.reward.paid_on == local_today() and report.reward.paid_by_id == third.id
    assert {e.action for e in audits("report.reward_approve")} == {"report.reward_approve"}
    page = client.get(f"/admin/reports/{report.id}").get_data(True)
    people = re.search(r'<dl class="reward-people">(.*?)</dl>', page, re.S).group(1)
    names = [re.sub(r"\s+", "", dd) for dd in re.findall(r"<dd>(.*?)</dd>", people, re.S)]
    assert names == [user.display_name or user.username for user in (first, second, third)]


def test_an_anonymous_report_gets_no_reward(app):
    report, _ = make_report()
    moderator, _ = make_signed_in_staff(app, "mod", Role.MODERATOR)
    for action in ("accept", "assign", "substantiate"):
        moderation.act(report, action, moderator, Step(note="处理", district=district()))
    with pytest.raises(RecordInvalid):
        moderation.decide_reward(report, moderator, 1, "一级")


def test_moderation_forms_need_their_csrf_token(app):
    report, _ = make_report()
    _, client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    app.config["WTF_CSRF_ENABLED"] = True
    for path in ("act/accept", "reward/decide", "identity"):
        assert (
            client.post(f"/admin/reports/{report.id}/{path}", data={"note": "x"}).status_code == 400
        )
    db.session.expire_all()
    assert db.session.get(Report, report.id).status == ReportStatus.RECEIVED
