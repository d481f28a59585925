"""The index follows the database: every change, across processes and nodes."""

import os
import shutil
import subprocess
import sys
import textwrap
import time

import sqlalchemy as sa
from factories import make_titled_listing, make_workshop

from workshop_credit import search_index
from workshop_credit.extensions import db
from workshop_credit.models import ListingStatus, SearchChange, Workshop, utcnow


def found(text):
    """(kind, id) pairs that a search for ``text`` finds."""
    return list(search_index.query(text).items)


def test_every_change_to_a_workshop_is_announced_in_its_own_transaction(app):
    workshop = make_workshop("峡江县老王米粉加工坊")
    created = db.session.scalars(sa.select(SearchChange.entity_id)).all()
    workshop.name = "峡江县王记米粉加工坊"
    db.session.commit()
    renamed = db.session.scalars(sa.select(SearchChange.entity_id)).all()
    workshop.operator = "被放弃的修改"
    db.session.flush()
    db.session.rollback()
    rows = db.session.scalars(sa.select(SearchChange.entity_id)).all()
    assert created and len(renamed) > len(created)
    assert rows == renamed and set(rows) == {workshop.id}


def test_creates_updates_and_deletes_reach_the_index(app):
    search_index.rebuild()
    workshop = make_workshop("峡江县老王米粉加工坊", products="峡江米粉")
    assert found("老王米粉") == [("workshop", workshop.id)]
    assert found("巴邱") == []
    workshop.name = "峡江县巴邱米粉坊"
    db.session.commit()
    assert found("老王") == []
    # Asked again after the change: the answer remembered before it must not be reused.
    assert found("巴邱") == [("workshop", workshop.id)]
    db.session.delete(workshop)
    db.session.commit()
    assert found("巴邱") == []


def test_a_new_certificate_number_is_found_and_a_withdrawn_listing_is_not(app):
    search_index.rebuild()
    workshop = make_workshop("遂川县刘记豆皮作坊", district_name="遂川县")
    number = workshop.registrations[0].number
    assert found(number) == [("workshop", workshop.id)]
    listing = make_titled_listing("遂川县刘记豆皮作坊获评诚信典型", workshop=workshop)
    assert ("listing", listing.id) in found("诚信典型")
    listing.status = ListingStatus.WITHDRAWN
    listing.withdrawn_at = utcnow()
    listing.withdrawal_reason = "信息有误"
    db.session.commit()
    assert found("诚信典型") == []


def test_an_edit_through_one_instance_is_found_through_another(app, app_factory, tmp_path):
    search_index.rebuild()
    other = app_factory(SEARCH_INDEX_DIR=str(tmp_path / "node-b"))
    with other.app_context():
        search_index.rebuild()
    workshop = make_workshop("永新县禾川谷烧酒坊", district_name="永新县")
    workshop.products = "井冈山红米酒"
    db.session.commit()
    expected = [("workshop", workshop.id)]
    with other.app_context():
        assert found("红米酒") == expected
        assert search_index.status()["folder"].startswith(str(tmp_path / "node-b"))
    assert found("红米酒") == expected


WORKER = textwrap.dedent(
    """
    import itertools, sys
    sys.path.insert(0, {tests!r})
    import factories
    from factories import make_workshop
    from workshop_credit import create_app, search_index
    from workshop_credit.config import TestingConfig

    factories._serial = itertools.count(1000 * ({worker} + 1))  # unique numbers per process
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI={url!r}, SEARCH_INDEX_DIR={root!r})
    with app.app_context():
        for i in range({count}):
            make_workshop(f"并发测试作坊{worker}号{{i}}", operator="并发")
            search_index.sync_now()  # skips when another process holds the lock
        search_index.sync_now(wait=True)
    """
)


