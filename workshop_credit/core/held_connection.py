"""A DB-API connection held by each thread, for the one small query every page visit runs.

A cached landing page still asks the database for the workshop's file version. Checking a
pooled connection out and back in (the reset, the events, the bookkeeping) cost more than
the query itself. A connection that its thread keeps skips both; in exchange:

* it runs in autocommit, so each query's read ends with the query, as the pool's reset
  ended it: no SQLite snapshot or PostgreSQL transaction stays open between visits;
* it is closed when its engine is disposed, as the pool's connections are, so that a
  database can be dropped or a test's file removed;
* it is closed when its thread ends, so a threaded server (one thread per request) does
  not leave connections open behind it;
* a connection inherited from a parent process is left alone (closing it would end the
  parent's session too), and one that failed is dropped and opened afresh, once.
"""

import os
import threading
import weakref

import sqlalchemy as sa


class _Held:
    """One thread's connection, with the lock its engine's disposal takes to close it."""

    __slots__ = ("__weakref__", "connection", "lock", "pid")

    def __init__(self, connection):
        self.connection, self.lock, self.pid = connection, threading.Lock(), os.getpid()

    def close(self):
        with self.lock:
            if self.connection is not None:
                self.connection.close()
                self.connection = None

    def __del__(self):
        # The thread ended (a threaded server runs each request on a thread of its own):
        # its connection goes with it, closed rather than left open until collected. One
        # opened by a parent process stays open: closing it would end the parent's session.
        if self.connection is not None and self.pid == os.getpid():
            self.connection.close()


class HeldConnections:
    """The connections held for one engine, one per thread."""

    def __init__(self, engine):
        self.engine = weakref.ref(engine)
        self.local = threading.local()
        self.every = weakref.WeakSet()  # a thread's end drops (and closes) its connection
        self.inherited = []  # a parent process's, kept unclosed until this process ends

    def first_row(self, sql, parameters):
        """The first row ``sql`` returns, or None."""
        held = getattr(self.local, "held", None)
        if held is None or held.pid != os.getpid() or held.connection is None:
            held = self._open(held)
        try:
            return _run(held, sql, parameters)
        except self.engine().dialect.loaded_dbapi.Error:
            # The server may have dropped the connection (a restart): one fresh try.
            held.close()
            return _run(self._open(None), sql, parameters)

    def _open(self, stale):
        if stale is not None and stale.pid != os.getpid():
            self.inherited.append(stale)
        engine = self.engine()
        pooled = engine.raw_connection()  # the engine's connect events (SQLite's pragmas) run
        pooled.detach()  # outside the pool: it takes none of the pool's places
        connection = pooled.dbapi_connection
        engine.dialect.set_isolation_level(connection, "AUTOCOMMIT")
        held = self.local.held = _Held(connection)
        self.every.add(held)
        return held

    def close_all(self):
        """Close every thread's connection (the engine is being disposed)."""
        for held in list(self.every):
            if held.pid == os.getpid():
                held.close()


def _run(held, sql, parameters):
    with held.lock:
        cursor = held.connection.cursor()
        try:
            cursor.execute(sql, parameters)
            rows = cursor.fetchall()  # read to the end: SQLite's statement is reset
        finally:
            cursor.close()
    return rows[0] if rows else None


_BY_ENGINE = weakref.WeakKeyDictionary()
_REGISTERING = threading.Lock()


def held_connections(engine) -> HeldConnections:
    """The connections held for ``engine``, closed when it is disposed."""
    try:
        return _BY_ENGINE[engine]
    except KeyError:
        pass
    with _REGISTERING:
        if engine not in _BY_ENGINE:
            held = _BY_ENGINE[engine] = HeldConnections(engine)
            sa.event.listen(engine, "engine_disposed", lambda _engine: held.close_all())
        return _BY_ENGINE[engine]
