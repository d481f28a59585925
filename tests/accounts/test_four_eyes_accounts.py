"""No superadmin reaches reporters' identities alone: four eyes on moderators, changed
initial passwords, and every look at an identity shown to the account's owner."""

import re
import time

import pyotp
import sqlalchemy as sa
from factories import STAFF_PASSWORD, make_report, make_staff, sign_in

from workshop_credit.accounts import operations as accounts
from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, Role

NEW_PASSWORD = "Xiajiang-noodles-by-the-river"


def login(client, username, password):
    """Post the login form."""
    return client.post("/admin/login", data={"username": username, "password": password})


def secret_on(response):
    """The one-time secret a page shows."""
    return re.search(r'<code class="secret">([^<]+)</code>', response.get_data(True)).group(1)


def audit_actions(user_id):
    """The audit log's actions about an account, in order."""
    query = sa.select(AuditEntry).where(
        AuditEntry.entity_type == "user", AuditEntry.entity_id == str(user_id)
    )
    return [(e.action, e.actor_id) for e in db.session.scalars(query.order_by(AuditEntry.id))]


def test_an_initial_password_must_be_changed_before_any_other_page(app):
    _, password = accounts.create_user("xj-wang", Role.REGULATOR)
    client = app.test_client()
    assert login(client, "xj-wang", password).status_code == 302
    for path in ("/admin/", "/admin/workshops", "/admin/account"):
        response = client.get(path)
        assert response.headers["Location"].endswith("/admin/account/password"), path
    client.post(
        "/admin/account/password",
        data={"current": password, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD},
    )
    assert client.get("/admin/workshops").status_code == 200


def test_one_superadmin_cannot_create_a_moderator_alone(app):
    first, second = make_staff(Role.SUPERADMIN), make_staff(Role.SUPERADMIN)
    one = app.test_client()
    sign_in(one, first)
    created = one.post(
        "/admin/users/new",
        data={"username": "mod-li", "display_name": "李审核", "role": "moderator"},
    )
    half = secret_on(created)
    assert "另一名系统管理员" in created.get_data(True) and len(half) == 10
    moderator = accounts.find_user("mod-li")
    assert not moderator.is_active
    # With the half they saw, or by reactivating the account, the requester gets nowhere.
    assert "用户名或密码错误" in login(app.test_client(), "mod-li", half).get_data(True)
    one.post(f"/admin/users/{moderator.id}/activate")
    other, page = signed_in_with_list(app, second)
    request_id = re.search(r"/admin/users/requests/(\d+)/confirm", page)
    one.post(f"/admin/users/requests/{request_id.group(1)}/confirm")
    db.session.refresh(moderator)
    assert not moderator.is_active
    # The second superadmin confirms and sees the other half; both halves sign in.
    confirmed = other.post(f"/admin/users/requests/{request_id.group(1)}/confirm")
    other_half = secret_on(confirmed)
    db.session.refresh(moderator)
    assert moderator.is_active and other_half != half
    staff = app.test_client()
    assert login(staff, "mod-li", half + other_half).status_code == 302
    assert staff.get("/admin/reports").headers["Location"].endswith("/admin/account/password")
    actions = audit_actions(moderator.id)
    assert ("request_create", first.id) in actions and ("confirm_create", second.id) in actions


def signed_in_with_list(app, superadmin):
    """A client of another superadmin, and the account list as it sees it."""
    client = app.test_client()
    sign_in(client, superadmin)
    return client, client.get("/admin/users").get_data(True)


def test_resetting_a_moderators_second_factor_needs_a_second_superadmin(app):
    first, second = make_staff(Role.SUPERADMIN), make_staff(Role.SUPERADMIN)
    moderator = make_staff(Role.MODERATOR)
    one = app.test_client()
    sign_in(one, first)
    one.post(f"/admin/users/{moderator.id}/reset-totp")
    db.session.refresh(moderator)
    assert moderator.totp_secret  # nothing happened yet
    other, page = signed_in_with_list(app, second)
    request_id = re.search(r"/admin/users/requests/(\d+)/confirm", page).group(1)
    one.post(f"/admin/users/requests/{request_id}/confirm")  # not by the one who asked
    db.session.refresh(moderator)
    assert moderator.totp_secret
    other.post(f"/admin/users/requests/{request_id}/confirm")
    db.session.refresh(moderator)
    assert moderator.totp_secret is None
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "reset_totp"))
    assert entry.actor_id == second.id and entry.after == {"requested_by": first.username}


def test_a_regulators_second_factor_is_still_reset_at_once(app):
    admin = make_staff(Role.SUPERADMIN)
    approver = make_staff(Role.APPROVER)
    client = app.test_client()
    sign_in(client, admin)
    client.post(f"/admin/users/{approver.id}/reset-totp")
    db.session.refresh(approver)
    assert approver.totp_secret is None


def test_each_look_at_an_identity_is_shown_at_the_next_sign_in(app):
    report = make_report(reporter_name="李秀英", reporter_phone="13800138000")[0]
    moderator = make_staff(Role.MODERATOR)
    someone = app.test_client()  # whoever got hold of the account
    sign_in(someone, moderator)
    assert "李秀英" in someone.post(f"/admin/reports/{report.id}/identity").get_data(True)
    owner = app.test_client()
    login(owner, moderator.username, STAFF_PASSWORD)
    totp = pyotp.TOTP(moderator.totp_secret)
    next_code = totp.at(time.time() + 30)  # the current code was used once already
    assert owner.post("/admin/login/verify", data={"code": next_code}).status_code == 302
    page = owner.get("/admin/").get_data(True)
    assert "查看了 1 次举报人身份" in page and f"举报 #{report.id}" in page
    db.session.refresh(moderator)
    assert accounts.identity_views_since_last_login(moderator) == []  # shown once
