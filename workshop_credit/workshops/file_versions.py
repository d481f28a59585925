"""Keep each workshop's file version and stored grade in step with its records.

Two session hooks see every change made through the ORM, whoever makes it: a change to
any record of a workshop's file raises the workshop's ``file_version`` (the public page's
cache and ETag key on it, so no stale page is ever served), and the commit re-grades the
workshops it touched. Code that writes with Core statements instead calls ``files_changed``.
``refresh_all`` grades every workshop with a few aggregate queries (demo data, a daily run,
since records leave the three-year window and penalties their publicity as days pass).
"""

import threading
from itertools import chain

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    DailyRun,
    FailedItem,
    Sampling,
    Workshop,
)
from workshop_credit.search_index import outbox
from workshop_credit.workshops import grading
from workshop_credit.workshops.file_records import FILE_RECORDS

TOUCHED = "workshop_credit.touched_workshops"
# What the grade rule reads of a workshop: its categories and the collections it counts.
_GRADE_OPTIONS = [selectinload(Workshop.categories)] + [
    selectinload(getattr(Workshop, name))
    for name in dict.fromkeys(c.collection for c in grading.COUNTS)
]


def _owner_id(session, obj):
    """The id of the workshop whose file ``obj`` belongs to, if any."""
    if isinstance(obj, FailedItem):
        obj = obj.sampling or session.get(Sampling, obj.sampling_id)
        if obj is None:
            return None
    if isinstance(obj, Workshop):
        return obj.id
    if isinstance(obj, FILE_RECORDS):
        workshop = getattr(obj, "workshop", None)
        return obj.workshop_id or (workshop.id if workshop is not None else None)
    return None


def _linked_files(obj):
    """The files a workshop's change of successor shows on: the new and the former successor."""
    if not isinstance(obj, Workshop):
        return ()
    history = sa.inspect(obj).attrs.successor_id.history
    return (*history.added, *history.deleted)


def bump_changed_files(session, _context, _instances):
    """Session hook (before flush): raise the file version of every workshop whose file changed."""
    dirty = session.dirty  # a new set on every access: read it once, not once per object
    changed = chain(dirty, session.deleted, session.new)
    bumped = set()
    with session.no_autoflush:
        for obj in changed:
            if obj in dirty and not session.is_modified(obj):
                continue
            for workshop_id in (_owner_id(session, obj), *_linked_files(obj)):
                if workshop_id is None or workshop_id in bumped:
                    continue
                workshop = session.get(Workshop, workshop_id)
                if workshop is not None and workshop not in session.deleted:
                    workshop.file_version = Workshop.file_version + 1
                    bumped.add(workshop_id)
    session.info.setdefault(TOUCHED, set()).update(bumped)


def note_new_workshops(session, _context):
    """Session hook (after flush): new workshops are graded at commit too."""
    new = {obj.id for obj in session.new if isinstance(obj, Workshop)}
    session.info.setdefault(TOUCHED, set()).update(new)


def regrade_touched(session):
    """Session hook (before commit): re-grade the workshops this transaction touched."""
    session.flush()
    ids = session.info.pop(TOUCHED, None)
    if ids:
        regrade(ids, session)


def forget_touched(session):
    """Session hook (after commit or rollback): start the next transaction afresh."""
    session.info.pop(TOUCHED, None)


def files_changed(workshop_ids, session=None) -> None:
    """Raise the file version of workshops changed by Core statements, and re-grade them."""
    session = session or db.session
    ids = list(workshop_ids)
    session.execute(
        sa.update(Workshop)
        .where(Workshop.id.in_(ids))
        .values(file_version=Workshop.file_version + 1)
        .execution_options(synchronize_session=False)
    )
    regrade(ids, session)


def regrade(workshop_ids, session=None, today=None) -> None:
    """Store the grade of each workshop in ``workshop_ids`` as of ``today``."""
    session = session or db.session
    today = today or local_today()
    workshops = session.scalars(
        sa.select(Workshop)
        .where(Workshop.id.in_(list(workshop_ids)))
        .options(*_GRADE_OPTIONS)
        # Collections loaded earlier in this session may still hold records just deleted.
        .execution_options(populate_existing=True)
    )
    for workshop in workshops:
        verdict = grading.grade(grading.facts_for(workshop, today))
        letter, reason = (verdict.letter, verdict.reason) if verdict else (None, "")
        if (workshop.grade, workshop.grade_reason) != (letter, reason):
            workshop.grade, workshop.grade_reason = letter, reason


def refresh_all(today=None) -> int:
    """Grade every workshop as of ``today`` with aggregate queries; return how many changed."""
    today = today or local_today()
    facts = grading.all_facts(db.session, today)
    rows = []
    for workshop_id, status, old, old_reason, updated_at in db.session.execute(
        sa.select(
            Workshop.id, Workshop.status, Workshop.grade, Workshop.grade_reason, Workshop.updated_at
        )
    ):
        verdict = grading.grade(grading.GradeFacts(status=status, **facts[workshop_id]))
        letter, reason = (verdict.letter, verdict.reason) if verdict else (None, "")
        if (old, old_reason) != (letter, reason):
            # The stored grade follows the records; it is not a change of the file itself.
            rows.append(
                {
                    "b_id": workshop_id,
                    "grade": letter,
                    "grade_reason": reason,
                    "updated_at": updated_at,
                }
            )
    if rows:
        table = Workshop.__table__
        db.session.execute(table.update().where(table.c.id == sa.bindparam("b_id")), rows)
        # Search results show the grade: a Core update is not seen by the outbox's hook.
        outbox.announce(db.session, "workshop", [row["b_id"] for row in rows])
    db.session.commit()
    return len(rows)


_current_lock = threading.Lock()


def ensure_current(app, today=None) -> None:
    """Re-grade every workshop on this process's first public request after midnight.

    Records leave the three-year window and penalties their publicity as days pass, without
    any change to the file. The daily ``flask refresh-grades`` catches that; this makes sure
    that a long-running worker never shows the directory, CSV, search or API a grade other
    than the landing page's (computed as of today) when the scheduled run is late or missed.
    A process trusts the stored grades on the day it starts, so that starting costs nothing,
    and once the day's ``flask daily`` has run, since that re-graded every workshop.
    """
    today = today or local_today()
    if app.extensions.setdefault("graded_on", today) == today:
        return
    with _current_lock:
        if app.extensions["graded_on"] != today:
            if not _daily_run_finished(today):
                refresh_all(today)
            app.extensions["graded_on"] = today


def _daily_run_finished(today) -> bool:
    ran = sa.select(DailyRun.id).where(DailyRun.day == today, DailyRun.finished_at.is_not(None))
    return db.session.scalar(ran) is not None
