"""The staff menu: each role sees what it may open, the report queue with its overdue count."""

import re
from datetime import timedelta

import pytest
from factories import make_report, make_staff, sign_in

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Role

R = Role
EVERYONE = {"/admin/", "/admin/account"}
# Draws and training sessions for those who keep or read workshop files; referrals also for
# moderators.
SUPERVISION = {"/admin/draws", "/admin/trainings", "/admin/referrals"}
MENU = {
    R.SUPERADMIN: EVERYONE | SUPERVISION | {"/admin/reports", "/admin/users", "/admin/audit"},
    R.REGULATOR: EVERYONE | SUPERVISION | {"/admin/workshops", "/admin/zones", "/admin/import"},
    R.EDITOR: EVERYONE | {"/admin/listings"},
    R.APPROVER: EVERYONE | {"/admin/listings"},
    R.MODERATOR: EVERYONE | {"/admin/reports", "/admin/referrals"},
    R.VIEWER: EVERYONE | SUPERVISION,
}


def menu(html):
    """The addresses of the staff menu's links."""
    nav = re.search(r'<nav class="staffnav".*?</nav>', html, re.S).group(0)
    return re.findall(r'href="([^"]+)"', nav), nav


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_the_menu_shows_each_role_what_it_may_open(app, role):
    client = app.test_client()
    sign_in(client, make_staff(role))
    links, _ = menu(client.get("/admin/").get_data(as_text=True))
    assert set(links) == MENU[role]
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_menu_counts_the_overdue_reports_of_the_moderators_county(app):
    late, _ = make_report()
    late.due_on = local_today() - timedelta(days=3)
    db.session.commit()
    client = app.test_client()
    sign_in(client, make_staff(Role.MODERATOR))
    _, nav = menu(client.get("/admin/account").get_data(as_text=True))
    assert "举报处理" in nav and "1 件超期" in nav
    elsewhere = app.test_client()
    sign_in(elsewhere, make_staff(Role.MODERATOR, "遂川县"))
    _, nav = menu(elsewhere.get("/admin/account").get_data(as_text=True))
    assert "举报处理" in nav and "超期" not in nav
