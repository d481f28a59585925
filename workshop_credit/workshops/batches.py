"""Many records at once, for loads too large for the unit of work, under the same rules.

Every row passes the checks a flush applies (``Model.check_values``: the column validators
and the model's ``check``), and every workshop takes its status from its latest certificate
(``STATUS_OF_CERTIFICATE``, as ``sync_status`` does); then each table gets one INSERT.
The caller chooses the ids, so that records can point to each other before they are
written, and gives a workshop and its certificates in the same call. Core statements
bypass the session hooks: the caller re-grades (``grades.refresh_all``) and rebuilds the
search index afterwards, as ``seed-demo`` and ``make run`` do.
"""

from collections import Counter

import sqlalchemy as sa

from workshop_credit.extensions import db
from workshop_credit.models import RecordInvalid, Registration, Workshop
from workshop_credit.workshops.operations import STATUS_OF_CERTIFICATE


def insert_checked(rows_by_table: dict, order) -> Counter:
    """Check and insert the rows of each model (or table) in ``order``; count them."""
    sync_statuses(rows_by_table.get(Workshop, ()), rows_by_table.get(Registration, ()))
    for model, rows in rows_by_table.items():
        if hasattr(model, "check_values"):
            check_rows(model, rows)
    counts = Counter()
    for model in order:
        rows = rows_by_table.get(model)
        if rows:
            db.session.execute(sa.insert(getattr(model, "__table__", model)), rows)
            counts[model] += len(rows)
    return counts


def check_rows(model, rows) -> None:
    """Raise ``RecordInvalid`` for the first row that a flush would refuse, saying which."""
    for row in rows:
        try:
            model.check_values(row)
        except RecordInvalid as error:
            where = f"{model.__tablename__} #{row.get('id', '?')}"
            raise RecordInvalid(f"{where}：{error}", error.field) from error


def sync_statuses(workshops, registrations) -> None:
    """Set each workshop's status from its latest certificate, the rule of ``sync_status``."""
    latest = {}
    for row in registrations:
        known = latest.get(row["workshop_id"])
        if known is None or (row["issued_on"], row["id"]) > (known["issued_on"], known["id"]):
            latest[row["workshop_id"]] = row
    for row in workshops:
        certificate = latest.get(row["id"])
        if certificate is not None:
            row["status"] = STATUS_OF_CERTIFICATE[certificate["status"]]


def advance_sequences(models) -> None:
    """PostgreSQL's serial sequences do not see explicit ids: move them past the new rows."""
    if db.engine.dialect.name != "postgresql":
        return
    for model in models:
        sequence = sa.func.pg_get_serial_sequence(model.__tablename__, "id")
        last = sa.select(sa.func.max(model.id)).scalar_subquery()
        db.session.execute(sa.select(sa.func.setval(sequence, last)))
