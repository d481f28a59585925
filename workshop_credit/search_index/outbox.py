"""The one place that notices changes: a session hook writing the search outbox.

Every flush that touches a workshop (or a record of its file that its search document
shows, ``file_records.SEARCHED_RECORDS``) or a listing adds one
``search_changes`` row per record inside the same transaction, so a change that is
committed is always announced, and a change rolled back never is. No service can
forget to do it. Bulk Core inserts bypass the ORM: the import calls ``announce`` for its
new rows; after ``seed-demo`` the index is rebuilt with ``flask search-index rebuild``
(``make run`` does both).
"""

import sqlalchemy as sa

from workshop_credit.extensions import db
from workshop_credit.models import Listing, SearchChange, Workshop
from workshop_credit.workshops.file_records import SEARCHED_RECORDS

_PENDING = "search_outbox_pending"
_listeners = []


def on_commit(callback) -> None:
    """Call ``callback()`` after each commit that announced a change (to wake the sync)."""
    if callback not in _listeners:
        _listeners.append(callback)


def _changed(session):
    """(entity, id) pairs of the records this flush wrote."""
    found = set()
    dirty = session.dirty  # a new set on every access: read it once, not once per object
    for obj in (*session.new, *dirty, *session.deleted):
        if obj in dirty and not session.is_modified(obj):
            continue
        if isinstance(obj, Workshop):
            found.add(("workshop", obj.id))
        elif isinstance(obj, SEARCHED_RECORDS) and obj.workshop_id is not None:
            found.add(("workshop", obj.workshop_id))
        elif isinstance(obj, Listing):
            found.add(("listing", obj.id))
    return found


def prune(before) -> int:
    """Delete the rows written before ``before``, except the newest; return how many.

    A node whose watermark row is pruned has been away that long: it notices that the row
    is gone (``sync.Diverged``) and rebuilds, so no change is lost to the pruning. The
    newest row stays, so that an index that is up to date keeps its watermark.
    """
    table = SearchChange.__table__
    newest = db.session.scalar(sa.select(sa.func.max(table.c.id)))
    if newest is None:
        return 0
    doomed = sa.delete(table).where(table.c.created_at < before, table.c.id < newest)
    return db.session.execute(doomed).rowcount


def announce(session, entity: str, ids) -> None:
    """Write outbox rows for records inserted with Core statements, which the hook cannot see."""
    rows = [{"entity": entity, "entity_id": i} for i in sorted(set(ids))]
    if rows:
        session.execute(sa.insert(SearchChange.__table__), rows)
        session.info[_PENDING] = True


def write_outbox(session, _context):
    """Session hook (after flush): one outbox row per searchable record the flush wrote."""
    changed = _changed(session)
    if not changed:
        return
    rows = [{"entity": e, "entity_id": i} for e, i in sorted(changed)]
    # The connection, not the session: a session call here would try to flush again.
    session.connection().execute(sa.insert(SearchChange.__table__), rows)
    session.info[_PENDING] = True


def wake_after_commit(session):
    """Session hook (after commit): wake the sync when the transaction announced a change."""
    if session.info.pop(_PENDING, False):
        for callback in _listeners:
            callback()


def forget_announced(session):
    """Session hook (after rollback): nothing rolled back is announced."""
    session.info.pop(_PENDING, False)
