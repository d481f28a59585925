"""Concentrated processing zones (集中加工区): a regulator keeps those of their own district."""

from datetime import date

import sqlalchemy as sa
from factories import district, make_staff, make_workshop, sign_in
from test_admin_field_errors import error_beside

from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, ProcessingZone, Role


def zone_form(**changes):
    """A valid zone of 峡江县."""
    data = {
        "name": "峡江县米粉集中加工区",
        "district_id": district("峡江县").id,
        "address": "峡江县巴邱镇工业园 3 号",
        "established_on": "2021-06-01",
    }
    data.update(changes)
    return data


def zones():
    """Every zone, by name."""
    return {z.name: z for z in db.session.scalars(sa.select(ProcessingZone))}


def test_a_regulator_adds_and_edits_a_zone_and_it_is_audited(client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    assert client.post("/admin/zones/new", data=zone_form()).status_code == 302
    zone = zones()["峡江县米粉集中加工区"]
    assert zone.established_on == date(2021, 6, 1)
    make_workshop(zone_id=zone.id)
    page = client.get("/admin/zones").get_data(as_text=True)
    assert "峡江县米粉集中加工区" in page and "<td>1</td>" in page
    edit = f"/admin/zones/{zone.id}/edit"
    assert "巴邱镇工业园" in client.get(edit).get_data(as_text=True)
    assert client.post(edit, data=zone_form(address="峡江县水边镇 1 号")).status_code == 302
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.entity_type == "zone").order_by(AuditEntry.id)
    ).all()
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].before["address"] == "峡江县巴邱镇工业园 3 号"
    assert entries[1].after["address"] == "峡江县水边镇 1 号"
    # The workshop form offers the zone.
    page = client.get("/admin/workshops/new").get_data(as_text=True)
    assert "峡江县米粉集中加工区" in page


def test_bad_zone_input_is_shown_beside_the_field_and_nothing_is_saved(client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    client.post("/admin/zones/new", data=zone_form())
    page = client.post("/admin/zones/new", data=zone_form()).get_data(as_text=True)
    assert error_beside(page, "name") == ["已有同名的集中加工区"]
    page = client.post(
        "/admin/zones/new", data=zone_form(name="另一个加工区", established_on="2021-13-40")
    ).get_data(as_text=True)
    assert error_beside(page, "established_on")
    assert list(zones()) == ["峡江县米粉集中加工区"]


def test_zones_are_scoped_by_district(client):
    other = ProcessingZone(
        name="遂川县豆皮集中加工区",
        district_id=district("遂川县").id,
        established_on=date(2021, 3, 1),
    )
    db.session.add(other)
    db.session.commit()
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    assert "遂川县豆皮集中加工区" not in client.get("/admin/zones").get_data(as_text=True)
    assert client.get(f"/admin/zones/{other.id}/edit").status_code == 403
    response = client.post(f"/admin/zones/{other.id}/edit", data=zone_form(name="改名"))
    assert response.status_code == 403
    # Placing a new zone in another district is refused as well.
    page = client.post(
        "/admin/zones/new", data=zone_form(name="越权", district_id=district("遂川县").id)
    ).get_data(as_text=True)
    assert error_beside(page, "district_id") and "越权" not in zones()
    assert zones()["遂川县豆皮集中加工区"].name == "遂川县豆皮集中加工区"
