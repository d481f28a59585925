"""Large photos reach the database one statement each: MariaDB's packet limit is per statement."""

import io
import logging
import os

import pytest
import sqlalchemy as sa
from factories import count_rows, report_form
from PIL import Image
from sqlalchemy import event
from werkzeug.test import EnvironBuilder

from workshop_credit.core import database
from workshop_credit.extensions import db
from workshop_credit.models import Report, ReportPhoto

pytestmark = pytest.mark.schema  # run on MariaDB too, where the packet limit bites


def noise_png(megabytes: float) -> bytes:
    """A PNG of random pixels (which do not compress) of about ``megabytes``."""
    side = int((megabytes * 1024 * 1024 / 3) ** 0.5)
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, "PNG")
    return out.getvalue()


def post_report(client, photos):
    """Post the report form with ``photos``, closing the body the test client spools to disk."""
    environ = EnvironBuilder(path="/report", method="POST", data=report_form(photos=photos))
    environ = environ.get_environ()
    try:
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()


@pytest.fixture
def photo_inserts(app):
    """Each INSERT into report_photos: how many rows it carried."""
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO REPORT_PHOTOS"):
            rows = parameters if isinstance(parameters, (list, tuple)) else [parameters]
            many = executemany and rows and isinstance(rows[0], (tuple, list, dict))
            seen.append(len(parameters) if many else 1)

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def packet_limit() -> int | None:
    """MariaDB's max_allowed_packet, or None on databases without one."""
    if db.engine.dialect.name != "mysql":
        return None
    return int(db.session.scalar(sa.text("SELECT @@global.max_allowed_packet")))


def test_a_report_with_a_photo_of_nearly_10_mb_is_stored_or_plainly_refused(client):
    photo = noise_png(9.8)
    assert 9.5 * 1024 * 1024 < len(photo) <= 10 * 1024 * 1024
    limit = packet_limit()
    response = post_report(client, [(io.BytesIO(photo), "大.png")])
    if limit is None or limit >= database.PHOTO_PACKET_BYTES:
        assert response.status_code == 303
        stored = db.session.scalar(sa.select(ReportPhoto))
        assert len(stored.image) > 9 * 1024 * 1024 and count_rows(Report) == 1
    else:  # a server left at MariaDB's default of 16 MB: the README says to raise it
        assert response.status_code == 503
        assert "您的举报没有保存" in response.get_data(True)
        assert count_rows(Report) == 0


def test_three_large_photos_go_in_three_statements(client, photo_inserts):
    photos = [(io.BytesIO(noise_png(4.7)), f"{n}.png") for n in range(3)]
    assert post_report(client, photos).status_code == 303
    assert photo_inserts == [1, 1, 1]
    assert count_rows(ReportPhoto) == 3


def test_a_packet_limit_too_small_for_photos_is_logged_at_start(app, caplog, monkeypatch):
    monkeypatch.setattr(database, "PHOTO_PACKET_BYTES", 2**40)
    with caplog.at_level(logging.WARNING):
        database.check_packet_size(db.engine, logging.getLogger("workshop_credit"))
    warned = any("max_allowed_packet" in r.getMessage() for r in caplog.records)
    assert warned == (db.engine.dialect.name == "mysql")  # a MariaDB setting only