def test_several_processes_writing_at_once_lose_nothing(app, database_url, tmp_path):
    root = str(tmp_path / "search-index")
    search_index.rebuild()
    tests = os.path.dirname(os.path.dirname(__file__))  # where factories.py is
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER.format(tests=tests, url=str(database_url), root=root, count=8, worker=n),
            ],
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for n in range(4)
    ]
    errors = [w.communicate(timeout=300)[1] for w in workers]
    assert [w.returncode for w in workers] == [0, 0, 0, 0], errors
    assert not any("LockError" in e for e in errors)
    info = search_index.status()
    assert (info["documents"], info["pending"]) == (32, 0)
    names = db.session.scalars(sa.select(Workshop.name)).all()
    assert len(names) == 32
    assert len(search_index.query("并发测试作坊", per_page=50).items) == 32


def test_the_sync_thread_applies_changes_without_the_writer_waiting(app, app_factory, tmp_path):
    node = app_factory(SEARCH_INDEX_DIR=str(tmp_path / "threaded"), SEARCH_SYNC_INTERVAL=0.2)
    node.test_client().get("/search?q=米粉")  # a first request starts the worker's thread
    try:
        # Read the id here: touching the expired object inside the other app's context
        # would make this app's session borrow a connection from that app's pool.
        workshop_id = make_workshop("泰和县老胡腊味坊", district_name="泰和县").id
        with node.app_context():
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not _found_quietly("老胡"):
                time.sleep(0.1)
            assert _found_quietly("老胡") == [("workshop", workshop_id)]
    finally:
        with node.app_context():
            search_index.stop()


def _found_quietly(text):
    try:
        return found(text)
    except search_index.IndexUnavailable:
        return []


def test_deleting_the_index_folder_while_serving_never_gives_an_error(app, client):
    search_index.rebuild()
    make_workshop("峡江县老王米粉加工坊", products="峡江米粉")
    assert "老王" in client.get("/search?q=老王").get_data(as_text=True)
    shutil.rmtree(app.config["SEARCH_INDEX_DIR"])
    fallback = client.get("/search?q=老王")
    assert fallback.status_code == 200 and "老王" in fallback.get_data(as_text=True)
    search_index.rebuild()
    workshop = db.session.scalars(sa.select(Workshop)).one()
    workshop.name = "峡江县巴邱米粉坊"
    db.session.commit()
    # The searcher closed when the folder went must never be used (or closed) again.
    assert found("巴邱") == [("workshop", workshop.id)]
    assert client.get("/search?q=巴邱").status_code == 200


def _restore_outbox_to(watermark):
    """What a restored backup looks like to a node: the outbox ends below its watermark."""
    db.session.execute(sa.delete(SearchChange).where(SearchChange.id > watermark))
    db.session.commit()


def test_a_restored_database_is_noticed_and_the_index_rebuilt(app, runner):
    kept = make_workshop("峡江县老王米粉加工坊")
    search_index.rebuild()
    backup_mark = db.session.scalar(sa.select(sa.func.max(SearchChange.id)))
    lost = make_workshop("遂川县刘记豆皮作坊", district_name="遂川县")
    search_index.sync_now()
    assert found("豆皮") == [("workshop", lost.id)]
    # The database goes back to the backup: the later workshop and its outbox rows are gone.
    db.session.delete(lost)
    db.session.flush()
    _restore_outbox_to(backup_mark)
    status = runner.invoke(args=["search-index", "status"]).output
    assert "与数据库不一致" in status and "重建" in status
    assert search_index.sync_now(wait=True) == 1  # rebuilt: one document
    assert found("豆皮") == []
    kept.name = "峡江县巴邱米粉坊"
    db.session.commit()
    assert found("巴邱") == [("workshop", kept.id)]  # later edits reach the index again
    assert "与数据库不一致" not in runner.invoke(args=["search-index", "status"]).output


def test_the_sync_thread_logs_an_outage_once_and_its_end_once(app, monkeypatch, caplog):
    down = sa.exc.OperationalError("SELECT 1", {}, Exception("connection refused"))
    outcomes = [down] * 6 + [0, 0]

    def flaky_sync(root, **_options):
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr(search_index.sync, "sync", flaky_sync)
    node = app.extensions["search_index"]
    for _ in range(8):
        node.run_once()
    messages = [r.getMessage() for r in caplog.records if r.name == app.logger.name]
    assert len(messages) == 2, messages
    assert "connection refused" in messages[0] and "recovered" in messages[1]
