"""Staff pages for rosters and draws: county scope, the seed shown once, bad input refused."""

import re
from datetime import timedelta

import sqlalchemy as sa
from draw_helpers import made, make_inspectors
from factories import district, error_beside, make_staff, make_workshop, sign_in

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    AuditEntry,
    Draw,
    Inspection,
    InspectionKind,
    Inspector,
    Role,
)


def officer_form(**changes):
    """A valid roster entry of 峡江县."""
    data = {
        "district_id": district("峡江县").id,
        "name": "张伟",
        "certificate_number": "赣执 36082300101",
        "user_id": 0,
        "is_active": "y",
    }
    data.update(changes)
    return data


def draw_form(**changes):
    """A valid draw of 峡江县: two workshops, two inspectors each."""
    data = {
        "district_id": district("峡江县").id,
        "subject": "2026 年第四季度食品小作坊双随机抽查",
        "workshop_count": 2,
        "inspectors_per_workshop": 2,
        "due_on": (local_today() + timedelta(days=30)).isoformat(),
    }
    data.update(changes)
    return data


def count(model):
    """How many rows ``model`` holds."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_regulator_keeps_the_roster_of_their_county(client):
    regulator = make_staff(Role.REGULATOR, "峡江县")
    sign_in(client, regulator)
    assert client.post("/admin/inspectors/new", data=officer_form()).status_code == 302
    officer = db.session.scalar(sa.select(Inspector))
    edit = f"/admin/inspectors/{officer.id}/edit"
    changed = officer_form(user_id=regulator.id, is_active="")
    assert client.post(edit, data=changed).status_code == 302
    db.session.refresh(officer)
    assert officer.user_id == regulator.id and not officer.is_active
    page = client.post("/admin/inspectors/new", data=officer_form(name="李四"))
    assert error_beside(page.get_data(as_text=True), "certificate_number") == [
        "该执法证号已在名录中"
    ]
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.entity_type == "inspector")
    ).all()
    assert actions == ["create", "update"]
    # Another county's officer is out of reach, and so is placing one there.
    make_inspectors("遂川县", n=1)
    other = db.session.scalar(sa.select(Inspector).where(Inspector.name == "李明"))
    assert client.get(f"/admin/inspectors/{other.id}/edit").status_code == 403
    assert "赣执 360827" not in client.get("/admin/inspectors").get_data(as_text=True)
    elsewhere = officer_form(district_id=district("遂川县").id, certificate_number="X1")
    client.post("/admin/inspectors/new", data=elsewhere)
    assert count(Inspector) == 2


def test_announcing_shows_the_seed_once_and_making_needs_it(client):
    for n in range(4):
        make_workshop(f"米粉坊{n}")
    make_inspectors(n=3)
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    response = client.post("/admin/draws/new", data=draw_form())
    assert "no-store" in response.headers["Cache-Control"]  # the seed is in this page alone
    shown = response.get_data(as_text=True)
    draw = db.session.scalar(sa.select(Draw))
    seed = re.search(r'<code class="secret">([0-9a-f]{64})</code>', shown).group(1)
    assert draw.seed is None and draw.seed_commitment in shown
    page = client.get(f"/admin/draws/{draw.id}").get_data(as_text=True)
    assert seed not in page and "核对种子并抽取" in page
    wrong = client.post(f"/admin/draws/{draw.id}/make", data={"seed": "ab" * 32})
    assert wrong.status_code == 400
    assert "承诺值" in error_beside(wrong.get_data(as_text=True), "seed")[0]
    db.session.expire_all()
    assert draw.state == "announced"
    done = client.post(f"/admin/draws/{draw.id}/make", data={"seed": seed})
    assert done.status_code == 302
    db.session.expire_all()
    assert draw.state == "made" and len(draw.picks) == 2
    page = client.get(f"/admin/draws/{draw.id}").get_data(as_text=True)
    assert all(p.name in page for p in draw.picks) and "录入检查结果" in page


def test_bad_draws_get_clear_messages_and_nothing_is_announced(client):
    make_workshop()
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    page = client.post("/admin/draws/new", data=draw_form()).get_data(as_text=True)
    assert "名录为空" in page
    make_inspectors(n=2)
    page = client.post("/admin/draws/new", data=draw_form()).get_data(as_text=True)
    assert "超过了抽查范围内登记有效的小作坊数 1" in error_beside(page, "workshop_count")[0]
    page = client.post("/admin/draws/new", data=draw_form(workshop_count=0)).get_data(as_text=True)
    assert error_beside(page, "workshop_count") == ["抽取户数应在 1 至 500 之间"]
    yesterday = (local_today() - timedelta(days=1)).isoformat()
    page = client.post("/admin/draws/new", data=draw_form(workshop_count=1, due_on=yesterday))
    assert error_beside(page.get_data(as_text=True), "due_on") == ["完成期限不能早于今天"]
    other = draw_form(workshop_count=1, district_id=district("遂川县").id)
    assert error_beside(
        client.post("/admin/draws/new", data=other).get_data(as_text=True), "district_id"
    )
    assert count(Draw) == 0


def test_inspections_entered_for_a_draw_link_to_it_and_show_progress(client):
    for n in range(3):
        make_workshop(f"米粉坊{n}")
    make_inspectors(n=2)
    draw = made()
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    pick = draw.picks[0]
    url = f"/admin/draws/{draw.id}/picks/{pick.id}/inspection"
    # The workshop's own page says it was drawn, and links to the entry.
    file_page = client.get(f"/admin/workshops/{pick.workshop_id}").get_data(as_text=True)
    assert f"第 {draw.id} 号双随机抽查</a>抽中" in file_page and url in file_page
    form = {"inspected_on": local_today().isoformat(), "result": "compliant",
            "rectification_status": "not_required", "findings": "现场整洁"}  # fmt: skip
    early = dict(form, inspected_on=(local_today() - timedelta(days=3)).isoformat())
    page = client.post(url, data=early).get_data(as_text=True)
    assert error_beside(page, "inspected_on") == ["检查日期不能早于抽取日期"]
    assert client.post(url, data=form).status_code == 302
    inspection = db.session.scalar(sa.select(Inspection))
    assert inspection.draw_id == draw.id and inspection.kind == InspectionKind.DOUBLE_RANDOM
    assert inspection.workshop_id == pick.workshop_id
    again = client.post(url, data=form, follow_redirects=True).get_data(as_text=True)
    assert "已录入检查结果" in again and count(Inspection) == 1
    file_page = client.get(f"/admin/workshops/{pick.workshop_id}").get_data(as_text=True)
    assert "号双随机抽查</a>抽中" not in file_page
    public = client.get(f"/inspections/draws/{draw.id}").get_data(as_text=True)
    assert "已检查 1 户，待检查 1 户" in public and "符合" in public
    # A workshop the draw did not pick cannot be entered through it.
    unpicked = next(c for c in draw.candidates if not c.pick_rank)
    response = client.get(f"/admin/draws/{draw.id}/picks/{unpicked.id}/inspection")
    assert response.status_code == 302 and count(Inspection) == 1


def test_draws_are_scoped_and_read_only_for_viewers(client):
    for n in range(2):
        make_workshop(f"遂川坊{n}", district_name="遂川县")
    make_inspectors("遂川县", n=2)
    draw = made("遂川县")
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    assert client.get(f"/admin/draws/{draw.id}").status_code == 403
    assert client.post(f"/admin/draws/{draw.id}/cancel", data={"reason": "x"}).status_code == 403
    assert "遂川县" not in client.get("/admin/draws").get_data(as_text=True)
    viewer = client.application.test_client()
    sign_in(viewer, make_staff(Role.VIEWER))
    assert viewer.get(f"/admin/draws/{draw.id}").status_code == 200
    assert viewer.get("/admin/draws/new").status_code == 403
    assert "双随机抽查" in viewer.get("/admin/").get_data(as_text=True)


def test_certificate_numbers_that_a_spreadsheet_or_the_draw_would_misread_are_refused(client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    for number in ("=HYPERLINK(1)", "-1", "赣执|1", "赣执;1", "@1"):
        page = client.post("/admin/inspectors/new", data=officer_form(certificate_number=number))
        assert (
            "执法证号只能由" in error_beside(page.get_data(as_text=True), "certificate_number")[0]
        )
    assert count(Inspector) == 0
    ok = officer_form(certificate_number="赣（吉）市监执 3608-23 001")
    assert client.post("/admin/inspectors/new", data=ok).status_code == 302
