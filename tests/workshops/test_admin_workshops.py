"""The workshop file by hand: forms, validation in Chinese, scope, audit, status at once."""

from datetime import timedelta

import sqlalchemy as sa
from factories import category, count_rows, district, make_staff, make_uscc, make_workshop, sign_in

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    AuditEntry,
    Role,
    Sampling,
    Workshop,
    WorkshopStatus,
    current_status,
)


def regulator(client, district_name="峡江县"):
    """Sign in a regulator of ``district_name`` (None: city-wide)."""
    user = make_staff(Role.REGULATOR, district_name)
    sign_in(client, user)
    return user


def workshop_form(**changes):
    """A valid new-workshop form for 峡江县."""
    today = local_today()
    data = {
        "name": "峡江县老李米粉坊",
        "operator": "李春生",
        "uscc": make_uscc("360823"),
        "address": "峡江县巴邱镇沿江路 8 号",
        "district_id": district("峡江县").id,
        "categories": [category("米粉").id],
        "products": "峡江米粉",
        "zone_id": 0,
        "status": "registered",
        "number": "JX登-360823-90001",
        "issued_on": (today - timedelta(days=10)).isoformat(),
        "expires_on": (today + timedelta(days=3 * 365)).isoformat(),
        "issuing_office": "峡江县市场监督管理局",
    }
    data.update(changes)
    return data


def test_regulator_adds_a_registered_workshop_and_it_is_audited(client):
    user = regulator(client)
    response = client.post("/admin/workshops/new", data=workshop_form())
    assert response.status_code == 302
    workshop = db.session.scalar(sa.select(Workshop).where(Workshop.name == "峡江县老李米粉坊"))
    assert current_status(workshop, local_today()) == WorkshopStatus.REGISTERED
    assert workshop.registrations[0].number == "JX登-360823-90001"
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "workshop"))
    assert entry.actor_id == user.id and entry.after["name"] == "峡江县老李米粉坊"
    assert entry.after["categories"] == ["米粉"]


def test_bad_workshop_input_is_explained_next_to_each_field_and_nothing_is_saved(client):
    regulator(client)
    good = workshop_form()["uscc"]
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    today = local_today()
    page = client.post(
        "/admin/workshops/new",
        data=workshop_form(
            uscc=wrong_check,
            name="",
            categories=[],
            expires_on=(today - timedelta(days=30)).isoformat(),
            issuing_office="",
        ),
    ).get_data(as_text=True)
    for message in (
        "校验位不正确",
        "请填写作坊名称",
        "请至少选择一个食品类别",
        "有效期截止日期必须晚于发证日期",
        "已登记的作坊请填写发证机关",
    ):
        assert message in page
    assert (
        count_rows(Workshop) == 0
        and count_rows(AuditEntry, AuditEntry.entity_type == "workshop") == 0
    )


def test_a_regulator_cannot_place_a_workshop_in_another_district(client):
    regulator(client, "遂川县")
    page = client.post("/admin/workshops/new", data=workshop_form()).get_data(as_text=True)
    assert "选择无效" in page or "不是有效的选择" in page
    assert count_rows(Workshop) == 0


def test_url_tampering_across_districts_is_forbidden(client):
    regulator(client, "遂川县")
    other = make_workshop(district_name="峡江县")
    for path in (
        f"/admin/workshops/{other.id}",
        f"/admin/workshops/{other.id}/edit",
        f"/admin/workshops/{other.id}/close",
        f"/admin/workshops/{other.id}/inspections/new",
    ):
        assert client.get(path).status_code == 403, path
    before = other.name
    assert (
        client.post(f"/admin/workshops/{other.id}/edit", data={"name": "改名"}).status_code == 403
    )
    registration = other.registrations[0]
    assert (
        client.post(
            f"/admin/workshops/{other.id}/registrations/{registration.id}/delete"
        ).status_code
        == 403
    )
    db.session.expire_all()
    assert db.session.get(Workshop, other.id).name == before
    assert db.session.get(Workshop, other.id).registrations
    assert client.get(f"/admin/workshops?district={other.district_id}").status_code == 200
    listing = client.get(f"/admin/workshops?district={other.district_id}").get_data(as_text=True)
    assert other.name not in listing


