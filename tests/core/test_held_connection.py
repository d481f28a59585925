"""The landing page's held connections: one per thread, closed when the thread ends."""

import gc
import threading

from workshop_credit.core.held_connection import held_connections
from workshop_credit.extensions import db


def is_closed(connection):
    try:
        connection.cursor().execute("SELECT 1")
    except Exception:
        return True
    return False


def test_a_threads_connection_is_closed_when_the_thread_ends(app):
    # A threaded server (the development server, a test's live server) runs each request
    # on a thread of its own: its connection must not outlive it, open, until collected.
    held, opened = held_connections(db.engine), []

    def visit():
        assert held.first_row("SELECT 1", ()) == (1,)
        opened.append(held.local.held.connection)

    thread = threading.Thread(target=visit)
    thread.start()
    thread.join()
    gc.collect()
    assert opened and is_closed(opened[0])
