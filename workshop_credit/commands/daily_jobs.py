"""The daily jobs, run once a day across all nodes: ``flask daily`` from a timer at 00:05:
re-grading, pruning the search outbox, purging expired receipts and kept photos.

Every node's timer may fire; the first to claim the day (a unique row in ``daily_runs``)
runs the jobs, the others find the day taken. A claim left by a node that died while
running is taken over after ``STALE_CLAIM``.
"""

import json
import socket
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from workshop_credit import search_index
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import DailyRun, utcnow
from workshop_credit.reports import access as report_access
from workshop_credit.workshops import file_versions as grades

STALE_CLAIM = timedelta(hours=1)


def _regrade(today):
    return grades.refresh_all(today)


def _prune_search_outbox(today):
    days = current_app.config["SEARCH_OUTBOX_KEEP_DAYS"]
    return search_index.prune_outbox(utcnow() - timedelta(days=days))


def _purge_tip_off_leftovers(_today):
    return report_access.purge_expired()


# (name, job): each job takes the day and returns a count for the summary.
JOBS = [
    ("regraded", _regrade),
    ("outbox_pruned", _prune_search_outbox),
    ("expired_receipts_and_photos_purged", _purge_tip_off_leftovers),
]


def node_name() -> str:
    """This node's name in the runs and the logs: ``NODE_NAME``, else the host name."""
    return current_app.config.get("NODE_NAME") or socket.gethostname()


def run(today=None) -> DailyRun | None:
    """Run today's jobs unless another node has claimed the day; None when it has."""
    today = today or local_today()
    claim = _claim(today, node_name())
    if claim is None:
        return None
    results = {name: job(today) for name, job in JOBS}
    claim.finished_at = utcnow()
    claim.summary = json.dumps(results)
    db.session.commit()
    return claim


def _claim(today, node) -> DailyRun | None:
    """The day's run, claimed for ``node``; None when another node holds a fresh claim."""
    db.session.add(DailyRun(day=today, node=node))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
    else:
        return db.session.scalar(sa.select(DailyRun).where(DailyRun.day == today))
    taken = db.session.scalar(sa.select(DailyRun).where(DailyRun.day == today))
    if taken.finished_at is not None or utcnow() - taken.started_at < STALE_CLAIM:
        return None
    # Taken over only if nobody else took it over meanwhile: the old start time is the key.
    moved = db.session.execute(
        sa.update(DailyRun)
        .where(DailyRun.id == taken.id, DailyRun.started_at == taken.started_at)
        .values(node=node, started_at=utcnow())
    )
    db.session.commit()
    return db.session.get(DailyRun, taken.id, populate_existing=True) if moved.rowcount else None


def last_run() -> DailyRun | None:
    """The latest day whose jobs finished."""
    return db.session.scalar(
        sa.select(DailyRun).where(DailyRun.finished_at.is_not(None)).order_by(DailyRun.day.desc())
    )


def claimed(day) -> DailyRun | None:
    """The run of ``day``, finished or not."""
    return db.session.scalar(sa.select(DailyRun).where(DailyRun.day == day))