def test_city_wide_regulator_may_edit_any_district(client):
    regulator(client, None)
    workshop = make_workshop(district_name="遂川县")
    data = workshop_form(district_id=workshop.district_id, uscc=workshop.uscc, name="遂川刘记豆皮")
    assert client.post(f"/admin/workshops/{workshop.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Workshop, workshop.id).name == "遂川刘记豆皮"
    entry = db.session.scalar(
        sa.select(AuditEntry).where(
            AuditEntry.action == "update", AuditEntry.entity_type == "workshop"
        )
    )
    assert entry.before["name"] != "遂川刘记豆皮" and entry.after["name"] == "遂川刘记豆皮"


def test_revoking_takes_effect_on_the_status_at_once(client):
    regulator(client)
    workshop = make_workshop()
    response = client.post(
        f"/admin/workshops/{workshop.id}/close",
        data={
            "outcome": "revoked",
            "ended_on": local_today().isoformat(),
            "reason": "使用非食用物质",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    workshop = db.session.get(Workshop, workshop.id)
    assert current_status(workshop, local_today()) == WorkshopStatus.REVOKED
    assert workshop.registrations[0].end_reason == "使用非食用物质"
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"revoked", "update"} <= actions


def test_close_needs_a_reason_and_a_date_not_before_issue(client):
    regulator(client)
    workshop = make_workshop()
    page = client.post(
        f"/admin/workshops/{workshop.id}/close", data={"outcome": "cancelled", "ended_on": ""}
    ).get_data(as_text=True)
    assert "请填写生效日期" in page and "请填写原因" in page
    early = (workshop.registrations[0].issued_on - timedelta(days=5)).isoformat()
    page = client.post(
        f"/admin/workshops/{workshop.id}/close",
        data={"outcome": "cancelled", "ended_on": early, "reason": "停业"},
    ).get_data(as_text=True)
    assert "不能早于发证日期" in page
    db.session.expire_all()
    assert db.session.get(Workshop, workshop.id).status == WorkshopStatus.REGISTERED


def sampling_form(**changes):
    """A failed sampling form with one failed item."""
    data = {
        "sampled_on": (local_today() - timedelta(days=3)).isoformat(),
        "product": "米粉",
        "testing_body": "吉安市检验检测中心",
        "report_number": "JA2026-0099",
        "result": "fail",
        "failed_items-0-item": "苯甲酸",
        "failed_items-0-measured_value": "0.35",
        "failed_items-0-limit_value": "不得使用",
        "failed_items-0-unit": "g/kg",
        "disposal": "责令召回并监督销毁",
    }
    data.update(changes)
    return data


def test_a_failed_sampling_needs_its_items_and_disposal(client):
    regulator(client)
    workshop = make_workshop()
    url = f"/admin/workshops/{workshop.id}/samplings/new"
    page = client.post(
        url, data=sampling_form(**{"failed_items-0-item": "", "disposal": ""})
    ).get_data(as_text=True)
    assert "至少填写一项不合格项目" in page and "必须填写处置措施" in page
    early = (local_today() - timedelta(days=10)).isoformat()
    page = client.post(url, data=sampling_form(disposed_on=early)).get_data(as_text=True)
    assert "处置日期不能早于抽检日期" in page
    assert count_rows(Sampling) == 0
    assert client.post(url, data=sampling_form()).status_code == 302
    sampling = db.session.scalar(sa.select(Sampling))
    assert [i.item for i in sampling.failed_items] == ["苯甲酸"]
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "sampling"))
    assert "苯甲酸" in entry.after["failed_items"][0]
    duplicate = client.post(url, data=sampling_form()).get_data(as_text=True)
    assert "该检验报告编号已登记过" in duplicate


def test_editing_and_deleting_a_record_keep_before_and_after(client):
    regulator(client)
    workshop = make_workshop()
    base = f"/admin/workshops/{workshop.id}/inspections"
    day = (local_today() - timedelta(days=2)).isoformat()
    form = {
        "inspected_on": day,
        "kind": "routine",
        "result": "compliant",
        "rectification_status": "not_required",
    }
    assert client.post(f"{base}/new", data=form).status_code == 302
    inspection = workshop.inspections[0]
    bad = client.post(f"{base}/{inspection.id}/edit", data={**form, "result": "rectify"}).get_data(
        as_text=True
    )
    assert "检查结果要求整改" in bad
    fixed = {
        **form,
        "result": "rectify",
        "rectification_status": "pending",
        "rectification_deadline": local_today().isoformat(),
    }
    assert client.post(f"{base}/{inspection.id}/edit", data=fixed).status_code == 302
    assert client.post(f"{base}/{inspection.id}/delete").status_code == 302
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.entity_type == "inspection").order_by(AuditEntry.id)
    ).all()
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert entries[1].before["result"] == "compliant" and entries[1].after["result"] == "rectify"
    assert entries[2].before["result"] == "rectify" and entries[2].after is None


def test_a_record_of_another_workshop_is_not_found_through_this_one(client):
    regulator(client)
    mine, other = make_workshop(), make_workshop()
    reg = other.registrations[0]
    assert client.get(f"/admin/workshops/{mine.id}/registrations/{reg.id}/edit").status_code == 404


def test_every_part_of_the_file_has_a_working_form(client):
    regulator(client)
    workshop = make_workshop()
    for kind in (
        "registrations",
        "health-certificates",
        "suppliers",
        "inspections",
        "samplings",
        "penalties",
        "interviews",
        "honours",
    ):
        page = client.get(f"/admin/workshops/{workshop.id}/{kind}/new")
        assert page.status_code == 200, kind
        empty = client.post(f"/admin/workshops/{workshop.id}/{kind}/new", data={})
        assert empty.status_code == 200 and "请填写" in empty.get_data(as_text=True), kind
    assert client.get(f"/admin/workshops/{workshop.id}/board").status_code == 200
    board = {
        "management_rules": "进货查验制度",
        "commitment_text": "诚信经营",
        "commitment_signed_on": "2024-01-01",
    }
    assert client.post(f"/admin/workshops/{workshop.id}/board", data=board).status_code == 302
    db.session.expire_all()
    assert db.session.get(Workshop, workshop.id).board.commitment_text == "诚信经营"
    penalty = {
        "decision_number": "峡市监罚〔2026〕9号",
        "decided_on": "2026-01-10",
        "violation": "未公示",
        "legal_basis": "《条例》第十条",
        "penalty": "警告",
        "fine_amount": "0",
        "confiscated_amount": "0",
        "authority": "峡江县市场监督管理局",
        "publicity_ends_on": "2025-12-31",
    }
    page = client.post(f"/admin/workshops/{workshop.id}/penalties/new", data=penalty)
    assert "公示截止日期不能早于处罚决定日期" in page.get_data(as_text=True)


def test_workshop_forms_need_the_csrf_token(app, client):
    regulator(client)
    workshop = make_workshop()
    app.config["WTF_CSRF_ENABLED"] = True
    for path in (
        "/admin/workshops/new",
        f"/admin/workshops/{workshop.id}/edit",
        f"/admin/workshops/{workshop.id}/close",
        f"/admin/workshops/{workshop.id}/board",
        f"/admin/workshops/{workshop.id}/inspections/new",
    ):
        assert client.post(path, data=workshop_form()).status_code == 400, path
