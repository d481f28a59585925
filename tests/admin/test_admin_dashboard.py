"""The start page's worklists within the account's scope, and the audit trail's browser."""

import re
from datetime import date, timedelta

import sqlalchemy as sa
from factories import make_staff, make_workshop, sign_in

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import District, FailedItem, Inspection, Registration, Role, Sampling
from workshop_credit.stats import plan as plan_stats
from workshop_credit.workshops.worklists import WORKLISTS, counts


def add_failed_sampling(workshop, disposed=False):
    """A failed sampling of ``workshop``, disposed of or not."""
    day = local_today() - timedelta(days=20)
    db.session.add(
        Sampling(
            workshop=workshop,
            sampled_on=day,
            product="米粉",
            testing_body="吉安市检验检测中心",
            report_number=f"R-{workshop.id}-{disposed}",
            result="fail",
            disposal="召回销毁" if disposed else "",
            disposed_on=day if disposed else None,
            failed_items=[FailedItem(item="苯甲酸", measured_value="0.3", limit_value="不得使用")],
        )
    )
    db.session.commit()


def test_worklists_find_the_workshops_that_need_action(app):
    today = local_today()
    old = make_workshop(registered_on=today - timedelta(days=200))
    fresh = make_workshop(registered_on=today - timedelta(days=20))
    failed = make_workshop(registered_on=today - timedelta(days=200))
    add_failed_sampling(failed)
    settled = make_workshop(registered_on=today - timedelta(days=200))
    add_failed_sampling(settled, disposed=True)
    expiring = make_workshop(registered_on=today - timedelta(days=3 * 365 - 10))
    inspected = make_workshop()
    db.session.add(
        Inspection(workshop=inspected, inspected_on=today, kind="routine", result="compliant")
    )
    db.session.commit()

    def names(key):
        return {w.id for w in db.session.scalars(WORKLISTS[key].query(today))}

    assert old.id in names("never-sampled") and fresh.id not in names("never-sampled")
    assert failed.id not in names("never-sampled")
    assert names("failed-not-disposed") == {failed.id}
    assert names("expiring") == {expiring.id}
    expiring.registrations.append(
        Registration(
            number="RENEWED-1",
            issued_on=today,
            expires_on=today + timedelta(days=1095),
            issuing_office="峡江县市场监督管理局",
            status="valid",
        )
    )
    db.session.commit()
    assert names("expiring") == set()
    assert inspected.id not in names("not-inspected") and old.id in names("not-inspected")


def test_worklists_respect_the_district_scope(client):
    make_workshop(district_name="峡江县", registered_on=local_today() - timedelta(days=200))
    make_workshop(district_name="遂川县", registered_on=local_today() - timedelta(days=200))
    xiajiang = make_staff(Role.REGULATOR, "峡江县")
    assert counts(local_today(), xiajiang.district_id, db.session)["never-sampled"] == 1
    assert counts(local_today(), None, db.session)["never-sampled"] == 2
    sign_in(client, xiajiang)
    page = client.get("/admin/").get_data(as_text=True)
    assert "登记满三个月未抽检" in page
    listing = client.get("/admin/worklists/never-sampled").get_data(as_text=True)
    assert "峡江县" in listing and "遂川县测试" not in listing
    assert client.get("/admin/worklists/no-such-list").status_code == 404


def test_editors_see_no_worklists(client):
    sign_in(client, make_staff(Role.EDITOR))
    assert "待办事项" not in client.get("/admin/").get_data(as_text=True)


def test_superadmin_browses_and_filters_the_audit_trail(client, app):
    admin = make_staff(Role.SUPERADMIN, username="root-admin")
    regulator = make_staff(Role.REGULATOR, "峡江县", username="xj-reg")
    workshop = make_workshop()
    other = app.test_client()
    sign_in(other, regulator)
    other.post(f"/admin/workshops/{workshop.id}/suppliers/new", data={"name": "峡江粮油站"})
    sign_in(client, admin)
    page = client.get("/admin/audit?actor=xj-reg&entity_type=supplier").get_data(as_text=True)
    assert "峡江粮油站" in page and "supplier #" in page
    assert "login" not in page.split("<tbody>")[1]
    today = local_today().isoformat()
    assert "峡江粮油站" in client.get(f"/admin/audit?since={today}&until={today}").get_data(
        as_text=True
    )
    past = (date.today() - timedelta(days=400)).isoformat()
    empty = client.get(f"/admin/audit?until={past}").get_data(as_text=True)
    assert "没有符合条件的记录" in empty
    bad = client.get("/admin/audit?since=not-a-date")
    assert bad.status_code == 200 and "不是有效的日期值" in bad.get_data(as_text=True)
    # Nothing in the application edits or deletes entries: no route accepts such a change.
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/admin/audit")]
    assert all(r.methods <= {"GET", "HEAD", "OPTIONS"} for r in rules)
    assert db.session.scalar(sa.text("SELECT COUNT(*) FROM audit_entries")) > 0


def stats_cell(page, key, district_id):
    """The "met/counted" figure linked to the members of ``key`` in a district, if shown."""
    found = re.findall(
        rf'href="/stats/{key}\?year=\d+&amp;district={district_id}">(\d+/\d+)</a>', page
    )
    assert len(found) <= 1, found
    return found[0] if found else None


def test_the_dashboard_shows_the_stats_page_figures_for_the_regulators_district(client):
    today = local_today()
    inspected = make_workshop(district_name="峡江县")
    make_workshop(district_name="峡江县")
    for _ in range(3):
        make_workshop(district_name="遂川县")
    db.session.add(
        Inspection(workshop=inspected, inspected_on=today, kind="routine", result="compliant")
    )
    db.session.commit()
    xiajiang = db.session.scalar(sa.select(District.id).where(District.name == "峡江县"))
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    dashboard = client.get("/admin/").get_data(as_text=True)
    public = client.get("/stats").get_data(as_text=True)
    assert "三年提升目标（峡江县" in dashboard
    for share in plan_stats.SHARES:
        assert stats_cell(dashboard, share.key, xiajiang) == stats_cell(public, share.key, xiajiang)
    assert stats_cell(dashboard, "inspection", xiajiang) == "1/2"
    assert stats_cell(dashboard, "registration", xiajiang) == "2/2"
    # Only the district: the city's row (1/5) is not on this regulator's start page.
    assert "1/5" not in dashboard and "1/5" in public
    city_wide = client.application.test_client()
    sign_in(city_wide, make_staff(Role.VIEWER, username="city-viewer"))
    page = city_wide.get("/admin/").get_data(as_text=True)
    assert "三年提升目标（全市" in page
    assert re.search(r'href="/stats/inspection\?year=\d+">1/5</a>', page)
