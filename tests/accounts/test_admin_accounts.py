"""Staff accounts: password rule, throttling, second factor, timeouts, deactivation."""

import re
import time

import pyotp
import sqlalchemy as sa
from factories import STAFF_PASSWORD, make_staff, sign_in

from workshop_credit.accounts import operations as accounts
from workshop_credit.accounts.passwords import password_problem
from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, RecordInvalid, Role, User


def login(client, username, password):
    """Post the login form."""
    return client.post("/admin/login", data={"username": username, "password": password})


def test_short_and_common_passwords_are_refused_in_chinese():
    assert "至少需要 10 个字符" in password_problem("Ab1-x")
    assert "过于常见" in password_problem("password123")
    assert "过于常见" in password_problem("1234567890")
    assert "用户名" in password_problem("zhangwei-2024-river", username="zhangwei")
    assert password_problem(STAFF_PASSWORD) is None


def test_change_password_checks_the_old_one_and_the_rule(client):
    user = make_staff(Role.REGULATOR, "峡江县")
    sign_in(client, user)
    page = client.post(
        "/admin/account/password",
        data={"current": "wrong-old-password", "new": "qwertyuiop", "repeat": "qwertyuiop"},
    ).get_data(as_text=True)
    assert "当前密码不正确" in page and "过于常见" in page
    new = "Xiajiang-noodles-by-the-river"
    response = client.post(
        "/admin/account/password", data={"current": STAFF_PASSWORD, "new": new, "repeat": new}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200  # this session continues
    assert accounts.check_credentials(user.username, new) is not None
    assert accounts.check_credentials(user.username, STAFF_PASSWORD) is None


def test_changing_the_password_ends_the_other_sessions(app):
    user = make_staff(Role.REGULATOR)
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, user)
    sign_in(phone, user)
    new = "Xiajiang-noodles-by-the-river"
    laptop.post(
        "/admin/account/password", data={"current": STAFF_PASSWORD, "new": new, "repeat": new}
    )
    assert laptop.get("/admin/").status_code == 200
    assert phone.get("/admin/").status_code == 302


def test_login_is_throttled_per_account_with_a_chinese_message(client, app):
    user = make_staff(Role.REGULATOR)
    for _ in range(5):
        assert login(client, user.username, "wrong-password-x").status_code == 200
    refused = login(client, user.username, STAFF_PASSWORD)
    assert refused.status_code == 429
    assert "登录尝试次数过多" in refused.get_data(as_text=True)
    # The pause holds that address only: from another one the account still signs in, so
    # whoever typed the wrong passwords cannot lock its owner out (test_login_throttle.py).
    other = app.test_client()
    response = other.post(
        "/admin/login",
        data={"username": user.username, "password": STAFF_PASSWORD},
        environ_base={"REMOTE_ADDR": "198.51.100.7"},
    )
    assert response.status_code == 302


def test_unknown_accounts_are_throttled_the_same_way(client):
    for _ in range(5):
        login(client, "nobody-here", "wrong-password-x")
    assert login(client, "nobody-here", "wrong-password-x").status_code == 429


def test_login_is_throttled_per_address(app):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    client = app.test_client()
    for name in ("a1", "a2", "a3"):
        login(client, name, "wrong-password-x")
    assert login(client, "a4", "wrong-password-x").status_code == 429


def test_successful_logins_do_not_count_towards_the_limit(app):
    user = make_staff(Role.VIEWER)
    for _ in range(7):
        client = app.test_client()
        assert login(client, user.username, STAFF_PASSWORD).status_code == 302


def test_approver_without_authenticator_must_enrol_first(client):
    user = make_staff(Role.APPROVER, enrolled=False)
    assert login(client, user.username, STAFF_PASSWORD).status_code == 302
    response = client.get("/admin/")
    assert response.headers["Location"].endswith("/admin/account/totp")
    page = client.get("/admin/account/totp").get_data(as_text=True)
    assert 'src="data:image/svg+xml;base64,' in page
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    wrong = client.post("/admin/account/totp", data={"code": "000000"}).get_data(as_text=True)
    assert "验证码不正确" in wrong
    done = client.post("/admin/account/totp", data={"code": pyotp.TOTP(secret).now()})
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", done.get_data(as_text=True))
    assert len(codes) == 10
    db.session.refresh(user)
    assert user.totp_secret == secret
    assert all(
        code.replace("-", "") not in c.code_hash for code in codes for c in user.recovery_codes
    )
    assert client.get("/admin/").status_code == 200


