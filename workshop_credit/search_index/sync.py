"""Bring this node's index up to date from the database's outbox, and rebuild it.

Outbox ids are handed out when a transaction writes its row but become visible when it
commits, so a later id can be seen before an earlier one. The state therefore keeps,
besides the highest id applied (the watermark), the ids below it not yet seen ("gaps"),
and asks for them again until they appear or are older than ``GAP_TIMEOUT`` (a rolled
back transaction leaves a gap for ever). Applying a change re-reads the record, so
applying one twice, or out of order, gives the same index.

The state also keeps the time of the outbox row at the watermark, as the database told it.
Every round reads that row again with the others: when it is gone or different, the
database is not the one the index followed (restored from a backup, or another database
altogether), changes may have been given ids the node already passed, and the index is
rebuilt rather than silently left wrong.
"""

import time
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from workshop_credit.extensions import db
from workshop_credit.models import SearchChange, utcnow
from workshop_credit.search_index import bulk, documents, store

GAP_TIMEOUT = 600  # seconds
GAP_WINDOW = 1000  # ids below the newest that may still belong to open transactions
FETCH = 5000


class Diverged(Exception):
    """The database's outbox no longer holds the row the index's watermark names."""


def _fetch(state):
    """Outbox rows above the watermark or in the gaps, oldest first; raise Diverged when
    the row at the watermark is not the one the index saw (it comes in the same query)."""
    gaps = [int(i) for i in state["gaps"]]
    where = SearchChange.id >= state["watermark"]
    if gaps:
        where = sa.or_(where, SearchChange.id.in_(gaps))
    stmt = (
        sa.select(SearchChange.id, SearchChange.entity, SearchChange.entity_id,
                  SearchChange.created_at)
        .where(where)
        .order_by(SearchChange.id)
        .limit(FETCH + 1)
    )  # fmt: skip
    rows = db.session.execute(stmt).all()
    if state["watermark"]:
        at_mark = [r for r in rows if r.id == state["watermark"]]
        if not at_mark or _mark(at_mark[0]) != state.get("mark", _mark(at_mark[0])):
            raise Diverged
        rows.remove(at_mark[0])
    return rows[:FETCH]


def _mark(row):
    """What identifies an outbox row across a backup and restore: its time, as text."""
    return row.created_at.isoformat() if row is not None else None


def diverged(folder) -> bool:
    """Whether the index in ``folder`` followed another state of the database."""
    try:
        _fetch({**store.read_state(folder), "gaps": {}})
    except Diverged:
        return True
    finally:
        db.session.rollback()
    return False


def _advance(state, rows, now):
    """The state after seeing ``rows``: new watermark and its mark, gaps opened, filled or
    expired."""
    seen_ids = [r.id for r in rows]
    gaps = {int(i): t for i, t in state["gaps"].items() if now - t < GAP_TIMEOUT}
    old, top = state["watermark"], max(seen_ids, default=state["watermark"])
    for missing in range(max(old + 1, top - GAP_WINDOW), top):
        gaps.setdefault(missing, now)
    for seen in seen_ids:
        gaps.pop(seen, None)
    mark = _mark(next(r for r in rows if r.id == top)) if top > old else state.get("mark")
    return {"watermark": max(old, top), "mark": mark,
            "gaps": {str(i): t for i, t in gaps.items()}}  # fmt: skip


def apply_changes(folder, state=None):
    """Apply every pending outbox row to the index in ``folder``; return how many."""
    ix = store.open_folder(folder)
    state = state or store.read_state(folder)
    applied = 0
    while True:
        rows = _fetch(state)
        if rows:
            _write(ix, {r.entity_id for r in rows if r.entity == "workshop"},
                   {r.entity_id for r in rows if r.entity == "listing"})  # fmt: skip
        state = _advance(state, rows, time.time())
        applied += len(rows)
        if len(rows) < FETCH:
            break
    state["synced_at"] = time.time()
    store.write_state(folder, state)
    db.session.rollback()  # end the read transaction: the next sync must see new commits
    return applied


def _write(ix, workshop_ids, listing_ids):
    docs, gone = documents.documents_for(workshop_ids, listing_ids)
    with store.writer(ix, timeout=10.0) as writer:
        for key in gone:
            writer.delete_by_term("key", key)
        for doc in docs:
            writer.update_document(**doc)


def sync(root, wait=False, build_missing=True):
    """Apply pending changes under the node lock; None when another process holds it."""
    lock = store.lock(root)
    try:
        lock.acquire(timeout=60 if wait else 0)
    except TimeoutError:
        return None
    try:
        folder = store.live_folder(root)
        if folder is None:
            return rebuild(root, locked=True) if build_missing else None
        try:
            return apply_changes(folder)
        except Diverged:
            db.session.rollback()
            if not build_missing:
                raise store.IndexUnavailable("diverged") from None
            current_app.logger.warning("search index follows another database state: rebuilding")
            return rebuild(root, locked=True)
    finally:
        lock.release()


def rebuild(root, progress=None, locked=False, procs=1):
    """Build a new generation from the database, catch up, make it live; return its size.

    With ``procs`` above 1, that many processes read and write the documents (``bulk``).
    Only the command line asks for it: a web worker's sync thread must not fork, nor take
    that much memory.
    """
    start = _starting_state()
    folder = store.new_generation(root)
    written = bulk.build(store.open_folder(folder), procs=procs, progress=progress)
    lock = store.lock(root)
    if not locked:
        lock.acquire(timeout=120)
    try:
        apply_changes(folder, start)
        store.make_live(root, folder)
    finally:
        if not locked:
            lock.release()
    return written


def _starting_state():
    """The outbox position a rebuild starts from: changes after it are applied on top."""
    top = db.session.scalar(sa.select(sa.func.max(SearchChange.id))) or 0
    recent = sa.select(SearchChange.id, SearchChange.created_at).where(
        SearchChange.id > top - GAP_WINDOW
    )
    rows, now = db.session.execute(recent).all(), time.time()
    seen = {r.id for r in rows}
    gaps = {str(i): now for i in range(max(1, top - GAP_WINDOW), top) if i not in seen}
    mark = _mark(next((r for r in rows if r.id == top), None))
    return {"watermark": top, "mark": mark, "gaps": gaps}


def lag(folder) -> dict:
    """How far ``folder`` is behind the database: pending changes and the oldest one's age."""
    state = store.read_state(folder)
    pending = sa.select(sa.func.count(), sa.func.min(SearchChange.created_at)).where(
        SearchChange.id > state["watermark"]
    )
    count, oldest = db.session.execute(pending).one()
    seconds = (utcnow() - oldest) / timedelta(seconds=1) if oldest else 0.0
    return {"pending": count, "seconds": max(seconds, 0.0), "synced_at": state.get("synced_at"),
            "watermark": state["watermark"], "diverged": diverged(folder)}  # fmt: skip
