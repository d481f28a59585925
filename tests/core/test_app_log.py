"""The application's log: one JSON object per line, naming the request, the node and the
staff member, and holding no address, typed secret or reporter's data."""

import json

from factories import STAFF_PASSWORD, make_staff, report_form, sign_in
from flask import current_app
from flask_login import current_user

from workshop_credit.core import app_log
from workshop_credit.core.logging_setup import access_log_key, address_code
from workshop_credit.models import Role

NGINX_ID = "4f1c0d2b8e6a4e1d9c3b7a5f2e8d6c4b"
REPORTER = "203.0.113.77"


def json_lines(text):
    """Every line written, each of which must be a JSON object."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def json_app(app_factory, **settings):
    """An app logging JSON behind one trusted proxy, as in production."""
    return app_factory(LOG_FORMAT="json", TRUSTED_PROXY_COUNT=1, NODE_NAME="node-7", **settings)


def from_proxy(address=REPORTER, request_id=NGINX_ID):
    """The headers nginx sets."""
    return {"X-Forwarded-For": address, "X-Request-Id": request_id}


def test_a_failed_sign_in_is_logged_with_its_request_and_nothing_typed(app_factory, capsys):
    app = json_app(app_factory)
    with app.app_context():
        user = make_staff(Role.VIEWER, username="wangfang")
        user_id = user.id
        key = access_log_key({"SECRET_KEY": current_app.secret_key})
    client = app.test_client()
    capsys.readouterr()
    client.post("/admin/login", data={"username": "wangfang", "password": "Typed-secret-91"},
                headers=from_proxy())  # fmt: skip
    client.post("/admin/login", data={"username": "Typed-secret-92", "password": "x"},
                headers=from_proxy(request_id="-bad id-"))  # fmt: skip
    err = capsys.readouterr().err
    assert "Typed-secret" not in err and "wangfang" not in err and REPORTER not in err
    known, unknown = [line for line in json_lines(err) if line.get("event") == "sign_in_failed"]
    assert known["request_id"] == NGINX_ID and known["node"] == "node-7"
    assert known["account_id"] == user_id and known["step"] == "password"
    assert known["client"] == address_code(key, REPORTER)  # as gunicorn's access log writes it
    assert unknown["account_id"] is None
    assert len(unknown["request_id"]) == 32 and unknown["request_id"] != NGINX_ID


def test_a_wrong_second_factor_is_logged_against_its_account(app_factory, capsys):
    app = json_app(app_factory)
    with app.app_context():
        user = make_staff(Role.VIEWER, enrolled=True)
        username, user_id = user.username, user.id
    client = app.test_client()
    client.post("/admin/login", data={"username": username, "password": STAFF_PASSWORD})
    capsys.readouterr()
    client.post("/admin/login/verify", data={"code": "000000"}, headers=from_proxy())
    (line,) = [x for x in json_lines(capsys.readouterr().err) if x.get("event")]
    assert line["event"] == "sign_in_failed" and line["step"] == "second_factor"
    assert line["account_id"] == user_id and "000000" not in json.dumps(line)


def test_a_refused_tip_off_is_logged_without_the_reporter(app_factory, capsys):
    app = json_app(app_factory, REPORT_RATE_LIMIT="1 per hour")
    with app.app_context():
        forms = [report_form(reporter_name="李秀英", reporter_phone="13907960001")
                 for _ in range(2)]  # fmt: skip
    client = app.test_client()
    capsys.readouterr()
    statuses = [client.post("/report", data=form, headers=from_proxy()).status_code
                for form in forms]  # fmt: skip
    assert statuses[-1] == 429
    err = capsys.readouterr().err
    (refused,) = [x for x in json_lines(err) if x.get("event") == "rate_limited"]
    assert refused["endpoint"] == "site.report" and refused["limit"].startswith("1 per")
    assert refused["request_id"] == NGINX_ID and refused["client"].startswith("ip-")
    for secret in ("李秀英", "13907960001", "村口", REPORTER):
        assert secret not in err


def test_a_signed_in_staff_members_lines_carry_their_id(app_factory, capsys):
    app = json_app(app_factory)

    def probe():  # as a staff page does: the admin's guard has loaded the signed-in user
        assert current_user.is_authenticated
        app_log.event("probe", level=20)
        return "ok"

    app.add_url_rule("/probe", "probe", probe)
    with app.app_context():
        user = make_staff(Role.SUPERADMIN)
        user_id = user.id
    client = app.test_client()
    sign_in(client, user)
    capsys.readouterr()
    client.get("/probe")
    (line,) = [x for x in json_lines(capsys.readouterr().err) if x.get("event") == "probe"]
    assert line["user_id"] == user_id and line["level"] == "info"


def test_a_client_cannot_choose_its_request_id_without_a_trusted_proxy(app_factory, capsys):
    app = app_factory(LOG_FORMAT="json")
    app.add_url_rule("/probe", "probe", lambda: app_log.event("probe") or "ok")
    capsys.readouterr()
    app.test_client().get("/probe", headers={"X-Request-Id": NGINX_ID})
    (line,) = json_lines(capsys.readouterr().err)
    assert line["request_id"] != NGINX_ID
