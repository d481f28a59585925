"""Engine set-up that depends on the database in use."""

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.routing import IntegerConverter, UnicodeConverter

MAX_ID = 2**31 - 1
"""The largest id of a record: an ``INTEGER`` column holds no more on any supported database."""


class RecordIdConverter(IntegerConverter):
    """``<int:...>`` in URLs names a record, so a number beyond any id is simply not found.

    Without the bound, SQLite cannot even bind such a number and the page would fail.
    """

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


class TextSegmentConverter(UnicodeConverter):
    """A text part of a URL (a workshop's code, a figure's key) holds no control character.

    No record is named with one, and PostgreSQL refuses a NUL in a query outright: such a
    URL matches no route and is simply not found.
    """

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", r"[^/\x00-\x1f\x7f-\x9f]", 1)


def configure_engine(engine: Engine, busy_timeout_ms: int) -> None:
    """Open SQLite in WAL mode with foreign keys and a busy timeout; leave others alone."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()


# One photo is inserted per statement: a 10 MB upload re-encoded, escaped, with its row.
PHOTO_PACKET_BYTES = 32 * 1024 * 1024


def check_packet_size(engine: Engine, logger) -> None:
    """On MariaDB, log when ``max_allowed_packet`` is too small for a photo's statement."""
    if engine.dialect.name != "mysql":
        return
    try:
        with engine.connect() as conn:
            size = conn.execute(text("SELECT @@global.max_allowed_packet")).scalar_one()
    except SQLAlchemyError:
        logger.warning("could not read max_allowed_packet: the database did not answer")
        return
    if int(size) < PHOTO_PACKET_BYTES:
        logger.warning(
            "MariaDB max_allowed_packet is %d bytes; report photos need at least %d"
            " (set max_allowed_packet = 64M in the server's configuration)",
            int(size),
            PHOTO_PACKET_BYTES,
        )


def normalize_database_url(url: str) -> str:
    """Choose the installed drivers and utf8mb4 for URLs written without them."""
    for prefix, replacement in (
        ("postgres://", "postgresql+psycopg://"),
        ("postgresql://", "postgresql+psycopg://"),
        ("mysql://", "mysql+pymysql://"),
        ("mariadb://", "mysql+pymysql://"),
        ("mariadb+pymysql://", "mysql+pymysql://"),
    ):
        if url.startswith(prefix):
            url = replacement + url[len(prefix) :]
            break
    if url.startswith("mysql") and "charset=" not in url:
        url += ("&" if "?" in url else "?") + "charset=utf8mb4"
    return url
