"""Staff sign-in: generated passwords, one answer for any wrong pair, logout ends the session."""

import re

import sqlalchemy as sa

from workshop_credit.accounts import operations as accounts
from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, Role, User


def sign_in(client, username, password):
    """Post the login form."""
    return client.post("/admin/login", data={"username": username, "password": password})


def test_admin_pages_need_a_signed_in_account(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/login")


def test_every_admin_route_declares_who_may_use_it(app):
    from workshop_credit.admin.views import ACCESS

    endpoints = {
        rule.endpoint for rule in app.url_map.iter_rules() if rule.rule.startswith("/admin")
    }
    assert endpoints and endpoints <= set(ACCESS)


def test_sign_in_and_see_the_workbench(client, app):
    _, password = accounts.create_user("zhang", Role.REGULATOR)
    response = sign_in(client, "zhang", password)
    assert response.status_code == 302
    # A generated password is replaced first (tests/accounts/test_four_eyes_accounts.py).
    new = "Ganjiang-ferry-at-dawn-47"
    client.post("/admin/account/password", data={"current": password, "new": new, "repeat": new})
    page = client.get("/admin/").get_data(as_text=True)
    assert "工作台" in page and "市场监管人员" in page


def test_wrong_user_and_wrong_password_get_the_same_answer(client):
    accounts.create_user("zhang", Role.REGULATOR, password="a-long-correct-password")
    wrong_password = sign_in(client, "zhang", "nope-nope-nope").get_data(as_text=True)
    wrong_user = sign_in(client, "nobody", "nope-nope-nope").get_data(as_text=True)
    assert "用户名或密码错误" in wrong_password
    strip = re.compile(r'name="csrf_token"[^>]*>|value="[^"]*"')
    assert strip.sub("", wrong_password) == strip.sub("", wrong_user)


def test_deactivated_account_cannot_sign_in(client):
    user, password = accounts.create_user("li", Role.EDITOR)
    user.is_active = False
    db.session.commit()
    assert "用户名或密码错误" in sign_in(client, "li", password).get_data(as_text=True)


def test_a_copied_session_cookie_is_refused_after_logout(client, app):
    _, password = accounts.create_user("wang", Role.VIEWER)
    sign_in(client, "wang", password)
    cookie = client.get_cookie("session").value
    assert client.post("/admin/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    assert thief.get("/admin/").status_code == 302


def test_generated_passwords_are_random_and_stored_hashed(app):
    first, password_one = accounts.create_user("a1", Role.VIEWER)
    _, password_two = accounts.create_user("a2", Role.VIEWER)
    assert password_one != password_two and len(password_one) >= 16
    assert password_one not in first.password_hash
    assert first.password_hash.startswith("scrypt:")


def test_create_admin_prints_a_password_once_and_only_when_asked(runner):
    result = runner.invoke(args=["create-admin", "--if-none"])
    assert result.exit_code == 0
    password = re.search(r"：(\S+)$", result.output.strip()).group(1)
    assert accounts.authenticate("admin", password) is not None
    again = runner.invoke(args=["create-admin", "--if-none"])
    assert again.exit_code == 0 and password not in again.output
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
    assert (
        db.session.scalar(
            sa.select(sa.func.count(AuditEntry.id)).where(
                AuditEntry.entity_type == "user", AuditEntry.action == "create"
            )
        )
        == 1
    )


def test_create_user_with_a_district_scope_and_bad_input(runner):
    ok = runner.invoke(
        args=["create-user", "suichuan", "--role", "regulator", "--district", "360827"]
    )
    assert ok.exit_code == 0, ok.output
    user = db.session.scalar(sa.select(User).where(User.username == "suichuan"))
    assert user.district.name == "遂川县"
    bad = runner.invoke(args=["create-user", "x", "--role", "regulator", "--district", "火星"])
    assert bad.exit_code != 0 and "没有名为" in bad.output
    dup = runner.invoke(args=["create-user", "suichuan", "--role", "viewer"])
    assert dup.exit_code != 0 and "已被使用" in dup.output


def test_login_form_is_protected_by_csrf_in_the_real_configuration(app):
    app.config["WTF_CSRF_ENABLED"] = True
    accounts.create_user("zhao", Role.VIEWER, password="a-long-correct-password")
    response = sign_in(app.test_client(), "zhao", "a-long-correct-password")
    assert response.status_code == 400
