"""Referral of suspected crimes to the police: staff record it, the public and reporter see it."""

from datetime import timedelta

import sqlalchemy as sa
from factories import (
    add_records,
    district,
    make_report,
    make_signed_in_staff,
    make_staff,
    make_workshop,
    penalty,
    sign_in,
)

from workshop_credit.core.templating import format_date
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, Referral, Role
from workshop_credit.reports import moderation
from workshop_credit.reports.moderation import Step

OFFICE = "峡江县公安局食品药品环境犯罪侦查大队"


def regulator(app, county="峡江县"):
    client = app.test_client()
    sign_in(client, make_staff(Role.REGULATOR, county))
    return client


def refer_penalty(client, workshop, record, **data):
    url = f"/admin/workshops/{workshop.id}/penalties/{record.id}/referral"
    values = {
        "referred_on": (local_today() - timedelta(days=3)).isoformat(),
        "receiving_office": OFFICE,
    }
    values.update(data)
    return client.post(url, data=values)


def test_a_referred_penalty_says_so_on_the_public_page_and_is_audited(app, client):
    workshop = make_workshop("峡江县移送米粉作坊")
    (record,) = add_records(workshop, penalty(days_ago=20))
    before = client.get(f"/w/{workshop.public_code}").get_data(as_text=True)
    assert "已移送公安机关" not in before

    assert refer_penalty(regulator(app), workshop, record).status_code == 302
    text = client.get(f"/w/{workshop.public_code}").get_data(as_text=True)
    assert "涉嫌犯罪，已移送公安机关" in text
    assert format_date(local_today() - timedelta(days=3)) in text and OFFICE in text
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "referral"))
    assert entry.action == "create" and entry.after["receiving_office"] == OFFICE


def test_the_referral_is_hidden_with_its_penalty_once_publicity_ends(app, client):
    workshop = make_workshop("峡江县已修复作坊")
    (record,) = add_records(workshop, penalty(days_ago=400, public_days=180))
    assert (
        refer_penalty(
            regulator(app),
            workshop,
            record,
            referred_on=(local_today() - timedelta(days=390)).isoformat(),
        ).status_code
        == 302
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Referral)) == 1
    text = client.get(f"/w/{workshop.public_code}").get_data(as_text=True)
    assert "移送公安机关" not in text and OFFICE not in text


def test_bad_referrals_get_a_clear_message_and_change_nothing(app):
    workshop = make_workshop()
    (record,) = add_records(workshop, penalty(days_ago=20))
    client = regulator(app)
    cases = {
        (local_today() - timedelta(days=30)).isoformat(): "移送日期不能早于处罚决定日期",
        (local_today() + timedelta(days=1)).isoformat(): "移送日期不能晚于今天",
        "2024-13-45": "不是有效的日期值",
    }
    for day, message in cases.items():
        response = refer_penalty(client, workshop, record, referred_on=day)
        assert response.status_code == 200 and message in response.get_data(as_text=True)
    response = refer_penalty(client, workshop, record, receiving_office="  ")
    assert "请填写接收的公安机关" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Referral)) == 0


def test_a_penalty_of_another_workshop_is_not_found(app):
    workshop, other = make_workshop(), make_workshop()
    (record,) = add_records(other, penalty(days_ago=20))
    assert refer_penalty(regulator(app), workshop, record).status_code == 404


def test_the_reporter_sees_the_referral_of_a_substantiated_tip_off(app, client):
    report, receipt = make_report()
    moderator, staff = make_signed_in_staff(app, "mod", Role.MODERATOR)
    url = f"/admin/reports/{report.id}/referral"
    data = {"referred_on": local_today().isoformat(), "receiving_office": OFFICE}
    early = staff.post(url, data=data)
    assert "只有调查结果为“举报属实”的举报才能登记移送" in early.get_data(as_text=True)
    moderation.act(report, "accept", moderator, Step(note="受理"))
    moderation.act(report, "assign", moderator, Step(note="交办", district=district()))
    moderation.act(report, "substantiate", moderator, Step(note="查实"))
    assert "登记移送公安机关" in staff.get(f"/admin/reports/{report.id}").get_data(as_text=True)
    assert staff.post(url, data=data).status_code == 302

    client.post("/report/status", data={"code": receipt.code, "key": receipt.key})
    text = client.get("/report/status").get_data(as_text=True)
    assert "涉嫌犯罪，已移送公安机关" in text and OFFICE in text


def test_the_reporter_sees_the_referral_of_the_penalty_their_tip_off_led_to(app, client):
    workshop = make_workshop()
    (record,) = add_records(workshop, penalty(days_ago=5))
    report, receipt = make_report(workshop=workshop)
    report.penalty = record
    db.session.commit()
    assert refer_penalty(regulator(app), workshop, record).status_code == 302
    client.post("/report/status", data={"code": receipt.code, "key": receipt.key})
    assert OFFICE in client.get("/report/status").get_data(as_text=True)


def test_stats_count_referrals_per_county_and_year(app, client):
    year = local_today().year
    for county in ("峡江县", "峡江县", "遂川县"):
        workshop = make_workshop(district_name=county)
        (record,) = add_records(workshop, penalty(days_ago=0))
        assert (
            refer_penalty(
                regulator(app, county), workshop, record, referred_on=local_today().isoformat()
            ).status_code
            == 302
        )
    text = client.get(f"/stats?year={year}").get_data(as_text=True)
    section = text[text.index('id="referrals"') :]
    assert "全市：3 件" in section and "峡江县：2 件" in section and "遂川县：1 件" in section
    assert "峡江县：0 件" in client.get(f"/stats?year={year - 1}").get_data(as_text=True)


def test_staff_list_shows_only_their_county(app):
    for county in ("峡江县", "遂川县"):
        workshop = make_workshop(f"{county}名单作坊", district_name=county)
        (record,) = add_records(workshop, penalty(days_ago=5))
        assert refer_penalty(regulator(app, county), workshop, record).status_code == 302
    text = regulator(app).get("/admin/referrals").get_data(as_text=True)
    assert "峡江县名单作坊" in text and "遂川县名单作坊" not in text
