"""The one place that notices changes: a session hook writing the search outbox.

Every flush that touches a workshop (or its certificates) or a listing adds one
``search_changes`` row per record inside the same transaction, so a change that is
committed is always announced, and a change rolled back never is. No service can
forget to do it. Bulk Core inserts bypass the ORM: the import calls ``announce`` for its
new rows, and ``seed-demo`` rebuilds the index after its own.
"""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workshop_credit.extensions import db
from workshop_credit.models import Listing, Registration, SearchChange, Workshop

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
        elif isinstance(obj, Registration) and obj.workshop_id is not None:
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


@sa.event.listens_for(Session, "after_flush")
def _write_outbox(session, _context):
    changed = _changed(session)
    if not changed:
        return
    rows = [{"entity": e, "entity_id": i} for e, i in sorted(changed)]
    # The connection, not the session: a session call here would try to flush again.
    session.connection().execute(sa.insert(SearchChange.__table__), rows)
    session.info[_PENDING] = True


@sa.event.listens_for(Session, "after_commit")
def _announce(session):
    if session.info.pop(_PENDING, False):
        for callback in _listeners:
            callback()


@sa.event.listens_for(Session, "after_rollback")
def _forget(session):
    session.info.pop(_PENDING, False)
