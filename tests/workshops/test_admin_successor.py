"""Staff link a closed workshop to its new file: the QR pages follow, bad input is explained."""

import sqlalchemy as sa
from factories import make_staff, make_workshop, sign_in

from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, Role, Workshop, WorkshopStatus

CANCELLED = WorkshopStatus.CANCELLED


def regulator(client, district_name="峡江县"):
    """Sign in a regulator of ``district_name`` (None: city-wide)."""
    user = make_staff(Role.REGULATOR, district_name)
    sign_in(client, user)
    return user


def link(client, old, code):
    """Submit the successor form of ``old`` with ``code``; the page shown after it."""
    url = f"/admin/workshops/{old.id}/successor"
    return client.post(url, data={"successor_code": code}, follow_redirects=True)


def successor_of(workshop):
    """The successor as stored now, read afresh."""
    db.session.expire_all()
    return db.session.get(Workshop, workshop.id).successor


def test_staff_link_a_cancelled_file_to_its_new_one_and_both_pages_show_it(client):
    user = regulator(client)
    old, new = make_workshop("老作坊", status=CANCELLED), make_workshop("加工区新作坊")
    page = link(client, old, new.public_code.lower()).get_data(as_text=True)
    assert "已保存" in page and successor_of(old).id == new.id
    old_page = client.get(f"/w/{old.public_code}").get_data(as_text=True)
    assert "请看新档案" in old_page and f"/w/{new.public_code}" in old_page
    new_page = client.get(f"/w/{new.public_code}").get_data(as_text=True)
    assert "原档案" in new_page and f"/w/{old.public_code}" in new_page
    entry = db.session.scalar(sa.select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert (entry.actor_id, entry.entity_id) == (user.id, str(old.id))
    assert entry.after == {"successor": new.public_code}


def test_a_pasted_qr_address_is_read_as_its_code(client):
    regulator(client)
    old, new = make_workshop(status=CANCELLED), make_workshop()
    link(client, old, f"https://example.org/w/{new.public_code}?board=20260105")
    assert successor_of(old).id == new.id


def test_an_empty_code_removes_the_link(client):
    regulator(client)
    new = make_workshop()
    old = make_workshop(status=CANCELLED, successor=new)
    assert "已取消关联" in link(client, old, "").get_data(as_text=True)
    assert successor_of(old) is None
    assert "请看新档案" not in client.get(f"/w/{old.public_code}").get_data(as_text=True)


def refused(client, old, code, message):
    """The form comes back with ``message``, and nothing changed."""
    before = successor_of(old)
    response = link(client, old, code)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page, page
    assert successor_of(old) == before


def test_bad_codes_are_explained_and_change_nothing(client):
    regulator(client)
    old = make_workshop(status=CANCELLED)
    refused(client, old, "ABC", "公示码是 8 位字母和数字")
    refused(client, old, "<script>", "公示码是 8 位字母和数字")
    refused(client, old, "ZZZZZZZZ", "没有公示码为 ZZZZZZZZ 的作坊档案")
    refused(client, old, old.public_code, "不能把作坊自己设为它的新档案")


def test_a_cycle_is_refused(client):
    regulator(client)
    first = make_workshop("第一份档案", status=CANCELLED)
    second = make_workshop("第二份档案", status=CANCELLED, successor=first)
    third = make_workshop("第三份档案", status=CANCELLED, successor=second)
    refused(client, first, third.public_code, "两份档案不能互相指向")
    refused(client, first, second.public_code, "两份档案不能互相指向")


def test_a_workshop_still_registered_cannot_point_elsewhere(client):
    regulator(client)
    valid, other = make_workshop(), make_workshop()
    refused(client, valid, other.public_code, "本作坊的登记仍然有效")


def test_a_county_regulator_cannot_link_to_another_countys_file(client):
    regulator(client, "峡江县")
    old = make_workshop(status=CANCELLED)
    elsewhere = make_workshop("新干县新作坊", district_name="新干县")
    refused(client, old, elsewhere.public_code, "属于新干县，不在您负责的县区内")
    other_county = make_workshop(district_name="新干县", status=CANCELLED)
    assert link(client, other_county, old.public_code).status_code == 403


def test_a_city_wide_regulator_links_across_counties(client):
    regulator(client, None)
    old = make_workshop(status=CANCELLED)
    elsewhere = make_workshop(district_name="井冈山经开区")
    link(client, old, elsewhere.public_code)
    assert successor_of(old).id == elsewhere.id


def test_the_form_is_reached_from_the_workshop_page(client):
    regulator(client)
    old = make_workshop(status=CANCELLED)
    page = client.get(f"/admin/workshops/{old.id}").get_data(as_text=True)
    assert f"/admin/workshops/{old.id}/successor" in page
    form = client.get(f"/admin/workshops/{old.id}/successor").get_data(as_text=True)
    assert "新档案的公示码" in form
