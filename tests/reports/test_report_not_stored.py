"""When a tip-off cannot be stored, the reporter is told so, keeps the text, gets no receipt."""

import io

import pytest
from factories import count_rows, make_report, report_form
from sqlalchemy.exc import OperationalError
from test_report_filing import CODE
from test_report_status import open_report
from werkzeug.exceptions import ClientDisconnected

from workshop_credit.extensions import db
from workshop_credit.models import Report
from workshop_credit.reports import filing as reports

DESCRIPTION = "村口作坊夜里加工米粉，地面污水横流，工人不戴手套，已经持续了一个多月。"


def database_gone(*_args, **_kwargs):
    """What the driver raises when the server went away mid-request."""
    raise OperationalError("INSERT", {}, ConnectionResetError("server has gone away"))


def test_a_database_failure_while_filing_is_a_503_that_keeps_the_text(client, monkeypatch):
    monkeypatch.setattr(db.session, "commit", database_gone)
    response = client.post("/report", data=report_form(description=DESCRIPTION))
    page = response.get_data(True)
    assert response.status_code == 503
    assert "您的举报没有保存" in page and DESCRIPTION in page
    assert 'name="submission_token"' in page  # sending it again files it once
    assert CODE.findall(page) == []
    monkeypatch.undo()
    assert count_rows(Report) == 0
    assert client.get("/report/receipt").status_code == 302  # no receipt to show


def test_a_database_that_never_answers_is_a_503_in_english_too(app_factory, tmp_path):
    down = app_factory(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/db.sqlite3")
    data = {"description": DESCRIPTION, "submission_token": "x" * 40}
    response = down.test_client().post("/report?lang=en", data=data)
    assert response.status_code == 503
    page = response.get_data(True)
    assert "Your report was not stored" in page and DESCRIPTION in page


def test_a_follow_up_that_cannot_be_stored_says_so(client, monkeypatch):
    _, receipt = make_report()
    open_report(client, receipt.code, receipt.key)
    monkeypatch.setattr(reports, "add_information", database_gone)
    response = client.post("/report/status/add", data={"text": "又看到了他们在卸货"})
    assert response.status_code == 503
    assert "没有保存" in response.get_data(True) and "又看到了他们在卸货" in response.get_data(True)


@pytest.mark.parametrize("path", ["/report", "/report/status/add"])
def test_a_body_cut_off_in_transport_ends_on_a_page_saying_nothing_was_stored(
    client, monkeypatch, path
):
    def cut_off(*_args, **_kwargs):
        raise ClientDisconnected()

    _, receipt = make_report()
    open_report(client, receipt.code, receipt.key)
    monkeypatch.setattr("werkzeug.formparser.MultiPartParser.parse", cut_off)
    data = report_form(photos=[(io.BytesIO(b"x" * 1000), "a.jpg")])
    response = client.post(path, data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(True)
    assert "没有保存" in page and "重新" in page
    assert count_rows(Report) == 1  # only the report opened above