def test_second_factor_is_asked_after_the_password(client):
    user = make_staff(Role.MODERATOR)
    response = login(client, user.username, STAFF_PASSWORD)
    assert response.headers["Location"].endswith("/admin/login/verify")
    assert client.get("/admin/").status_code == 302  # not signed in yet
    bad = client.post("/admin/login/verify", data={"code": "123456"})
    assert "验证码不正确" in bad.get_data(as_text=True)
    code = pyotp.TOTP(user.totp_secret).now()
    assert client.post("/admin/login/verify", data={"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200
    # The same code cannot be replayed for a second sign-in.
    other = client.application.test_client()
    login(other, user.username, STAFF_PASSWORD)
    assert other.post("/admin/login/verify", data={"code": code}).status_code == 200


def test_a_recovery_code_works_once(app, client):
    user = make_staff(Role.APPROVER, enrolled=False)
    from workshop_credit.accounts import second_factor

    secret = second_factor.new_secret()
    codes = second_factor.confirm_enrolment(user, secret, pyotp.TOTP(secret).now())
    login(client, user.username, STAFF_PASSWORD)
    assert client.post("/admin/login/verify", data={"code": codes[0].upper()}).status_code == 302
    again = app.test_client()
    login(again, user.username, STAFF_PASSWORD)
    assert again.post("/admin/login/verify", data={"code": codes[0]}).status_code == 200


def test_idle_and_absolute_timeouts_end_the_session(app, client):
    user = make_staff(Role.VIEWER)
    sign_in(client, user)
    with client.session_transaction() as session:
        session["seen_at"] = time.time() - 31 * 60
    response = client.get("/admin/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/login")
    assert "登录已超时" in client.get("/admin/login").get_data(as_text=True)
    sign_in(client, user)
    with client.session_transaction() as session:
        session["signed_in_at"] = time.time() - 11 * 3600
    assert client.get("/admin/").status_code == 302


def test_session_cookie_is_httponly_and_samesite(client):
    user = make_staff(Role.VIEWER)
    response = sign_in(client, user)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_superadmin_creates_and_deactivates_an_account(app, client):
    admin = make_staff(Role.SUPERADMIN)
    sign_in(client, admin)
    xiajiang = db.session.scalar(sa.text("SELECT id FROM districts WHERE name = '峡江县'"))
    page = client.post(
        "/admin/users/new",
        data={
            "username": "xj-li",
            "display_name": "李明",
            "role": "regulator",
            "district": xiajiang,
        },
    ).get_data(as_text=True)
    password = re.search(r'<code class="secret">([^<]+)</code>', page).group(1)
    created = db.session.scalar(sa.select(User).where(User.username == "xj-li"))
    assert created.district.name == "峡江县" and created.role == Role.REGULATOR
    staff = app.test_client()
    sign_in(staff, created, password)
    new = "Xiajiang-noodles-by-the-river"  # a generated password is replaced first
    staff.post("/admin/account/password", data={"current": password, "new": new, "repeat": new})
    assert staff.get("/admin/").status_code == 200
    assert client.post(f"/admin/users/{created.id}/deactivate").status_code == 302
    assert staff.get("/admin/").status_code == 302  # the open session ended at once
    assert login(app.test_client(), "xj-li", new).status_code == 200
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "deactivate"))
    assert entry.actor_id == admin.id and entry.after == {"is_active": False}


def test_bad_new_account_input_is_refused_in_chinese(client):
    sign_in(client, make_staff(Role.SUPERADMIN))
    page = client.post(
        "/admin/users/new", data={"username": "有空格 的名字", "display_name": "", "role": "king"}
    ).get_data(as_text=True)
    assert "用户名为 2 至 50 位" in page and "请输入姓名" in page and "选择无效" in page
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1


def test_superadmin_cannot_deactivate_itself(client):
    admin = make_staff(Role.SUPERADMIN)
    sign_in(client, admin)
    client.post(f"/admin/users/{admin.id}/deactivate")
    assert "不能停用自己" in client.get("/admin/users").get_data(as_text=True)
    assert db.session.get(User, admin.id).is_active


def test_deactivate_user_command(runner):
    user = make_staff(Role.EDITOR, username="bianji")
    result = runner.invoke(args=["deactivate-user", "bianji"])
    assert result.exit_code == 0 and "已停用" in result.output
    db.session.refresh(user)
    assert not user.is_active
    missing = runner.invoke(args=["deactivate-user", "nobody"])
    assert missing.exit_code != 0 and "没有用户名为" in missing.output


def test_create_user_refuses_a_weak_given_password(app):
    try:
        accounts.create_user("weak", Role.VIEWER, password="12345678901")
    except RecordInvalid as error:
        assert "过于常见" in str(error)
    else:
        raise AssertionError("a weak password was accepted")


def test_account_forms_need_the_csrf_token(app):
    user = make_staff(Role.SUPERADMIN)
    client = app.test_client()
    sign_in(client, user)
    app.config["WTF_CSRF_ENABLED"] = True
    for path, data in [
        (
            "/admin/account/password",
            {"current": STAFF_PASSWORD, "new": "x" * 12, "repeat": "x" * 12},
        ),
        ("/admin/users/new", {"username": "abc", "display_name": "甲", "role": "viewer"}),
        (f"/admin/users/{user.id}/deactivate", {}),
        ("/admin/login/verify", {"code": "123456"}),
    ]:
        assert client.post(path, data=data).status_code == 400, path
