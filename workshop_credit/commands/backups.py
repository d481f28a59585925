"""``flask backup``: the whole database in one file, photos included, with the tools of
each database (the search index is not backed up: a node rebuilds it from the database).

Restoring is the database's own business (see the README's runbook): copy the SQLite file
back, ``pg_restore`` a PostgreSQL dump into a new database, or feed a MariaDB dump to
``mariadb``. A node pointed at a restored database notices and rebuilds its index.
"""

import os
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine, make_url

SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".pgdump", "mysql": ".sql"}


def default_path(folder: str, engine: Engine) -> Path:
    """A dated file name in ``folder`` for a backup of ``engine``'s database."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(folder) / f"workshop-credit-{stamp}{SUFFIXES[engine.dialect.name]}"


def backup(engine: Engine, out: Path) -> Path:
    """Write a consistent copy of ``engine``'s database to ``out``; return ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    url = make_url(engine.url)
    if engine.dialect.name == "sqlite":
        _sqlite(url.database, out)
    elif engine.dialect.name == "postgresql":
        libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(out), "--dbname", libpq])
    else:
        _run(
            ["mariadb-dump", "--single-transaction", "--hex-blob", "--routines",
             "--default-character-set=utf8mb4", f"--host={url.host or 'localhost'}",
             f"--port={url.port or 3306}", f"--user={url.username}",
             f"--result-file={out}", url.database],
            password=url.password,
        )  # fmt: skip
    os.chmod(out, 0o600)  # tip-offs and reporters' identities are inside
    return out


def _sqlite(database: str, out: Path) -> None:
    """SQLite's online backup: a consistent copy while the site keeps writing."""
    source, target = sqlite3.connect(database), sqlite3.connect(out)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _run(command, password=None):
    env = {**os.environ, **({"MYSQL_PWD": password} if password else {})}
    # The command is a fixed list; only the configured database's address goes into it.
    subprocess.run(command, check=True, env=env, capture_output=True, text=True)  # noqa: S603


def prune(folder: str, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest backups in ``folder``; return the deleted ones."""
    found = sorted(Path(folder).glob("workshop-credit-*"), key=lambda p: p.stat().st_mtime)
    doomed = found[:-keep] if keep else []
    for path in doomed:
        path.unlink()
    return doomed
