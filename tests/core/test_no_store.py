"""Pages with secrets or personal data are never kept by a browser or a proxy cache."""

import re

import pyotp
from factories import make_report, make_signed_in_staff, make_staff, report_form, sign_in

from workshop_credit.models import Role


def no_store(response) -> bool:
    """Whether the response forbids every cache to keep it."""
    return "no-store" in response.headers.get("Cache-Control", "")


def test_every_admin_page_is_no_store_even_the_sign_in_page(app):
    make_report()
    assert no_store(app.test_client().get("/admin/login"))
    _, client = make_signed_in_staff(app, "boss", Role.SUPERADMIN)
    for path in ("/admin/", "/admin/users", "/admin/audit", "/admin/account", "/admin/reports"):
        response = client.get(path)
        assert response.status_code == 200 and no_store(response), path


def test_enrolment_and_recovery_code_pages_are_no_store(app, client):
    user = make_staff(Role.APPROVER, enrolled=False)
    sign_in(client, user)
    enrol = client.get("/admin/account/totp")
    assert no_store(enrol)
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', enrol.get_data(True)).group(1)
    codes = client.post("/admin/account/totp", data={"code": pyotp.TOTP(secret).now()})
    assert "<code>" in codes.get_data(True) and no_store(codes)
    again = client.post("/admin/account/recovery-codes")
    assert "<code>" in again.get_data(True) and no_store(again)


def test_user_created_and_password_pages_are_no_store(app):
    _, client = make_signed_in_staff(app, "boss", Role.SUPERADMIN)
    created = client.post(
        "/admin/users/new", data={"username": "xj-li", "display_name": "李明", "role": "viewer"}
    )
    assert 'class="secret"' in created.get_data(True) and no_store(created)
    assert no_store(client.get("/admin/account/password"))


def test_a_public_page_that_reads_a_staff_session_is_no_store(app, client):
    assert not no_store(client.get("/workshops"))  # nobody signed in: caches may keep it
    _, staff = make_signed_in_staff(app, "viewer1", Role.VIEWER)
    assert no_store(staff.get("/workshops"))


def test_the_tip_off_pages_are_no_store_even_re_shown_with_a_name_and_phone(client):
    named = report_form(
        description="短", identity="named", reporter_name="李秀英", reporter_phone="13800138000"
    )
    again = client.post("/report", data=named)
    assert again.status_code == 200 and "13800138000" in again.get_data(as_text=True)
    assert no_store(again)
    for path in ("/report", "/report/status"):
        assert no_store(client.get(path)), path
