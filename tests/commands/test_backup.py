"""``flask backup`` and the README's restore: pages, photos and search come back."""

import sqlalchemy as sa
from factories import jpeg_bytes, make_report, make_workshop, restore_backup

from workshop_credit import search_index
from workshop_credit.extensions import db
from workshop_credit.models import ReportPhoto, Workshop
from workshop_credit.reports.photos import clean_photo


def test_a_backup_restored_into_a_new_database_serves_pages_photos_and_search(
    app, runner, app_factory, database_url, tmp_path
):
    workshop = make_workshop("峡江县老王米粉加工坊")
    photo = clean_photo(jpeg_bytes((640, 480)))
    make_report(workshop=workshop, photos=[photo])
    search_index.rebuild()
    out = tmp_path / "backups" / "tonight.dump"
    result = runner.invoke(args=["backup", "--out", str(out)])
    assert result.exit_code == 0 and "已备份数据库" in result.output, result.output
    assert out.stat().st_mode & 0o077 == 0  # reporters' identities are inside
    # Life goes on after the backup, and the node's index follows it...
    workshop.name = "峡江县巴邱米粉坊"
    db.session.commit()
    search_index.sync_now()
    # ...until the database is restored from the backup into a new one.
    restored = app_factory(SQLALCHEMY_DATABASE_URI=restore_backup(out, database_url, tmp_path))
    with restored.app_context():
        assert db.session.scalar(sa.select(Workshop.name)) == "峡江县老王米粉加工坊"
        assert db.session.scalar(sa.select(ReportPhoto.image)) == photo.data
        assert search_index.sync_now(wait=True) == 1  # it noticed, and rebuilt
        assert search_index.query("老王").total == 1 and search_index.query("巴邱").total == 0
        page = restored.test_client().get(f"/w/{workshop.public_code}")
        assert "老王米粉加工坊" in page.get_data(as_text=True)


def test_a_backup_that_cannot_be_written_says_so_and_leaves_nothing(app, runner, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    result = runner.invoke(args=["backup", "--out", str(blocked / "inside.dump")])
    assert result.exit_code != 0 and "备份失败" in result.output
    assert not (blocked / "inside.dump").exists()
