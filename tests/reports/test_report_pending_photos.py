"""Photos accepted with a form that had another error are kept for the corrected form."""

import io
import re
from datetime import timedelta

import sqlalchemy as sa
from factories import count_rows, jpeg_bytes, make_report, report_form
from test_report_filing import errors
from test_report_status import open_report

from workshop_credit.extensions import db
from workshop_credit.models import PendingPhoto, Report, ReportPhoto, utcnow
from workshop_credit.reports import access as report_access

THUMBNAIL = re.compile(r'<img[^>]+src="data:image/jpeg;base64,[^"]+"')
REMOVE = re.compile(r'name="remove_photo" value="(\d+)"')


def with_photo(**fields):
    """Report form data with one photo attached."""
    return report_form(photos=[(io.BytesIO(jpeg_bytes((640, 480))), "现场.jpg")], **fields)


def test_a_photo_sent_with_an_error_is_kept_and_filed_with_the_corrected_form(client):
    data = with_photo(description="太短了")
    refused = client.post("/report", data=data)
    assert refused.status_code == 200 and any("20 到 5000" in e for e in errors(refused))
    page = refused.get_data(True)
    assert THUMBNAIL.search(page) and REMOVE.search(page) and "不必重新选择" in page
    assert count_rows(Report) == 0 and count_rows(PendingPhoto) == 1
    corrected = report_form(submission_token=data["submission_token"])
    assert client.post("/report", data=corrected).status_code == 303
    report = db.session.scalar(sa.select(Report))
    assert len(report.photos) == 1 and report.photos[0].width == 640
    assert count_rows(PendingPhoto) == 0


def test_a_kept_photo_can_be_removed_before_sending(client):
    data = with_photo(description="太短了")
    page = client.post("/report", data=data).get_data(True)
    (photo_id,) = REMOVE.findall(page)
    after = client.post(
        "/report",
        data={
            **report_form(),
            "remove_photo": photo_id,
            "submission_token": data["submission_token"],
        },
    )
    assert after.status_code == 200 and not THUMBNAIL.search(after.get_data(True))
    assert count_rows(PendingPhoto) == 0 and count_rows(Report) == 0
    client.post("/report", data=report_form(submission_token=data["submission_token"]))
    assert count_rows(Report) == 1 and count_rows(ReportPhoto) == 0


def test_kept_photos_belong_to_their_form_only(client):
    client.post("/report", data=with_photo(description="太短了"))
    assert client.post("/report", data=report_form()).status_code == 303
    assert (
        count_rows(Report) == 1 and count_rows(ReportPhoto) == 0 and count_rows(PendingPhoto) == 1
    )


def test_kept_photos_expire_and_are_purged(client):
    data = with_photo(description="太短了")
    client.post("/report", data=data)
    db.session.execute(sa.update(PendingPhoto).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert report_access.purge_expired() == 1
    client.post("/report", data=report_form(submission_token=data["submission_token"]))
    assert count_rows(Report) == 1 and count_rows(ReportPhoto) == 0


def test_kept_photos_count_towards_the_limit_of_five(client):
    data = with_photo(description="太短了")
    client.post("/report", data=data)
    six = [(io.BytesIO(jpeg_bytes()), f"{n}.jpg") for n in range(5)]
    refused = client.post("/report", data={**data, "photos": six})
    assert any("最多上传 5 张" in e for e in errors(refused)), errors(refused)


def test_a_follow_up_photo_is_kept_when_the_text_is_too_long(client):
    report, receipt = make_report()
    open_report(client, receipt.code, receipt.key)
    token = "follow-up-token-abcdefghijklmnopqrstuvwxyz"
    photo = [(io.BytesIO(jpeg_bytes((320, 240))), "补充.jpg")]
    refused = client.post(
        "/report/status/add",
        data={"text": "长" * 5001, "photos": photo, "submission_token": token},
    )
    assert refused.status_code == 200 and THUMBNAIL.search(refused.get_data(True))
    sent = client.post("/report/status/add", data={"text": "又看到了", "submission_token": token})
    assert sent.status_code == 303
    db.session.expire_all()
    assert len(db.session.get(Report, report.id).photos) == 1 and count_rows(PendingPhoto) == 0
