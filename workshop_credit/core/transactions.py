"""The services' one transaction: everything a write does is committed, or none of it."""

from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError

from workshop_credit.extensions import db
from workshop_credit.models import RecordInvalid


@contextmanager
def unit_of_work(on_integrity_error):
    """Commit what the block writes, or roll all of it back.

    A refusal (``RecordInvalid``) is raised again; a broken unique or foreign key is raised
    as the ``RecordInvalid`` that ``on_integrity_error(error)`` words for the person.
    """
    try:
        yield
        db.session.commit()
    except RecordInvalid:
        db.session.rollback()
        raise
    except IntegrityError as error:
        db.session.rollback()
        raise on_integrity_error(error) from error
