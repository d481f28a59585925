"""The receipt and the followed report are held server-side: a cookie carries neither."""

from datetime import timedelta

import sqlalchemy as sa
from factories import count_rows, make_report, report_form
from flask.sessions import SecureCookieSessionInterface
from test_report_filing import CODE
from test_report_status import open_report

from workshop_credit.extensions import db
from workshop_credit.models import Report, ReportEvent, ReportHandle, utcnow
from workshop_credit.reports import access as report_access


def session_cookie(client):
    """The raw value of the client's session cookie."""
    return client.get_cookie("session").value


def decoded(app, cookie) -> str:
    """Everything the session cookie says, as a reader of the cookie would see it."""
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    return repr(serializer.loads(cookie))


def expire_all_handles():
    """Move every receipt and follow handle past its lifetime."""
    db.session.execute(sa.update(ReportHandle).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()


def test_the_session_cookie_never_holds_the_receipt_code_or_key(client, app):
    client.post("/report", data=report_form())
    code, key = CODE.findall(client.get("/report/receipt").get_data(True))
    readable = decoded(app, session_cookie(client))
    assert code not in readable and key not in readable
    assert code.replace("-", "") not in readable and key.replace("-", "") not in readable


def test_the_receipt_survives_a_reload_for_a_few_minutes_then_is_gone(client):
    client.post("/report", data=report_form())
    first = CODE.findall(client.get("/report/receipt").get_data(True))
    again = CODE.findall(client.get("/report/receipt").get_data(True))
    assert first == again and len(first) == 2
    expire_all_handles()
    gone = client.get("/report/receipt", follow_redirects=True).get_data(True)
    assert CODE.findall(gone) == [] and "请使用举报编号和查询密钥" in gone


def test_replaying_an_old_receipt_cookie_shows_nothing(client, app):
    client.post("/report", data=report_form())
    old = session_cookie(client)
    code, key = CODE.findall(client.get("/report/receipt").get_data(True))
    expire_all_handles()
    stranger = app.test_client()
    stranger.set_cookie("session", old)
    page = stranger.get("/report/receipt", follow_redirects=True).get_data(True)
    assert code not in page and key not in page
    assert report_access.purge_expired() >= 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReportHandle)) == 0


def test_the_stored_receipt_does_not_hold_the_key_in_clear(client):
    client.post("/report", data=report_form())
    _, key = CODE.findall(client.get("/report/receipt").get_data(True))
    rows = db.session.execute(sa.select(ReportHandle.__table__)).all()
    assert rows and all(key not in repr(row) for row in rows)


def test_the_follow_cookie_holds_no_report_id_and_leaving_revokes_it(client, app):
    report, receipt = make_report()
    open_report(client, receipt.code, receipt.key)
    old = session_cookie(client)
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    following = serializer.loads(old)["following"]
    assert isinstance(following, str) and len(following) >= 40  # a random handle, not the id
    assert receipt.code in client.get("/report/status").get_data(True)
    client.post("/report/status/leave")
    replay = app.test_client()
    replay.set_cookie("session", old)
    assert receipt.code not in replay.get("/report/status").get_data(True)
    added = replay.post("/report/status/add", data={"text": "旧的 cookie 补充的内容"})
    assert added.status_code in (302, 303)
    db.session.expire_all()
    events = db.session.scalars(sa.select(ReportEvent).where(ReportEvent.report_id == report.id))
    assert all(e.reporter_addition != "旧的 cookie 补充的内容" for e in events)
    assert count_rows(Report) == 1
