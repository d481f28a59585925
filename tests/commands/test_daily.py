"""``flask daily``: the daily jobs run once a day, whichever nodes' timers fire."""

import io
from datetime import timedelta

import sqlalchemy as sa
from factories import add_records, jpeg_bytes, make_workshop, penalty, report_form

from workshop_credit import search_index
from workshop_credit.commands import daily_jobs as daily
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import DailyRun, PendingPhoto, SearchChange, Workshop, utcnow
from workshop_credit.workshops import file_versions as grades


def test_the_jobs_run_once_a_day_whichever_node_starts_them(app, app_factory, runner):
    other = app_factory(NODE_NAME="node-2")
    app.config["NODE_NAME"] = "node-1"
    first = runner.invoke(args=["daily"])
    assert first.exit_code == 0 and "已完成（节点 node-1）" in first.output
    second = other.test_cli_runner().invoke(args=["daily"])
    assert second.exit_code == 0 and "已由节点 node-1 认领（已完成）" in second.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DailyRun)) == 1


def test_a_claim_left_by_a_node_that_died_is_taken_over_after_an_hour(app):
    today = local_today()
    app.config["NODE_NAME"] = "node-1"
    db.session.add(DailyRun(day=today, node="node-2", started_at=utcnow() - timedelta(minutes=5)))
    db.session.commit()
    assert daily.run(today) is None  # node-2 may still be running them
    db.session.execute(
        sa.update(DailyRun).values(started_at=utcnow() - daily.STALE_CLAIM - timedelta(minutes=1))
    )
    db.session.commit()
    run = daily.run(today)
    assert run.node == "node-1" and run.finished_at is not None
    assert daily.last_run().day == today


def test_the_grade_follows_the_calendar_once_the_jobs_ran(app):
    workshop = make_workshop("峡江县老王米粉加工坊")
    add_records(workshop, penalty(100, public_days=120))
    graded = workshop.grade
    later = local_today() + timedelta(days=30)  # the penalty's publicity period has ended
    daily.run(later)
    assert db.session.get(Workshop, workshop.id, populate_existing=True).grade < graded


def test_the_search_outbox_is_pruned_and_a_node_left_behind_rebuilds(app):
    search_index.rebuild()
    make_workshop("峡江县老王米粉加工坊")
    search_index.sync_now()
    behind = search_index.status()["watermark"]
    for name in ("峡江县巴邱米粉坊", "遂川县刘记豆皮作坊"):
        make_workshop(name)
    week_ago = utcnow() - timedelta(days=app.config["SEARCH_OUTBOX_KEEP_DAYS"] + 1)
    db.session.execute(sa.update(SearchChange).values(created_at=week_ago))
    db.session.commit()
    newest = db.session.scalar(sa.select(sa.func.max(SearchChange.id)))
    run = daily.run(local_today())
    assert '"outbox_pruned": ' in run.summary
    assert db.session.scalars(sa.select(SearchChange.id)).all() == [newest]
    # This node had not applied the pruned changes: it notices and rebuilds.
    assert search_index.status()["watermark"] == behind
    assert search_index.sync_now(wait=True) == 3
    assert search_index.query("豆皮").total == 1


def test_a_worker_leaves_the_regrading_to_the_daily_jobs_once_they_ran(app, monkeypatch):
    today = local_today()
    daily.run(today)
    app.extensions["graded_on"] = today - timedelta(days=1)  # a worker started yesterday
    regraded = []
    monkeypatch.setattr(grades, "refresh_all", regraded.append)
    grades.ensure_current(app, today)
    assert regraded == [] and app.extensions["graded_on"] == today


def test_kept_photos_and_receipts_past_their_time_are_purged(app, client):
    data = report_form(description="太短了")
    files = {"photos": (io.BytesIO(jpeg_bytes()), "a.jpg")}
    client.post("/report", data={**data, **files}, content_type="multipart/form-data")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PendingPhoto)) == 1
    db.session.execute(sa.update(PendingPhoto).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    run = daily.run(local_today())
    assert '"expired_receipts_and_photos_purged": 1' in run.summary
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PendingPhoto)) == 0
